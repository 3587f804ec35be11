/* Travel matrices: straight-line ones, the CSV and JSON files users bring
 * (for example exported from OSRM), and the binary cache. */
#include "matrix.h"
#include "roadnet.h"
#include "careroute.h"
#include "core/error.h"
#include "io/io.h"
#include "io/json_read.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

cr_geo_matrix *cr_geo_matrix_new(uint32_t n)
{
    cr_geo_table *t = cr_geo_table_new(n, n);
    if (!t)
        return NULL;
    cr_geo_matrix *m = g_new0(cr_geo_matrix, 1);
    m->n = n;
    m->ids = g_new0(char *, n + 1);
    m->lon = g_new(double, n ? n : 1);
    m->lat = g_new(double, n ? n : 1);
    m->t = t;
    for (uint32_t i = 0; i < n; i++)
        m->lon[i] = m->lat[i] = NAN;
    return m;
}

void cr_geo_matrix_no_memory(GError **err, const char *what, uint32_t n)
{
    double gb = (double)n * n * (sizeof(uint32_t) + sizeof(float)) / 1e9;
    g_set_error(err, CR_ERROR, CR_ERR_NO_MEMORY, "%s: a %u x %u matrix needs %.1f GB of memory, more than is free",
                what, n, n, gb);
}

void cr_geo_matrix_free(cr_geo_matrix *m)
{
    if (!m)
        return;
    g_strfreev(m->ids);
    g_free(m->lon);
    g_free(m->lat);
    cr_geo_table_free(m->t);
    g_free(m);
}

cr_geo_matrix *cr_geo_matrix_straight(uint32_t n, const char *const *ids, const double *lon,
                                      const double *lat, double detour, double kmh)
{
    cr_geo_matrix *m = cr_geo_matrix_new(n);
    if (!m)
        return NULL;
    for (uint32_t i = 0; i < n; i++) {
        m->ids[i] = g_strdup(ids[i]);
        m->lon[i] = lon[i];
        m->lat[i] = lat[i];
    }
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < n; j++) {
            double d = cr_geo_haversine_m(lat[i], lon[i], lat[j], lon[j]) * detour;
            m->t->metres[(size_t)i * n + j] = (float)d;
            m->t->ms[(size_t)i * n + j] = (uint32_t)(d / (kmh / 3.6) * 1000 + 0.5);
        }
    m->has_metres = true;
    return m;
}

/* ---- CSV ---- */

static void csv_cell(GString *s, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL) {
        g_string_append(s, text);
        return;
    }
    g_string_append_c(s, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            g_string_append_c(s, '"');
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '"');
}

bool cr_geo_matrix_write_csv(const cr_geo_matrix *m, const char *path, GError **err)
{
    GString *s = g_string_new("id");
    for (uint32_t j = 0; j < m->n; j++) {
        g_string_append_c(s, ',');
        csv_cell(s, m->ids[j]);
    }
    g_string_append_c(s, '\n');
    for (uint32_t i = 0; i < m->n; i++) {
        csv_cell(s, m->ids[i]);
        for (uint32_t j = 0; j < m->n; j++) {
            uint32_t ms = m->t->ms[(size_t)i * m->n + j];
            if (ms == CR_GEO_UNREACHABLE)
                g_string_append(s, ",-1");
            else
                g_string_append_printf(s, ",%.1f", ms / 1000.0);
        }
        g_string_append_c(s, '\n');
    }
    bool ok = cr_io_write_atomic(path, s->str, s->len, err);
    g_string_free(s, TRUE);
    return ok;
}

/* Split one CSV line into cells (quotes as RFC 4180, no embedded newlines). */
static GPtrArray *csv_split(const char *line, bool *ok)
{
    GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
    GString *cell = g_string_new(NULL);
    const char *p = line;
    *ok = true;
    while (true) {
        g_string_truncate(cell, 0);
        if (*p == '"') {
            p++;
            while (*p && !(*p == '"' && p[1] != '"')) {
                if (*p == '"')
                    p++;
                g_string_append_c(cell, *p++);
            }
            if (*p != '"')
                *ok = false;
            else
                p++;
        } else {
            while (*p && *p != ',')
                g_string_append_c(cell, *p++);
        }
        g_ptr_array_add(cells, g_strstrip(g_strdup(cell->str)));
        if (*p != ',')
            break;
        p++;
    }
    if (*p)
        *ok = false;
    g_string_free(cell, TRUE);
    return cells;
}

/* Seconds (at most about 49 days) to whole milliseconds; -1 = unreachable. */
static bool parse_seconds(const char *text, uint32_t *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end || errno || !isfinite(v) || (v < 0 && v != -1) || v > 4e6)
        return false;
    *out = v < 0 ? CR_GEO_UNREACHABLE : (uint32_t)(v * 1000 + 0.5);
    return true;
}

static cr_geo_matrix *read_csv(const char *data, const char *path, GError **err)
{
    gchar **lines = g_strsplit(data, "\n", -1);
    guint n_lines = g_strv_length(lines);
    while (n_lines > 0 && g_strstrip(lines[n_lines - 1])[0] == '\0')
        n_lines--;
    cr_geo_matrix *m = NULL;
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    bool *seen = NULL;
    bool ok;
    GPtrArray *head = n_lines ? csv_split(g_strstrip(lines[0]), &ok) : NULL;
    if (head && !ok) {
        g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s:1: unbalanced quotes", path);
        goto out;
    }
    if (!head || head->len < 2) {
        g_set_error(err, CR_ERROR, CR_ERR_PARSE,
                    "%s:1: expected a header: id, then one column per point id", path);
        goto out;
    }
    uint32_t n = head->len - 1;
    /* the rows are counted before the n x n matrix is made for them */
    if (n_lines - 1 != n) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                    "%s: expected %u rows after the header (one per point), found %u", path, n, n_lines - 1);
        goto out;
    }
    m = cr_geo_matrix_new(n);
    if (!m) {
        cr_geo_matrix_no_memory(err, path, n);
        goto out;
    }
    seen = g_new0(bool, n);
    for (uint32_t j = 0; j < n; j++) {
        const char *id = head->pdata[j + 1];
        if (!*id || g_hash_table_contains(index, id)) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s:1: column %u: %s point id \"%.40s\"",
                        path, j + 2, *id ? "duplicate" : "empty", id);
            goto fail;
        }
        m->ids[j] = g_strdup(id);
        g_hash_table_insert(index, m->ids[j], GUINT_TO_POINTER(j + 1));
    }
    for (uint32_t r = 1; r < n_lines; r++) {
        GPtrArray *row = csv_split(g_strstrip(lines[r]), &ok);
        guint i = row->len ? GPOINTER_TO_UINT(g_hash_table_lookup(index, row->pdata[0])) : 0;
        if (!ok || row->len != n + 1 || i == 0 || seen[i - 1]) {
            if (!ok)
                g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s:%u: unbalanced quotes", path, r + 1);
            else if (row->len != n + 1)
                g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                            "%s:%u: expected the id and %u values, found %u cells", path, r + 1, n, row->len);
            else
                g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s:%u: row id \"%.40s\" is %s", path,
                            r + 1, (char *)row->pdata[0], i ? "repeated" : "not in the header");
            g_ptr_array_unref(row);
            goto fail;
        }
        seen[i - 1] = true;
        for (uint32_t j = 0; j < n; j++) {
            uint32_t v;
            if (!parse_seconds(row->pdata[j + 1], &v)) {
                g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                            "%s:%u: column %u: expected seconds (>= 0, or -1 for unreachable), found \"%.40s\"",
                            path, r + 1, j + 2, (char *)row->pdata[j + 1]);
                g_ptr_array_unref(row);
                goto fail;
            }
            m->t->ms[(size_t)(i - 1) * n + j] = v;
        }
        g_ptr_array_unref(row);
    }
    goto out;
fail:
    cr_geo_matrix_free(m);
    m = NULL;
out:
    if (head)
        g_ptr_array_unref(head);
    g_free(seen);
    g_hash_table_destroy(index);
    g_strfreev(lines);
    return m;
}

/* ---- JSON (OSRM table style) ---- */

/* Rows of numbers >= 0, null (or -1) for none; ms_out gets seconds as
 * milliseconds, metres_out gets metres. */
static bool json_rows(JsonNode *node, const char *path, const char *name, uint32_t n,
                      uint32_t *ms_out, float *metres_out, GError **err)
{
    if (!JSON_NODE_HOLDS_ARRAY(node) || json_array_get_length(json_node_get_array(node)) != n) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: $.%s: expected an array of %u rows", path, name, n);
        return false;
    }
    JsonArray *rows = json_node_get_array(node);
    for (uint32_t i = 0; i < n; i++) {
        JsonNode *rn = json_array_get_element(rows, i);
        if (!JSON_NODE_HOLDS_ARRAY(rn) || json_array_get_length(json_node_get_array(rn)) != n) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: $.%s[%u]: expected an array of %u numbers",
                        path, name, i, n);
            return false;
        }
        JsonArray *row = json_node_get_array(rn);
        for (uint32_t j = 0; j < n; j++) {
            JsonNode *v = json_array_get_element(row, j);
            double x = -1;
            if (JSON_NODE_HOLDS_NULL(v))
                x = -1;
            else if (JSON_NODE_HOLDS_VALUE(v) && json_node_get_value_type(v) != G_TYPE_STRING &&
                     json_node_get_value_type(v) != G_TYPE_BOOLEAN)
                x = json_node_get_double(v);
            else
                x = NAN;
            if (!(x >= 0 || x == -1) || !isfinite(x) || x > 4e6) {
                g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                            "%s: $.%s[%u][%u]: expected a number >= 0 (or null for unreachable)", path, name, i, j);
                return false;
            }
            if (ms_out)
                ms_out[(size_t)i * n + j] = x < 0 ? CR_GEO_UNREACHABLE : (uint32_t)(x * 1000 + 0.5);
            else
                metres_out[(size_t)i * n + j] = (float)x;
        }
    }
    return true;
}

static cr_geo_matrix *read_json(const char *data, size_t len, const char *path, GError **err)
{
    /* the scenario reader's parser: it checks UTF-8, depth and trailing text too */
    cr_jr j = {path, err};
    JsonNode *root = cr_jr_parse(&j, data, len);
    if (!root)
        return NULL;
    cr_geo_matrix *m = NULL;
    JsonObject *o = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
    JsonNode *ids = o ? json_object_get_member(o, "ids") : NULL;
    JsonNode *dur = o ? json_object_get_member(o, "durations") : NULL;
    if (!ids || !JSON_NODE_HOLDS_ARRAY(ids) || !dur) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                    "%s: expected an object with \"ids\" (array of strings) and \"durations\" (rows of seconds)", path);
        goto out;
    }
    JsonArray *ia = json_node_get_array(ids);
    uint32_t n = json_array_get_length(ia);
    /* the rows are counted before the n x n matrix is made for them */
    if (!JSON_NODE_HOLDS_ARRAY(dur) || json_array_get_length(json_node_get_array(dur)) != n) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: $.durations: expected an array of %u rows", path, n);
        goto out;
    }
    m = cr_geo_matrix_new(n);
    if (!m) {
        cr_geo_matrix_no_memory(err, path, n);
        goto out;
    }
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (uint32_t i = 0; i < n; i++) {
        JsonNode *e = json_array_get_element(ia, i);
        const char *s = JSON_NODE_HOLDS_VALUE(e) && json_node_get_value_type(e) == G_TYPE_STRING
                            ? json_node_get_string(e) : NULL;
        if (!s || !*s || g_hash_table_contains(seen, s)) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: $.ids[%u]: expected a unique, non-empty string",
                        path, i);
            g_hash_table_destroy(seen);
            goto fail;
        }
        m->ids[i] = g_strdup(s);
        g_hash_table_add(seen, m->ids[i]);
    }
    g_hash_table_destroy(seen);
    if (!json_rows(dur, path, "durations", n, m->t->ms, NULL, err))
        goto fail;
    JsonNode *dist = json_object_get_member(o, "distances");
    if (dist && !json_rows(dist, path, "distances", n, NULL, m->t->metres, err))
        goto fail;
    m->has_metres = dist != NULL;
    goto out;
fail:
    cr_geo_matrix_free(m);
    m = NULL;
out:
    json_node_unref(root);
    return m;
}

cr_geo_matrix *cr_geo_matrix_read_file(const char *path, GError **err)
{
    size_t len;
    char *data = cr_io_read_file(path, &len, err);
    if (!data)
        return NULL;
    cr_geo_matrix *m = NULL;
    if (memchr(data, '\0', len))
        g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s: binary data where a CSV or JSON matrix was expected", path);
    else {
        const char *p = data;
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        m = *p == '{' ? read_json(data, len, path, err) : read_csv(data, path, err);
    }
    g_free(data);
    return m;
}

/* ---- binary cache ---- */

#define CACHE_MAGIC "CRMX"
#define CACHE_VERSION 2u
#define CACHE_ENDIAN 0x01020304u

static void put_u32(GByteArray *b, uint32_t v)
{
    g_byte_array_append(b, (const guint8 *)&v, 4);
}

bool cr_geo_matrix_save_cache(const cr_geo_matrix *m, const char *key, const char *path, GError **err)
{
    GByteArray *b = g_byte_array_new();
    size_t cells = (size_t)m->n * m->n;
    g_byte_array_append(b, (const guint8 *)CACHE_MAGIC, 4);
    put_u32(b, CACHE_VERSION);
    put_u32(b, CACHE_ENDIAN);
    put_u32(b, (uint32_t)strlen(key));
    g_byte_array_append(b, (const guint8 *)key, (guint)strlen(key));
    put_u32(b, m->n);
    for (uint32_t i = 0; i < m->n; i++) {
        put_u32(b, (uint32_t)strlen(m->ids[i]));
        g_byte_array_append(b, (const guint8 *)m->ids[i], (guint)strlen(m->ids[i]));
    }
    g_byte_array_append(b, (const guint8 *)m->lon, (guint)(sizeof(double) * m->n));
    g_byte_array_append(b, (const guint8 *)m->lat, (guint)(sizeof(double) * m->n));
    put_u32(b, m->has_metres);
    g_byte_array_append(b, (const guint8 *)m->t->ms, (guint)(sizeof(uint32_t) * cells));
    g_byte_array_append(b, (const guint8 *)m->t->metres, (guint)(sizeof(float) * cells));
    bool ok = cr_io_write_atomic(path, (const char *)b->data, b->len, err);
    g_byte_array_free(b, TRUE);
    return ok;
}

typedef struct {
    const guint8 *p, *end;
} reader;

static bool take(reader *r, void *out, size_t len)
{
    if ((size_t)(r->end - r->p) < len)
        return false;
    memcpy(out, r->p, len);
    r->p += len;
    return true;
}

cr_geo_matrix *cr_geo_matrix_load_cache(const char *key, const char *path, GError **err)
{
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return NULL;
    size_t len;
    char *data = cr_io_read_file(path, &len, err);
    if (!data)
        return NULL;
    reader r = {(const guint8 *)data, (const guint8 *)data + len};
    char magic[4];
    uint32_t version, endian, key_len, n;
    cr_geo_matrix *m = NULL;
    if (!take(&r, magic, 4) || memcmp(magic, CACHE_MAGIC, 4) != 0 || !take(&r, &version, 4) ||
        version != CACHE_VERSION || !take(&r, &endian, 4) || endian != CACHE_ENDIAN ||
        !take(&r, &key_len, 4) || key_len > len) {
        g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s: not a careroute matrix cache (version %u)", path,
                    CACHE_VERSION);
        goto out;
    }
    if (key_len != strlen(key) || (size_t)(r.end - r.p) < key_len || memcmp(r.p, key, key_len) != 0)
        goto out; /* made for another map, profile or point set */
    r.p += key_len;
    if (!take(&r, &n, 4) || (uint64_t)n * n * 8 + (uint64_t)n * 20 > len) {
        g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s: truncated matrix cache", path);
        goto out;
    }
    m = cr_geo_matrix_new(n);
    if (!m) {
        cr_geo_matrix_no_memory(err, path, n);
        goto out;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t l;
        if (!take(&r, &l, 4) || l > (size_t)(r.end - r.p)) {
            g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s: truncated matrix cache", path);
            goto fail;
        }
        m->ids[i] = g_strndup((const char *)r.p, l);
        r.p += l;
    }
    size_t cells = (size_t)n * n;
    uint32_t has_metres = 0;
    if (!take(&r, m->lon, sizeof(double) * n) || !take(&r, m->lat, sizeof(double) * n) ||
        !take(&r, &has_metres, 4) || !take(&r, m->t->ms, sizeof(uint32_t) * cells) ||
        !take(&r, m->t->metres, sizeof(float) * cells) || r.p != r.end) {
        g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s: truncated or overlong matrix cache", path);
        goto fail;
    }
    m->has_metres = has_metres != 0;
    goto out;
fail:
    cr_geo_matrix_free(m);
    m = NULL;
out:
    g_free(data);
    return m;
}
