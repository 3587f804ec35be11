/* Public API: road maps (cr_map) and travel matrices (cr_matrix). */
#include "careroute.h"
#include "error.h"
#include "geo_handles.h"
#include "geo/matrix.h"
#include "geo/roadnet.h"
#include "geo/shortest.h"
#include "geo/snap.h"
#include "io/io.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

cr_status cr_map_new(cr_map **out)
{
    if (!out)
        return CR_ERR_INVALID_ARGUMENT;
    cr_map *m = g_new0(cr_map, 1);
    m->profile = cr_geo_profile_new(CR_GEO_CAR);
    m->snap_m = 500;
    *out = m;
    return CR_OK;
}

static void unload(cr_map *m)
{
    cr_ch_free(m->ch);
    cr_snap_index_free(m->snap);
    cr_roadnet_free(m->g);
    m->ch = NULL;
    m->snap = NULL;
    m->g = NULL;
    g_clear_pointer(&m->path, g_free);
    g_clear_pointer(&m->file_digest, g_free);
}

void cr_map_free(cr_map *m)
{
    if (!m)
        return;
    unload(m);
    cr_geo_profile_free(m->profile);
    g_free(m->cache_dir);
    g_free(m);
}

const char *cr_map_errmsg(const cr_map *m)
{
    return m ? m->errmsg : "no map (NULL handle)";
}

/* Set the handle's message and return the status, in one expression. */
#define fail(buf, st, ...) (cr_errmsg_setf((buf), __VA_ARGS__), (st))
#define from_gerror(buf, err) ((cr_status)cr_errmsg_take((buf), (err)))

cr_status cr_map_set_profile(cr_map *m, const char *profile)
{
    if (!m)
        return CR_ERR_INVALID_ARGUMENT;
    cr_geo_profile_kind kind;
    if (!cr_geo_profile_kind_parse(profile, &kind))
        return fail(m->errmsg, CR_ERR_INVALID_ARGUMENT,
                    "unknown travel profile \"%.40s\", expected \"car\", \"walk\" or \"bike\"",
                    profile ? profile : "(null)");
    cr_geo_profile_free(m->profile);
    m->profile = cr_geo_profile_new(kind);
    return CR_OK;
}

cr_status cr_map_set_speed(cr_map *m, const char *highway, double kmh)
{
    if (!m)
        return CR_ERR_INVALID_ARGUMENT;
    if (!highway || !cr_geo_profile_set_speed(m->profile, highway, kmh))
        return fail(m->errmsg, CR_ERR_INVALID_ARGUMENT,
                    "cannot set speed %g km/h for highway class \"%.40s\": expected a known class "
                    "(motorway ... residential, service, track, cycleway, footway, path, steps) and 0..300 km/h",
                    kmh, highway ? highway : "(null)");
    return CR_OK;
}

cr_status cr_map_set_snap_distance(cr_map *m, double metres)
{
    if (!m)
        return CR_ERR_INVALID_ARGUMENT;
    if (!(metres > 0) || !isfinite(metres))
        return fail(m->errmsg, CR_ERR_INVALID_ARGUMENT, "snapping distance must be a positive number of metres, got %g", metres);
    m->snap_m = metres;
    return CR_OK;
}

cr_status cr_map_set_keep_all_roads(cr_map *m, bool keep)
{
    if (!m)
        return CR_ERR_INVALID_ARGUMENT;
    m->keep_all = keep;
    return CR_OK;
}

cr_status cr_map_set_cache_dir(cr_map *m, const char *dir)
{
    if (!m)
        return CR_ERR_INVALID_ARGUMENT;
    g_clear_pointer(&m->cache_dir, g_free);
    if (!dir)
        return CR_OK;
    if (g_mkdir_with_parents(dir, 0755) != 0)
        return fail(m->errmsg, CR_ERR_IO, "%s: cannot create the cache directory: %s", dir, g_strerror(errno));
    m->cache_dir = g_strdup(dir);
    return CR_OK;
}

cr_status cr_map_load_file(cr_map *m, const char *path)
{
    if (!m || !path)
        return m ? fail(m->errmsg, CR_ERR_INVALID_ARGUMENT, "no map path given") : CR_ERR_INVALID_ARGUMENT;
    unload(m);
    GError *err = NULL;
    gint64 t0 = g_get_monotonic_time();
    m->g = cr_osm_import(path, m->profile, !m->keep_all, &err);
    if (!m->g)
        return from_gerror(m->errmsg, err);
    gint64 t1 = g_get_monotonic_time();
    m->snap = cr_snap_index_new(m->g);
    m->ch = cr_ch_build(m->g);
    gint64 t2 = g_get_monotonic_time();
    m->import_seconds = (t1 - t0) / 1e6;
    m->prepare_seconds = (t2 - t1) / 1e6;
    m->path = g_strdup(path);
    return CR_OK;
}

cr_status cr_map_sample_points(cr_map *m, size_t n, uint64_t seed, double *lon, double *lat)
{
    if (!m)
        return CR_ERR_INVALID_ARGUMENT;
    if (!m->g)
        return fail(m->errmsg, CR_ERR_INVALID_ARGUMENT, "no map loaded: call cr_map_load_file() first");
    if (!lon || !lat)
        return fail(m->errmsg, CR_ERR_INVALID_ARGUMENT, "no output arrays given");
    GRand *rng = g_rand_new_with_seed((guint32)(seed ^ (seed >> 32)));
    cr_roadnet_sample_points(m->g, n, rng, lon, lat);
    g_rand_free(rng);
    return CR_OK;
}

double cr_map_statistic(const cr_map *m, int key)
{
    if (!m || !m->g)
        return NAN;
    switch (key) {
    case CR_MAP_STAT_NODES: return m->g->n_nodes;
    case CR_MAP_STAT_ARCS: return m->g->n_arcs;
    case CR_MAP_STAT_DROPPED_NODES: return m->g->dropped_nodes;
    case CR_MAP_STAT_OSM_NODES: return (double)m->g->osm_nodes;
    case CR_MAP_STAT_OSM_WAYS: return (double)m->g->osm_ways;
    case CR_MAP_STAT_USABLE_WAYS: return (double)m->g->usable_ways;
    case CR_MAP_STAT_IMPORT_SECONDS: return m->import_seconds;
    case CR_MAP_STAT_PREPARE_SECONDS: return m->prepare_seconds;
    case CR_MAP_STAT_SHORTCUTS: return cr_ch_n_shortcuts(m->ch);
    default: return NAN;
    }
}

/* ---- matrices ---- */

cr_status cr_matrix_new(cr_matrix **out)
{
    if (!out)
        return CR_ERR_INVALID_ARGUMENT;
    *out = g_new0(cr_matrix, 1);
    return CR_OK;
}

void cr_matrix_free(cr_matrix *x)
{
    if (!x)
        return;
    cr_geo_matrix_free(x->m);
    g_free(x);
}

const char *cr_matrix_errmsg(const cr_matrix *x)
{
    return x ? x->errmsg : "no matrix (NULL handle)";
}

/* Points must be named uniquely and lie on the globe. */
static cr_status check_points(cr_matrix *x, size_t n, const char *const *ids, const double *lon,
                              const double *lat)
{
    if (n == 0 || n > 100000 || !ids || !lon || !lat)
        return fail(x->errmsg, CR_ERR_INVALID_ARGUMENT,
                    "expected 1 to 100000 points with ids, longitudes and latitudes (got %zu)", n);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    cr_status st = CR_OK;
    for (size_t i = 0; i < n && st == CR_OK; i++) {
        if (!ids[i] || !*ids[i])
            st = fail(x->errmsg, CR_ERR_INVALID_ARGUMENT, "point %zu has no id", i + 1);
        else if (!g_hash_table_add(seen, (gpointer)ids[i]))
            st = fail(x->errmsg, CR_ERR_INVALID_DATA, "point id \"%.40s\" is given twice", ids[i]);
        else if (!(lon[i] >= -180 && lon[i] <= 180 && lat[i] >= -90 && lat[i] <= 90))
            st = fail(x->errmsg, CR_ERR_INVALID_DATA,
                      "point \"%.40s\": lon %g, lat %g is not on the globe (expected -180..180, -90..90)",
                      ids[i], lon[i], lat[i]);
    }
    g_hash_table_destroy(seen);
    return st;
}

static char *cache_key(cr_map *m, size_t n, const char *const *ids, const double *lon, const double *lat)
{
    if (!m->file_digest) {
        size_t len;
        char *data = cr_io_read_file(m->path, &len, NULL);
        if (!data)
            return NULL;
        m->file_digest = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
        g_free(data);
    }
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    char *profile = cr_geo_profile_describe(m->profile);
    char *head = g_strdup_printf("careroute-matrix-1 %s %s snap=%.17g all=%d n=%zu", m->file_digest,
                                 profile, m->snap_m, m->keep_all, n);
    g_checksum_update(c, (const guchar *)head, -1);
    for (size_t i = 0; i < n; i++) {
        g_checksum_update(c, (const guchar *)ids[i], (gssize)strlen(ids[i]) + 1);
        g_checksum_update(c, (const guchar *)&lon[i], sizeof(double));
        g_checksum_update(c, (const guchar *)&lat[i], sizeof(double));
    }
    char *key = g_strdup(g_checksum_get_string(c));
    g_checksum_free(c);
    g_free(profile);
    g_free(head);
    return key;
}

/* A table of n x n times and metres that does not fit in memory. */
static cr_status too_big(cr_matrix *x, size_t n)
{
    GError *err = NULL;
    cr_geo_matrix_no_memory(&err, "travel matrix", (uint32_t)n);
    return from_gerror(x->errmsg, err);
}

cr_status cr_matrix_compute(cr_matrix *x, cr_map *m, size_t n, const char *const *ids,
                            const double *lon, const double *lat, int method)
{
    if (!x)
        return CR_ERR_INVALID_ARGUMENT;
    if (!m || !m->g)
        return fail(x->errmsg, CR_ERR_INVALID_ARGUMENT, "no map loaded: call cr_map_load_file() first");
    if (method != CR_METHOD_FAST && method != CR_METHOD_DIJKSTRA)
        return fail(x->errmsg, CR_ERR_INVALID_ARGUMENT, "unknown matrix method %d", method);
    cr_status st = check_points(x, n, ids, lon, lat);
    if (st != CR_OK)
        return st;
    gint64 t0 = g_get_monotonic_time();
    cr_geo_snap *snaps = g_new(cr_geo_snap, n);
    for (size_t i = 0; i < n; i++) {
        if (!cr_snap_point(m->snap, lat[i], lon[i], m->snap_m, &snaps[i])) {
            g_free(snaps);
            return fail(x->errmsg, CR_ERR_INVALID_DATA,
                        "point \"%.40s\" (lon %.6f, lat %.6f) is more than %g m from any road the %s profile can use in %s",
                        ids[i], lon[i], lat[i], m->snap_m, cr_geo_profile_kind_name(m->profile->kind), m->path);
        }
    }
    char *key = NULL, *cache_path = NULL;
    cr_geo_matrix *gm = NULL;
    x->from_cache = false;
    if (m->cache_dir && (key = cache_key(m, n, ids, lon, lat))) {
        char name[48];
        g_snprintf(name, sizeof name, "%.32s.crmx", key);
        cache_path = g_build_filename(m->cache_dir, name, NULL);
        gm = cr_geo_matrix_load_cache(key, cache_path, NULL); /* a bad cache is recomputed */
        x->from_cache = gm != NULL;
    }
    if (!gm && !(gm = cr_geo_matrix_new((uint32_t)n))) {
        g_free(key);
        g_free(cache_path);
        g_free(snaps);
        return too_big(x, n);
    }
    if (!x->from_cache) {
        for (size_t i = 0; i < n; i++) {
            gm->ids[i] = g_strdup(ids[i]);
            gm->lon[i] = lon[i];
            gm->lat[i] = lat[i];
        }
        gm->has_metres = true;
        if (method == CR_METHOD_DIJKSTRA)
            cr_geo_dijkstra_table(m->g, snaps, (uint32_t)n, snaps, (uint32_t)n, gm->t);
        else
            cr_ch_table(m->ch, m->g, snaps, (uint32_t)n, snaps, (uint32_t)n, gm->t);
        if (cache_path)
            cr_geo_matrix_save_cache(gm, key, cache_path, NULL); /* best effort */
    }
    g_free(key);
    g_free(cache_path);
    g_free(snaps);
    cr_geo_matrix_free(x->m);
    x->m = gm;
    x->seconds = (g_get_monotonic_time() - t0) / 1e6;
    return CR_OK;
}

cr_status cr_matrix_compute_straight(cr_matrix *x, size_t n, const char *const *ids, const double *lon,
                                     const double *lat, double detour, double kmh)
{
    if (!x)
        return CR_ERR_INVALID_ARGUMENT;
    cr_status st = check_points(x, n, ids, lon, lat);
    if (st != CR_OK)
        return st;
    if (!(detour >= 1 && detour <= 5) || !(kmh > 0 && kmh <= 300))
        return fail(x->errmsg, CR_ERR_INVALID_ARGUMENT,
                    "straight-line travel needs a detour factor in 1..5 and a speed in (0, 300] km/h, got %g and %g",
                    detour, kmh);
    gint64 t0 = g_get_monotonic_time();
    cr_geo_matrix_free(x->m);
    x->m = cr_geo_matrix_straight((uint32_t)n, ids, lon, lat, detour, kmh);
    x->from_cache = false;
    if (!x->m)
        return too_big(x, n);
    x->seconds = (g_get_monotonic_time() - t0) / 1e6;
    return CR_OK;
}

cr_status cr_matrix_load_file(cr_matrix *x, const char *path)
{
    if (!x)
        return CR_ERR_INVALID_ARGUMENT;
    if (!path)
        return fail(x->errmsg, CR_ERR_INVALID_ARGUMENT, "no matrix path given");
    GError *err = NULL;
    cr_geo_matrix *gm = cr_geo_matrix_read_file(path, &err);
    if (!gm)
        return from_gerror(x->errmsg, err);
    cr_geo_matrix_free(x->m);
    x->m = gm;
    x->from_cache = false;
    return CR_OK;
}

size_t cr_matrix_size(const cr_matrix *x)
{
    return x && x->m ? x->m->n : 0;
}

const char *cr_matrix_id(const cr_matrix *x, size_t i)
{
    return i < cr_matrix_size(x) ? x->m->ids[i] : NULL;
}

double cr_matrix_seconds(const cr_matrix *x, size_t i, size_t j)
{
    size_t n = cr_matrix_size(x);
    if (i >= n || j >= n)
        return NAN;
    uint32_t ms = x->m->t->ms[i * n + j];
    return ms == CR_GEO_UNREACHABLE ? -1 : ms / 1000.0;
}

double cr_matrix_metres(const cr_matrix *x, size_t i, size_t j)
{
    size_t n = cr_matrix_size(x);
    if (i >= n || j >= n)
        return NAN;
    if (!x->m->has_metres || x->m->t->ms[i * n + j] == CR_GEO_UNREACHABLE)
        return -1;
    return x->m->t->metres[i * n + j];
}

size_t cr_matrix_n_unreachable(const cr_matrix *x)
{
    size_t n = cr_matrix_size(x), count = 0;
    for (size_t c = 0; c < n * n; c++)
        count += x->m->t->ms[c] == CR_GEO_UNREACHABLE;
    return count;
}

bool cr_matrix_from_cache(const cr_matrix *x)
{
    return x && x->from_cache;
}

double cr_matrix_seconds_taken(const cr_matrix *x)
{
    return x ? x->seconds : NAN;
}

cr_status cr_matrix_write_csv(const cr_matrix *x, const char *path)
{
    if (!x || !path)
        return CR_ERR_INVALID_ARGUMENT;
    if (!x->m)
        return fail(((cr_matrix *)x)->errmsg, CR_ERR_INVALID_ARGUMENT, "the matrix is empty: compute or load it first");
    GError *err = NULL;
    if (!cr_geo_matrix_write_csv(x->m, path, &err))
        return from_gerror(((cr_matrix *)x)->errmsg, err);
    return CR_OK;
}
