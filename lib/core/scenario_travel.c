/* Giving a scenario road travel (over a map) or a user's matrix, instead of
 * straight lines: the matrix over the scenario's locations becomes its
 * travel model. Locations are named by who is there: a carer's id for the
 * carer's home (start), "<carer>/end" for a different end point, a client's
 * id for the client's home. */
#include "geo_handles.h"
#include "handles.h"

#include <math.h>
#include <string.h>

/* A time no route can afford, for pairs with no connection. */
#define UNREACHABLE_MINUTES 1e7

static char **point_names(const cr_model *m)
{
    char **names = g_new0(char *, (size_t)m->n_points + 1);
    for (int i = 0; i < m->n_carers; i++) {
        const cr_carer *c = &m->carers[i];
        if (!names[c->start_point])
            names[c->start_point] = g_strdup(c->id);
        if (!names[c->end_point])
            names[c->end_point] = g_strdup_printf("%s/end", c->id);
    }
    for (int i = 0; i < m->n_clients; i++)
        if (!names[m->clients[i].point])
            names[m->clients[i].point] = g_strdup(m->clients[i].id);
    for (int p = 0; p < m->n_points; p++)
        if (!names[p])
            names[p] = g_strdup_printf("point-%d", p + 1);
    return names;
}

/* Install gm as the model's travel; row[p] is point p's index in gm. */
static void install(cr_model *m, const cr_geo_matrix *gm, const uint32_t *row, const char *source)
{
    size_t n = (size_t)m->n_points;
    double *times = g_new(double, n * n), *dist = g_new(double, n * n);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            size_t c = (size_t)row[i] * gm->n + row[j];
            uint32_t ms = gm->t->ms[c];
            if (ms == CR_GEO_UNREACHABLE) {
                times[i * n + j] = dist[i * n + j] = UNREACHABLE_MINUTES;
                continue;
            }
            times[i * n + j] = ms / 60000.0;
            /* A matrix of times only: distance estimated by straight line. */
            dist[i * n + j] = gm->has_metres ? gm->t->metres[c] / 1000.0
                                             : cr_geo_haversine_m(m->points[i].y, m->points[i].x, m->points[j].y,
                                                                  m->points[j].x) / 1000.0 * m->travel.detour_factor;
        }
    g_free(m->travel.times);
    g_free(m->travel.distances);
    m->travel.times = times;
    m->travel.distances = dist;
    m->travel.kind = CR_TRAVEL_MATRIX;
    g_free(m->travel.source);
    m->travel.source = g_strdup(source);
}

static cr_status road(cr_model *m, cr_map *map, char *errmsg)
{
    if (!map->g) {
        cr_errmsg_set(errmsg, "the map is not loaded: call cr_map_load_file() first");
        return CR_ERR_INVALID_ARGUMENT;
    }
    if (!m->lonlat) {
        cr_errmsg_set(errmsg, "road travel needs lat/lon locations; this scenario uses x/y coordinates");
        return CR_ERR_INVALID_DATA;
    }
    char **names = point_names(m);
    double *lon = g_new(double, m->n_points), *lat = g_new(double, m->n_points);
    for (int p = 0; p < m->n_points; p++) {
        lon[p] = m->points[p].x;
        lat[p] = m->points[p].y;
    }
    cr_matrix x = {0};
    cr_status st = cr_matrix_compute(&x, map, (size_t)m->n_points, (const char *const *)names, lon, lat,
                                     CR_METHOD_FAST);
    if (st != CR_OK)
        cr_errmsg_set(errmsg, x.errmsg);
    else {
        uint32_t *row = g_new(uint32_t, m->n_points);
        for (int p = 0; p < m->n_points; p++)
            row[p] = (uint32_t)p;
        char *base = g_path_get_basename(map->path);
        char *source = g_strdup_printf("road (%s, %s)", cr_geo_profile_kind_name(map->profile->kind), base);
        install(m, x.m, row, source);
        g_free(source);
        g_free(base);
        g_free(row);
    }
    cr_geo_matrix_free(x.m);
    g_free(lon);
    g_free(lat);
    g_strfreev(names);
    return st;
}

static cr_status matrix(cr_model *m, const cr_geo_matrix *gm, const char *what, char *errmsg)
{
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    for (uint32_t i = 0; i < gm->n; i++)
        g_hash_table_insert(index, gm->ids[i], GUINT_TO_POINTER(i + 1));
    char **names = point_names(m);
    uint32_t *row = g_new(uint32_t, m->n_points);
    cr_status st = CR_OK;
    for (int p = 0; p < m->n_points && st == CR_OK; p++) {
        guint at = GPOINTER_TO_UINT(g_hash_table_lookup(index, names[p]));
        if (!at) {
            cr_errmsg_setf(errmsg, "%s has no row for location \"%.40s\" (%d locations needed: carer ids, "
                                   "\"<carer>/end\" for a separate end point, client ids)",
                           what, names[p], m->n_points);
            st = CR_ERR_INVALID_DATA;
        }
        row[p] = at - 1;
    }
    if (st == CR_OK) {
        char *source = g_strdup_printf("matrix (%s)", what);
        install(m, gm, row, source);
        g_free(source);
    }
    g_free(row);
    g_strfreev(names);
    g_hash_table_destroy(index);
    return st;
}

cr_status cr_scenario_check_mutable(cr_scenario *s)
{
    if (!s->model) {
        cr_errmsg_set(s->errmsg, "the scenario is not loaded");
        return CR_ERR_INVALID_ARGUMENT;
    }
    if (g_atomic_int_get(&s->refs) > 1) {
        cr_errmsg_set(s->errmsg, "plans made from this scenario still exist; change travel and zones before solving");
        return CR_ERR_INVALID_ARGUMENT;
    }
    return CR_OK;
}

CR_API cr_status cr_scenario_use_map(cr_scenario *s, cr_map *map)
{
    if (!s || !map)
        return CR_ERR_INVALID_ARGUMENT;
    cr_status st = cr_scenario_check_mutable(s);
    return st != CR_OK ? st : road(s->model, map, s->errmsg);
}

CR_API cr_status cr_scenario_use_matrix(cr_scenario *s, const cr_matrix *x)
{
    if (!s || !x)
        return CR_ERR_INVALID_ARGUMENT;
    cr_status st = cr_scenario_check_mutable(s);
    if (st != CR_OK)
        return st;
    if (!x->m) {
        cr_errmsg_set(s->errmsg, "the matrix is empty: compute or load it first");
        return CR_ERR_INVALID_ARGUMENT;
    }
    return matrix(s->model, x->m, "the matrix", s->errmsg);
}

/* What the scenario file asked for ("road" or "matrix" travel). */
cr_status cr_scenario_travel_resolve(cr_model *m, char *errmsg)
{
    cr_travel *t = &m->travel;
    if (t->matrix_path) {
        GError *err = NULL;
        cr_geo_matrix *gm = cr_geo_matrix_read_file(t->matrix_path, &err);
        if (!gm) {
            g_prefix_error(&err, "$.travel.file: ");
            return cr_errmsg_take(errmsg, err);
        }
        char *what = g_strdup_printf("travel matrix %s", t->matrix_path);
        cr_status st = matrix(m, gm, what, errmsg);
        g_free(what);
        cr_geo_matrix_free(gm);
        return st;
    }
    if (!t->map_path)
        return CR_OK;
    cr_map *map = NULL;
    cr_map_new(&map);
    cr_status st = t->profile ? cr_map_set_profile(map, t->profile) : CR_OK;
    for (int i = 0; st == CR_OK && t->speeds && t->speeds[i]; i++) {
        char *eq = strchr(t->speeds[i], '=');
        *eq = '\0';
        st = cr_map_set_speed(map, t->speeds[i], g_ascii_strtod(eq + 1, NULL));
        *eq = '=';
    }
    if (st == CR_OK && t->snap_m > 0)
        st = cr_map_set_snap_distance(map, t->snap_m);
    if (st == CR_OK)
        st = cr_map_load_file(map, t->map_path);
    if (st != CR_OK)
        cr_errmsg_setf(errmsg, "$.travel: %s", cr_map_errmsg(map));
    else
        st = road(m, map, errmsg);
    cr_map_free(map);
    return st;
}
