/* The plan JSON format ("careroute-plan-1"), written and read back, and the
 * SINTEF route text form. */
#include "io.h"
#include "json_read.h"
#include "json_write.h"

#include "careroute.h"
#include "core/error.h"

#include <math.h>
#include <string.h>

static const char *objective_name(int objective)
{
    switch (objective) {
    case CR_OBJECTIVE_VEHICLES_THEN_DISTANCE: return "vehicles-then-distance";
    case CR_OBJECTIVE_DISTANCE: return "distance";
    default: return "auto";
    }
}

static void add_time(JsonBuilder *b, const cr_model *m, const char *key, double t)
{
    cr_json_member_number(b, key, t);
    if (!m->is_vrptw) {
        /* A human-readable copy; readers ignore it. */
        char buf[32], name[40];
        g_snprintf(name, sizeof name, "%s_time", key);
        cr_json_member_string(b, name, cr_model_format_time(m, t, buf, sizeof buf));
    }
}

char *cr_io_plan_to_json(const cr_model *m, const cr_solution *s)
{
    JsonBuilder *b = json_builder_new_immutable();
    json_builder_begin_object(b);
    cr_json_member_string(b, "format", "careroute-plan-1");
    cr_json_member_string(b, "scenario", m->name ? m->name : "");
    cr_json_member_string(b, "objective", objective_name(s->objective));

    json_builder_set_member_name(b, "summary");
    json_builder_begin_object(b);
    cr_json_member_int(b, "routes", s->n_routes);
    cr_json_member_number(b, "distance", s->distance);
    cr_json_member_number(b, "travel_time", s->travel_time);
    cr_json_member_int(b, "unassigned", s->n_unassigned);
    cr_json_member_number(b, "seconds", s->seconds);
    json_builder_end_object(b);

    json_builder_set_member_name(b, "routes");
    json_builder_begin_array(b);
    for (int r = 0; r < s->n_routes; r++) {
        const cr_route *rt = &s->routes[r];
        json_builder_begin_object(b);
        cr_json_member_string(b, "carer", m->carers[rt->carer].id);
        cr_json_member_string(b, "day", cr_model_day_name(m, rt->day));
        cr_json_member_number(b, "distance", cr_route_distance(m, rt));
        cr_json_member_number(b, "travel_time", cr_route_travel_time(m, rt));
        json_builder_set_member_name(b, "visits");
        json_builder_begin_array(b);
        for (int i = 0; i < rt->n; i++) {
            const cr_visit *v = &m->visits[rt->visits[i]];
            json_builder_begin_object(b);
            cr_json_member_string(b, "visit", v->id);
            if (!isnan(rt->starts[i])) {
                add_time(b, m, "start", rt->starts[i]);
                add_time(b, m, "end", rt->starts[i] + cr_model_duration(m, rt->visits[i], rt->carer));
            }
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);

    json_builder_set_member_name(b, "unassigned");
    json_builder_begin_array(b);
    for (int i = 0; i < s->n_unassigned; i++) {
        json_builder_begin_object(b);
        cr_json_member_string(b, "visit", m->visits[s->unassigned[i]].id);
        cr_json_member_string(b, "reason", s->reasons[i] ? s->reasons[i] : "");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);

    return cr_json_builder_finish(b);
}

static int find_carer(const cr_model *m, const char *id)
{
    for (int i = 0; i < m->n_carers; i++)
        if (g_str_equal(m->carers[i].id, id))
            return i;
    return -1;
}

static int find_day(const cr_model *m, JsonNode *n)
{
    if (JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_INT64) {
        gint64 d = json_node_get_int(n);
        return d >= 0 && d < m->n_days ? (int)d : -1;
    }
    if (JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING) {
        for (int d = 0; d < m->n_days; d++)
            if (g_str_equal(cr_model_day_name(m, d), json_node_get_string(n)))
                return d;
    }
    return -1;
}

static bool read_route(cr_jr *j, const cr_model *m, GHashTable *visit_ids, JsonObject *o,
                       const char *path, cr_solution *s)
{
    static const char *const keys[] = {"carer", "day", "distance", "travel_time", "visits", NULL};
    const char *carer_id = NULL;
    if (!cr_jr_known_keys(j, o, path, keys) || !cr_jr_string(j, o, path, "carer", true, &carer_id))
        return false;
    int carer = find_carer(m, carer_id);
    if (carer < 0) {
        char *p = cr_jr_key(path, "carer");
        cr_jr_fail(j, 0, p, "unknown carer \"%.60s\"", carer_id);
        g_free(p);
        return false;
    }
    int day = 0;
    if (json_object_has_member(o, "day")) {
        day = find_day(m, json_object_get_member(o, "day"));
        if (day < 0) {
            char *p = cr_jr_key(path, "day");
            cr_jr_fail(j, 0, p, "unknown day, expected a day name of the scenario or a 0-based number");
            g_free(p);
            return false;
        }
    } else if (m->n_days > 1) {
        return cr_jr_fail(j, 0, path, "missing \"day\": the scenario has %d days", m->n_days);
    }
    char *pv = cr_jr_key(path, "visits");
    JsonArray *a = json_object_has_member(o, "visits")
                       ? cr_jr_array(j, json_object_get_member(o, "visits"), pv)
                       : (cr_jr_fail(j, 0, pv, "missing required field, expected an array"), NULL);
    bool ok = a != NULL;
    guint n = ok ? json_array_get_length(a) : 0;
    int *visits = g_new(int, n ? n : 1);
    double *starts = g_new(double, n ? n : 1);
    static const char *const vkeys[] = {"visit", "start", "end", "start_time", "end_time", NULL};
    for (guint i = 0; ok && i < n; i++) {
        char *pi = cr_jr_index(pv, i);
        JsonObject *vo = cr_jr_object(j, json_array_get_element(a, i), pi);
        const char *vid = NULL;
        starts[i] = NAN;
        ok = vo && cr_jr_known_keys(j, vo, pi, vkeys) && cr_jr_string(j, vo, pi, "visit", true, &vid) &&
             cr_jr_number(j, vo, pi, "start", false, -1e12, 1e12, &starts[i]);
        if (ok) {
            gpointer idx = g_hash_table_lookup(visit_ids, vid);
            if (!idx)
                ok = cr_jr_fail(j, 0, pi, "unknown visit \"%.60s\"", vid);
            else
                visits[i] = GPOINTER_TO_INT(idx) - 1;
        }
        g_free(pi);
    }
    if (ok)
        cr_solution_add_route(s, carer, day, (int)n, visits, starts);
    g_free(visits);
    g_free(starts);
    g_free(pv);
    return ok;
}

cr_solution *cr_io_read_plan_json(const cr_model *m, const char *data, size_t len,
                                  const char *source, GError **err)
{
    cr_jr j = {source, err};
    JsonNode *root_node = cr_jr_parse(&j, data, len);
    if (!root_node)
        return NULL;
    cr_solution *s = cr_solution_new();
    GHashTable *visit_ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (int i = 0; i < m->n_visits; i++)
        g_hash_table_insert(visit_ids, m->visits[i].id, GINT_TO_POINTER(i + 1));

    static const char *const keys[] = {"format", "scenario", "objective", "summary", "routes",
                                       "unassigned", NULL};
    JsonObject *root = cr_jr_object(&j, root_node, "$");
    /* the format first: a scenario or a report given where the plan goes
     * is named as such, not as a list of unknown fields */
    const char *format = NULL;
    bool ok = root && cr_jr_string(&j, root, "$", "format", true, &format);
    if (ok && !g_str_equal(format, "careroute-plan-1"))
        ok = cr_jr_fail(&j, CR_ERR_UNSUPPORTED, "$.format",
                        "expected a plan (\"careroute-plan-1\"), found \"%.40s\"%s", format,
                        g_str_has_prefix(format, "careroute-scenario") ? ": this is a scenario; give the plan file"
                        : g_str_has_prefix(format, "careroute-report") ? ": this is a report; give the plan file"
                                                                      : "");
    ok = ok && cr_jr_known_keys(&j, root, "$", keys);
    if (ok && json_object_has_member(root, "summary")) {
        JsonObject *so = cr_jr_object(&j, json_object_get_member(root, "summary"), "$.summary");
        ok = so && cr_jr_number(&j, so, "$.summary", "distance", false, 0, 1e15, &s->distance) &&
             cr_jr_number(&j, so, "$.summary", "travel_time", false, 0, 1e15, &s->travel_time);
        s->has_totals = ok && json_object_has_member(so, "distance");
    }
    if (ok && json_object_has_member(root, "objective")) {
        const char *obj = NULL;
        ok = cr_jr_string(&j, root, "$", "objective", false, &obj);
        if (ok)
            s->objective = g_str_equal(obj, "distance") ? CR_OBJECTIVE_DISTANCE
                           : g_str_equal(obj, "vehicles-then-distance") ? CR_OBJECTIVE_VEHICLES_THEN_DISTANCE
                                                                        : CR_OBJECTIVE_AUTO;
    }
    JsonArray *routes = NULL;
    if (ok) {
        if (!json_object_has_member(root, "routes"))
            ok = cr_jr_fail(&j, 0, "$.routes", "missing required field, expected an array");
        else
            ok = (routes = cr_jr_array(&j, json_object_get_member(root, "routes"), "$.routes")) != NULL;
    }
    for (guint r = 0; ok && r < json_array_get_length(routes); r++) {
        char *pr = cr_jr_index("$.routes", r);
        JsonObject *ro = cr_jr_object(&j, json_array_get_element(routes, r), pr);
        ok = ro && read_route(&j, m, visit_ids, ro, pr, s);
        g_free(pr);
    }
    if (ok && json_object_has_member(root, "unassigned")) {
        JsonArray *ua = cr_jr_array(&j, json_object_get_member(root, "unassigned"), "$.unassigned");
        ok = ua != NULL;
        for (guint i = 0; ok && i < json_array_get_length(ua); i++) {
            char *pi = cr_jr_index("$.unassigned", i);
            static const char *const ukeys[] = {"visit", "reason", NULL};
            JsonObject *uo = cr_jr_object(&j, json_array_get_element(ua, i), pi);
            const char *vid = NULL, *reason = NULL;
            ok = uo && cr_jr_known_keys(&j, uo, pi, ukeys) && cr_jr_string(&j, uo, pi, "visit", true, &vid) &&
                 cr_jr_string(&j, uo, pi, "reason", false, &reason);
            if (ok) {
                gpointer idx = g_hash_table_lookup(visit_ids, vid);
                if (!idx)
                    ok = cr_jr_fail(&j, 0, pi, "unknown visit \"%.60s\"", vid);
                else
                    cr_solution_add_unassigned(s, GPOINTER_TO_INT(idx) - 1, reason);
            }
            g_free(pi);
        }
    }
    g_hash_table_destroy(visit_ids);
    json_node_unref(root_node);
    if (!ok) {
        cr_solution_free(s);
        return NULL;
    }
    return s;
}

char *cr_io_routes_text(const cr_model *m, const cr_solution *s)
{
    GString *out = g_string_new(NULL);
    int k = 0;
    for (int r = 0; r < s->n_routes; r++) {
        const cr_route *rt = &s->routes[r];
        if (rt->n == 0)
            continue;
        if (m->n_days > 1 || !m->is_vrptw)
            g_string_append_printf(out, "Route %d (day %s, carer %s) :", ++k, cr_model_day_name(m, rt->day),
                                   m->carers[rt->carer].id);
        else
            g_string_append_printf(out, "Route %d :", ++k);
        for (int i = 0; i < rt->n; i++)
            g_string_append_printf(out, " %s", m->visits[rt->visits[i]].id);
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}
