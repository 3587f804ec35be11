/* Public API tests: loading, options, solving (every plan checked), determinism,
 * cancellation, plan round trips, and the checker catching each kind of rule
 * a plan can break. */
#include <careroute.h>

#include "fixture.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *fixture(const char *name)
{
    return fixture_in(NULL, name);
}

static cr_options *iter_options(int64_t iterations, int64_t seed)
{
    cr_options *o = NULL;
    ck_assert_int_eq(cr_options_new(&o), CR_OK);
    ck_assert_int_eq(cr_options_set_int(o, CR_OPT_ITERATION_LIMIT, iterations), CR_OK);
    ck_assert_int_eq(cr_options_set_double(o, CR_OPT_TIME_LIMIT, 60.0), CR_OK);
    ck_assert_int_eq(cr_options_set_int(o, CR_OPT_SEED, seed), CR_OK);
    return o;
}

/* Every plan a test gets from the solver goes through the checker. */
static void assert_feasible(const cr_plan *p)
{
    cr_check *c = NULL;
    ck_assert_int_eq(cr_check_new(&c, p), CR_OK);
    for (size_t i = 0; i < cr_check_n_violations(c); i++)
        fprintf(stderr, "violation: %s\n", cr_check_violation_message(c, i));
    ck_assert(cr_check_feasible(c));
    ck_assert_uint_eq(cr_check_routes(c), cr_plan_n_routes(p));
    ck_assert_double_eq_tol(cr_check_distance(c), cr_plan_distance(p), 1e-6);
    ck_assert_uint_eq(cr_check_unassigned(c), cr_plan_n_unassigned(p));
    cr_check_free(c);
}

static cr_plan *solve(cr_scenario *s, const cr_options *o)
{
    cr_solver *sv = NULL;
    cr_plan *p = NULL;
    ck_assert_int_eq(cr_solver_new(&sv), CR_OK);
    cr_status st = cr_solver_solve(sv, s, o, &p);
    ck_assert_msg(st == CR_OK, "solve: %s", cr_solver_errmsg(sv));
    ck_assert_ptr_nonnull(p);
    cr_solver_free(sv);
    assert_feasible(p);
    return p;
}

/* ---------------------------------------------------------------- basics */

START_TEST(test_version_and_status)
{
    ck_assert_str_eq(cr_version(), CR_VERSION_STRING);
    ck_assert_str_eq(cr_status_str(CR_OK), "ok");
    ck_assert_str_eq(cr_status_str(CR_ERR_PARSE), "parse error");
    ck_assert_str_eq(cr_status_str(12345), "unknown status");
    ck_assert(cr_status_is_input_error(CR_ERR_INVALID_DATA));
    ck_assert(!cr_status_is_input_error(CR_ERR_IO));
    ck_assert_int_eq(CR_ERR_INVALID_ARGUMENT, -1);
    ck_assert_int_eq(CR_ERR_INTERNAL, -8);
}
END_TEST

START_TEST(test_null_arguments)
{
    ck_assert_int_eq(cr_scenario_new(NULL), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_scenario_load_file(NULL, "x", 0), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_options_set_int(NULL, CR_OPT_SEED, 1), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_solver_solve(NULL, NULL, NULL, NULL), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_check_new(NULL, NULL), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(cr_scenario_name(NULL));
    ck_assert_uint_eq(cr_plan_n_routes(NULL), 0);
    ck_assert(isnan(cr_plan_distance(NULL)));
    ck_assert_str_eq(cr_scenario_errmsg(NULL), "");
    cr_scenario_free(NULL);
    cr_plan_free(NULL);
    cr_options_free(NULL);
    cr_solver_free(NULL);
    cr_check_free(NULL);

    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_int_eq(cr_scenario_load_file(s, NULL, 0), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_scenario_load_file(s, fixture("tiny.txt"), 99), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_scenario_errmsg(s), "format"));
    cr_solver *sv = NULL;
    cr_plan *p = NULL;
    cr_solver_new(&sv);
    /* solving a scenario that was never loaded is refused, with a message */
    ck_assert_int_eq(cr_solver_solve(sv, s, NULL, &p), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_solver_errmsg(sv), "not been loaded"));
    ck_assert_ptr_null(p);
    cr_solver_free(sv);
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_options)
{
    cr_options *o = NULL;
    ck_assert_int_eq(cr_options_new(&o), CR_OK);
    double d;
    int64_t i;
    ck_assert_int_eq(cr_options_get_double(o, CR_OPT_TIME_LIMIT, &d), CR_OK);
    ck_assert_double_eq(d, 10.0);
    ck_assert_int_eq(cr_options_get_int(o, CR_OPT_THREADS, &i), CR_OK);
    ck_assert_int_eq(i, 1);
    ck_assert_int_eq(cr_options_set_int(o, CR_OPT_THREADS, 0), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_options_errmsg(o), "threads"));
    ck_assert_int_eq(cr_options_set_double(o, CR_OPT_TIME_LIMIT, NAN), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_options_set_double(o, CR_OPT_TIME_LIMIT, 0.0), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_options_set_double(o, CR_OPT_TIME_LIMIT, -1.0), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_options_set_double(o, CR_OPT_SEED, 1.5), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_options_set_int(o, 999, 1), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_options_errmsg(o), "unknown option"));
    ck_assert_int_eq(cr_options_set_int(o, CR_OPT_OBJECTIVE, 7), CR_ERR_INVALID_ARGUMENT);
    /* a refused value leaves the option as it was */
    ck_assert_int_eq(cr_options_get_double(o, CR_OPT_TIME_LIMIT, &d), CR_OK);
    ck_assert_double_eq(d, 10.0);
    ck_assert_int_eq(cr_options_set_double(o, CR_OPT_TIME_LIMIT, 0.25), CR_OK);
    ck_assert_int_eq(cr_options_get_double(o, CR_OPT_TIME_LIMIT, &d), CR_OK);
    ck_assert_double_eq(d, 0.25);
    ck_assert_str_eq(cr_options_errmsg(o), "");
    cr_options_free(o);
}
END_TEST

START_TEST(test_load_solomon)
{
    cr_scenario *s = load("R101.txt");
    ck_assert_str_eq(cr_scenario_name(s), "R101");
    ck_assert_int_eq(cr_scenario_format(s), CR_FORMAT_SOLOMON);
    ck_assert_uint_eq(cr_scenario_n_visits(s), 100);
    ck_assert_uint_eq(cr_scenario_n_carers(s), 25);
    ck_assert_uint_eq(cr_scenario_n_days(s), 1);
    ck_assert_str_eq(cr_scenario_visit_id(s, 0), "1");
    ck_assert_str_eq(cr_scenario_visit_id(s, 99), "100");
    ck_assert_ptr_null(cr_scenario_visit_id(s, 100));
    /* a handle loads once */
    ck_assert_int_eq(cr_scenario_load_file(s, fixture("C101.txt"), CR_FORMAT_AUTO), CR_ERR_INVALID_ARGUMENT);
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_load_scenario_json)
{
    cr_scenario *s = load("small_scenario.json");
    ck_assert_str_eq(cr_scenario_name(s), "small");
    ck_assert_int_eq(cr_scenario_format(s), CR_FORMAT_SCENARIO);
    ck_assert_uint_eq(cr_scenario_n_days(s), 2);
    ck_assert_uint_eq(cr_scenario_n_carers(s), 4);
    /* v1 and v3 recur on both days: 2 + 1 + 2 + 1 + 1 */
    ck_assert_uint_eq(cr_scenario_n_visits(s), 7);
    ck_assert_str_eq(cr_scenario_visit_id(s, 0), "v1@mon");
    ck_assert_str_eq(cr_scenario_visit_id(s, 1), "v1@tue");
    ck_assert_str_eq(cr_scenario_visit_id(s, 2), "v2");
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_load_from_memory)
{
    const char *json = "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0},"
                       " \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]}],"
                       " \"clients\": [{\"id\": \"k\", \"location\": {\"x\": 3, \"y\": 4}}],"
                       " \"visits\": [{\"id\": \"v\", \"client\": \"k\", \"window\": [\"09:00\", \"10:00\"], \"duration\": 30}]}";
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_int_eq(cr_scenario_load_data(s, json, strlen(json), CR_FORMAT_AUTO), CR_OK);
    ck_assert_str_eq(cr_scenario_name(s), "<data>");
    cr_options *o = iter_options(50, 1);
    cr_plan *p = solve(s, o);
    ck_assert_uint_eq(cr_plan_n_routes(p), 1);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 0);
    /* out and back, 5 minutes each way; the visit waits for its window */
    ck_assert_double_eq_tol(cr_plan_travel_time(p), 10.0, 1e-9);
    ck_assert_double_eq_tol(cr_plan_route_start(p, 0, 0), 540.0, 1e-9);
    ck_assert(isnan(cr_plan_route_start(p, 0, 1)));
    ck_assert_int_eq(cr_plan_route_visit(p, 0, 1), -1);
    ck_assert_int_eq(cr_plan_route_carer(p, 5), -1);
    cr_plan_free(p);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

/* ---------------------------------------------------------------- solving */

START_TEST(test_tiny_optimum)
{
    /* tiny.txt: two arms from the depot; optimum 2 routes, distance 10 */
    cr_scenario *s = load("tiny.txt");
    cr_options *o = iter_options(300, 1);
    cr_plan *p = solve(s, o);
    ck_assert_uint_eq(cr_plan_n_routes(p), 2);
    ck_assert_double_eq_tol(cr_plan_distance(p), 10.0, 1e-9);
    cr_plan_free(p);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_solve_r101_feasible)
{
    cr_scenario *s = load("R101.txt");
    cr_options *o = iter_options(2000, 3);
    cr_plan *p = solve(s, o);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 0);
    ck_assert_uint_le(cr_plan_n_routes(p), 25);
    /* best known 1650.80 with 19 routes: a sane plan is within a few % */
    ck_assert(cr_plan_distance(p) < 1650.80 * 1.10);
    cr_plan_free(p);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_solve_distance_objective)
{
    cr_scenario *s = load("C101.txt");
    cr_options *o = iter_options(1000, 2);
    ck_assert_int_eq(cr_options_set_int(o, CR_OPT_OBJECTIVE, CR_OBJECTIVE_DISTANCE), CR_OK);
    cr_plan *p = solve(s, o);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 0);
    ck_assert(strstr(cr_plan_json(p), "\"objective\" : \"distance\"") != NULL);
    cr_plan_free(p);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

static char *routes_signature(const cr_plan *p)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = calloc(cap, 1);
    for (size_t r = 0; r < cr_plan_n_routes(p); r++) {
        len += (size_t)snprintf(buf + len, cap - len, "%lld:", (long long)cr_plan_route_carer(p, r));
        for (size_t i = 0; i < cr_plan_route_length(p, r); i++)
            len += (size_t)snprintf(buf + len, cap - len, "%lld,", (long long)cr_plan_route_visit(p, r, i));
        len += (size_t)snprintf(buf + len, cap - len, ";");
    }
    return buf;
}

START_TEST(test_deterministic_per_seed)
{
    cr_scenario *s = load("R101.txt");
    cr_options *o = iter_options(300, 7);
    ck_assert_int_eq(cr_options_set_int(o, CR_OPT_THREADS, 2), CR_OK);
    cr_plan *a = solve(s, o), *b = solve(s, o);
    char *sa = routes_signature(a), *sb = routes_signature(b);
    ck_assert_str_eq(sa, sb);
    ck_assert_double_eq(cr_plan_distance(a), cr_plan_distance(b));
    free(sa);
    free(sb);
    cr_plan_free(a);
    cr_plan_free(b);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

static int progress_calls;
static int cancel_after_first(double fraction, double best, size_t unassigned, void *user)
{
    (void)best;
    (void)unassigned;
    ck_assert(fraction >= 0.0 && fraction <= 1.0);
    ck_assert_ptr_eq(user, &progress_calls);
    progress_calls++;
    return 1; /* stop */
}

START_TEST(test_progress_cancels)
{
    cr_scenario *s = load("R101.txt");
    cr_options *o = NULL;
    cr_options_new(&o);
    cr_options_set_double(o, CR_OPT_TIME_LIMIT, 1000.0); /* only the callback can end it */
    cr_solver *sv = NULL;
    cr_solver_new(&sv);
    cr_solver_set_progress(sv, cancel_after_first, &progress_calls);
    cr_plan *p = NULL;
    progress_calls = 0;
    ck_assert_int_eq(cr_solver_solve(sv, s, o, &p), CR_ERR_CANCELLED);
    ck_assert_int_ge(progress_calls, 1);
    ck_assert_ptr_nonnull(strstr(cr_solver_errmsg(sv), "cancelled"));
    /* the best plan so far still comes back, and it is feasible */
    ck_assert_ptr_nonnull(p);
    assert_feasible(p);
    cr_plan_free(p);
    cr_solver_free(sv);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_home_care_rules_respected)
{
    cr_scenario *s = load("small_scenario.json");
    cr_options *o = iter_options(300, 1);
    cr_plan *p = solve(s, o);
    /* v5 (17:00, after every shift) cannot be planned, and says why */
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 1);
    ck_assert_str_eq(cr_scenario_visit_id(s, (size_t)cr_plan_unassigned_visit(p, 0)), "v5");
    ck_assert_ptr_nonnull(strstr(cr_plan_unassigned_reason(p, 0), "17:00-18:00"));
    /* v2's client excluded a2 and k3 chose provider pB: the checker (run in
     * solve()) would flag any breach; here we also look ourselves */
    for (size_t r = 0; r < cr_plan_n_routes(p); r++) {
        const char *carer = cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(p, r));
        for (size_t i = 0; i < cr_plan_route_length(p, r); i++) {
            const char *v = cr_scenario_visit_id(s, (size_t)cr_plan_route_visit(p, r, i));
            if (!strcmp(v, "v2"))
                ck_assert_str_eq(carer, "a1");
            if (!strncmp(v, "v3", 2))
                ck_assert_str_eq(carer, "b1"); /* b2 is pB but works in z1 only */
        }
    }
    cr_plan_free(p);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

/* ---------------------------------------------------------------- plan files */

static char tmpdir[256];

static void make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/careroute-test-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static char *tmpfile_path(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

START_TEST(test_plan_round_trip)
{
    make_tmpdir();
    cr_scenario *s = load("small_scenario.json");
    cr_options *o = iter_options(200, 1);
    cr_plan *p = solve(s, o);
    char path[512];
    snprintf(path, sizeof path, "%s", tmpfile_path("plan.json"));
    ck_assert_int_eq(cr_plan_write_json(p, path), CR_OK);
    cr_plan *q = NULL;
    ck_assert_int_eq(cr_plan_new(&q, s), CR_OK);
    ck_assert_int_eq(cr_plan_load_file(q, path), CR_OK);
    ck_assert_uint_eq(cr_plan_n_routes(q), cr_plan_n_routes(p));
    ck_assert_uint_eq(cr_plan_n_unassigned(q), cr_plan_n_unassigned(p));
    ck_assert_str_eq(cr_plan_unassigned_reason(q, 0), cr_plan_unassigned_reason(p, 0));
    for (size_t r = 0; r < cr_plan_n_routes(p); r++)
        for (size_t i = 0; i < cr_plan_route_length(p, r); i++) {
            ck_assert_int_eq(cr_plan_route_visit(q, r, i), cr_plan_route_visit(p, r, i));
            ck_assert_double_eq(cr_plan_route_start(q, r, i), cr_plan_route_start(p, r, i));
        }
    assert_feasible(q);
    /* the plan keeps its scenario alive after the caller lets go */
    cr_scenario_free(s);
    ck_assert_ptr_nonnull(cr_plan_json(q));
    cr_plan_free(q);
    cr_plan_free(p);
    cr_options_free(o);
    unlink(path);
    rmdir(tmpdir);
}
END_TEST

START_TEST(test_routes_text)
{
    make_tmpdir();
    cr_scenario *s = load("tiny.txt");
    cr_options *o = iter_options(200, 1);
    cr_plan *p = solve(s, o);
    char *path = tmpfile_path("routes.txt");
    ck_assert_int_eq(cr_plan_write_routes(p, path), CR_OK);
    FILE *f = fopen(path, "r");
    char line[256];
    int routes = 0;
    while (fgets(line, sizeof line, f)) {
        int k;
        char rest[200];
        ck_assert_int_eq(sscanf(line, "Route %d : %199[0-9 ]", &k, rest), 2);
        ck_assert_int_eq(k, ++routes);
    }
    fclose(f);
    ck_assert_int_eq(routes, 2);
    /* writing into a missing folder fails with a message, leaving nothing */
    ck_assert_int_eq(cr_plan_write_routes(p, "/nonexistent-dir/routes.txt"), CR_ERR_IO);
    ck_assert_ptr_nonnull(strstr(cr_plan_errmsg(p), "does not exist"));
    unlink(path);
    rmdir(tmpdir);
    cr_plan_free(p);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

/* ---------------------------------------------------------------- checker */

typedef struct {
    const char *name;
    const char *routes;       /* JSON for "routes" */
    const char *unassigned;   /* JSON for "unassigned" */
    const char *summary;      /* JSON for "summary" or NULL */
    int kind;                 /* expected violation kind (0: feasible) */
    const char *message_part; /* expected in one message */
} plan_case;

/* small_scenario.json: a1 (pA, z1, medication, mon+tue 08-16), a2 (pA, z1,
 * mon 08-12), b1 (pB, z2, hoist), b2 (pB, z1, hoist). k2 excludes a2. */
#define ALL_UNASSIGNED_BUT(...) __VA_ARGS__
static const plan_case plan_cases[] = {
    {"feasible", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v1@mon\"},{\"visit\":\"v2\"}]}]",
     "[{\"visit\":\"v1@tue\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, 0, NULL},
    {"excluded carer", "[{\"carer\":\"a2\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v2\"}]}]",
     "[{\"visit\":\"v1@mon\"},{\"visit\":\"v1@tue\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_ELIGIBILITY, "excluded"},
    {"wrong provider", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v3@mon\"}]}]",
     "[{\"visit\":\"v1@mon\"},{\"visit\":\"v1@tue\"},{\"visit\":\"v2\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_ELIGIBILITY, "provider pB"},
    {"wrong zone", "[{\"carer\":\"b2\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v3@mon\"}]}]",
     "[{\"visit\":\"v1@mon\"},{\"visit\":\"v1@tue\"},{\"visit\":\"v2\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_ELIGIBILITY, "zone z2"},
    {"missing skill", "[{\"carer\":\"a2\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v1@mon\"}]}]",
     "[{\"visit\":\"v1@tue\"},{\"visit\":\"v2\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_ELIGIBILITY, "skill"},
    {"wrong day", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v1@tue\"}]}]",
     "[{\"visit\":\"v1@mon\"},{\"visit\":\"v2\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_ELIGIBILITY, "due on tue"},
    {"duplicate", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v2\"},{\"visit\":\"v2\"}]}]",
     "[{\"visit\":\"v1@mon\"},{\"visit\":\"v1@tue\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_DUPLICATE_VISIT, "more than once"},
    {"planned and unassigned", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v2\"}]}]",
     "[{\"visit\":\"v2\"},{\"visit\":\"v1@mon\"},{\"visit\":\"v1@tue\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_DUPLICATE_VISIT, "both planned"},
    {"missing", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v2\"}]}]",
     "[{\"visit\":\"v1@tue\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_MISSING_VISIT, "v1@mon"},
    {"late start", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v1@mon\",\"start\":601}]}]",
     "[{\"visit\":\"v1@tue\"},{\"visit\":\"v2\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_TIME_WINDOW, "outside its window"},
    {"early start", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v1@mon\",\"start\":500}]}]",
     "[{\"visit\":\"v1@tue\"},{\"visit\":\"v2\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_TIME_WINDOW, "09:00-10:00"},
    {"travel too short", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v2\",\"start\":540},{\"visit\":\"v1@mon\",\"start\":586}]}]",
     "[{\"visit\":\"v1@tue\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_TRAVEL, "cannot arrive"},
    {"no shift that day", "[{\"carer\":\"a2\",\"day\":\"tue\",\"visits\":[{\"visit\":\"v4\"}]}]",
     "[{\"visit\":\"v1@mon\"},{\"visit\":\"v1@tue\"},{\"visit\":\"v2\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_SHIFT, "no shift"},
    {"after shift end", "[{\"carer\":\"b1\",\"day\":\"tue\",\"visits\":[{\"visit\":\"v5\"}]}]",
     "[{\"visit\":\"v1@mon\"},{\"visit\":\"v1@tue\"},{\"visit\":\"v2\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"}]",
     NULL, CR_VIOLATION_SHIFT, "after the shift ends"},
    {"two routes one day", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v1@mon\"}]},{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v2\"}]}]",
     "[{\"visit\":\"v1@tue\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     NULL, CR_VIOLATION_FLEET, "more than one route"},
    {"wrong totals", "[{\"carer\":\"a1\",\"day\":\"mon\",\"visits\":[{\"visit\":\"v2\"}]}]",
     "[{\"visit\":\"v1@mon\"},{\"visit\":\"v1@tue\"},{\"visit\":\"v3@mon\"},{\"visit\":\"v3@tue\"},{\"visit\":\"v4\"},{\"visit\":\"v5\"}]",
     "{\"distance\": 1.0, \"travel_time\": 1.0}", CR_VIOLATION_TOTALS, "distance"},
};

START_TEST(test_checker_cases)
{
    const plan_case *pc = &plan_cases[_i];
    make_tmpdir();
    cr_scenario *s = load("small_scenario.json");
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    fprintf(mem, "{\"format\":\"careroute-plan-1\",%s%s%s\"routes\":%s,\"unassigned\":%s}",
            pc->summary ? "\"summary\":" : "", pc->summary ? pc->summary : "", pc->summary ? "," : "",
            pc->routes, pc->unassigned);
    fclose(mem);
    char *path = tmpfile_path("plan.json");
    write_file(path, text);
    free(text);
    cr_plan *p = NULL;
    cr_plan_new(&p, s);
    cr_status st = cr_plan_load_file(p, path);
    ck_assert_msg(st == CR_OK, "%s: %s", pc->name, cr_plan_errmsg(p));
    cr_check *c = NULL;
    ck_assert_int_eq(cr_check_new(&c, p), CR_OK);
    if (pc->kind == 0) {
        ck_assert_msg(cr_check_feasible(c), "%s: unexpected %s", pc->name, cr_check_violation_message(c, 0));
    } else {
        ck_assert_msg(!cr_check_feasible(c), "%s: not caught", pc->name);
        bool found = false;
        for (size_t i = 0; i < cr_check_n_violations(c); i++)
            if (cr_check_violation_kind(c, i) == pc->kind &&
                strstr(cr_check_violation_message(c, i), pc->message_part))
                found = true;
        ck_assert_msg(found, "%s: expected kind %d with '%s', first was '%s'", pc->name, pc->kind,
                      pc->message_part, cr_check_violation_message(c, 0));
    }
    cr_check_free(c);
    cr_plan_free(p);
    cr_scenario_free(s);
    unlink(path);
    rmdir(tmpdir);
}
END_TEST

START_TEST(test_checker_capacity)
{
    make_tmpdir();
    cr_scenario *s = load("tiny.txt");
    char *path = tmpfile_path("plan.json");
    /* four customers of demand 3 on a vehicle of capacity 10 */
    write_file(path, "{\"format\":\"careroute-plan-1\",\"routes\":[{\"carer\":\"1\",\"visits\":[{\"visit\":\"1\"},"
                     "{\"visit\":\"2\"},{\"visit\":\"3\"},{\"visit\":\"4\"}]},{\"carer\":\"2\",\"visits\":[{\"visit\":\"5\"}]}]}");
    cr_plan *p = NULL;
    cr_plan_new(&p, s);
    ck_assert_int_eq(cr_plan_load_file(p, path), CR_OK);
    cr_check *c = NULL;
    cr_check_new(&c, p);
    ck_assert(!cr_check_feasible(c));
    ck_assert_int_eq(cr_check_violation_kind(c, 0), CR_VIOLATION_CAPACITY);
    ck_assert_ptr_nonnull(strstr(cr_check_violation_message(c, 0), "exceeds capacity 10"));
    ck_assert_uint_eq(cr_check_routes(c), 2);
    cr_check_free(c);
    cr_plan_free(p);
    cr_scenario_free(s);
    unlink(path);
    rmdir(tmpdir);
}
END_TEST

START_TEST(test_plan_file_errors)
{
    make_tmpdir();
    cr_scenario *s = load("tiny.txt");
    char *path = tmpfile_path("plan.json");
    struct {
        const char *text;
        cr_status status;
        const char *part;
    } cases[] = {
        {"{\"routes\": []}", CR_ERR_INVALID_DATA, "$.format"},
        {"{\"format\":\"careroute-plan-9\",\"routes\":[]}", CR_ERR_UNSUPPORTED, "careroute-plan-1"},
        {"{\"format\":\"careroute-plan-1\",\"routes\":[{\"carer\":\"99\",\"visits\":[]}]}", CR_ERR_INVALID_DATA, "unknown carer \"99\""},
        {"{\"format\":\"careroute-plan-1\",\"routes\":[{\"carer\":\"1\",\"visits\":[{\"visit\":\"77\"}]}]}", CR_ERR_INVALID_DATA, "$.routes[0].visits[0]: unknown visit \"77\""},
        {"{\"format\":\"careroute-plan-1\",\"routes\":[{\"carer\":\"1\",\"visits\":[{\"visit\":\"1\",\"start\":\"x\"}]}]}", CR_ERR_INVALID_DATA, "start: expected a number"},
        {"{\"format\":\"careroute-plan-1\",\"routes\":", CR_ERR_PARSE, "plan.json:1:"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        write_file(path, cases[k].text);
        cr_plan *p = NULL;
        cr_plan_new(&p, s);
        cr_status st = cr_plan_load_file(p, path);
        ck_assert_msg(st == cases[k].status, "case %zu: status %d (%s)", k, st, cr_plan_errmsg(p));
        ck_assert_msg(strstr(cr_plan_errmsg(p), cases[k].part), "case %zu: '%s' lacks '%s'", k,
                      cr_plan_errmsg(p), cases[k].part);
        ck_assert_uint_eq(cr_plan_n_routes(p), 0);
        cr_plan_free(p);
    }
    cr_scenario_free(s);
    unlink(path);
    rmdir(tmpdir);
}
END_TEST

static Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *basics = tcase_create("basics");
    tcase_add_test(basics, test_version_and_status);
    tcase_add_test(basics, test_null_arguments);
    tcase_add_test(basics, test_options);
    tcase_add_test(basics, test_load_solomon);
    tcase_add_test(basics, test_load_scenario_json);
    tcase_add_test(basics, test_load_from_memory);
    suite_add_tcase(s, basics);

    TCase *solving = tcase_create("solving");
    tcase_set_timeout(solving, 120);
    tcase_add_test(solving, test_tiny_optimum);
    tcase_add_test(solving, test_solve_r101_feasible);
    tcase_add_test(solving, test_solve_distance_objective);
    tcase_add_test(solving, test_deterministic_per_seed);
    tcase_add_test(solving, test_progress_cancels);
    tcase_add_test(solving, test_home_care_rules_respected);
    suite_add_tcase(s, solving);

    TCase *plans = tcase_create("plans");
    tcase_set_timeout(plans, 60);
    tcase_add_test(plans, test_plan_round_trip);
    tcase_add_test(plans, test_routes_text);
    tcase_add_loop_test(plans, test_checker_cases, 0, (int)(sizeof plan_cases / sizeof plan_cases[0]));
    tcase_add_test(plans, test_checker_capacity);
    tcase_add_test(plans, test_plan_file_errors);
    suite_add_tcase(s, plans);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(api_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
