/* The home care rota search: continuity of care inside the search, weekly
 * hours as a hard rule (solver and checker), independent parts (zones)
 * searched on their own threads, and the continuity option. Public API only;
 * every plan goes through the independent checker. */
#include <careroute.h>
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static cr_scenario *generated(int clients, int zones, int seed)
{
    cr_generator *g = NULL;
    ck_assert_int_eq(cr_generator_new(&g), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_CLIENTS, clients), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_ZONES, zones), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_SEED, seed), CR_OK);
    const char *json = cr_generator_json(g);
    ck_assert_msg(json != NULL, "%s", cr_generator_errmsg(g));
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    cr_status st = cr_scenario_load_data(s, json, strlen(json), CR_FORMAT_SCENARIO);
    ck_assert_msg(st == CR_OK, "%s", cr_scenario_errmsg(s));
    cr_generator_free(g);
    return s;
}

/* Solve to an iteration limit (reproducible); the plan must pass the checker. */
static cr_plan *solve(cr_scenario *s, int threads, int64_t iterations, double continuity_weight)
{
    cr_options *o = NULL;
    cr_options_new(&o);
    ck_assert_int_eq(cr_options_set_int(o, CR_OPT_ITERATION_LIMIT, iterations), CR_OK);
    ck_assert_int_eq(cr_options_set_int(o, CR_OPT_THREADS, threads), CR_OK);
    ck_assert_int_eq(cr_options_set_double(o, CR_OPT_CONTINUITY_WEIGHT, continuity_weight), CR_OK);
    cr_solver *sv = NULL;
    cr_solver_new(&sv);
    cr_plan *p = NULL;
    cr_status st = cr_solver_solve(sv, s, o, &p);
    ck_assert_msg(st == CR_OK, "%s", cr_solver_errmsg(sv));
    cr_check *c = NULL;
    ck_assert_int_eq(cr_check_new(&c, p), CR_OK);
    ck_assert_msg(cr_check_feasible(c), "%s", cr_check_n_violations(c) ? cr_check_violation_message(c, 0) : "");
    cr_check_free(c);
    cr_solver_free(sv);
    cr_options_free(o);
    return p;
}

static double carers_per_client(const cr_plan *p)
{
    cr_check *c = NULL;
    ck_assert_int_eq(cr_check_new(&c, p), CR_OK);
    double v = cr_check_carers_per_client(c);
    cr_check_free(c);
    return v;
}

/* A heavy continuity weight gives clients fewer distinct carers than none,
 * on the same week with the same search effort. */
START_TEST(test_continuity_in_search)
{
    cr_scenario *s = generated(40, 2, 3);
    cr_plan *none = solve(s, 1, 30000, 0), *heavy = solve(s, 1, 30000, 240);
    double a = carers_per_client(none), b = carers_per_client(heavy);
    ck_assert_msg(b < a - 0.3, "weight 240: %.3f carers per client, weight 0: %.3f", b, a);
    cr_plan_free(none);
    cr_plan_free(heavy);
    cr_scenario_free(s);
}
END_TEST

/* Three zones with their own carers are three parts: searched on two
 * threads they give a checked plan, the same plan for the same seed, and
 * every visit is planned or has a reason. */
START_TEST(test_parts_on_threads)
{
    cr_scenario *s = generated(45, 3, 5);
    cr_plan *p1 = solve(s, 2, 5000, -1), *p2 = solve(s, 2, 5000, -1);
    ck_assert_double_eq(cr_plan_travel_time(p1), cr_plan_travel_time(p2));
    ck_assert_uint_eq(cr_plan_n_routes(p1), cr_plan_n_routes(p2));
    ck_assert_uint_eq(cr_plan_n_unassigned(p1), cr_plan_n_unassigned(p2));
    size_t planned = 0;
    for (size_t r = 0; r < cr_plan_n_routes(p1); r++)
        planned += cr_plan_route_length(p1, r);
    ck_assert_uint_eq(planned + cr_plan_n_unassigned(p1), cr_scenario_n_visits(s));
    for (size_t i = 0; i < cr_plan_n_unassigned(p1); i++)
        ck_assert(strlen(cr_plan_unassigned_reason(p1, i)) > 10);
    cr_plan_free(p1);
    cr_plan_free(p2);
    cr_scenario_free(s);
}
END_TEST

/* One carer, 1.5 hours a week, a 40-minute call every day of the week:
 * each day is 40 minutes plus two legs of about 3 minutes, so only one day
 * fits in the 90 minutes; the other six are left out, and a plan with three
 * of them is refused by the checker. */
static const char *hours_scenario =
    "{\"format\": \"careroute-scenario-1\", \"name\": \"hours\", \"days\": 7,"
    " \"carers\": [{\"id\": \"ann\", \"home\": {\"lat\": 52.63, \"lon\": -1.13},"
    "   \"shifts\": [{\"start\": \"07:00\", \"end\": \"22:00\"}], \"max_weekly_hours\": 1.5}],"
    " \"clients\": [{\"id\": \"bea\", \"location\": {\"lat\": 52.64, \"lon\": -1.13}}],"
    " \"visits\": [{\"id\": \"am\", \"client\": \"bea\", \"days\": \"all\", \"window\": [\"08:00\", \"10:00\"],"
    "   \"duration\": 40}]}";

static cr_scenario *hours_fixture(void)
{
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    cr_status st = cr_scenario_load_data(s, hours_scenario, strlen(hours_scenario), CR_FORMAT_SCENARIO);
    ck_assert_msg(st == CR_OK, "%s", cr_scenario_errmsg(s));
    return s;
}

START_TEST(test_weekly_hours)
{
    cr_scenario *s = hours_fixture();
    cr_plan *p = solve(s, 1, 2000, -1);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 6);
    ck_assert_uint_eq(cr_plan_n_routes(p), 1);
    /* the planner is told it is the hours, not a full diary */
    for (size_t k = 0; k < cr_plan_n_unassigned(p); k++)
        ck_assert_msg(strstr(cr_plan_unassigned_reason(p, k), "no weekly hours left"), "reason: %s",
                      cr_plan_unassigned_reason(p, k));
    cr_plan_free(p);
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_weekly_hours_checked)
{
    cr_scenario *s = hours_fixture();
    char dir[] = "/tmp/cr-rota-XXXXXX";
    ck_assert(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    FILE *f = fopen(path, "w");
    ck_assert(f != NULL);
    fputs("{\"format\": \"careroute-plan-1\", \"scenario\": \"hours\", \"routes\": ["
          "{\"carer\": \"ann\", \"day\": \"mon\", \"visits\": [{\"visit\": \"am@mon\"}]},"
          "{\"carer\": \"ann\", \"day\": \"tue\", \"visits\": [{\"visit\": \"am@tue\"}]},"
          "{\"carer\": \"ann\", \"day\": \"wed\", \"visits\": [{\"visit\": \"am@wed\"}]}], \"unassigned\": []}",
          f);
    fclose(f);
    cr_plan *p = NULL;
    cr_plan_new(&p, s);
    cr_status st = cr_plan_load_file(p, path);
    ck_assert_msg(st == CR_OK, "%s", cr_plan_errmsg(p));
    cr_check *c = NULL;
    ck_assert_int_eq(cr_check_new(&c, p), CR_OK);
    bool found = false;
    for (size_t k = 0; k < cr_check_n_violations(c); k++)
        if (cr_check_violation_kind(c, k) == CR_VIOLATION_WEEKLY_HOURS) {
            found = true;
            ck_assert_msg(strstr(cr_check_violation_message(c, k), "carer ann works") != NULL, "%s",
                          cr_check_violation_message(c, k));
        }
    ck_assert(found);
    cr_check_free(c);
    cr_plan_free(p);
    unlink(path);
    rmdir(dir);
    cr_scenario_free(s);
}
END_TEST

/* Whether the checker, given this plan JSON for s (loaded from a file, as a
 * user's would be), reports a violation of `kind` whose message contains
 * `part`. */
static bool checker_flags(cr_scenario *s, const char *plan_json, int kind, const char *part)
{
    char path[] = "/tmp/careroute-plan-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(plan_json, f);
    fclose(f);
    cr_plan *p = NULL;
    ck_assert_int_eq(cr_plan_new(&p, s), CR_OK);
    ck_assert_msg(cr_plan_load_file(p, path) == CR_OK, "%s", cr_plan_errmsg(p));
    unlink(path);
    cr_check *c = NULL;
    ck_assert_int_eq(cr_check_new(&c, p), CR_OK);
    bool found = false;
    for (size_t v = 0; v < cr_check_n_violations(c); v++)
        found |= cr_check_violation_kind(c, v) == kind && strstr(cr_check_violation_message(c, v), part) != NULL;
    if (!found && cr_check_n_violations(c) > 0)
        fprintf(stderr, "checker said: %s\n", cr_check_violation_message(c, 0));
    cr_check_free(c);
    cr_plan_free(p);
    return found;
}

/* gender_scenario.json: k1 asks for female carers. m1 (male) and u1 (not
 * recorded) live next door; f1 (female) lives far off and works only on
 * Monday. */
START_TEST(test_carer_gender)
{
    cr_scenario *s = load("gender_scenario.json");
    cr_plan *p = solve(s, 1, 2000, 0);
    int women_only_served = 0;
    for (size_t r = 0; r < cr_plan_n_routes(p); r++) {
        const char *carer = cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(p, r));
        for (size_t i = 0; i < cr_plan_route_length(p, r); i++)
            if (!strcmp(cr_scenario_visit_id(s, (size_t)cr_plan_route_visit(p, r, i)), "w@mon")) {
                ck_assert_str_eq(carer, "f1");
                women_only_served++;
            }
    }
    ck_assert_int_eq(women_only_served, 1);
    /* on Tuesday no woman works: left out, and the reason says why */
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 1);
    ck_assert_str_eq(cr_scenario_visit_id(s, (size_t)cr_plan_unassigned_visit(p, 0)), "w@tue");
    ck_assert_str_eq(cr_plan_unassigned_reason(p, 0), "client k1 asks for female carers, and no female carer works on tue");
    cr_plan_free(p);

    /* the checker flags a man sent to k1, and a carer whose gender is not recorded */
    const char *const carers[] = {"m1", "u1"};
    const char *const says[] = {"asks for female carers; this carer's gender is male",
                                "asks for female carers; this carer's gender is not recorded"};
    for (int k = 0; k < 2; k++) {
        char json[512];
        snprintf(json, sizeof json,
                 "{\"format\": \"careroute-plan-1\", \"routes\": [{\"carer\": \"%s\", \"day\": \"mon\", "
                 "\"visits\": [{\"visit\": \"w@mon\"}, {\"visit\": \"a@mon\"}]}], "
                 "\"unassigned\": [{\"visit\": \"w@tue\"}, {\"visit\": \"a@tue\"}]}",
                 carers[k]);
        ck_assert_msg(checker_flags(s, json, CR_VIOLATION_ELIGIBILITY, says[k]), "%s", carers[k]);
    }
    cr_scenario_free(s);
}
END_TEST

/* Scenarios no carer can plan any visit of: a skill no carer has, a
 * double-up with one carer, the only carer excluded. Each visit comes back
 * with its reason, and the solve does no search at all (it used to spend
 * its whole time limit on nothing); a plain visit and a double-up take the
 * two search paths (lib/solve/search.c, sync_search.c). */
START_TEST(test_nothing_to_plan)
{
    static const char *const cases[][2] = {
        {"\"skills\": [\"hoist\"]", "no carer with skill hoist of provider pA in zone z1 works on mon"},
        {"\"carers\": 2", "a double-up needs two carers at once, but only one suitable carer works on mon"},
        {"\"duration\": 30", "every suitable carer working on mon is excluded by client k1"},
    };
    for (int k = 0; k < 3; k++) {
        char json[1024];
        snprintf(json, sizeof json,
                 "{\"format\": \"careroute-scenario-1\", \"days\": [\"mon\", \"tue\"], "
                 "\"travel\": {\"model\": \"euclidean\"}, \"providers\": [{\"id\": \"pA\"}], "
                 "\"zones\": [{\"id\": \"z1\"}], \"skills\": [\"hoist\"], "
                 "\"carers\": [{\"id\": \"a1\", \"provider\": \"pA\", \"zones\": [\"z1\"], "
                 "\"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"start\": \"08:00\", \"end\": \"16:00\"}]}], "
                 "\"clients\": [{\"id\": \"k1\", \"provider\": \"pA\", \"zone\": \"z1\", "
                 "\"location\": {\"x\": 5, \"y\": 5}%s}], "
                 "\"visits\": [{\"id\": \"v1\", \"client\": \"k1\", \"days\": \"all\", "
                 "\"window\": [\"09:00\", \"10:00\"], \"duration\": 30, %s}]}",
                 k == 2 ? ", \"excluded_carers\": [\"a1\"]" : "", cases[k][0]);
        cr_scenario *s = NULL;
        ck_assert_int_eq(cr_scenario_new(&s), CR_OK);
        ck_assert_msg(cr_scenario_load_data(s, json, strlen(json), CR_FORMAT_AUTO) == CR_OK, "%s", cr_scenario_errmsg(s));
        cr_options *o = NULL;
        cr_options_new(&o);
        ck_assert_int_eq(cr_options_set_double(o, CR_OPT_TIME_LIMIT, 2.0), CR_OK);
        cr_solver *sv = NULL;
        cr_solver_new(&sv);
        cr_plan *p = NULL;
        ck_assert_msg(cr_solver_solve(sv, s, o, &p) == CR_OK, "%s", cr_solver_errmsg(sv));
        ck_assert_uint_eq(cr_plan_n_routes(p), 0);
        ck_assert_uint_eq(cr_plan_n_unassigned(p), k == 1 ? 4 : 2);
        ck_assert_str_eq(cr_plan_unassigned_reason(p, 0), cases[k][1]);
        ck_assert_msg(cr_plan_statistic(p, CR_STAT_ITERATIONS) == 0, "case %d: %g iterations", k,
                      cr_plan_statistic(p, CR_STAT_ITERATIONS));
        cr_plan_free(p);
        cr_solver_free(sv);
        cr_options_free(o);
        cr_scenario_free(s);
    }
}
END_TEST

/* cap_scenario.json: k1 and k2 may each see one carer. n1 works Monday,
 * n2 Tuesday, both next door; c3 lives far off and works both days, and
 * k2 has excluded c3. */
START_TEST(test_continuity_cap)
{
    cr_scenario *s = load("cap_scenario.json");
    /* weight 0: the cap alone must hold, not the continuity cost */
    cr_plan *p = solve(s, 1, 2000, 0);
    const char *a_carer[2] = {NULL, NULL};
    for (size_t r = 0; r < cr_plan_n_routes(p); r++)
        for (size_t i = 0; i < cr_plan_route_length(p, r); i++) {
            const char *v = cr_scenario_visit_id(s, (size_t)cr_plan_route_visit(p, r, i));
            if (!strncmp(v, "a@", 2))
                a_carer[!strcmp(v, "a@tue")] = cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(p, r));
        }
    /* k1 keeps both visits, with the one carer who works both days */
    ck_assert_ptr_nonnull(a_carer[0]);
    ck_assert_ptr_nonnull(a_carer[1]);
    ck_assert_str_eq(a_carer[0], "c3");
    ck_assert_str_eq(a_carer[1], "c3");
    /* k2 can have only one of its two: the other is left out, saying why */
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 1);
    ck_assert(!strncmp(cr_scenario_visit_id(s, (size_t)cr_plan_unassigned_visit(p, 0)), "b@", 2));
    ck_assert_str_eq(cr_plan_unassigned_reason(p, 0),
                     "client k2 may see only 1 carer over the plan, and the carer who visits it cannot take this "
                     "visit as well");
    cr_plan_free(p);

    /* the checker flags k1 seen by two carers */
    ck_assert(checker_flags(s,
                            "{\"format\": \"careroute-plan-1\", \"routes\": ["
                            "{\"carer\": \"n1\", \"day\": \"mon\", \"visits\": [{\"visit\": \"a@mon\"}]}, "
                            "{\"carer\": \"c3\", \"day\": \"tue\", \"visits\": [{\"visit\": \"a@tue\"}]}], "
                            "\"unassigned\": [{\"visit\": \"b@mon\"}, {\"visit\": \"b@tue\"}]}",
                            CR_VIOLATION_CONTINUITY_CAP, "client k1 sees 2 different carers, more than its most of 1"));
    cr_scenario_free(s);
}
END_TEST

/* Two calls of one client that the carer next door would take both of,
 * but for a working-time rule: the plan sends two carers, one call each,
 * and the checker flags the one-carer plan (bad_plan) with `message`. */
static void two_carers_by_rule(const char *fixture, const char *bad_plan, const char *message)
{
    cr_scenario *s = load(fixture);
    cr_plan *p = solve(s, 1, 2000, 0);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 0);
    ck_assert_uint_eq(cr_plan_n_routes(p), 2);
    ck_assert_int_ne(cr_plan_route_carer(p, 0), cr_plan_route_carer(p, 1));
    for (size_t r = 0; r < cr_plan_n_routes(p); r++)
        ck_assert_uint_eq(cr_plan_route_length(p, r), 1);
    cr_plan_free(p);
    ck_assert(checker_flags(s, bad_plan, CR_VIOLATION_SHIFT, message));
    cr_scenario_free(s);
}

/* overtime_scenario.json: carer a lives nearer but is contracted for an
 * hour of this one-day plan (7 a week); three 45-minute calls. Overtime
 * weighs ten times travel, so the calls go to b, who has no contract. */
START_TEST(test_overtime)
{
    cr_scenario *s = load("overtime_scenario.json");
    cr_plan *p = solve(s, 1, 2000, 0);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 0);
    double a_minutes = 0;
    for (size_t r = 0; r < cr_plan_n_routes(p); r++)
        if (!strcmp(cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(p, r)), "a"))
            a_minutes += 45.0 * (double)cr_plan_route_length(p, r);
    ck_assert_double_le(a_minutes, 60.0); /* no overtime: at most one call */
    cr_plan_free(p);
    cr_scenario_free(s);
}
END_TEST

static int note_progress(double fraction, double best_cost, size_t unassigned, void *user)
{
    double *first = user;
    (void)best_cost;
    (void)unassigned;
    if (isnan(first[0]))
        first[0] = fraction;
    first[1]++;
    return 0;
}

/* A care week starts with its busiest day searched alone (a tenth of the
 * search): progress is reported from then on, not only once the week is
 * built. */
START_TEST(test_progress_from_the_start)
{
    cr_scenario *s = generated(40, 1, 3);
    cr_options *o = NULL;
    cr_options_new(&o);
    /* by iterations: the fractions do not depend on the machine */
    ck_assert_int_eq(cr_options_set_int(o, CR_OPT_ITERATION_LIMIT, 20000), CR_OK);
    cr_solver *sv = NULL;
    cr_solver_new(&sv);
    double seen[2] = {NAN, 0};
    cr_solver_set_progress(sv, note_progress, seen);
    cr_plan *p = NULL;
    ck_assert_int_eq(cr_solver_solve(sv, s, o, &p), CR_OK);
    ck_assert_double_ge(seen[1], 1);
    /* the day's search reports its first plan at once (the week's first
     * report came at 0.077 of the search before it did) */
    ck_assert_msg(seen[0] < 0.02, "first progress at %.3f of the search", seen[0]);
    cr_plan_free(p);
    cr_solver_free(sv);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

/* mode_scenario.json: one carer who walks; two calls 2 km apart with 30
 * minutes between them. On foot (5 km/h against the scenario's 30) only
 * one fits; the checker times the walker's legs the same way. */
START_TEST(test_travel_mode)
{
    cr_scenario *s = load("mode_scenario.json");
    cr_plan *p = solve(s, 1, 500, 0);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 1);
    ck_assert_str_eq(cr_scenario_visit_id(s, (size_t)cr_plan_unassigned_visit(p, 0)), "b");
    cr_check *c = NULL;
    ck_assert_int_eq(cr_check_new(&c, p), CR_OK);
    double km = cr_check_route_figure(c, 0, CR_CHECK_ROUTE_DISTANCE);
    ck_assert_double_eq_tol(cr_check_route_figure(c, 0, CR_CHECK_ROUTE_TRAVEL_TIME), km * 60 / 5, 1e-9);
    cr_check_free(c);
    cr_plan_free(p);
    ck_assert(checker_flags(s,
                            "{\"format\": \"careroute-plan-1\", \"routes\": [{\"carer\": \"w\", \"day\": 0, "
                            "\"visits\": [{\"visit\": \"a\"}, {\"visit\": \"b\"}]}], \"unassigned\": []}",
                            CR_VIOLATION_TIME_WINDOW, "visit b starts at"));
    cr_scenario_free(s);
}
END_TEST

/* break_scenario.json: three back-to-back hour-long calls at one client;
 * a day over 2 hours needs a 30-minute break. The carer next door keeps
 * the first and last with an hour free between; the middle goes to the
 * other carer. */
START_TEST(test_break)
{
    cr_scenario *s = load("break_scenario.json");
    cr_plan *p = solve(s, 1, 2000, 0);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 0);
    ck_assert_uint_eq(cr_plan_n_routes(p), 2);
    for (size_t r = 0; r < cr_plan_n_routes(p); r++)
        ck_assert_uint_lt(cr_plan_route_length(p, r), 3);
    cr_plan_free(p);
    ck_assert(checker_flags(s,
                            "{\"format\": \"careroute-plan-1\", \"routes\": [{\"carer\": \"near\", \"day\": 0, "
                            "\"visits\": [{\"visit\": \"v1\"}, {\"visit\": \"v2\"}, {\"visit\": \"v3\"}]}], "
                            "\"unassigned\": []}",
                            CR_VIOLATION_SHIFT, "with no 30-minute break between"));
    cr_scenario_free(s);
}
END_TEST

/* With one carer and a 3-hour day, the tea-time call stays out, and the
 * reason names the rule as well as the booking. */
START_TEST(test_working_time_reason)
{
    static const char json[] =
        "{\"days\": 1, \"travel\": {\"model\": \"euclidean\"}, \"rules\": {\"max_shift_hours\": 3},"
        " \"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"start\": \"07:00\", \"end\": \"22:00\"}]}],"
        " \"clients\": [{\"id\": \"k\", \"location\": {\"x\": 1, \"y\": 1}}],"
        " \"visits\": [{\"id\": \"am\", \"client\": \"k\", \"window\": [\"08:00\", \"08:30\"], \"duration\": 30, \"priority\": 5},"
        " {\"id\": \"tea\", \"client\": \"k\", \"window\": [\"17:00\", \"17:30\"], \"duration\": 30}]}";
    cr_scenario *s = load_json(json);
    cr_plan *p = solve(s, 1, 500, 0);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 1);
    ck_assert_str_eq(cr_scenario_visit_id(s, (size_t)cr_plan_unassigned_visit(p, 0)), "tea");
    ck_assert_ptr_nonnull(strstr(cr_plan_unassigned_reason(p, 0),
                                 "is fully booked around 17:00-17:30, or taking it would make a carer's day longer "
                                 "than the rules allow"));
    cr_plan_free(p);
    cr_scenario_free(s);
}
END_TEST

/* spread_scenario.json: a morning and a tea-time call, a carer next door
 * and one 20 km off, and at most 3 hours from leaving home to getting back. */
START_TEST(test_max_shift_length)
{
    two_carers_by_rule("spread_scenario.json",
                       "{\"format\": \"careroute-plan-1\", \"routes\": [{\"carer\": \"near\", \"day\": 0, "
                       "\"visits\": [{\"visit\": \"am\"}, {\"visit\": \"tea\"}]}], \"unassigned\": []}",
                       "over the rules' 3.00");
}
END_TEST

/* rest_scenario.json: a bed call on Monday at 21:30 and a morning call on
 * Tuesday at 07:30; 11 hours' rest between days. */
START_TEST(test_rest_between_days)
{
    two_carers_by_rule("rest_scenario.json",
                       "{\"format\": \"careroute-plan-1\", \"routes\": ["
                       "{\"carer\": \"near\", \"day\": \"mon\", \"visits\": [{\"visit\": \"bed\"}]}, "
                       "{\"carer\": \"near\", \"day\": \"tue\", \"visits\": [{\"visit\": \"am\"}]}], "
                       "\"unassigned\": []}",
                       "carer near rests 9.45 hours between mon and tue, under the rules' 11.00");
}
END_TEST

/* A week of one morning call a day, and two carers who offer every day
 * but may work `max_days`: "near" lives next door, "far" 30 km off.
 * `rules`: the scenario's rules object. */
static cr_scenario *days_off_scenario(int max_days, const char *rules)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"days\": 7, \"rules\": %s, \"travel\": {\"model\": \"straight-line\", \"speed_kmh\": 30},"
             " \"carers\": [{\"id\": \"near\", \"home\": {\"lat\": 52.60, \"lon\": -1.10}, \"max_working_days\": %d,"
             "   \"shifts\": [{\"days\": \"all\", \"start\": \"07:00\", \"end\": \"13:00\"}]},"
             "  {\"id\": \"far\", \"home\": {\"lat\": 52.87, \"lon\": -1.10}, \"max_working_days\": %d,"
             "   \"shifts\": [{\"days\": \"all\", \"start\": \"07:00\", \"end\": \"13:00\"}]}],"
             " \"clients\": [{\"id\": \"k\", \"location\": {\"lat\": 52.601, \"lon\": -1.10}}],"
             " \"visits\": [{\"id\": \"am\", \"client\": \"k\", \"days\": \"all\", \"window\": [\"08:00\", \"09:00\"],"
             " \"duration\": 45}]}",
             rules, max_days, max_days);
    return load_json(json);
}

/* Days on which carer `id` has visits in plan p. */
static int days_of(const cr_scenario *s, const cr_plan *p, const char *id)
{
    int n = 0;
    for (size_t r = 0; r < cr_plan_n_routes(p); r++)
        n += cr_plan_route_length(p, r) > 0 && !strcmp(cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(p, r)), id);
    return n;
}

/* The plan chooses the days off: every call is made, the carer next door
 * makes as many as max_working_days lets them (4), and the checker holds
 * the plan to the limit (solve() checks it). Without the limit in the
 * search, "near" would make all seven. */
START_TEST(test_days_off_chosen)
{
    cr_scenario *s = days_off_scenario(4, "{}");
    for (int weight = 0; weight <= 30; weight += 30) {
        cr_plan *p = solve(s, 1, 20000, weight);
        ck_assert_uint_eq(cr_plan_n_unassigned(p), 0);
        ck_assert_int_eq(days_of(s, p, "near"), 4);
        ck_assert_int_eq(days_of(s, p, "far"), 3);
        cr_plan_free(p);
    }
    cr_scenario_free(s);
}
END_TEST

/* With two days off in a row as a rule, "near" still makes five of the
 * seven calls, "far" the two on near's days off, which are in a row; the
 * checker flags a week whose days off are apart. */
START_TEST(test_two_days_off_in_a_row)
{
    cr_scenario *s = days_off_scenario(5, "{\"two_days_off_in_a_row\": true}");
    cr_plan *p = solve(s, 1, 20000, 10);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 0);
    ck_assert_int_eq(days_of(s, p, "near"), 5);
    ck_assert_int_eq(days_of(s, p, "far"), 2);
    cr_plan_free(p);
    /* near off on Wednesday and Sunday: five days, but no two off in a row */
    ck_assert(checker_flags(s,
                            "{\"format\": \"careroute-plan-1\", \"routes\": ["
                            "{\"carer\": \"near\", \"day\": \"mon\", \"visits\": [{\"visit\": \"am@mon\"}]},"
                            "{\"carer\": \"near\", \"day\": \"tue\", \"visits\": [{\"visit\": \"am@tue\"}]},"
                            "{\"carer\": \"far\", \"day\": \"wed\", \"visits\": [{\"visit\": \"am@wed\"}]},"
                            "{\"carer\": \"near\", \"day\": \"thu\", \"visits\": [{\"visit\": \"am@thu\"}]},"
                            "{\"carer\": \"near\", \"day\": \"fri\", \"visits\": [{\"visit\": \"am@fri\"}]},"
                            "{\"carer\": \"near\", \"day\": \"sat\", \"visits\": [{\"visit\": \"am@sat\"}]},"
                            "{\"carer\": \"far\", \"day\": \"sun\", \"visits\": [{\"visit\": \"am@sun\"}]}],"
                            " \"unassigned\": []}",
                            CR_VIOLATION_WORKING_DAYS, "carer near has no two days off in a row"));
    cr_scenario_free(s);
}
END_TEST

/* The days off move: client w, next door to "near", has calls on Monday
 * and Tuesday and will not have "far". The week is built with near off on
 * Monday and Tuesday (the rota the build starts from) and at their limit,
 * so w's calls get in only once the search moves near's days off. */
START_TEST(test_days_off_moved)
{
    static const char json[] =
        "{\"days\": 7, \"travel\": {\"model\": \"straight-line\", \"speed_kmh\": 30},"
        " \"carers\": [{\"id\": \"near\", \"home\": {\"lat\": 52.60, \"lon\": -1.10}, \"max_working_days\": 5,"
        "   \"shifts\": [{\"days\": \"all\", \"start\": \"07:00\", \"end\": \"13:00\"}]},"
        "  {\"id\": \"far\", \"home\": {\"lat\": 52.87, \"lon\": -1.10}, \"max_working_days\": 5,"
        "   \"shifts\": [{\"days\": \"all\", \"start\": \"07:00\", \"end\": \"13:00\"}]}],"
        " \"clients\": [{\"id\": \"k\", \"location\": {\"lat\": 52.601, \"lon\": -1.10}},"
        "  {\"id\": \"w\", \"location\": {\"lat\": 52.602, \"lon\": -1.10}, \"excluded_carers\": [\"far\"]}],"
        " \"visits\": [{\"id\": \"am\", \"client\": \"k\", \"days\": \"all\", \"window\": [\"08:00\", \"09:00\"], \"duration\": 45},"
        "  {\"id\": \"mid\", \"client\": \"w\", \"days\": [\"mon\", \"tue\"], \"window\": [\"10:00\", \"11:00\"], \"duration\": 45}]}";
    cr_scenario *s = load_json(json);
    cr_plan *p = solve(s, 1, 20000, 0);
    ck_assert_msg(cr_plan_n_unassigned(p) == 0, "%zu out: %s", cr_plan_n_unassigned(p),
                  cr_plan_n_unassigned(p) ? cr_plan_unassigned_reason(p, 0) : "");
    ck_assert_int_eq(days_of(s, p, "near"), 5);
    cr_plan_free(p);
    cr_scenario_free(s);
}
END_TEST

/* The checker flags a carer on more days than allowed; a visit no carer
 * has a day left for gets a reason that names the rule. */
START_TEST(test_days_off_checked)
{
    cr_scenario *s = days_off_scenario(4, "{}");
    ck_assert(checker_flags(s,
                            "{\"format\": \"careroute-plan-1\", \"routes\": ["
                            "{\"carer\": \"near\", \"day\": \"mon\", \"visits\": [{\"visit\": \"am@mon\"}]},"
                            "{\"carer\": \"near\", \"day\": \"tue\", \"visits\": [{\"visit\": \"am@tue\"}]},"
                            "{\"carer\": \"near\", \"day\": \"wed\", \"visits\": [{\"visit\": \"am@wed\"}]},"
                            "{\"carer\": \"near\", \"day\": \"thu\", \"visits\": [{\"visit\": \"am@thu\"}]},"
                            "{\"carer\": \"near\", \"day\": \"fri\", \"visits\": [{\"visit\": \"am@fri\"}]},"
                            "{\"carer\": \"far\", \"day\": \"sat\", \"visits\": [{\"visit\": \"am@sat\"}]},"
                            "{\"carer\": \"far\", \"day\": \"sun\", \"visits\": [{\"visit\": \"am@sun\"}]}],"
                            " \"unassigned\": []}",
                            CR_VIOLATION_WORKING_DAYS, "carer near works on 5 days, more than the 4"));
    cr_scenario_free(s);

    /* one carer, three days a week: four calls stay out, and say why */
    static const char one[] =
        "{\"days\": 7, \"travel\": {\"model\": \"euclidean\"},"
        " \"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"max_working_days\": 3,"
        "   \"shifts\": [{\"start\": \"07:00\", \"end\": \"13:00\"}]}],"
        " \"clients\": [{\"id\": \"k\", \"location\": {\"x\": 1, \"y\": 1}}],"
        " \"visits\": [{\"id\": \"am\", \"client\": \"k\", \"days\": \"all\", \"window\": [\"08:00\", \"09:00\"], \"duration\": 45}]}";
    s = load_json(one);
    cr_plan *p = solve(s, 1, 5000, 0);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 4);
    ck_assert_int_eq(days_of(s, p, "c"), 3);
    for (size_t k = 0; k < cr_plan_n_unassigned(p); k++)
        ck_assert_msg(strstr(cr_plan_unassigned_reason(p, k), "has that day off: they already work as many days as "
                                                                 "their max_working_days allow") != NULL,
                      "reason: %s", cr_plan_unassigned_reason(p, k));
    cr_plan_free(p);
    cr_scenario_free(s);
}
END_TEST

/* A weight option: -1 (the scenario's rule) by default, a value in range
 * kept, values out of range refused with a message naming it, and left as
 * they were. */
static void check_weight_option(cr_options *o, int key, const char *name, double good)
{
    double v = 0;
    ck_assert_int_eq(cr_options_get_double(o, key, &v), CR_OK);
    ck_assert_double_eq(v, -1);
    ck_assert_int_eq(cr_options_set_double(o, key, good), CR_OK);
    ck_assert_int_eq(cr_options_get_double(o, key, &v), CR_OK);
    ck_assert_double_eq(v, good);
    char expected[64];
    snprintf(expected, sizeof expected, "%s: -2 is out of range", name);
    ck_assert_int_eq(cr_options_set_double(o, key, -2), CR_ERR_INVALID_ARGUMENT);
    ck_assert_msg(strstr(cr_options_errmsg(o), expected) != NULL, "%s", cr_options_errmsg(o));
    ck_assert_int_eq(cr_options_set_double(o, key, -0.5), CR_ERR_INVALID_ARGUMENT);
    ck_assert_msg(strstr(cr_options_errmsg(o), "-1 for the scenario's rule") != NULL, "%s", cr_options_errmsg(o));
    ck_assert_int_eq(cr_options_set_double(o, key, NAN), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_options_set_double(o, key, 2e6), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_options_get_double(o, key, &v), CR_OK);
    ck_assert_double_eq(v, good); /* unchanged by refused values */
}

START_TEST(test_continuity_option)
{
    cr_options *o = NULL;
    cr_options_new(&o);
    check_weight_option(o, CR_OPT_CONTINUITY_WEIGHT, "continuity weight", 60);
    check_weight_option(o, CR_OPT_PREFERENCE_WEIGHT, "preference weight", 0);
    cr_options_free(o);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rota");
    TCase *t = tcase_create("rota");
    tcase_set_timeout(t, 300);
    tcase_add_test(t, test_continuity_in_search);
    tcase_add_test(t, test_parts_on_threads);
    tcase_add_test(t, test_weekly_hours);
    tcase_add_test(t, test_weekly_hours_checked);
    tcase_add_test(t, test_continuity_option);
    tcase_add_test(t, test_carer_gender);
    tcase_add_test(t, test_nothing_to_plan);
    tcase_add_test(t, test_continuity_cap);
    tcase_add_test(t, test_max_shift_length);
    tcase_add_test(t, test_rest_between_days);
    tcase_add_test(t, test_working_time_reason);
    tcase_add_test(t, test_overtime);
    tcase_add_test(t, test_progress_from_the_start);
    tcase_add_test(t, test_travel_mode);
    tcase_add_test(t, test_break);
    tcase_add_test(t, test_days_off_chosen);
    tcase_add_test(t, test_days_off_checked);
    tcase_add_test(t, test_two_days_off_in_a_row);
    tcase_add_test(t, test_days_off_moved);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
