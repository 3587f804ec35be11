/* OpenStreetMap XML (.osm) through GLib's GMarkup: <node id lat lon>,
 * <way id> with <nd ref> and <tag k v>; everything else is skipped. Errors
 * name the file, line and column. */
#include "osm_sink.h"
#include "careroute.h"
#include "core/error.h"
#include "io/io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cr_osm_sink *sink;
    const char *path;
    bool in_way;
    GArray *refs;       /* int64 */
    GPtrArray *keys, *values;
} xml_ctx;

static const char *attr(const gchar **names, const gchar **values, const char *name)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], name) == 0)
            return values[i];
    return NULL;
}

static bool parse_i64(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (!s || end == s || *end || errno)
        return false;
    *out = v;
    return true;
}

static bool parse_f64(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = s ? g_ascii_strtod(s, &end) : 0;
    if (!s || end == s || *end || errno)
        return false;
    *out = v;
    return true;
}

static void fail_at(GMarkupParseContext *pc, xml_ctx *x, GError **err, const char *what)
{
    int line, col;
    g_markup_parse_context_get_position(pc, &line, &col);
    g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s:%d:%d: %s", x->path, line, col, what);
}

static void on_start(GMarkupParseContext *pc, const gchar *element, const gchar **names,
                     const gchar **values, gpointer user, GError **err)
{
    xml_ctx *x = user;
    if (strcmp(element, "node") == 0) {
        int64_t id;
        double lat, lon;
        if (!parse_i64(attr(names, values, "id"), &id) || !parse_f64(attr(names, values, "lat"), &lat) ||
            !parse_f64(attr(names, values, "lon"), &lon))
            fail_at(pc, x, err, "a node needs a whole-number id and numeric lat and lon");
        else if (!cr_osm_sink_node(x->sink, id, lat, lon)) {
            char *msg = g_strdup_printf("node %lld has coordinates outside the globe", (long long)id);
            fail_at(pc, x, err, msg);
            g_free(msg);
        }
    } else if (strcmp(element, "way") == 0) {
        x->in_way = true;
        g_array_set_size(x->refs, 0);
        g_ptr_array_set_size(x->keys, 0);
        g_ptr_array_set_size(x->values, 0);
    } else if (x->in_way && strcmp(element, "nd") == 0) {
        int64_t ref;
        if (!parse_i64(attr(names, values, "ref"), &ref))
            fail_at(pc, x, err, "a way's nd needs a whole-number ref");
        else
            g_array_append_val(x->refs, ref);
    } else if (x->in_way && strcmp(element, "tag") == 0) {
        const char *k = attr(names, values, "k"), *v = attr(names, values, "v");
        if (!k || !v)
            fail_at(pc, x, err, "a tag needs k and v");
        else {
            g_ptr_array_add(x->keys, g_strdup(k));
            g_ptr_array_add(x->values, g_strdup(v));
        }
    }
}

static void on_end(GMarkupParseContext *pc, const gchar *element, gpointer user, GError **err)
{
    (void)pc;
    (void)err;
    xml_ctx *x = user;
    if (x->in_way && strcmp(element, "way") == 0) {
        x->in_way = false;
        cr_osm_sink_way(x->sink, (const int64_t *)(void *)x->refs->data, (int)x->refs->len, (int)x->keys->len,
                        (const char *const *)x->keys->pdata, (const char *const *)x->values->pdata);
    }
}

bool cr_osm_read_xml(const char *path, cr_osm_sink *sink, GError **err)
{
    size_t len;
    char *data = cr_io_read_file(path, &len, err);
    if (!data)
        return false;
    GMarkupParser parser = {on_start, on_end, NULL, NULL, NULL};
    xml_ctx x = {sink, path, false, g_array_new(FALSE, FALSE, sizeof(int64_t)),
                 g_ptr_array_new_with_free_func(g_free), g_ptr_array_new_with_free_func(g_free)};
    GMarkupParseContext *pc = g_markup_parse_context_new(&parser, G_MARKUP_PREFIX_ERROR_POSITION, &x, NULL);
    GError *perr = NULL;
    bool ok = g_markup_parse_context_parse(pc, data, (gssize)len, &perr) &&
              g_markup_parse_context_end_parse(pc, &perr);
    if (!ok) {
        if (perr->domain == CR_ERROR)
            g_propagate_error(err, perr);
        else {
            /* GMarkup's own message already starts with "line:column:". */
            g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s: not well-formed OSM XML: %s", path,
                        len == 0 ? "the file is empty" : perr->message);
            g_error_free(perr);
        }
    }
    g_markup_parse_context_free(pc);
    g_array_free(x.refs, TRUE);
    g_ptr_array_unref(x.keys);
    g_ptr_array_unref(x.values);
    g_free(data);
    return ok;
}
