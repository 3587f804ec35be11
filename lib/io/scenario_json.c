/* careroute's home care scenario JSON (documented in README.md, "Scenario
 * format"). Strict: unknown fields, dangling references, duplicate ids and
 * out-of-range values are errors naming their JSON path. */
#include "io.h"
#include "json_read.h"

#include "careroute.h"
#include "core/error.h"

#include <math.h>
#include <string.h>

#define MAX_ITEMS 1000000
#define MAX_DAYS 31
#define MAX_SKILLS 64
#define MAX_ZONES 64

static const char *const default_day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

typedef struct {
    cr_jr j;
    cr_model *m;
    GHashTable *carer_ids, *client_ids, *visit_ids, *provider_ids, *zone_ids, *skill_ids, *day_ids;
    bool skills_declared;
    int point_kind; /* 0 unknown, 1 planar x/y, 2 lon/lat */
    GArray *syncs;  /* cr_sync: double-up pairs */
    char *first_point_path;
    GArray *points;
} ctx;

/* ids map to index + 1 so that 0 (NULL) means absent */
static bool register_id(ctx *c, GHashTable *t, const char *id, int index, const char *path,
                        const char *kind)
{
    gpointer prev = g_hash_table_lookup(t, id);
    if (prev)
        return cr_jr_fail(&c->j, 0, path, "duplicate %s id \"%.60s\" (already used by entry %d)", kind,
                          id, GPOINTER_TO_INT(prev) - 1);
    g_hash_table_insert(t, g_strdup(id), GINT_TO_POINTER(index + 1));
    return true;
}

static int lookup_id(GHashTable *t, const char *id)
{
    return GPOINTER_TO_INT(g_hash_table_lookup(t, id)) - 1;
}

static bool ref_id(ctx *c, GHashTable *t, JsonObject *o, const char *path, const char *key,
                   bool required, const char *kind, int *out)
{
    const char *id = NULL;
    if (!cr_jr_string(&c->j, o, path, key, required, &id))
        return false;
    if (!id)
        return true;
    int idx = lookup_id(t, id);
    if (idx < 0) {
        char *p = cr_jr_key(path, key);
        cr_jr_fail(&c->j, 0, p, "unknown %s \"%.60s\"", kind, id);
        g_free(p);
        return false;
    }
    *out = idx;
    return true;
}

/* A list of ids of one kind; returns indices (caller frees) via out. */
static bool ref_list(ctx *c, GHashTable *t, JsonObject *o, const char *path, const char *key,
                     const char *kind, int **out, int *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (!json_object_has_member(o, key))
        return true;
    char *p = cr_jr_key(path, key);
    JsonArray *a = cr_jr_array(&c->j, json_object_get_member(o, key), p);
    bool ok = a != NULL;
    if (ok) {
        guint n = json_array_get_length(a);
        *out = g_new(int, n ? n : 1);
        for (guint i = 0; i < n && ok; i++) {
            char *pi = cr_jr_index(p, i);
            JsonNode *e = json_array_get_element(a, i);
            if (!JSON_NODE_HOLDS_VALUE(e) || json_node_get_value_type(e) != G_TYPE_STRING)
                ok = cr_jr_fail(&c->j, 0, pi, "expected a %s id string, found %s", kind, cr_jr_type_name(e));
            else {
                int idx = lookup_id(t, json_node_get_string(e));
                if (idx < 0)
                    ok = cr_jr_fail(&c->j, 0, pi, "unknown %s \"%.60s\"", kind, json_node_get_string(e));
                else
                    (*out)[(*n_out)++] = idx;
            }
            g_free(pi);
        }
    }
    g_free(p);
    if (!ok) {
        g_free(*out);
        *out = NULL;
    }
    return ok;
}

static bool skill_mask(ctx *c, JsonObject *o, const char *path, uint64_t *mask)
{
    *mask = 0;
    if (!json_object_has_member(o, "skills"))
        return true;
    char *p = cr_jr_key(path, "skills");
    JsonArray *a = cr_jr_array(&c->j, json_object_get_member(o, "skills"), p);
    bool ok = a != NULL;
    for (guint i = 0; ok && i < json_array_get_length(a); i++) {
        char *pi = cr_jr_index(p, i);
        JsonNode *e = json_array_get_element(a, i);
        if (!JSON_NODE_HOLDS_VALUE(e) || json_node_get_value_type(e) != G_TYPE_STRING ||
            !*json_node_get_string(e)) {
            ok = cr_jr_fail(&c->j, 0, pi, "expected a skill name, found %s", cr_jr_type_name(e));
        } else {
            const char *name = json_node_get_string(e);
            int idx = lookup_id(c->skill_ids, name);
            if (idx < 0 && c->skills_declared) {
                ok = cr_jr_fail(&c->j, 0, pi, "unknown skill \"%.60s\" (not in $.skills)", name);
            } else if (idx < 0 && c->m->n_skills >= MAX_SKILLS) {
                ok = cr_jr_fail(&c->j, CR_ERR_UNSUPPORTED, pi, "more than %d distinct skills", MAX_SKILLS);
            } else {
                if (idx < 0) {
                    idx = c->m->n_skills++;
                    c->m->skills = g_renew(char *, c->m->skills, c->m->n_skills);
                    c->m->skills[idx] = g_strdup(name);
                    g_hash_table_insert(c->skill_ids, g_strdup(name), GINT_TO_POINTER(idx + 1));
                }
                *mask |= UINT64_C(1) << idx;
            }
        }
        g_free(pi);
    }
    g_free(p);
    return ok;
}

static bool read_point(ctx *c, JsonObject *o, const char *path, const char *key, bool required,
                       int *out)
{
    if (!json_object_has_member(o, key)) {
        if (!required)
            return true;
        char *p = cr_jr_key(path, key);
        cr_jr_fail(&c->j, 0, p, "missing required field, expected a location {\"lat\": .., \"lon\": ..}");
        g_free(p);
        return false;
    }
    char *p = cr_jr_key(path, key);
    bool ok = false;
    JsonObject *lo = cr_jr_object(&c->j, json_object_get_member(o, key), p);
    static const char *const keys[] = {"lat", "lon", "x", "y", NULL};
    if (lo && cr_jr_known_keys(&c->j, lo, p, keys)) {
        bool geo = json_object_has_member(lo, "lat") || json_object_has_member(lo, "lon");
        int kind = geo ? 2 : 1;
        cr_point pt = {0, 0};
        if (geo)
            ok = cr_jr_number(&c->j, lo, p, "lat", true, -90, 90, &pt.y) &&
                 cr_jr_number(&c->j, lo, p, "lon", true, -180, 180, &pt.x);
        else
            ok = cr_jr_number(&c->j, lo, p, "x", true, -1e9, 1e9, &pt.x) &&
                 cr_jr_number(&c->j, lo, p, "y", true, -1e9, 1e9, &pt.y);
        if (ok && (json_object_has_member(lo, "x") || json_object_has_member(lo, "y")) && geo)
            ok = cr_jr_fail(&c->j, 0, p, "give either lat/lon or x/y, not both");
        if (ok && c->point_kind && c->point_kind != kind)
            ok = cr_jr_fail(&c->j, 0, p, "uses %s but %s uses %s; all locations must use the same kind",
                            geo ? "lat/lon" : "x/y", c->first_point_path,
                            geo ? "x/y" : "lat/lon");
        if (ok) {
            if (!c->point_kind) {
                c->point_kind = kind;
                c->first_point_path = g_strdup(p);
            }
            *out = (int)c->points->len;
            g_array_append_val(c->points, pt);
        }
    }
    g_free(p);
    return ok;
}

/* A day reference: a 0-based index or a day name. */
static bool read_day_node(ctx *c, JsonNode *n, const char *path, int *out)
{
    if (n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING) {
        int d = lookup_id(c->day_ids, json_node_get_string(n));
        if (d < 0) {
            GString *names = g_string_new(NULL);
            for (int i = 0; i < c->m->n_days; i++)
                g_string_append_printf(names, "%s%s", i ? ", " : "", c->m->day_names[i]);
            cr_jr_fail(&c->j, 0, path, "unknown day \"%.20s\" (days are: %s)", json_node_get_string(n), names->str);
            g_string_free(names, TRUE);
            return false;
        }
        *out = d;
        return true;
    }
    if (n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_INT64) {
        gint64 d = json_node_get_int(n);
        if (d < 0 || d >= c->m->n_days)
            return cr_jr_fail(&c->j, 0, path, "day %lld out of range, expected 0 to %d or a day name",
                              (long long)d, c->m->n_days - 1);
        *out = (int)d;
        return true;
    }
    return cr_jr_fail(&c->j, 0, path, "expected a day name or a 0-based day number, found %s",
                      cr_jr_type_name(n));
}

/* "day": D, "days": [D, ...] or "days": "all"; neither means every day.
 * Fills on[] (n_days flags). */
static bool read_days(ctx *c, JsonObject *o, const char *path, bool absent_means_all, bool *on)
{
    bool has_day = json_object_has_member(o, "day"), has_days = json_object_has_member(o, "days");
    for (int d = 0; d < c->m->n_days; d++)
        on[d] = false;
    if (has_day && has_days)
        return cr_jr_fail(&c->j, 0, path, "give either \"day\" or \"days\", not both");
    if (has_day) {
        char *p = cr_jr_key(path, "day");
        int d;
        bool ok = read_day_node(c, json_object_get_member(o, "day"), p, &d);
        g_free(p);
        if (ok)
            on[d] = true;
        return ok;
    }
    if (has_days) {
        char *p = cr_jr_key(path, "days");
        JsonNode *n = json_object_get_member(o, "days");
        bool ok = true;
        if (JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING &&
            g_str_equal(json_node_get_string(n), "all")) {
            for (int d = 0; d < c->m->n_days; d++)
                on[d] = true;
        } else {
            JsonArray *a = cr_jr_array(&c->j, n, p);
            ok = a != NULL;
            if (ok && json_array_get_length(a) == 0)
                ok = cr_jr_fail(&c->j, 0, p, "expected at least one day");
            for (guint i = 0; ok && i < json_array_get_length(a); i++) {
                char *pi = cr_jr_index(p, i);
                int d;
                ok = read_day_node(c, json_array_get_element(a, i), pi, &d);
                if (ok && on[d])
                    ok = cr_jr_fail(&c->j, 0, pi, "day \"%s\" listed twice", c->m->day_names[d]);
                if (ok)
                    on[d] = true;
                g_free(pi);
            }
        }
        g_free(p);
        return ok;
    }
    if (absent_means_all || c->m->n_days == 1) {
        for (int d = 0; d < c->m->n_days; d++)
            on[d] = true;
        return true;
    }
    return cr_jr_fail(&c->j, 0, path, "missing \"day\" (or \"days\"): the scenario has %d days",
                      c->m->n_days);
}

static bool read_days_header(ctx *c, JsonObject *root)
{
    cr_model *m = c->m;
    m->n_days = 1;
    JsonNode *n = json_object_has_member(root, "days") ? json_object_get_member(root, "days") : NULL;
    if (n && JSON_NODE_HOLDS_ARRAY(n)) {
        JsonArray *a = json_node_get_array(n);
        guint len = json_array_get_length(a);
        if (len < 1 || len > MAX_DAYS)
            return cr_jr_fail(&c->j, 0, "$.days", "expected 1 to %d day names, found %u", MAX_DAYS, len);
        m->day_names = g_new0(char *, len);
        m->n_days = (int)len;
        for (guint i = 0; i < len; i++) {
            char *pi = cr_jr_index("$.days", i);
            JsonNode *e = json_array_get_element(a, i);
            bool ok = JSON_NODE_HOLDS_VALUE(e) && json_node_get_value_type(e) == G_TYPE_STRING &&
                      *json_node_get_string(e);
            if (!ok)
                cr_jr_fail(&c->j, 0, pi, "expected a day name, found %s", cr_jr_type_name(e));
            else {
                m->day_names[i] = g_strdup(json_node_get_string(e));
                ok = register_id(c, c->day_ids, m->day_names[i], (int)i, pi, "day");
            }
            g_free(pi);
            if (!ok)
                return false;
        }
        return true;
    }
    long nd = 1;
    if (!cr_jr_int(&c->j, root, "$", "days", false, 1, MAX_DAYS, &nd))
        return false;
    m->n_days = (int)nd;
    m->day_names = g_new0(char *, nd);
    for (int i = 0; i < nd; i++) {
        m->day_names[i] = nd <= 7 ? g_strdup(default_day_names[i]) : g_strdup_printf("d%d", i + 1);
        g_hash_table_insert(c->day_ids, g_strdup(m->day_names[i]), GINT_TO_POINTER(i + 1));
    }
    return true;
}

static bool read_named_list(ctx *c, JsonObject *root, const char *key, GHashTable *ids,
                            char ***names, int *n, int max)
{
    if (!json_object_has_member(root, key))
        return true;
    char *p = cr_jr_key("$", key);
    JsonArray *a = cr_jr_array(&c->j, json_object_get_member(root, key), p);
    bool ok = a != NULL;
    guint len = a ? json_array_get_length(a) : 0;
    if (ok && (int)len > max)
        ok = cr_jr_fail(&c->j, CR_ERR_UNSUPPORTED, p, "more than %d entries", max);
    if (ok)
        *names = g_new0(char *, len ? len : 1);
    for (guint i = 0; ok && i < len; i++) {
        char *pi = cr_jr_index(p, i);
        JsonNode *e = json_array_get_element(a, i);
        const char *id = NULL;
        if (JSON_NODE_HOLDS_VALUE(e) && json_node_get_value_type(e) == G_TYPE_STRING) {
            id = json_node_get_string(e);
            if (!*id)
                ok = cr_jr_fail(&c->j, 0, pi, "expected a non-empty id");
        } else {
            static const char *const keys[] = {"id", "name", NULL};
            JsonObject *o = cr_jr_object(&c->j, e, pi);
            ok = o && cr_jr_known_keys(&c->j, o, pi, keys) && cr_jr_string(&c->j, o, pi, "id", true, &id);
            const char *name = NULL;
            ok = ok && cr_jr_string(&c->j, o, pi, "name", false, &name);
        }
        if (ok) {
            ok = register_id(c, ids, id, (int)i, pi, key);
            (*names)[i] = g_strdup(id);
            *n = (int)i + 1;
        }
        g_free(pi);
    }
    g_free(p);
    return ok;
}

/* A file named in the scenario, relative to the scenario file's folder. */
static char *beside_source(const ctx *c, const char *name)
{
    if (g_path_is_absolute(name) || !c->j.source || c->j.source[0] == '<')
        return g_strdup(name);
    char *dir = g_path_get_dirname(c->j.source);
    char *path = g_build_filename(dir, name, NULL);
    g_free(dir);
    return path;
}

/* "road": {"map", "profile", "speeds", "snap_distance_m"}; "matrix": {"file"}. */
static bool read_travel_source(ctx *c, JsonObject *t, const char *model)
{
    cr_model *m = c->m;
    bool road = g_str_equal(model, "road");
    if (c->point_kind == 1)
        return cr_jr_fail(&c->j, 0, "$.travel.model", "\"%s\" needs lat/lon locations, but %s uses x/y", model,
                          c->first_point_path);
    static const char *const road_only[] = {"map", "profile", "speeds", "snap_distance_m", NULL};
    for (int i = 0; road_only[i]; i++)
        if (!road && json_object_has_member(t, road_only[i]))
            return cr_jr_fail(&c->j, 0, "$.travel", "\"%s\" belongs to the \"road\" model", road_only[i]);
    if (road && json_object_has_member(t, "file"))
        return cr_jr_fail(&c->j, 0, "$.travel.file", "\"file\" belongs to the \"matrix\" model; a road map is \"map\"");
    const char *file = NULL, *profile = NULL;
    if (!cr_jr_string(&c->j, t, "$.travel", road ? "map" : "file", true, &file) ||
        (road && !cr_jr_string(&c->j, t, "$.travel", "profile", false, &profile)))
        return false;
    if (!road) {
        m->travel.matrix_path = beside_source(c, file);
        return true;
    }
    if (profile && !g_str_equal(profile, "car") && !g_str_equal(profile, "walk") && !g_str_equal(profile, "bike"))
        return cr_jr_fail(&c->j, 0, "$.travel.profile", "expected \"car\", \"walk\" or \"bike\", found \"%.40s\"", profile);
    m->travel.map_path = beside_source(c, file);
    m->travel.profile = g_strdup(profile);
    if (!cr_jr_number(&c->j, t, "$.travel", "snap_distance_m", false, 1, 100000, &m->travel.snap_m))
        return false;
    if (json_object_has_member(t, "speeds")) {
        JsonObject *sp = cr_jr_object(&c->j, json_object_get_member(t, "speeds"), "$.travel.speeds");
        if (!sp)
            return false;
        GList *members = json_object_get_members(sp);
        GPtrArray *list = g_ptr_array_new();
        bool ok = true;
        for (GList *l = members; l && ok; l = l->next) {
            double kmh = 0;
            ok = cr_jr_number(&c->j, sp, "$.travel.speeds", l->data, true, 0, 300, &kmh);
            if (ok)
                g_ptr_array_add(list, g_strdup_printf("%s=%.17g", (const char *)l->data, kmh));
        }
        g_list_free(members);
        g_ptr_array_add(list, NULL);
        m->travel.speeds = (char **)g_ptr_array_free(list, FALSE);
        if (!ok)
            return false;
    }
    return true;
}

static bool read_travel(ctx *c, JsonObject *root)
{
    cr_model *m = c->m;
    m->travel.kind = c->point_kind == 1 ? CR_TRAVEL_EUCLIDEAN : CR_TRAVEL_STRAIGHT_LINE;
    m->lonlat = c->point_kind == 2;
    if (!json_object_has_member(root, "travel"))
        return true;
    JsonObject *t = cr_jr_object(&c->j, json_object_get_member(root, "travel"), "$.travel");
    static const char *const keys[] = {"model", "speed_kmh", "detour_factor", "map", "profile", "speeds",
                                       "snap_distance_m", "file", NULL};
    if (!t || !cr_jr_known_keys(&c->j, t, "$.travel", keys))
        return false;
    const char *model = NULL;
    if (!cr_jr_string(&c->j, t, "$.travel", "model", false, &model))
        return false;
    if (model) {
        if (g_str_equal(model, "straight-line")) {
            if (c->point_kind == 1)
                return cr_jr_fail(&c->j, 0, "$.travel.model",
                                  "\"straight-line\" needs lat/lon locations, but %s uses x/y", c->first_point_path);
            m->travel.kind = CR_TRAVEL_STRAIGHT_LINE;
        } else if (g_str_equal(model, "euclidean")) {
            if (c->point_kind == 2)
                return cr_jr_fail(&c->j, 0, "$.travel.model",
                                  "\"euclidean\" needs x/y locations, but %s uses lat/lon", c->first_point_path);
            m->travel.kind = CR_TRAVEL_EUCLIDEAN;
        } else if (g_str_equal(model, "road") || g_str_equal(model, "matrix")) {
            if (!read_travel_source(c, t, model))
                return false;
        } else {
            return cr_jr_fail(&c->j, CR_ERR_UNSUPPORTED, "$.travel.model",
                              "unknown travel model \"%.40s\", expected \"straight-line\", \"euclidean\", \"road\" or \"matrix\"",
                              model);
        }
    }
    if (!model || (!g_str_equal(model, "road") && !g_str_equal(model, "matrix"))) {
        static const char *const source_keys[] = {"map", "profile", "speeds", "snap_distance_m", "file", NULL};
        for (int i = 0; source_keys[i]; i++)
            if (json_object_has_member(t, source_keys[i]))
                return cr_jr_fail(&c->j, 0, "$.travel", "\"%s\" needs \"model\": \"%s\"", source_keys[i],
                                  g_str_equal(source_keys[i], "file") ? "matrix" : "road");
    }
    return cr_jr_number(&c->j, t, "$.travel", "speed_kmh", false, 1, 200, &m->travel.speed_kmh) &&
           cr_jr_number(&c->j, t, "$.travel", "detour_factor", false, 1, 5, &m->travel.detour_factor);
}

/* The break rule: break_after_hours and break_minutes together, and an
 * optional window break_from .. break_to (times of day). */
static bool read_break(ctx *c, JsonObject *r)
{
    cr_rules *rules = &c->m->rules;
    bool after = json_object_has_member(r, "break_after_hours"), minutes = json_object_has_member(r, "break_minutes");
    if (!after && !minutes && !json_object_has_member(r, "break_from") && !json_object_has_member(r, "break_to"))
        return true;
    double hours = 0;
    if (!after || !minutes)
        return cr_jr_fail(&c->j, 0, "$.rules", "a break needs both break_after_hours and break_minutes");
    if (!cr_jr_number(&c->j, r, "$.rules", "break_after_hours", true, 0, 24, &hours) ||
        !cr_jr_number(&c->j, r, "$.rules", "break_minutes", true, 1, 240, &rules->break_minutes) ||
        !cr_jr_time(&c->j, r, "$.rules", "break_from", false, &rules->break_from) ||
        !cr_jr_time(&c->j, r, "$.rules", "break_to", false, &rules->break_to))
        return false;
    if (rules->break_to - rules->break_from < rules->break_minutes)
        return cr_jr_fail(&c->j, 0, "$.rules.break_to", "the break window is shorter than the %g-minute break",
                          rules->break_minutes);
    rules->break_after = hours * 60.0;
    return true;
}

static bool read_rules(ctx *c, JsonObject *root)
{
    if (!json_object_has_member(root, "rules"))
        return true;
    JsonObject *r = cr_jr_object(&c->j, json_object_get_member(root, "rules"), "$.rules");
    static const char *const keys[] = {"min_visit_minutes", "allow_short_visits", "continuity_weight", "preference_weight",
                                       "paid_home_travel", "max_carers_per_client", "max_shift_hours",
                                       "min_rest_hours", "overtime_weight", "break_after_hours",
                                       "break_minutes", "break_from", "break_to", "two_days_off_in_a_row", NULL};
    long cap = 0;
    double shift_hours = INFINITY, rest_hours = 0;
    bool ok = r && cr_jr_known_keys(&c->j, r, "$.rules", keys) &&
              cr_jr_int(&c->j, r, "$.rules", "max_carers_per_client", false, 1, 1000, &cap) &&
              cr_jr_number(&c->j, r, "$.rules", "max_shift_hours", false, 0.5, 24, &shift_hours) &&
              cr_jr_number(&c->j, r, "$.rules", "min_rest_hours", false, 0, 24, &rest_hours) &&
              cr_jr_number(&c->j, r, "$.rules", "overtime_weight", false, 0, 1e6, &c->m->rules.overtime_weight) &&
              read_break(c, r);
    c->m->rules.max_carers_per_client = (int)cap;
    c->m->rules.max_shift_minutes = shift_hours * 60.0;
    c->m->rules.min_rest_minutes = rest_hours * 60.0;
    return ok &&
           cr_jr_number(&c->j, r, "$.rules", "continuity_weight", false, 0, 1e6, &c->m->rules.continuity_weight) &&
           cr_jr_number(&c->j, r, "$.rules", "preference_weight", false, 0, 1e6, &c->m->rules.preference_weight) &&
           cr_jr_number(&c->j, r, "$.rules", "min_visit_minutes", false, 0, 1440, &c->m->rules.min_visit_minutes) &&
           cr_jr_bool(&c->j, r, "$.rules", "allow_short_visits", false, &c->m->rules.allow_short_visits) &&
           cr_jr_bool(&c->j, r, "$.rules", "paid_home_travel", false, &c->m->rules.paid_home_travel) &&
           cr_jr_bool(&c->j, r, "$.rules", "two_days_off_in_a_row", false, &c->m->rules.two_days_off_in_a_row);
}

static JsonArray *top_array(ctx *c, JsonObject *root, const char *key, bool required, char **path)
{
    *path = cr_jr_key("$", key);
    if (!json_object_has_member(root, key)) {
        if (required)
            cr_jr_fail(&c->j, 0, *path, "missing required field, expected an array");
        return NULL;
    }
    JsonArray *a = cr_jr_array(&c->j, json_object_get_member(root, key), *path);
    if (a && json_array_get_length(a) > MAX_ITEMS) {
        cr_jr_fail(&c->j, CR_ERR_UNSUPPORTED, *path, "more than %d entries", MAX_ITEMS);
        return NULL;
    }
    return a;
}

static bool read_shifts(ctx *c, JsonObject *o, const char *path, cr_carer *cr)
{
    cr->shifts = g_new0(cr_shift, c->m->n_days);
    char *p = cr_jr_key(path, "shifts");
    bool ok = true;
    if (!json_object_has_member(o, "shifts")) {
        ok = cr_jr_fail(&c->j, 0, p, "missing required field, expected an array of shifts "
                                     "[{\"day\": \"mon\", \"start\": \"07:00\", \"end\": \"15:00\"}]");
        g_free(p);
        return ok;
    }
    JsonArray *a = cr_jr_array(&c->j, json_object_get_member(o, "shifts"), p);
    ok = a != NULL;
    bool *on = g_new(bool, c->m->n_days);
    for (guint i = 0; ok && i < json_array_get_length(a); i++) {
        char *pi = cr_jr_index(p, i);
        static const char *const keys[] = {"day", "days", "start", "end", NULL};
        JsonObject *so = cr_jr_object(&c->j, json_array_get_element(a, i), pi);
        double start = 0, end = 0;
        ok = so && cr_jr_known_keys(&c->j, so, pi, keys) && read_days(c, so, pi, true, on) &&
             cr_jr_time(&c->j, so, pi, "start", true, &start) && cr_jr_time(&c->j, so, pi, "end", true, &end);
        if (ok && end <= start)
            ok = cr_jr_fail(&c->j, 0, pi, "shift ends (%02d:%02d) before it starts (%02d:%02d)",
                            (int)end / 60, (int)end % 60, (int)start / 60, (int)start % 60);
        for (int d = 0; ok && d < c->m->n_days; d++) {
            if (!on[d])
                continue;
            if (cr->shifts[d].present)
                ok = cr_jr_fail(&c->j, 0, pi, "a second shift on %s; one shift per day is supported",
                                c->m->day_names[d]);
            else
                cr->shifts[d] = (cr_shift){true, start, end};
        }
        g_free(pi);
    }
    g_free(on);
    g_free(p);
    return ok;
}

/* The common start of a carer or client entry: an object with only known
 * keys, a string id (registered as index i) and an optional name. */
static JsonObject *open_entry(ctx *c, JsonArray *a, guint i, const char *pi, const char *const *keys,
                              GHashTable *ids, const char *kind, char **id_out)
{
    const char *id = NULL, *name = NULL;
    JsonObject *o = cr_jr_object(&c->j, json_array_get_element(a, i), pi);
    bool ok = o && cr_jr_known_keys(&c->j, o, pi, keys) && cr_jr_string(&c->j, o, pi, "id", true, &id) &&
              cr_jr_string(&c->j, o, pi, "name", false, &name) && register_id(c, ids, id, (int)i, pi, kind);
    if (!ok)
        return NULL;
    *id_out = g_strdup(id);
    return o;
}

/* An optional string under key that must be one of names[0..n): *out
 * gets its index, or -1 when the key is absent. `what` and `expected`
 * word the error ("unknown WHAT "x", expected EXPECTED"). */
static bool read_choice(ctx *c, JsonObject *o, const char *pi, const char *key, const char *const *names, int n,
                        const char *what, const char *expected, int *out)
{
    const char *s = NULL;
    *out = -1;
    if (!cr_jr_string(&c->j, o, pi, key, false, &s))
        return false;
    if (!s)
        return true;
    for (int k = 0; k < n; k++)
        if (g_str_equal(s, names[k])) {
            *out = k;
            return true;
        }
    char *pk = cr_jr_key(pi, key);
    bool ok = cr_jr_fail(&c->j, 0, pk, "unknown %s \"%.30s\", expected %s", what, s, expected);
    g_free(pk);
    return ok;
}

/* A gender under key: "female" or "male", and for a carer also "other"
 * (cr_gender counts from UNSTATED, for a key left out). */
static bool read_gender(ctx *c, JsonObject *o, const char *pi, const char *key, bool carer, cr_gender *out)
{
    static const char *const names[] = {"female", "male", "other"};
    int k;
    bool ok = read_choice(c, o, pi, key, names, carer ? 3 : 2, "gender",
                          carer ? "\"female\", \"male\" or \"other\""
                                : "\"female\", \"male\" (leave it out for any carer)",
                          &k);
    *out = (cr_gender)(k + 1);
    return ok;
}

/* How the carer travels: "car" (the scenario's travel, the default),
 * "walk" or "bike", in CR_MODE_* order. */
static bool read_mode(ctx *c, JsonObject *o, const char *pi, int *out)
{
    static const char *const names[] = {"car", "walk", "bike"};
    int k;
    bool ok = read_choice(c, o, pi, "travel_mode", names, 3, "travel mode", "\"car\", \"walk\" or \"bike\"", &k);
    *out = k < 0 ? CR_MODE_CAR : k;
    return ok;
}

/* Walkers and cyclists, once the travel model is known: their legs take
 * the scenario's time scaled by its speed over theirs. Only straight-line
 * travel has a speed to scale; a road map or a matrix has one profile. */
static bool carer_modes(ctx *c)
{
    cr_model *m = c->m;
    for (int k = 0; k < m->n_carers; k++) {
        cr_carer *cr = &m->carers[k];
        cr->travel_factor = 1.0;
        if (cr->travel_mode == CR_MODE_CAR)
            continue;
        const char *mode = cr->travel_mode == CR_MODE_WALK ? "walk" : "bike";
        if (m->travel.kind != CR_TRAVEL_STRAIGHT_LINE) {
            char *p = g_strdup_printf("$.carers[%d].travel_mode", k);
            bool ok = cr_jr_fail(&c->j, 0, p, "\"%s\" needs straight-line travel (lat/lon, model \"straight-line\"); "
                                 "road and matrix travel have one profile for every carer", mode);
            g_free(p);
            return ok;
        }
        cr->travel_factor = m->travel.speed_kmh / (cr->travel_mode == CR_MODE_WALK ? CR_WALK_KMH : CR_BIKE_KMH);
    }
    return true;
}

static bool read_carers(ctx *c, JsonObject *root)
{
    char *path;
    JsonArray *a = top_array(c, root, "carers", true, &path);
    bool ok = a != NULL;
    guint n = ok ? json_array_get_length(a) : 0;
    if (ok)
        c->m->carers = g_new0(cr_carer, n ? n : 1);
    static const char *const keys[] = {"id", "name", "provider", "zones", "home", "end", "skills",
                                       "shifts", "max_weekly_hours", "contracted_hours", "max_working_days",
                                       "hourly_rate", "gender", "travel_mode", NULL};
    for (guint i = 0; ok && i < n; i++) {
        char *pi = cr_jr_index(path, i);
        cr_carer *cr = &c->m->carers[i];
        c->m->n_carers = (int)i + 1;
        cr->provider = -1;
        cr->capacity = INFINITY;
        cr->max_week_minutes = INFINITY;
        double hours = INFINITY, contracted = INFINITY;
        long max_days = 0;
        JsonObject *o = open_entry(c, a, i, pi, keys, c->carer_ids, "carer", &cr->id);
        ok = o && ref_id(c, c->provider_ids, o, pi, "provider", false, "provider", &cr->provider);
        int *zones = NULL, nz = 0;
        ok = ok && ref_list(c, c->zone_ids, o, pi, "zones", "zone", &zones, &nz);
        for (int z = 0; ok && z < nz; z++)
            cr->zones |= UINT64_C(1) << zones[z];
        g_free(zones);
        ok = ok && read_point(c, o, pi, "home", true, &cr->start_point);
        cr->end_point = cr->start_point;
        ok = ok && read_point(c, o, pi, "end", false, &cr->end_point);
        ok = ok && skill_mask(c, o, pi, &cr->skills) && read_shifts(c, o, pi, cr) &&
             cr_jr_number(&c->j, o, pi, "max_weekly_hours", false, 0, 168, &hours) &&
             cr_jr_number(&c->j, o, pi, "contracted_hours", false, 0, 168, &contracted) &&
             cr_jr_int(&c->j, o, pi, "max_working_days", false, 1, 7, &max_days) &&
             cr_jr_number(&c->j, o, pi, "hourly_rate", false, 0, 10000, &cr->hourly_rate) &&
             read_gender(c, o, pi, "gender", true, &cr->gender) && read_mode(c, o, pi, &cr->travel_mode);
        cr->max_week_minutes = hours * 60.0;
        cr->contracted_week_minutes = contracted * 60.0;
        cr->max_working_days = (int)max_days;
        if (ok && isfinite(contracted) && contracted > hours)
            ok = cr_jr_fail(&c->j, 0, pi, "contracted_hours (%g) are more than max_weekly_hours (%g)", contracted, hours);
        g_free(pi);
    }
    g_free(path);
    return ok;
}

static bool read_clients(ctx *c, JsonObject *root)
{
    char *path;
    JsonArray *a = top_array(c, root, "clients", true, &path);
    bool ok = a != NULL;
    guint n = ok ? json_array_get_length(a) : 0;
    if (ok)
        c->m->clients = g_new0(cr_client, n ? n : 1);
    static const char *const keys[] = {"id", "name", "provider", "zone", "location",
                                       "excluded_carers", "preferred_carers", "funder", "carer_gender",
                                       "max_carers", NULL};
    for (guint i = 0; ok && i < n; i++) {
        char *pi = cr_jr_index(path, i);
        cr_client *cl = &c->m->clients[i];
        c->m->n_clients = (int)i + 1;
        cl->provider = -1;
        cl->zone = -1;
        static const char *const funders[] = {"council", "nhs-chc", "self"};
        int funder = -1;
        long cap = 0;
        JsonObject *o = open_entry(c, a, i, pi, keys, c->client_ids, "client", &cl->id);
        ok = o && ref_id(c, c->provider_ids, o, pi, "provider", false, "provider", &cl->provider) &&
             ref_id(c, c->zone_ids, o, pi, "zone", false, "zone", &cl->zone) &&
             read_point(c, o, pi, "location", true, &cl->point) &&
             ref_list(c, c->carer_ids, o, pi, "excluded_carers", "carer", &cl->excluded, &cl->n_excluded) &&
             ref_list(c, c->carer_ids, o, pi, "preferred_carers", "carer", &cl->preferred, &cl->n_preferred) &&
             read_choice(c, o, pi, "funder", funders, 3, "funder", "\"council\", \"nhs-chc\" or \"self\"", &funder) &&
             read_gender(c, o, pi, "carer_gender", false, &cl->carer_gender) &&
             cr_jr_int(&c->j, o, pi, "max_carers", false, 1, 1000, &cap);
        cl->max_carers = (int)cap;
        cl->funder = funder >= 0 ? g_strdup(funders[funder]) : NULL;
        for (int e = 0; ok && e < cl->n_excluded; e++)
            for (int p = 0; ok && p < cl->n_preferred; p++)
                if (cl->excluded[e] == cl->preferred[p])
                    ok = cr_jr_fail(&c->j, 0, pi, "carer \"%s\" is both preferred and excluded",
                                    c->m->carers[cl->excluded[e]].id);
        g_free(pi);
    }
    g_free(path);
    return ok;
}

static bool read_visits(ctx *c, JsonObject *root)
{
    char *path;
    JsonArray *a = top_array(c, root, "visits", true, &path);
    bool ok = a != NULL;
    guint n = ok ? json_array_get_length(a) : 0;
    GArray *visits = g_array_new(FALSE, TRUE, sizeof(cr_visit));
    bool *on = g_new(bool, c->m->n_days);
    static const char *const keys[] = {"id", "client", "day", "days", "window", "duration",
                                       "carers", "skills", "priority", NULL};
    for (guint i = 0; ok && i < n; i++) {
        char *pi = cr_jr_index(path, i);
        cr_visit v = {0};
        v.sync = -1;
        v.n_carers = 1;
        long priority = 3, carers = 1;
        const char *id = NULL;
        JsonObject *o = cr_jr_object(&c->j, json_array_get_element(a, i), pi);
        ok = o && cr_jr_known_keys(&c->j, o, pi, keys) && cr_jr_string(&c->j, o, pi, "id", true, &id) &&
             ref_id(c, c->client_ids, o, pi, "client", true, "client", &v.client) &&
             read_days(c, o, pi, false, on);
        if (ok) {
            char *pw = cr_jr_key(pi, "window");
            JsonNode *wn = json_object_has_member(o, "window") ? json_object_get_member(o, "window") : NULL;
            JsonArray *w = NULL;
            if (!wn)
                ok = cr_jr_fail(&c->j, 0, pw, "missing required field, expected [\"HH:MM\", \"HH:MM\"] for the start");
            else if ((w = cr_jr_array(&c->j, wn, pw)) == NULL)
                ok = false;
            else if (json_array_get_length(w) != 2)
                ok = cr_jr_fail(&c->j, 0, pw, "expected two times [earliest start, latest start], found %u values",
                                json_array_get_length(w));
            else {
                char *p0 = cr_jr_index(pw, 0), *p1 = cr_jr_index(pw, 1);
                ok = cr_jr_time_node(&c->j, json_array_get_element(w, 0), p0, &v.ready) &&
                     cr_jr_time_node(&c->j, json_array_get_element(w, 1), p1, &v.due);
                if (ok && v.due < v.ready)
                    ok = cr_jr_fail(&c->j, 0, pw, "reversed time window: latest start %02d:%02d is before earliest start %02d:%02d",
                                    (int)v.due / 60, (int)v.due % 60, (int)v.ready / 60, (int)v.ready % 60);
                g_free(p0);
                g_free(p1);
            }
            g_free(pw);
        }
        ok = ok && cr_jr_number(&c->j, o, pi, "duration", true, 0, 1440, &v.duration) &&
             cr_jr_int(&c->j, o, pi, "carers", false, 1, 2, &carers) &&
             cr_jr_int(&c->j, o, pi, "priority", false, 1, 5, &priority) && skill_mask(c, o, pi, &v.skills);
        if (ok && v.duration <= 0) {
            char *pd = cr_jr_key(pi, "duration");
            ok = cr_jr_fail(&c->j, 0, pd, "expected a positive number of minutes");
            g_free(pd);
        }
        if (ok && v.duration < c->m->rules.min_visit_minutes && !c->m->rules.allow_short_visits) {
            char *pd = cr_jr_key(pi, "duration");
            ok = cr_jr_fail(&c->j, 0, pd,
                            "%g minutes is shorter than the minimum visit length of %g minutes "
                            "(Ethical Care Charter: no 15-minute visits); set rules.allow_short_visits "
                            "to allow short visits such as medication prompts",
                            v.duration, c->m->rules.min_visit_minutes);
            g_free(pd);
        }
        if (ok) {
            v.n_carers = 1; /* a double-up is two visits tied together */
            v.priority = (int)priority;
            v.point = c->m->clients[v.client].point;
            int count = 0;
            for (int d = 0; d < c->m->n_days; d++)
                count += on[d];
            /* A visit on several days expands to one visit per day, "id@day". */
            for (int d = 0; ok && d < c->m->n_days; d++) {
                if (!on[d])
                    continue;
                cr_visit e = v;
                e.day = d;
                e.id = count == 1 && !json_object_has_member(o, "days")
                           ? g_strdup(id) : g_strdup_printf("%s@%s", id, c->m->day_names[d]);
                g_array_append_val(visits, e);
                ok = register_id(c, c->visit_ids, e.id, (int)visits->len - 1, pi, "visit");
                if (ok && carers == 2) {
                    /* The second carer's half, "id#2": both start together. */
                    cr_visit f = e;
                    f.id = g_strdup_printf("%s#2", e.id);
                    g_array_append_val(visits, f);
                    ok = register_id(c, c->visit_ids, f.id, (int)visits->len - 1, pi, "visit");
                    cr_sync sy = {(int)visits->len - 2, (int)visits->len - 1, 0, 0};
                    g_array_append_val(c->syncs, sy);
                }
            }
            if (visits->len > MAX_ITEMS)
                ok = cr_jr_fail(&c->j, CR_ERR_UNSUPPORTED, pi, "more than %d visits after expanding days", MAX_ITEMS);
        }
        g_free(pi);
    }
    g_free(on);
    g_free(path);
    c->m->n_visits = (int)visits->len;
    c->m->visits = (cr_visit *)g_array_free(visits, FALSE);
    for (guint k = 0; k < c->syncs->len; k++) {
        const cr_sync *sy = &g_array_index(c->syncs, cr_sync, k);
        c->m->visits[sy->first].sync = c->m->visits[sy->second].sync = (int)k;
    }
    c->m->n_syncs = (int)c->syncs->len;
    c->m->syncs = (cr_sync *)(void *)g_array_free(c->syncs, FALSE);
    c->syncs = NULL;
    return ok;
}

cr_model *cr_io_read_scenario_json(const char *data, size_t len, const char *source, GError **err)
{
    ctx c = {0};
    c.j.source = source;
    c.j.err = err;
    JsonNode *root_node = cr_jr_parse(&c.j, data, len);
    if (!root_node)
        return NULL;
    c.m = cr_model_new();
    c.m->format = CR_FORMAT_SCENARIO;
    c.points = g_array_new(FALSE, FALSE, sizeof(cr_point));
    c.syncs = g_array_new(FALSE, FALSE, sizeof(cr_sync));
    GHashTable **tables[] = {&c.carer_ids, &c.client_ids, &c.visit_ids, &c.provider_ids,
                             &c.zone_ids, &c.skill_ids, &c.day_ids};
    for (size_t i = 0; i < G_N_ELEMENTS(tables); i++)
        *tables[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    static const char *const keys[] = {"format", "name", "days", "travel", "rules", "providers",
                                       "zones", "zone_areas", "skills", "carers", "clients", "visits", NULL};
    JsonObject *root = cr_jr_object(&c.j, root_node, "$");
    /* the format first: a plan or a report given where the scenario goes is
     * named as such, not as a list of unknown fields */
    const char *name = NULL, *format = NULL;
    bool ok = root && cr_jr_string(&c.j, root, "$", "format", false, &format);
    if (ok && format && !g_str_equal(format, "careroute-scenario-1"))
        ok = cr_jr_fail(&c.j, CR_ERR_UNSUPPORTED, "$.format",
                        "unknown format \"%.40s\", expected \"careroute-scenario-1\"%s", format,
                        g_str_has_prefix(format, "careroute-plan") ? ": this is a plan; give the scenario file"
                        : g_str_has_prefix(format, "careroute-report") ? ": this is a report; give the scenario file"
                                                                      : "");
    ok = ok && cr_jr_known_keys(&c.j, root, "$", keys);
    ok = ok && cr_jr_string(&c.j, root, "$", "name", false, &name);
    if (ok) {
        if (name) {
            c.m->name = g_strdup(name);
        } else {
            c.m->name = cr_io_name_from_path(source);
        }
    }
    c.skills_declared = root && json_object_has_member(root, "skills");
    ok = ok && read_days_header(&c, root) && read_rules(&c, root) &&
         read_named_list(&c, root, "providers", c.provider_ids, &c.m->providers, &c.m->n_providers, MAX_ITEMS) &&
         read_named_list(&c, root, "zones", c.zone_ids, &c.m->zones, &c.m->n_zones, MAX_ZONES) &&
         read_named_list(&c, root, "skills", c.skill_ids, &c.m->skills, &c.m->n_skills, MAX_SKILLS) &&
         read_carers(&c, root) && read_clients(&c, root) && read_visits(&c, root) &&
         read_travel(&c, root) && carer_modes(&c);
    const char *areas = NULL;
    ok = ok && cr_jr_string(&c.j, root, "$", "zone_areas", false, &areas);
    if (ok && areas) {
        if (c.point_kind == 1)
            ok = cr_jr_fail(&c.j, 0, "$.zone_areas", "zone polygons need lat/lon locations, but %s uses x/y",
                            c.first_point_path);
        else
            c.m->zone_areas_path = beside_source(&c, areas);
    }
    if (ok && c.points->len == 0)
        ok = cr_jr_fail(&c.j, 0, "$", "no locations: expected carers and clients");

    c.m->n_points = (int)c.points->len;
    c.m->points = (cr_point *)g_array_free(c.points, FALSE);
    for (size_t i = 0; i < G_N_ELEMENTS(tables); i++)
        g_hash_table_destroy(*tables[i]);
    g_free(c.first_point_path);
    if (c.syncs)
        g_array_free(c.syncs, TRUE);
    json_node_unref(root_node);
    if (!ok) {
        cr_model_free(c.m);
        return NULL;
    }
    return c.m;
}
