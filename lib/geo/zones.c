/* Zones from files (GeoJSON, Osmosis .poly), point-in-polygon, and the
 * GeoJSON form for writing. */
#include "zones.h"
#include "careroute.h"
#include "core/error.h"
#include "io/io.h"
#include "io/json_read.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void ring_clear(gpointer p)
{
    g_free(((cr_ring *)p)->lonlat);
}

static void zone_free(gpointer p)
{
    cr_zone *z = p;
    g_free(z->name);
    g_array_free(z->rings, TRUE);
    g_free(z);
}

cr_zone *cr_zone_new(const char *name)
{
    cr_zone *z = g_new0(cr_zone, 1);
    z->name = g_strdup(name);
    z->rings = g_array_new(FALSE, FALSE, sizeof(cr_ring));
    g_array_set_clear_func(z->rings, ring_clear);
    z->min_lon = z->min_lat = INFINITY;
    z->max_lon = z->max_lat = -INFINITY;
    z->hours = NAN;
    return z;
}

void cr_zone_add_ring(cr_zone *z, GArray *lonlat, uint32_t polygon)
{
    cr_ring r;
    r.polygon = polygon;
    r.n = lonlat->len / 2;
    r.lonlat = (double *)(void *)g_array_free(lonlat, FALSE);
    for (uint32_t i = 0; i < r.n; i++) {
        z->min_lon = fmin(z->min_lon, r.lonlat[2 * i]);
        z->max_lon = fmax(z->max_lon, r.lonlat[2 * i]);
        z->min_lat = fmin(z->min_lat, r.lonlat[2 * i + 1]);
        z->max_lat = fmax(z->max_lat, r.lonlat[2 * i + 1]);
    }
    g_array_append_val(z->rings, r);
}

cr_zone_set *cr_zone_set_new(void)
{
    cr_zone_set *z = g_new0(cr_zone_set, 1);
    z->zones = g_ptr_array_new_with_free_func(zone_free);
    return z;
}

void cr_zone_set_free(cr_zone_set *z)
{
    if (!z)
        return;
    g_ptr_array_unref(z->zones);
    g_free(z);
}

/* Even-odd crossing test over every ring: holes and multipolygons alike. */
static bool zone_contains(const cr_zone *z, double lon, double lat)
{
    if (lon < z->min_lon || lon > z->max_lon || lat < z->min_lat || lat > z->max_lat)
        return false;
    bool inside = false;
    for (guint r = 0; r < z->rings->len; r++) {
        const cr_ring *ring = &g_array_index(z->rings, cr_ring, r);
        for (uint32_t i = 0, j = ring->n - 1; i < ring->n; j = i++) {
            double xi = ring->lonlat[2 * i], yi = ring->lonlat[2 * i + 1];
            double xj = ring->lonlat[2 * j], yj = ring->lonlat[2 * j + 1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
                inside = !inside;
        }
    }
    return inside;
}

int64_t cr_zone_set_locate(const cr_zone_set *z, double lon, double lat)
{
    for (guint i = 0; i < z->zones->len; i++)
        if (zone_contains(z->zones->pdata[i], lon, lat))
            return i;
    return -1;
}

static bool name_taken(const cr_zone_set *z, const char *name)
{
    for (guint i = 0; i < z->zones->len; i++)
        if (strcmp(((cr_zone *)z->zones->pdata[i])->name, name) == 0)
            return true;
    return false;
}

/* ---- Osmosis .poly ---- */

static bool parse_coord(const char *line, double *lon, double *lat)
{
    char *end;
    *lon = strtod(line, &end);
    if (end == line)
        return false;
    const char *p = end;
    *lat = strtod(p, &end);
    if (end == p)
        return false;
    while (*end == ' ' || *end == '\t')
        end++;
    return *end == '\0' && *lon >= -180 && *lon <= 180 && *lat >= -90 && *lat <= 90;
}

static bool read_poly(cr_zone_set *set, const char *data, const char *path, GError **err)
{
    gchar **lines = g_strsplit(data, "\n", -1);
    guint n = g_strv_length(lines), i = 0;
    for (guint k = 0; k < n; k++)
        g_strstrip(lines[k]);
    bool ok = false;
    cr_zone *z = NULL;
    if (n == 0 || !*lines[0]) {
        g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s:1: expected the polygon's name", path);
        goto out;
    }
    z = cr_zone_new(lines[i++]);
    uint32_t polygon = 0;
    while (true) {
        if (i >= n) {
            g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s:%u: unexpected end of file: expected a ring name or END", path, i);
            goto out;
        }
        if (strcmp(lines[i], "END") == 0)
            break;
        if (!*lines[i]) {
            i++;
            continue;
        }
        bool hole = lines[i][0] == '!';
        guint ring_line = ++i;
        GArray *pts = g_array_new(FALSE, FALSE, sizeof(double));
        while (i < n && strcmp(lines[i], "END") != 0) {
            double ll[2];
            if (!*lines[i]) {
                i++;
                continue;
            }
            if (!parse_coord(lines[i], &ll[0], &ll[1])) {
                g_set_error(err, CR_ERROR, CR_ERR_PARSE,
                            "%s:%u: expected \"longitude latitude\" (degrees) or END, found \"%.40s\"", path, i + 1, lines[i]);
                g_array_free(pts, TRUE);
                goto out;
            }
            g_array_append_vals(pts, ll, 2);
            i++;
        }
        if (i >= n) {
            g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s:%u: ring not closed by END", path, ring_line);
            g_array_free(pts, TRUE);
            goto out;
        }
        if (pts->len < 6) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s:%u: a ring needs at least 3 points", path, ring_line);
            g_array_free(pts, TRUE);
            goto out;
        }
        if (!hole || z->rings->len == 0)
            polygon = z->rings->len ? polygon + 1 : 0;
        cr_zone_add_ring(z, pts, polygon);
        i++; /* the ring's END */
    }
    if (z->rings->len == 0) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: the polygon has no rings", path);
        goto out;
    }
    if (name_taken(set, z->name)) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: zone \"%.40s\" is already defined", path, z->name);
        goto out;
    }
    g_ptr_array_add(set->zones, z);
    z = NULL;
    ok = true;
out:
    if (z)
        zone_free(z);
    g_strfreev(lines);
    return ok;
}

/* ---- GeoJSON ---- */

static bool json_ring(cr_zone *z, JsonNode *node, uint32_t polygon, const char *path, const char *where,
                      GError **err)
{
    JsonArray *a = JSON_NODE_HOLDS_ARRAY(node) ? json_node_get_array(node) : NULL;
    if (!a || json_array_get_length(a) < 4) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                    "%s: %s: expected a linear ring (an array of at least 4 [lon, lat] positions)", path, where);
        return false;
    }
    GArray *pts = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonNode *p = json_array_get_element(a, i);
        JsonArray *pa = JSON_NODE_HOLDS_ARRAY(p) ? json_node_get_array(p) : NULL;
        double ll[2] = {NAN, NAN};
        for (int k = 0; pa && k < 2 && json_array_get_length(pa) >= 2; k++) {
            JsonNode *v = json_array_get_element(pa, k);
            if (JSON_NODE_HOLDS_VALUE(v) && (json_node_get_value_type(v) == G_TYPE_DOUBLE ||
                                             json_node_get_value_type(v) == G_TYPE_INT64))
                ll[k] = json_node_get_double(v);
        }
        if (!(ll[0] >= -180 && ll[0] <= 180 && ll[1] >= -90 && ll[1] <= 90)) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                        "%s: %s[%u]: expected a [longitude, latitude] position in degrees", path, where, i);
            g_array_free(pts, TRUE);
            return false;
        }
        g_array_append_vals(pts, ll, 2);
    }
    cr_zone_add_ring(z, pts, polygon);
    return true;
}

static bool json_polygon(cr_zone *z, JsonNode *node, uint32_t polygon, const char *path,
                         const char *where, GError **err)
{
    JsonArray *a = JSON_NODE_HOLDS_ARRAY(node) ? json_node_get_array(node) : NULL;
    if (!a || json_array_get_length(a) == 0) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: %s: expected an array of rings", path, where);
        return false;
    }
    for (guint r = 0; r < json_array_get_length(a); r++) {
        char *w = g_strdup_printf("%s[%u]", where, r);
        bool ok = json_ring(z, json_array_get_element(a, r), polygon, path, w, err);
        g_free(w);
        if (!ok)
            return false;
    }
    return true;
}

static bool json_geometry(cr_zone *z, JsonNode *node, const char *path, const char *where, GError **err)
{
    JsonObject *g = JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : NULL;
    const char *type = g && json_object_has_member(g, "type") ? json_object_get_string_member_with_default(g, "type", "") : "";
    JsonNode *coords = g && json_object_has_member(g, "coordinates") ? json_object_get_member(g, "coordinates") : NULL;
    char *w = g_strdup_printf("%s.coordinates", where);
    bool ok = false;
    if (strcmp(type, "Polygon") == 0 && coords)
        ok = json_polygon(z, coords, 0, path, w, err);
    else if (strcmp(type, "MultiPolygon") == 0 && coords && JSON_NODE_HOLDS_ARRAY(coords)) {
        JsonArray *a = json_node_get_array(coords);
        ok = json_array_get_length(a) > 0;
        for (guint p = 0; ok && p < json_array_get_length(a); p++) {
            char *wp = g_strdup_printf("%s[%u]", w, p);
            ok = json_polygon(z, json_array_get_element(a, p), p, path, wp, err);
            g_free(wp);
        }
        if (json_array_get_length(a) == 0)
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: %s: empty MultiPolygon", path, w);
    } else
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                    "%s: %s: expected a Polygon or MultiPolygon geometry with coordinates", path, where);
    g_free(w);
    return ok;
}

static char *feature_name(JsonObject *f, guint index)
{
    JsonNode *props = json_object_has_member(f, "properties") ? json_object_get_member(f, "properties") : NULL;
    if (props && JSON_NODE_HOLDS_OBJECT(props)) {
        JsonObject *p = json_node_get_object(props);
        const char *keys[] = {"name", "zone", "id"};
        for (int k = 0; k < 3; k++) {
            JsonNode *v = json_object_has_member(p, keys[k]) ? json_object_get_member(p, keys[k]) : NULL;
            if (v && JSON_NODE_HOLDS_VALUE(v) && json_node_get_value_type(v) == G_TYPE_STRING &&
                *json_node_get_string(v))
                return g_strdup(json_node_get_string(v));
        }
    }
    return g_strdup_printf("zone-%u", index + 1);
}

static bool read_geojson(cr_zone_set *set, const char *data, size_t len, const char *path, GError **err)
{
    /* the scenario reader's parser: it checks UTF-8, depth and trailing text too */
    cr_jr j = {path, err};
    JsonNode *root = cr_jr_parse(&j, data, len);
    if (!root)
        return false;
    bool ok = false;
    GPtrArray *added = g_ptr_array_new_with_free_func(zone_free);
    JsonObject *o = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
    const char *type = o ? json_object_get_string_member_with_default(o, "type", "") : "";
    if (strcmp(type, "FeatureCollection") == 0) {
        JsonNode *fs = json_object_get_member(o, "features");
        JsonArray *a = fs && JSON_NODE_HOLDS_ARRAY(fs) ? json_node_get_array(fs) : NULL;
        if (!a || json_array_get_length(a) == 0) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: $.features: expected a non-empty array of features", path);
            goto out;
        }
        for (guint i = 0; i < json_array_get_length(a); i++) {
            JsonNode *fn = json_array_get_element(a, i);
            JsonObject *f = JSON_NODE_HOLDS_OBJECT(fn) ? json_node_get_object(fn) : NULL;
            char *where = g_strdup_printf("$.features[%u].geometry", i);
            if (!f || !json_object_has_member(f, "geometry")) {
                g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: %s: missing", path, where);
                g_free(where);
                goto out;
            }
            char *name = feature_name(f, set->zones->len + i);
            cr_zone *z = cr_zone_new(name);
            g_free(name);
            g_ptr_array_add(added, z);
            bool good = json_geometry(z, json_object_get_member(f, "geometry"), path, where, err);
            g_free(where);
            if (!good)
                goto out;
        }
    } else if (strcmp(type, "Feature") == 0 || strcmp(type, "Polygon") == 0 || strcmp(type, "MultiPolygon") == 0) {
        bool feature = strcmp(type, "Feature") == 0;
        char *name = feature ? feature_name(o, set->zones->len) : g_strdup_printf("zone-%u", set->zones->len + 1);
        cr_zone *z = cr_zone_new(name);
        g_free(name);
        g_ptr_array_add(added, z);
        if (!json_geometry(z, feature ? json_object_get_member(o, "geometry") : root, path,
                           feature ? "$.geometry" : "$", err))
            goto out;
    } else {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                    "%s: $.type: expected \"FeatureCollection\", \"Feature\", \"Polygon\" or \"MultiPolygon\"", path);
        goto out;
    }
    for (guint i = 0; i < added->len; i++) {
        cr_zone *z = added->pdata[i];
        bool dup = name_taken(set, z->name);
        for (guint k = 0; k < i && !dup; k++)
            dup = strcmp(((cr_zone *)added->pdata[k])->name, z->name) == 0;
        if (dup) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: zone \"%.40s\" is defined twice", path, z->name);
            goto out;
        }
    }
    while (added->len)
        g_ptr_array_add(set->zones, g_ptr_array_steal_index(added, 0));
    ok = true;
out:
    g_ptr_array_unref(added);
    json_node_unref(root);
    return ok;
}

bool cr_zone_set_load(cr_zone_set *z, const char *path, GError **err)
{
    size_t len;
    char *data = cr_io_read_file(path, &len, err);
    if (!data)
        return false;
    bool ok;
    if (memchr(data, '\0', len)) {
        g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s: binary data where GeoJSON or a .poly file was expected", path);
        ok = false;
    } else {
        const char *p = data;
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        ok = *p == '{' ? read_geojson(z, data, len, path, err) : read_poly(z, data, path, err);
    }
    g_free(data);
    return ok;
}

char *cr_zone_set_geojson(const cr_zone_set *set)
{
    GString *s = g_string_new("{\"type\": \"FeatureCollection\", \"features\": [");
    for (guint i = 0; i < set->zones->len; i++) {
        const cr_zone *z = set->zones->pdata[i];
        char *name = g_strescape(z->name, NULL);
        g_string_append_printf(s, "%s\n {\"type\": \"Feature\", \"properties\": {\"name\": \"%s\"", i ? "," : "", name);
        g_free(name);
        if (!isnan(z->hours))
            g_string_append_printf(s, ", \"hours\": %.2f", z->hours);
        g_string_append(s, "}, \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": [");
        for (guint r = 0; r < z->rings->len; r++) {
            const cr_ring *ring = &g_array_index(z->rings, cr_ring, r);
            bool new_polygon = r == 0 || ring->polygon != g_array_index(z->rings, cr_ring, r - 1).polygon;
            if (new_polygon)
                g_string_append(s, r ? "], [[" : "[[");
            else
                g_string_append(s, ", [");
            for (uint32_t k = 0; k <= ring->n; k++) {
                uint32_t at = k % ring->n;
                if (k == ring->n && ring->lonlat[0] == ring->lonlat[2 * (ring->n - 1)] &&
                    ring->lonlat[1] == ring->lonlat[2 * ring->n - 1])
                    break; /* already closed */
                g_string_append_printf(s, "%s[%.7f, %.7f]", k ? ", " : "", ring->lonlat[2 * at], ring->lonlat[2 * at + 1]);
            }
            g_string_append_c(s, ']');
        }
        if (z->rings->len)
            g_string_append_c(s, ']');
        g_string_append(s, "]}}");
    }
    g_string_append(s, "\n]}\n");
    return g_string_free(s, FALSE);
}
