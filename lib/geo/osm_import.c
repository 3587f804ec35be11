/* Reading an OpenStreetMap extract (.osm XML or .osm.pbf, through readosm)
 * into the road network of one profile.
 *
 * One pass keeps every node's coordinates and every usable way's node list;
 * nodes are then looked up by id (extracts list them sorted, so a binary
 * search over the ids as read is enough; otherwise they are sorted first). */
#include "roadnet.h"
#include "careroute.h"
#include "core/error.h"

#include "osm_sink.h"

#include <readosm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t first_ref, n_refs;
    bool forward, backward;
    double kmh;
} way_rec;

struct cr_osm_sink {
    const cr_geo_profile *profile;
    GArray *ids;     /* int64 node ids in file order */
    GArray *coords;  /* lat, lon pairs */
    GArray *refs;    /* int64, all usable ways' nodes */
    GArray *ways;    /* way_rec */
    uint64_t n_ways;
    long long bad_node;
};

bool cr_osm_sink_node(cr_osm_sink *c, int64_t id, double lat, double lon)
{
    double ll[2] = {lat, lon};
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        c->bad_node = id;
        return false;
    }
    g_array_append_val(c->ids, id);
    g_array_append_vals(c->coords, ll, 2);
    return true;
}

void cr_osm_sink_way(cr_osm_sink *c, const int64_t *refs, int n_refs, int n_tags,
                     const char *const *keys, const char *const *values)
{
    c->n_ways++;
    if (n_refs < 2 || n_tags <= 0)
        return;
    cr_geo_way_rule r = cr_geo_profile_judge(c->profile, n_tags, keys, values);
    if (!r.usable)
        return;
    way_rec w = {c->refs->len, (uint32_t)n_refs, r.forward, r.backward, r.kmh};
    g_array_append_vals(c->refs, refs, (guint)n_refs);
    g_array_append_val(c->ways, w);
}

static int on_node(const void *user, const readosm_node *node)
{
    return cr_osm_sink_node((cr_osm_sink *)user, node->id, node->latitude, node->longitude)
               ? READOSM_OK : READOSM_ABORT;
}

static int on_way(const void *user, const readosm_way *way)
{
    const char *keys[64], *values[64];
    int n = way->tag_count < 64 ? way->tag_count : 64;
    for (int i = 0; i < n; i++) {
        keys[i] = way->tags[i].key ? way->tags[i].key : "";
        values[i] = way->tags[i].value ? way->tags[i].value : "";
    }
    G_STATIC_ASSERT(sizeof(long long) == sizeof(int64_t));
    cr_osm_sink_way((cr_osm_sink *)user, (const int64_t *)way->node_refs, way->node_ref_count, n, keys, values);
    return READOSM_OK;
}

/* Whether the file opens as an OSM PBF does: a 4-byte length, then a block
 * header whose type (protobuf field 1, 9 bytes) is "OSMHeader". */
static bool starts_like_pbf(const char *path)
{
    unsigned char head[16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    return got == sizeof head && head[4] == 0x0a && head[5] == 9 && memcmp(head + 6, "OSMHeader", 9) == 0;
}

static const char *readosm_message(int rc)
{
    switch (rc) {
    case READOSM_INVALID_SUFFIX: return "the name must end in .osm or .osm.pbf";
    case READOSM_FILE_NOT_FOUND: return "no such file";
    case READOSM_INSUFFICIENT_MEMORY: return "out of memory";
    case READOSM_READ_ERROR: return "read error";
    case READOSM_XML_ERROR: return "not well-formed OSM XML";
    case READOSM_INVALID_PBF_HEADER: return "not an OSM PBF file (bad block header)";
    case READOSM_UNZIP_ERROR: return "corrupt compressed block in the PBF file";
    default: return "readosm failed";
    }
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

typedef struct {
    int64_t id;
    uint32_t index;
} id_index;

static int cmp_id_index(const void *a, const void *b)
{
    return cmp_i64(&((const id_index *)a)->id, &((const id_index *)b)->id);
}

/* Index of node id in the sorted table, or UINT32_MAX. */
static uint32_t find_node(const id_index *table, uint32_t n, int64_t id)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (table[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && table[lo].id == id ? table[lo].index : UINT32_MAX;
}

static uint32_t travel_ms(double metres, double kmh)
{
    double ms = metres / (kmh / 3.6) * 1000.0;
    return ms >= (double)(UINT32_MAX / 4) ? UINT32_MAX / 4 : (uint32_t)(ms + 0.5);
}

static cr_roadnet *build(cr_osm_sink *c, bool largest_only)
{
    uint32_t n_all = c->ids->len;
    id_index *table = g_new(id_index, n_all ? n_all : 1);
    const int64_t *ids = (const int64_t *)(void *)c->ids->data;
    bool sorted = true;
    for (uint32_t i = 0; i < n_all; i++) {
        table[i].id = ids[i];
        table[i].index = i;
        if (i && ids[i] <= ids[i - 1])
            sorted = false;
    }
    if (!sorted)
        qsort(table, n_all, sizeof *table, cmp_id_index);

    /* Number the nodes that usable ways touch, in order of first use. */
    uint32_t *local = g_new(uint32_t, n_all ? n_all : 1);
    memset(local, 0xff, sizeof(uint32_t) * (n_all ? n_all : 1));
    const int64_t *refs = (const int64_t *)(void *)c->refs->data;
    const double *coords = (const double *)(void *)c->coords->data;
    GArray *lat = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *lon = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *segs = g_array_new(FALSE, FALSE, sizeof(cr_geo_segment));
    for (guint w = 0; w < c->ways->len; w++) {
        const way_rec *way = &g_array_index(c->ways, way_rec, w);
        uint32_t prev = UINT32_MAX;
        for (uint32_t i = 0; i < way->n_refs; i++) {
            uint32_t at = find_node(table, n_all, refs[way->first_ref + i]);
            if (at == UINT32_MAX) { /* clipped by the extract: the way breaks here */
                prev = UINT32_MAX;
                continue;
            }
            if (local[at] == UINT32_MAX) {
                local[at] = lat->len;
                g_array_append_val(lat, coords[2 * at]);
                g_array_append_val(lon, coords[2 * at + 1]);
            }
            uint32_t node = local[at];
            if (prev != UINT32_MAX && prev != node) {
                const double *la = &g_array_index(lat, double, 0), *lo = &g_array_index(lon, double, 0);
                cr_geo_segment s;
                s.u = prev;
                s.v = node;
                s.metres = cr_geo_haversine_m(la[prev], lo[prev], la[node], lo[node]);
                uint32_t ms = travel_ms(s.metres, way->kmh);
                s.fwd_ms = way->forward ? ms : CR_GEO_UNREACHABLE;
                s.bwd_ms = way->backward ? ms : CR_GEO_UNREACHABLE;
                g_array_append_val(segs, s);
            }
            prev = node;
        }
    }
    g_free(table);
    g_free(local);
    uint32_t n = lat->len;
    cr_roadnet *g = cr_roadnet_build(n, (double *)(void *)g_array_free(lat, FALSE),
                                     (double *)(void *)g_array_free(lon, FALSE), segs, largest_only);
    return g;
}

cr_roadnet *cr_osm_import(const char *path, const cr_geo_profile *profile, bool largest_only,
                          GError **err)
{
    if (!g_str_has_suffix(path, ".osm") && !g_str_has_suffix(path, ".pbf")) {
        g_set_error(err, CR_ERROR, CR_ERR_UNSUPPORTED,
                    "%s: not an OpenStreetMap file: the name must end in .osm or .osm.pbf", path);
        return NULL;
    }
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: no such file", path);
        return NULL;
    }
    cr_osm_sink c = {.profile = profile};
    c.ids = g_array_new(FALSE, FALSE, sizeof(int64_t));
    c.coords = g_array_new(FALSE, FALSE, sizeof(double));
    c.refs = g_array_new(FALSE, FALSE, sizeof(int64_t));
    c.ways = g_array_new(FALSE, FALSE, sizeof(way_rec));
    cr_roadnet *g = NULL;
    if (g_str_has_suffix(path, ".osm")) {
        /* readosm's XML path leaks its parser on malformed input, and
         * GMarkup says where the error is. */
        if (!cr_osm_read_xml(path, &c, err))
            goto out;
    } else {
        const void *h = NULL;
        int rc = readosm_open(path, &h);
        if (rc == READOSM_OK)
            rc = readosm_parse(h, &c, on_node, on_way, NULL);
        readosm_close(h);
        if (rc == READOSM_ABORT) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: node %lld has coordinates outside the globe",
                        path, c.bad_node);
            goto out;
        }
        if ((rc == READOSM_INVALID_PBF_HEADER || rc == READOSM_UNZIP_ERROR) && starts_like_pbf(path)) {
            /* readosm says "bad header" for any block it cannot read, but a
             * file that starts as a PBF is most often a cut-short download */
            char *read = c.ids->len > 0 ? g_strdup_printf(" after %u nodes and %" G_GUINT64_FORMAT " ways",
                                                          c.ids->len, c.n_ways)
                                        : g_strdup("");
            g_set_error(err, CR_ERROR, CR_ERR_PARSE,
                        "%s: a damaged or truncated OSM PBF file (a block could not be read%s); download it again",
                        path, read);
            g_free(read);
            goto out;
        }
        if (rc != READOSM_OK) {
            g_set_error(err, CR_ERROR, rc == READOSM_READ_ERROR ? CR_ERR_IO : CR_ERR_PARSE, "%s: %s", path,
                        readosm_message(rc));
            goto out;
        }
    }
    if (c.ways->len == 0)
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: no roads usable by the %s profile (%u nodes, %" G_GUINT64_FORMAT " ways read)",
                    path, cr_geo_profile_kind_name(profile->kind), c.ids->len, c.n_ways);
    else {
        g = build(&c, largest_only);
        if (g->n_arcs == 0) {
            cr_roadnet_free(g);
            g = NULL;
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: the usable roads reference no nodes in the file", path);
        } else {
            g->osm_nodes = c.ids->len;
            g->osm_ways = c.n_ways;
            g->usable_ways = c.ways->len;
        }
    }
out:
    g_array_free(c.ids, TRUE);
    g_array_free(c.coords, TRUE);
    g_array_free(c.refs, TRUE);
    g_array_free(c.ways, TRUE);
    return g;
}
