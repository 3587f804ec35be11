/* The JSON home health care instances of Ceschia, Di Gaspero, Rosati &
 * Schaerf (2024) ("Italian" instances on real road times, and the same form
 * of the Mankowska set):
 *
 *   {"name", "area", "distances": (n+1) x (n+1) travel times (row 0 the office),
 *    "central_offices": [{"id", "location": [lon, lat]}],
 *    "patients": [{"id", "location", "time_window": [e, l],
 *                  "required_caregivers": [{"service", "duration"?}, ...],
 *                  "synchronization": {"type": "simultaneous"} or
 *                                     {"type": "sequential", "distance": [min, max]}}],
 *    "caregivers": [{"id", "abilities": [services]}],
 *    "services": [{"id", "default_duration"}]}
 *
 * Each required caregiver is a visit needing that service; two of them are
 * a pair (together, or the second min..max after the first listed). Window
 * bounds are truncated to whole minutes, as the published solutions assume.
 * Caregivers leave the office at time 0; due times are soft. */
#include "io.h"
#include "json_read.h"

#include "careroute.h"
#include "core/error.h"

#include <math.h>
#include <string.h>

#define MAX_PATIENTS 20000
#define MAX_SERVICES 64

typedef struct {
    cr_jr j;
    cr_model *m;
    GHashTable *services; /* id -> index + 1 */
    double *default_duration;
} hctx;

static bool pair_of_numbers(hctx *c, JsonNode *n, const char *path, double lo, double hi, double out[2])
{
    JsonArray *a = cr_jr_array(&c->j, n, path);
    if (!a)
        return false;
    if (json_array_get_length(a) != 2)
        return cr_jr_fail(&c->j, 0, path, "expected two numbers, found %u values", json_array_get_length(a));
    for (int k = 0; k < 2; k++) {
        JsonNode *e = json_array_get_element(a, k);
        GType t = JSON_NODE_HOLDS_VALUE(e) ? json_node_get_value_type(e) : G_TYPE_INVALID;
        double v = t == G_TYPE_DOUBLE || t == G_TYPE_INT64 ? json_node_get_double(e) : NAN;
        if (!(v >= lo && v <= hi)) {
            char *pk = cr_jr_index(path, (unsigned)k);
            bool ok = cr_jr_fail(&c->j, 0, pk, "expected a number in %g..%g", lo, hi);
            g_free(pk);
            return ok;
        }
        out[k] = v;
    }
    return true;
}

static bool read_services(hctx *c, JsonObject *root)
{
    JsonArray *a = cr_jr_array(&c->j, json_object_get_member(root, "services"), "$.services");
    if (!a)
        return false;
    guint n = json_array_get_length(a);
    if (n == 0 || n > MAX_SERVICES)
        return cr_jr_fail(&c->j, 0, "$.services", "expected 1 to %d services, found %u", MAX_SERVICES, n);
    c->m->n_skills = (int)n;
    c->m->skills = g_new0(char *, n + 1);
    c->default_duration = g_new(double, n);
    for (guint i = 0; i < n; i++) {
        char *p = cr_jr_index("$.services", i);
        JsonObject *o = cr_jr_object(&c->j, json_array_get_element(a, i), p);
        const char *id = NULL;
        bool ok = o && cr_jr_string(&c->j, o, p, "id", true, &id) &&
                  cr_jr_number(&c->j, o, p, "default_duration", true, 0, 1440, &c->default_duration[i]);
        if (ok && g_hash_table_contains(c->services, id))
            ok = cr_jr_fail(&c->j, 0, p, "service \"%.40s\" is defined twice", id);
        if (ok) {
            c->m->skills[i] = g_strdup(id);
            g_hash_table_insert(c->services, c->m->skills[i], GUINT_TO_POINTER(i + 1));
        }
        g_free(p);
        if (!ok)
            return false;
    }
    return true;
}

static int service_index(hctx *c, JsonNode *n, const char *path)
{
    const char *id = n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING
                         ? json_node_get_string(n) : NULL;
    guint at = id ? GPOINTER_TO_UINT(g_hash_table_lookup(c->services, id)) : 0;
    if (!at) {
        cr_jr_fail(&c->j, 0, path, "expected the id of a service in $.services");
        return -1;
    }
    return (int)at - 1;
}

static bool read_caregivers(hctx *c, JsonObject *root)
{
    JsonArray *a = cr_jr_array(&c->j, json_object_get_member(root, "caregivers"), "$.caregivers");
    if (!a)
        return false;
    guint n = json_array_get_length(a);
    if (n == 0)
        return cr_jr_fail(&c->j, 0, "$.caregivers", "expected at least one caregiver");
    cr_model *m = c->m;
    m->n_carers = (int)n;
    m->carers = g_new0(cr_carer, n);
    for (guint i = 0; i < n; i++) {
        char *p = cr_jr_index("$.caregivers", i);
        JsonObject *o = cr_jr_object(&c->j, json_array_get_element(a, i), p);
        const char *id = NULL;
        bool ok = o && cr_jr_string(&c->j, o, p, "id", true, &id);
        cr_carer *cr = &m->carers[i];
        cr->id = g_strdup(ok ? id : "");
        cr->provider = -1;
        cr->capacity = INFINITY;
        cr->max_week_minutes = INFINITY;
        cr->shifts = g_new0(cr_shift, 1);
        cr->shifts[0] = (cr_shift){true, 0, INFINITY};
        char *pa = cr_jr_key(p, "abilities");
        JsonArray *ab = ok ? cr_jr_array(&c->j, json_object_get_member(o, "abilities"), pa) : NULL;
        ok = ok && ab;
        for (guint k = 0; ok && k < json_array_get_length(ab); k++) {
            char *pk = cr_jr_index(pa, k);
            int s = service_index(c, json_array_get_element(ab, k), pk);
            ok = s >= 0;
            if (ok)
                cr->skills |= UINT64_C(1) << s;
            g_free(pk);
        }
        g_free(pa);
        g_free(p);
        if (!ok)
            return false;
    }
    return true;
}

static bool read_distances(hctx *c, JsonObject *root, int n_points)
{
    JsonArray *rows = cr_jr_array(&c->j, json_object_get_member(root, "distances"), "$.distances");
    if (!rows)
        return false;
    if ((int)json_array_get_length(rows) != n_points)
        return cr_jr_fail(&c->j, 0, "$.distances", "expected %d rows (the office, then each patient), found %u",
                          n_points, json_array_get_length(rows));
    cr_model *m = c->m;
    size_t np = (size_t)n_points;
    m->travel.kind = CR_TRAVEL_MATRIX;
    m->travel.times = g_new(double, np * np);
    m->travel.distances = g_new(double, np * np);
    for (guint i = 0; i < np; i++) {
        char *pi = cr_jr_index("$.distances", i);
        JsonArray *row = cr_jr_array(&c->j, json_array_get_element(rows, i), pi);
        bool ok = row != NULL;
        if (ok && json_array_get_length(row) != np)
            ok = cr_jr_fail(&c->j, 0, pi, "expected %zu travel times, found %u", np, json_array_get_length(row));
        for (guint k = 0; ok && k < np; k++) {
            JsonNode *e = json_array_get_element(row, k);
            GType t = JSON_NODE_HOLDS_VALUE(e) ? json_node_get_value_type(e) : G_TYPE_INVALID;
            double v = t == G_TYPE_DOUBLE || t == G_TYPE_INT64 ? json_node_get_double(e) : NAN;
            if (!(v >= 0 && v < 1e9)) {
                char *pk = cr_jr_index(pi, k);
                ok = cr_jr_fail(&c->j, 0, pk, "expected a travel time >= 0");
                g_free(pk);
            }
            m->travel.times[i * np + k] = m->travel.distances[i * np + k] = v;
        }
        g_free(pi);
        if (!ok)
            return false;
    }
    return true;
}

static bool read_patients(hctx *c, JsonObject *root)
{
    JsonArray *a = cr_jr_array(&c->j, json_object_get_member(root, "patients"), "$.patients");
    if (!a)
        return false;
    guint n = json_array_get_length(a);
    if (n == 0 || n > MAX_PATIENTS)
        return cr_jr_fail(&c->j, 0, "$.patients", "expected 1 to %d patients, found %u", MAX_PATIENTS, n);
    cr_model *m = c->m;
    m->n_clients = (int)n;
    m->clients = g_new0(cr_client, n);
    m->n_points = (int)n + 1;
    m->points = g_new0(cr_point, n + 1);
    GArray *visits = g_array_new(FALSE, TRUE, sizeof(cr_visit));
    GArray *syncs = g_array_new(FALSE, FALSE, sizeof(cr_sync));
    GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
    bool ok = true;
    for (guint i = 0; ok && i < n; i++) {
        char *p = cr_jr_index("$.patients", i);
        static const char *const keys[] = {"id", "location", "time_window", "required_caregivers",
                                           "synchronization", NULL};
        JsonObject *o = cr_jr_object(&c->j, json_array_get_element(a, i), p);
        const char *id = NULL;
        double loc[2], tw[2];
        char *pl = cr_jr_key(p, "location"), *pt = cr_jr_key(p, "time_window"), *pr = cr_jr_key(p, "required_caregivers");
        ok = o && cr_jr_known_keys(&c->j, o, p, keys) && cr_jr_string(&c->j, o, p, "id", true, &id) &&
             pair_of_numbers(c, json_object_get_member(o, "location"), pl, -180, 180, loc) &&
             pair_of_numbers(c, json_object_get_member(o, "time_window"), pt, 0, 1e6, tw);
        if (ok && g_hash_table_contains(ids, id))
            ok = cr_jr_fail(&c->j, 0, p, "patient \"%.40s\" is listed twice", id);
        if (ok && floor(tw[1]) < floor(tw[0]))
            ok = cr_jr_fail(&c->j, 0, pt, "reversed time window");
        JsonArray *req = ok ? cr_jr_array(&c->j, json_object_get_member(o, "required_caregivers"), pr) : NULL;
        ok = ok && req;
        guint nr = req ? json_array_get_length(req) : 0;
        if (ok && (nr < 1 || nr > 2))
            ok = cr_jr_fail(&c->j, 0, pr, "expected 1 or 2 required caregivers, found %u", nr);
        bool has_sync = ok && json_object_has_member(o, "synchronization");
        if (ok && (nr == 2) != has_sync)
            ok = cr_jr_fail(&c->j, 0, p, nr == 2 ? "two required caregivers need a \"synchronization\""
                                                 : "\"synchronization\" needs two required caregivers");
        if (ok) {
            cr_client *cl = &m->clients[i];
            cl->id = g_strdup(id);
            g_hash_table_add(ids, cl->id);
            cl->provider = cl->zone = -1;
            cl->point = (int)i + 1;
            m->points[i + 1] = (cr_point){loc[0], loc[1]};
        }
        int first = (int)visits->len;
        for (guint k = 0; ok && k < nr; k++) {
            char *pk = cr_jr_index(pr, k);
            JsonObject *ro = cr_jr_object(&c->j, json_array_get_element(req, k), pk);
            char *ps = cr_jr_key(pk, "service");
            int s = ro ? service_index(c, json_object_get_member(ro, "service"), ps) : -1;
            ok = s >= 0;
            cr_visit v = {0};
            v.duration = ok ? c->default_duration[s] : 0;
            ok = ok && cr_jr_number(&c->j, ro, pk, "duration", false, 0, 1440, &v.duration);
            if (ok) {
                v.id = g_strdup_printf("%s-%s", id, m->skills[s]);
                v.client = (int)i;
                v.point = (int)i + 1;
                v.ready = floor(tw[0]);
                v.due = floor(tw[1]);
                v.soft_due = true;
                v.n_carers = 1;
                v.skills = UINT64_C(1) << s;
                v.priority = 3;
                v.sync = -1;
                g_array_append_val(visits, v);
            }
            g_free(ps);
            g_free(pk);
        }
        if (ok && has_sync) {
            char *py = cr_jr_key(p, "synchronization");
            JsonObject *so = cr_jr_object(&c->j, json_object_get_member(o, "synchronization"), py);
            const char *type = NULL;
            cr_sync sy = {first, first + 1, 0, 0};
            ok = so && cr_jr_string(&c->j, so, py, "type", true, &type);
            if (ok && strcmp(type, "sequential") == 0) {
                char *pd = cr_jr_key(py, "distance");
                double gap[2];
                ok = pair_of_numbers(c, json_object_get_member(so, "distance"), pd, -1e6, 1e6, gap);
                if (ok && gap[0] > gap[1])
                    ok = cr_jr_fail(&c->j, 0, pd, "the minimum gap is above the maximum");
                sy.min_gap = gap[0];
                sy.max_gap = gap[1];
                g_free(pd);
            } else if (ok && strcmp(type, "simultaneous") != 0) {
                ok = cr_jr_fail(&c->j, 0, py, "expected type \"simultaneous\" or \"sequential\", found \"%.40s\"", type);
            }
            if (ok)
                g_array_append_val(syncs, sy);
            g_free(py);
        }
        g_free(pl);
        g_free(pt);
        g_free(pr);
        g_free(p);
    }
    g_hash_table_destroy(ids);
    m->n_visits = (int)visits->len;
    m->visits = (cr_visit *)(void *)g_array_free(visits, FALSE);
    m->n_syncs = (int)syncs->len;
    m->syncs = (cr_sync *)(void *)g_array_free(syncs, FALSE);
    for (int k = 0; k < m->n_syncs; k++)
        m->visits[m->syncs[k].first].sync = m->visits[m->syncs[k].second].sync = k;
    return ok;
}

cr_model *cr_io_read_hhc_json(const char *data, size_t len, const char *source, GError **err)
{
    hctx c = {{source, err}, NULL, NULL, NULL};
    JsonNode *root_node = cr_jr_parse(&c.j, data, len);
    if (!root_node)
        return NULL;
    c.m = cr_model_new();
    cr_model *m = c.m;
    c.services = g_hash_table_new(g_str_hash, g_str_equal);
    static const char *const keys[] = {"name", "area", "distances", "central_offices", "patients",
                                       "caregivers", "services", NULL};
    JsonObject *root = cr_jr_object(&c.j, root_node, "$");
    bool ok = root && cr_jr_known_keys(&c.j, root, "$", keys);
    const char *name = NULL;
    ok = ok && cr_jr_string(&c.j, root, "$", "name", false, &name);
    cr_io_hhc_model_setup(m, source, CR_FORMAT_HHC_JSON); /* the file names the instance; "name" is the city */
    m->lonlat = true;
    ok = ok && read_services(&c, root) && read_caregivers(&c, root) && read_patients(&c, root);
    JsonArray *offices = ok ? cr_jr_array(&c.j, json_object_get_member(root, "central_offices"), "$.central_offices") : NULL;
    ok = ok && offices;
    if (ok && json_array_get_length(offices) != 1)
        ok = cr_jr_fail(&c.j, CR_ERR_UNSUPPORTED, "$.central_offices", "expected one central office, found %u",
                        json_array_get_length(offices));
    if (ok) {
        JsonObject *o = cr_jr_object(&c.j, json_array_get_element(offices, 0), "$.central_offices[0]");
        double loc[2];
        ok = o && pair_of_numbers(&c, json_object_get_member(o, "location"), "$.central_offices[0].location", -180, 180, loc);
        if (ok)
            m->points[0] = (cr_point){loc[0], loc[1]};
    }
    ok = ok && read_distances(&c, root, m->n_points);
    g_hash_table_destroy(c.services);
    g_free(c.default_duration);
    json_node_unref(root_node);
    if (!ok) {
        cr_model_free(m);
        return NULL;
    }
    return m;
}
