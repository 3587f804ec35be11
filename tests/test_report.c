/* The scenario generator and the reports: generated weeks are seeded and
 * realistic; every report figure agrees with the checker's independent
 * recomputation of the same plan; pictures and files are written or refused
 * with a clear message. Public API only (json-glib reads the report). */
#include <careroute.h>
#include <check.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static cr_generator *generator(int clients, int zones, int days, int seed)
{
    cr_generator *g = NULL;
    ck_assert_int_eq(cr_generator_new(&g), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_CLIENTS, clients), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_ZONES, zones), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_DAYS, days), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_SEED, seed), CR_OK);
    return g;
}

static cr_scenario *scenario_from(cr_generator *g)
{
    const char *json = cr_generator_json(g);
    ck_assert_msg(json != NULL, "%s", cr_generator_errmsg(g));
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    cr_status st = cr_scenario_load_data(s, json, strlen(json), CR_FORMAT_SCENARIO);
    ck_assert_msg(st == CR_OK, "%s", cr_scenario_errmsg(s));
    return s;
}

/* A scenario (generated, or from JSON text), solved to an iteration limit;
 * solved_free() releases it. */
typedef struct {
    cr_generator *g; /* NULL for JSON text */
    cr_scenario *s;
    cr_options *o;
    cr_solver *sv;
    cr_plan *plan;
} solved;

static solved solve_scenario(solved w, int iterations)
{
    cr_options_new(&w.o);
    cr_options_set_int(w.o, CR_OPT_ITERATION_LIMIT, iterations);
    cr_solver_new(&w.sv);
    ck_assert_int_eq(cr_solver_solve(w.sv, w.s, w.o, &w.plan), CR_OK);
    return w;
}

static solved solve_generated(int clients, int zones, int days, int seed, int iterations)
{
    solved w = {.g = generator(clients, zones, days, seed)};
    w.s = scenario_from(w.g);
    return solve_scenario(w, iterations);
}

static solved solve_json(const char *json, int iterations)
{
    return solve_scenario((solved){.s = load_json(json)}, iterations);
}

static void solved_free(solved *w)
{
    cr_plan_free(w->plan);
    cr_solver_free(w->sv);
    cr_options_free(w->o);
    cr_scenario_free(w->s);
    cr_generator_free(w->g);
}

static JsonObject *parse(JsonParser *p, const char *text)
{
    ck_assert(json_parser_load_from_data(p, text, -1, NULL));
    return json_node_get_object(json_parser_get_root(p));
}

START_TEST(test_generator_seeded)
{
    cr_generator *a = generator(40, 2, 7, 3), *b = generator(40, 2, 7, 3), *c = generator(40, 2, 7, 4);
    ck_assert_str_eq(cr_generator_json(a), cr_generator_json(b));
    ck_assert_str_ne(cr_generator_json(a), cr_generator_json(c));
    cr_generator_free(a);
    cr_generator_free(b);
    cr_generator_free(c);
}
END_TEST

/* The week the continuity benchmark plans: 300 clients in 3 zones with 10%
 * double-ups. Counts and shares must look like home care. */
START_TEST(test_generator_realistic)
{
    cr_generator *g = generator(300, 3, 7, 1);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_PROVIDERS, 3), CR_OK);
    JsonParser *p = json_parser_new();
    JsonObject *root = parse(p, cr_generator_json(g));
    cr_scenario *s = scenario_from(g);
    ck_assert_uint_eq(cr_scenario_n_clients(s), 300);
    ck_assert_uint_eq(cr_scenario_n_zones(s), 3);
    size_t visits = cr_scenario_n_visits(s), doubled = 0;
    for (size_t v = 0; v < visits; v++)
        doubled += strstr(cr_scenario_visit_id(s, v), "#2") != NULL;
    /* Calls a client gets in a week: one to four a day on 2 to 7 days. */
    ck_assert_msg(visits >= 300 * 5 && visits <= 300 * 20, "%zu visits", visits);
    /* A double-up is one call served by two visits, ID and ID#2. */
    double share = (double)doubled / (double)(visits - doubled);
    ck_assert_msg(share > 0.08 && share < 0.13, "double-up share %.3f of calls", share);
    ck_assert_msg(cr_scenario_n_carers(s) >= 60, "%zu carers", cr_scenario_n_carers(s));
    /* Every zone carries work, balanced by hours within a factor of two. */
    double hours[3] = {0};
    for (size_t i = 0; i < 300; i++)
        for (size_t z = 0; z < 3; z++)
            if (!strcmp(cr_scenario_client_zone(s, i), cr_scenario_zone_id(s, z)))
                hours[z] += cr_scenario_client_hours(s, i);
    for (size_t z = 0; z < 3; z++)
        ck_assert_msg(hours[z] > 0.5 * (hours[0] + hours[1] + hours[2]) / 3, "zone %zu: %.0f h", z, hours[z]);
    /* Funders mixed; some clients prefer a carer; no visit under 30 minutes. */
    JsonArray *clients = json_object_get_array_member(root, "clients");
    int funders[3] = {0}, preferring = 0;
    for (guint i = 0; i < json_array_get_length(clients); i++) {
        JsonObject *c = json_array_get_object_element(clients, i);
        const char *f = json_object_get_string_member(c, "funder");
        funders[!strcmp(f, "council") ? 0 : !strcmp(f, "nhs-chc") ? 1 : 2]++;
        preferring += json_object_has_member(c, "preferred_carers");
    }
    ck_assert(funders[0] > 150 && funders[1] > 10 && funders[2] > 30);
    /* About four carers in five are women; some clients ask for women only */
    int women_only = 0, women = 0;
    for (guint i = 0; i < json_array_get_length(clients); i++) {
        JsonObject *c = json_array_get_object_element(clients, i);
        women_only += json_object_has_member(c, "carer_gender") &&
                      !strcmp(json_object_get_string_member(c, "carer_gender"), "female");
    }
    JsonArray *carers = json_object_get_array_member(root, "carers");
    for (guint i = 0; i < json_array_get_length(carers); i++)
        women += !strcmp(json_object_get_string_member(json_array_get_object_element(carers, i), "gender"), "female");
    double women_share = (double)women / json_array_get_length(carers);
    ck_assert_msg(women_share > 0.7 && women_share < 0.9, "%.2f of carers are women", women_share);
    ck_assert_msg(women_only >= 10 && women_only <= 45, "%d of 300 clients ask for women only", women_only);
    ck_assert(preferring > 40 && preferring < 150);
    JsonArray *vs = json_object_get_array_member(root, "visits");
    for (guint i = 0; i < json_array_get_length(vs); i++)
        ck_assert_int_ge(json_object_get_int_member(json_array_get_object_element(vs, i), "duration"), 30);
    g_object_unref(p);
    cr_scenario_free(s);
    cr_generator_free(g);
}
END_TEST

START_TEST(test_generator_errors)
{
    cr_generator *g = NULL;
    cr_generator_new(&g);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_CLIENTS, 0), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_generator_errmsg(g), "clients"));
    ck_assert_int_eq(cr_generator_set_double(g, CR_GEN_DAYS, 2.5), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_generator_errmsg(g), "whole number"));
    ck_assert_int_eq(cr_generator_set_int(g, 999, 1), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_CARERS, 3), CR_OK);
    ck_assert_ptr_null(cr_generator_json(g));
    ck_assert_ptr_nonnull(strstr(cr_generator_errmsg(g), "too few"));
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_CARERS, 0), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_ZONES, 10), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_CLIENTS, 5), CR_OK);
    ck_assert_ptr_null(cr_generator_json(g));
    ck_assert_ptr_nonnull(strstr(cr_generator_errmsg(g), "zones"));
    cr_generator_free(g);
    cr_generator_free(NULL);
}
END_TEST

static double number(JsonObject *o, const char *name)
{
    return json_object_get_double_member(o, name);
}

#define CLOSE(a, b) ck_assert_msg(fabs((a) - (b)) <= 1e-3 * fmax(1.0, fabs(b)), "%s = %.6f, checker %.6f", #a, (a), (b))

/* Every figure of the report against the checker's recomputation. */
START_TEST(test_report_agrees_with_checker)
{
    solved w = solve_generated(36, 2, 3, 11, 20000);
    cr_scenario *s = w.s;
    cr_plan *plan = w.plan;
    cr_check *chk = NULL;
    cr_check_new(&chk, plan);
    ck_assert(cr_check_feasible(chk));
    cr_report *r = NULL;
    ck_assert_int_eq(cr_report_new(&r, plan), CR_OK);
    JsonParser *p = json_parser_new();
    JsonObject *root = parse(p, cr_report_json(r));

    /* Per carer and day, in plan order. */
    JsonArray *days = json_object_get_array_member(root, "carer_days");
    ck_assert_uint_eq(json_array_get_length(days), cr_plan_n_routes(plan));
    size_t n_carers = cr_scenario_n_carers(s);
    double *contact = calloc(n_carers, sizeof *contact), *paid = calloc(n_carers, sizeof *paid);
    double *worked = calloc(n_carers, sizeof *worked);
    double travel = 0, distance = 0, all_contact = 0, unpaid = 0, own_time = 0;
    for (size_t i = 0; i < cr_plan_n_routes(plan); i++) {
        JsonObject *d = json_array_get_object_element(days, (guint)i);
        ck_assert_str_eq(json_object_get_string_member(d, "carer"),
                         cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(plan, i)));
        double t = cr_check_route_figure(chk, i, CR_CHECK_ROUTE_TRAVEL_TIME);
        double home = cr_check_route_figure(chk, i, CR_CHECK_ROUTE_HOME_TRAVEL);
        double c = cr_check_route_figure(chk, i, CR_CHECK_ROUTE_CONTACT);
        double w = cr_check_route_figure(chk, i, CR_CHECK_ROUTE_WAITING);
        CLOSE(number(d, "travel_minutes"), t);
        CLOSE(number(d, "distance_km"), cr_check_route_figure(chk, i, CR_CHECK_ROUTE_DISTANCE));
        CLOSE(number(d, "contact_minutes"), c);
        CLOSE(number(d, "waiting_minutes"), w);
        CLOSE(number(d, "own_time_minutes"), cr_check_route_figure(chk, i, CR_CHECK_ROUTE_OWN_TIME));
        own_time += cr_check_route_figure(chk, i, CR_CHECK_ROUTE_OWN_TIME);
        /* The generator leaves rules.paid_home_travel false: home legs unpaid. */
        CLOSE(number(d, "paid_travel_minutes"), t - home);
        ck_assert_uint_eq(json_array_get_length(json_object_get_array_member(d, "visits")),
                          cr_plan_route_length(plan, i));
        size_t k = (size_t)cr_plan_route_carer(plan, i);
        contact[k] += c;
        paid[k] += c + t - home;
        worked[k] += c + t + w;
        travel += t;
        distance += cr_check_route_figure(chk, i, CR_CHECK_ROUTE_DISTANCE);
        all_contact += c;
        unpaid += home;
    }
    CLOSE(travel, cr_check_travel_time(chk));
    CLOSE(distance, cr_check_distance(chk));
    /* split shifts: the morning run and the tea and bed run are hours apart,
     * and that break is not counted as worked below */
    ck_assert_msg(own_time > 0, "no route has a break of an hour or more");

    /* Per carer: hours, pay at the rate, pay per hour worked, the wage flag. */
    JsonArray *carers = json_object_get_array_member(root, "carers");
    double pay_total = 0;
    int below = 0;
    for (size_t k = 0; k < n_carers; k++) {
        JsonObject *c = json_array_get_object_element(carers, (guint)k);
        double rate = number(c, "hourly_rate");
        CLOSE(number(c, "contact_hours"), contact[k] / 60);
        CLOSE(number(c, "hours_worked"), worked[k] / 60);
        CLOSE(number(c, "pay"), rate * paid[k] / 60);
        pay_total += rate * paid[k] / 60;
        if (worked[k] > 0) {
            CLOSE(number(c, "pay_per_hour_worked"), rate * paid[k] / worked[k]);
            bool is_below = rate * paid[k] / worked[k] < 12.71 - 1e-6;
            ck_assert_int_eq(json_object_get_boolean_member(c, "below_living_wage"), is_below);
            below += is_below;
        }
    }
    JsonObject *charter = json_object_get_object_member(root, "charter");
    ck_assert_int_eq((int)json_array_get_length(json_object_get_array_member(charter, "carers_below_living_wage")),
                     below);
    CLOSE(number(charter, "unpaid_travel_hours"), unpaid / 60);
    ck_assert_int_eq(json_object_get_int_member(charter, "short_visits"), 0);

    /* Per client: distinct carers as the checker counts them. */
    JsonArray *clients = json_object_get_array_member(root, "clients");
    for (size_t i = 0; i < cr_scenario_n_clients(s); i++) {
        JsonObject *c = json_array_get_object_element(clients, (guint)i);
        ck_assert_int_eq(json_object_get_int_member(c, "distinct_carers"), (gint64)cr_check_client_carers(chk, i));
    }

    /* Totals: hours, travel, cost, unassigned, continuity. */
    JsonObject *total = json_object_get_object_member(root, "total");
    CLOSE(number(total, "care_hours"), all_contact / 60);
    CLOSE(number(total, "travel_hours"), travel / 60);
    CLOSE(number(total, "cost"), pay_total);
    JsonObject *hours_by = json_object_get_object_member(total, "hours_by_funder");
    CLOSE(number(hours_by, "council") + number(hours_by, "nhs-chc") + number(hours_by, "self") +
              number(hours_by, "not given"),
          all_contact / 60);
    JsonObject *summary = json_object_get_object_member(root, "summary");
    ck_assert_int_eq(json_object_get_int_member(summary, "unassigned"), (gint64)cr_check_unassigned(chk));
    ck_assert_int_eq(json_object_get_int_member(summary, "unassigned"),
                     (gint64)json_array_get_length(json_object_get_array_member(root, "unassigned")));
    CLOSE(number(summary, "carers_per_client"), cr_check_carers_per_client(chk));
    /* Provider-zone rows add up to the total. */
    JsonArray *groups = json_object_get_array_member(root, "providers");
    double sum_hours = 0, sum_cost = 0;
    for (guint i = 0; i < json_array_get_length(groups); i++) {
        sum_hours += number(json_array_get_object_element(groups, i), "care_hours");
        sum_cost += number(json_array_get_object_element(groups, i), "cost");
    }
    CLOSE(sum_hours, all_contact / 60);
    CLOSE(sum_cost, pay_total);

    /* A living wage of 0 flags nobody. */
    ck_assert_int_eq(cr_report_set_living_wage(r, 0), CR_OK);
    root = parse(p, cr_report_json(r));
    charter = json_object_get_object_member(root, "charter");
    ck_assert_int_eq(json_array_get_length(json_object_get_array_member(charter, "carers_below_living_wage")), 0);
    ck_assert_int_eq(cr_report_set_living_wage(r, NAN), CR_ERR_INVALID_ARGUMENT);

    free(contact);
    free(paid);
    free(worked);
    g_object_unref(p);
    cr_report_free(r);
    cr_check_free(chk);
    solved_free(&w);
}
END_TEST

/* Overtime: carer a is contracted for an hour of a one-day plan; with
 * overtime free (weight 0) the nearer carer takes all three 45-minute
 * calls, and the report's overtime is a's contact and travel (by the
 * checker) beyond that hour. */
START_TEST(test_report_overtime)
{
    static const char json[] =
        "{\"days\": 1, \"travel\": {\"model\": \"euclidean\"}, \"rules\": {\"overtime_weight\": 0, \"continuity_weight\": 0},"
        " \"carers\": [{\"id\": \"a\", \"home\": {\"x\": 0, \"y\": 0.5}, \"contracted_hours\": 7,"
        " \"shifts\": [{\"start\": \"08:00\", \"end\": \"16:00\"}]},"
        " {\"id\": \"b\", \"home\": {\"x\": 0, \"y\": 2}, \"shifts\": [{\"start\": \"08:00\", \"end\": \"16:00\"}]}],"
        " \"clients\": [{\"id\": \"k\", \"location\": {\"x\": 0, \"y\": 1}}],"
        " \"visits\": [{\"id\": \"v\", \"client\": \"k\", \"days\": \"all\", \"window\": [\"09:00\", \"12:00\"], \"duration\": 45},"
        " {\"id\": \"w\", \"client\": \"k\", \"window\": [\"09:00\", \"12:00\"], \"duration\": 45},"
        " {\"id\": \"x\", \"client\": \"k\", \"window\": [\"09:00\", \"12:00\"], \"duration\": 45}]}";
    solved w = solve_json(json, 2000);
    cr_scenario *s = w.s;
    cr_plan *plan = w.plan;
    ck_assert_uint_eq(cr_plan_n_routes(plan), 1);
    ck_assert_str_eq(cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(plan, 0)), "a");
    cr_check *chk = NULL;
    cr_check_new(&chk, plan);
    double work = cr_check_route_figure(chk, 0, CR_CHECK_ROUTE_CONTACT) + cr_check_route_figure(chk, 0, CR_CHECK_ROUTE_TRAVEL_TIME);
    cr_report *r = NULL;
    ck_assert_int_eq(cr_report_new(&r, plan), CR_OK);
    JsonParser *p = json_parser_new();
    JsonObject *root = parse(p, cr_report_json(r));
    JsonObject *a = json_array_get_object_element(json_object_get_array_member(root, "carers"), 0);
    CLOSE(number(a, "contracted_hours"), 1.0);
    CLOSE(number(a, "overtime_hours"), work / 60 - 1.0);
    ck_assert_double_gt(number(a, "overtime_hours"), 1.0);
    g_object_unref(p);
    cr_report_free(r);
    cr_check_free(chk);
    solved_free(&w);
}
END_TEST

/* The fewest carers who could make a client's visits, from who works
 * which days: no carer works all seven, so a daily call needs two; a daily
 * double-up needs four of these (Tuesday has only a and d, Saturday only b
 * and c); two weekday calls need one; a client who excludes a needs d for
 * Monday and Tuesday and c after. The plan never does better. */
START_TEST(test_report_carer_floor)
{
    static const char json[] =
        "{\"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"], \"travel\": {\"model\": \"euclidean\"},"
        " \"skills\": [\"hoist\"],"
        " \"carers\": ["
        "{\"id\": \"a\", \"home\": {\"x\": 0, \"y\": 0}, \"skills\": [\"hoist\"],"
        " \"shifts\": [{\"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], \"start\": \"07:00\", \"end\": \"14:00\"}]},"
        "{\"id\": \"b\", \"home\": {\"x\": 1, \"y\": 0}, \"skills\": [\"hoist\"],"
        " \"shifts\": [{\"days\": [\"mon\", \"sat\", \"sun\"], \"start\": \"07:00\", \"end\": \"14:00\"}]},"
        "{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 1}, \"skills\": [\"hoist\"],"
        " \"shifts\": [{\"days\": [\"wed\", \"thu\", \"fri\", \"sat\", \"sun\"], \"start\": \"07:00\", \"end\": \"14:00\"}]},"
        "{\"id\": \"d\", \"home\": {\"x\": 1, \"y\": 1}, \"skills\": [\"hoist\"],"
        " \"shifts\": [{\"days\": [\"mon\", \"tue\"], \"start\": \"07:00\", \"end\": \"14:00\"}]}],"
        " \"clients\": [{\"id\": \"daily\", \"location\": {\"x\": 2, \"y\": 0}},"
        " {\"id\": \"hoist\", \"location\": {\"x\": 2, \"y\": 1}},"
        " {\"id\": \"two-days\", \"location\": {\"x\": 2, \"y\": 2}},"
        " {\"id\": \"not-a\", \"location\": {\"x\": 1, \"y\": 2}, \"excluded_carers\": [\"a\"]}],"
        " \"visits\": [{\"id\": \"v\", \"client\": \"daily\", \"days\": \"all\", \"window\": [\"08:00\", \"12:00\"], \"duration\": 30},"
        " {\"id\": \"h\", \"client\": \"hoist\", \"days\": \"all\", \"window\": [\"08:00\", \"12:00\"], \"duration\": 30,"
        " \"carers\": 2, \"skills\": [\"hoist\"]},"
        " {\"id\": \"t\", \"client\": \"two-days\", \"days\": [\"mon\", \"tue\"], \"window\": [\"08:00\", \"12:00\"], \"duration\": 30},"
        " {\"id\": \"e\", \"client\": \"not-a\", \"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"],"
        " \"window\": [\"08:00\", \"12:00\"], \"duration\": 30}]}";
    static const struct {
        const char *id;
        int floor;
    } want[] = {{"daily", 2}, {"hoist", 4}, {"two-days", 1}, {"not-a", 2}};
    solved w = solve_json(json, 2000);
    cr_plan *plan = w.plan;
    ck_assert_uint_eq(cr_plan_n_unassigned(plan), 0);
    cr_report *r = NULL;
    ck_assert_int_eq(cr_report_new(&r, plan), CR_OK);
    JsonParser *p = json_parser_new();
    JsonObject *root = parse(p, cr_report_json(r));
    JsonArray *clients = json_object_get_array_member(root, "clients");
    ck_assert_uint_eq(json_array_get_length(clients), 4);
    double sum = 0;
    for (guint i = 0; i < 4; i++) {
        JsonObject *c = json_array_get_object_element(clients, i);
        ck_assert_str_eq(json_object_get_string_member(c, "client"), want[i].id);
        ck_assert_int_eq(json_object_get_int_member(c, "fewest_possible_carers"), want[i].floor);
        ck_assert_int_ge(json_object_get_int_member(c, "distinct_carers"), want[i].floor);
        if (json_object_get_int_member(c, "visits") >= 7)
            sum += want[i].floor;
    }
    JsonObject *summary = json_object_get_object_member(root, "summary");
    CLOSE(number(summary, "carers_per_client_7_plus_visits_floor"), sum / 2); /* daily (7) and hoist (14) */
    g_object_unref(p);
    cr_report_free(r);
    solved_free(&w);
}
END_TEST

static bool starts_with_file(const char *path, const char *magic, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char buf[64] = {0};
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    for (size_t i = 0; i + n <= got; i++)
        if (!memcmp(buf + i, magic, n))
            return true;
    return false;
}

START_TEST(test_report_files_and_pictures)
{
    solved w = solve_generated(20, 2, 2, 5, 5000);
    cr_report *r = NULL;
    cr_report_new(&r, w.plan);
    char dir[] = "/tmp/cr-report-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/map.png", dir);
    ck_assert_int_eq(cr_report_write_picture(r, CR_PICTURE_MAP, 0, 1, path), CR_OK);
    ck_assert(starts_with_file(path, "\x89PNG", 4));
    snprintf(path, sizeof path, "%s/rota.svg", dir);
    ck_assert_int_eq(cr_report_write_picture(r, CR_PICTURE_ROTA, -1, 0, path), CR_OK);
    ck_assert(starts_with_file(path, "<svg", 4));
    snprintf(path, sizeof path, "%s/continuity.svg", dir);
    ck_assert_int_eq(cr_report_write_picture(r, CR_PICTURE_CONTINUITY, 1, 0, path), CR_OK);
    /* The trade-off plot needs its points first. */
    snprintf(path, sizeof path, "%s/tradeoff.svg", dir);
    ck_assert_int_eq(cr_report_write_picture(r, CR_PICTURE_TRADEOFF, -1, 0, path), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_report_errmsg(r), "cr_report_add_tradeoff"));
    ck_assert_int_eq(cr_report_add_tradeoff(r, 0, 120.0, 3.1), CR_OK);
    ck_assert_int_eq(cr_report_add_tradeoff(r, 60, 126.0, 1.9), CR_OK);
    ck_assert_int_eq(cr_report_write_picture(r, CR_PICTURE_TRADEOFF, -1, 0, path), CR_OK);
    ck_assert_int_eq(cr_report_add_tradeoff(r, NAN, 1, 1), CR_ERR_INVALID_ARGUMENT);
    /* Refusals, each with its message and no file left behind. */
    snprintf(path, sizeof path, "%s/x.svg", dir);
    ck_assert_int_eq(cr_report_write_picture(r, CR_PICTURE_MAP, 7, 0, path), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_report_errmsg(r), "zone 7 does not exist"));
    ck_assert_int_eq(cr_report_write_picture(r, CR_PICTURE_ROTA, 0, 9, path), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_report_errmsg(r), "day 9 does not exist"));
    ck_assert_int_eq(cr_report_write_picture(r, 42, 0, 0, path), CR_ERR_INVALID_ARGUMENT);
    snprintf(path, sizeof path, "%s/x.jpg", dir);
    ck_assert_int_eq(cr_report_write_picture(r, CR_PICTURE_ROTA, 0, 0, path), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_report_errmsg(r), ".svg or .png"));
    ck_assert_int_ne(access(path, F_OK), 0);
    ck_assert_int_eq(cr_report_write_csv(r, "/nonexistent-folder"), CR_ERR_IO);
    /* The files: CSV tables, JSON, HTML with the pictures inside. */
    ck_assert_int_eq(cr_report_write_csv(r, dir), CR_OK);
    snprintf(path, sizeof path, "%s/providers.csv", dir);
    ck_assert(starts_with_file(path, "provider,zone,clients", 21));
    snprintf(path, sizeof path, "%s/report.html", dir);
    ck_assert_int_eq(cr_report_write_html(r, path), CR_OK);
    ck_assert(starts_with_file(path, "<!DOCTYPE html>", 15));
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
    cr_report_free(r);
    cr_report_free(NULL);
    solved_free(&w);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report");
    TCase *t = tcase_create("generate-and-report");
    tcase_set_timeout(t, 300);
    tcase_add_test(t, test_generator_seeded);
    tcase_add_test(t, test_generator_realistic);
    tcase_add_test(t, test_generator_errors);
    tcase_add_test(t, test_report_agrees_with_checker);
    tcase_add_test(t, test_report_files_and_pictures);
    tcase_add_test(t, test_report_overtime);
    tcase_add_test(t, test_report_carer_floor);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
