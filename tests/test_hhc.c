/* Home care with pairs of visits: double-ups (two carers at once), the
 * Mankowska et al. (2014) home health care instances (double services in
 * sequence or together, carer-dependent durations, soft due times), the
 * checker's pair rules, and malformed instance files. */
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

/* preference: the solve's preference weight, -1 for the scenario's rule */
static cr_plan *solve_pref(cr_scenario *s, int64_t iterations, double preference)
{
    cr_options *o = NULL;
    cr_options_new(&o);
    cr_options_set_int(o, CR_OPT_ITERATION_LIMIT, iterations);
    ck_assert_int_eq(cr_options_set_double(o, CR_OPT_PREFERENCE_WEIGHT, preference), CR_OK);
    cr_options_set_double(o, CR_OPT_TIME_LIMIT, 120);
    cr_solver *sv = NULL;
    cr_solver_new(&sv);
    cr_plan *p = NULL;
    ck_assert_msg(cr_solver_solve(sv, s, o, &p) == CR_OK, "%s", cr_solver_errmsg(sv));
    cr_solver_free(sv);
    cr_options_free(o);
    return p;
}

static cr_plan *solve(cr_scenario *s, int64_t iterations)
{
    return solve_pref(s, iterations, -1);
}

/* The checker's verdict on p, which must hold every rule and leave no
 * visit out; the caller frees it. */
static cr_check *check_complete(const cr_plan *p)
{
    cr_check *c = NULL;
    cr_check_new(&c, p);
    ck_assert_msg(cr_check_feasible(c), "%s", cr_check_violation_message(c, 0));
    ck_assert_uint_eq(cr_check_unassigned(c), 0);
    return c;
}

/* Route and position of a visit id in a plan. */
static bool find(const cr_scenario *s, const cr_plan *p, const char *id, size_t *route, size_t *pos)
{
    for (size_t r = 0; r < cr_plan_n_routes(p); r++)
        for (size_t i = 0; i < cr_plan_route_length(p, r); i++)
            if (strcmp(cr_scenario_visit_id(s, (size_t)cr_plan_route_visit(p, r, i)), id) == 0) {
                *route = r;
                *pos = i;
                return true;
            }
    return false;
}

START_TEST(test_double_up_together)
{
    cr_scenario *s = load("doubleup_scenario.json");
    ck_assert_uint_eq(cr_scenario_n_visits(s), 8); /* lift and lift#2 on two days, and four singles */
    /* care hours count both carers of a double-up: 45 minutes x 2 carers x 2 days */
    ck_assert_double_eq_tol(cr_scenario_client_hours(s, 0), 3.0, 1e-12);
    ck_assert_double_eq_tol(cr_scenario_client_hours(s, 1), 1.0, 1e-12);
    ck_assert(isnan(cr_scenario_client_hours(s, 3)));
    cr_plan *p = solve(s, 3000);
    cr_check *c = check_complete(p);
    /* The hoist client sees two carers at least; nobody sees more than three. */
    ck_assert_uint_ge(cr_check_max_carers_per_client(c), 2);
    ck_assert_uint_le(cr_check_max_carers_per_client(c), 3);
    ck_assert(cr_check_carers_per_client(c) >= 4.0 / 3 - 1e-9 && cr_check_carers_per_client(c) <= 3);
    const char *days[] = {"mon", "tue"};
    for (int d = 0; d < 2; d++) {
        char a[32], b[32];
        snprintf(a, sizeof a, "lift@%s", days[d]);
        snprintf(b, sizeof b, "lift@%s#2", days[d]);
        size_t ra, pa, rb, pb;
        ck_assert(find(s, p, a, &ra, &pa));
        ck_assert(find(s, p, b, &rb, &pb));
        ck_assert_int_ne(cr_plan_route_carer(p, ra), cr_plan_route_carer(p, rb));
        ck_assert_double_eq(cr_plan_route_start(p, ra, pa), cr_plan_route_start(p, rb, pb));
        /* carer c has no hoist skill */
        ck_assert_str_ne(cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(p, ra)), "c");
        ck_assert_str_ne(cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(p, rb)), "c");
    }
    cr_check_free(c);
    cr_plan_free(p);
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_double_up_needs_two_carers)
{
    /* Only carer a can lift: the double-up cannot be planned, and says why. */
    FILE *f = fopen(fixture("doubleup_scenario.json"), "r");
    char text[8192];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    char *b = strstr(text, "\"id\": \"b\"");
    ck_assert_ptr_nonnull(b);
    char *skills = strstr(b, "\"skills\": [\"hoist\"], ");
    memmove(skills, skills + strlen("\"skills\": [\"hoist\"], "), strlen(skills + strlen("\"skills\": [\"hoist\"], ")) + 1);
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_int_eq(cr_scenario_load_data(s, text, strlen(text), CR_FORMAT_AUTO), CR_OK);
    cr_plan *p = solve(s, 3000);
    cr_check *c = NULL;
    cr_check_new(&c, p);
    ck_assert(cr_check_feasible(c));
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 4);
    bool explained = false;
    for (size_t i = 0; i < cr_plan_n_unassigned(p); i++)
        explained = explained || strstr(cr_plan_unassigned_reason(p, i), "double-up needs two carers at once") != NULL;
    ck_assert(explained);
    cr_check_free(c);
    cr_plan_free(p);
    cr_scenario_free(s);
}
END_TEST

static const struct {
    const char *plan;
    const char *message;
} bad_pairs[] = {
    {"{\"format\": \"careroute-plan-1\", \"routes\": ["
     "{\"carer\": \"a\", \"day\": \"mon\", \"visits\": [{\"visit\": \"lift@mon\", \"start\": 480}]},"
     "{\"carer\": \"b\", \"day\": \"mon\", \"visits\": [{\"visit\": \"lift@mon#2\", \"start\": 490}]}],"
     "\"unassigned\": [{\"visit\": \"k2-am@mon\"}, {\"visit\": \"k3-am@mon\"}, {\"visit\": \"lift@tue\"},"
     "{\"visit\": \"lift@tue#2\"}, {\"visit\": \"k2-am@tue\"}, {\"visit\": \"k3-am@tue\"}]}",
     "visits lift@mon and lift@mon#2 must start together, but start at 08:00 and 08:10"},
    {"{\"format\": \"careroute-plan-1\", \"routes\": ["
     "{\"carer\": \"a\", \"day\": \"mon\", \"visits\": [{\"visit\": \"lift@mon\", \"start\": 480},"
     "{\"visit\": \"lift@mon#2\", \"start\": 525}]}],"
     "\"unassigned\": [{\"visit\": \"k2-am@mon\"}, {\"visit\": \"k3-am@mon\"}, {\"visit\": \"lift@tue\"},"
     "{\"visit\": \"lift@tue#2\"}, {\"visit\": \"k2-am@tue\"}, {\"visit\": \"k3-am@tue\"}]}",
     "need two different carers, both go to a"},
    {"{\"format\": \"careroute-plan-1\", \"routes\": ["
     "{\"carer\": \"a\", \"day\": \"mon\", \"visits\": [{\"visit\": \"lift@mon\", \"start\": 480}]}],"
     "\"unassigned\": [{\"visit\": \"lift@mon#2\"}, {\"visit\": \"k2-am@mon\"}, {\"visit\": \"k3-am@mon\"}, {\"visit\": \"lift@tue\"},"
     "{\"visit\": \"lift@tue#2\"}, {\"visit\": \"k2-am@tue\"}, {\"visit\": \"k3-am@tue\"}]}",
     "visit lift@mon is planned but its partner lift@mon#2 is not"},
    {"{\"format\": \"careroute-plan-1\", \"routes\": ["
     "{\"carer\": \"a\", \"day\": \"mon\", \"visits\": [{\"visit\": \"lift@mon\"}]},"
     "{\"carer\": \"b\", \"day\": \"mon\", \"visits\": [{\"visit\": \"lift@mon#2\"}]}],"
     "\"unassigned\": [{\"visit\": \"k2-am@mon\"}, {\"visit\": \"k3-am@mon\"}, {\"visit\": \"lift@tue\"},"
     "{\"visit\": \"lift@tue#2\"}, {\"visit\": \"k2-am@tue\"}, {\"visit\": \"k3-am@tue\"}]}",
     "must be in step, so the plan must state both start times"},
};

START_TEST(test_checker_pair_rules)
{
    cr_scenario *s = load("doubleup_scenario.json");
    char path[] = "/tmp/careroute-pairs-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    for (size_t k = 0; k < sizeof bad_pairs / sizeof bad_pairs[0]; k++) {
        FILE *f = fopen(path, "w");
        fputs(bad_pairs[k].plan, f);
        fclose(f);
        cr_plan *p = NULL;
        cr_plan_new(&p, s);
        ck_assert_msg(cr_plan_load_file(p, path) == CR_OK, "case %zu: %s", k, cr_plan_errmsg(p));
        cr_check *c = NULL;
        cr_check_new(&c, p);
        bool found = false;
        for (size_t v = 0; v < cr_check_n_violations(c); v++)
            if (cr_check_violation_kind(c, v) == CR_VIOLATION_SYNC &&
                strstr(cr_check_violation_message(c, v), bad_pairs[k].message))
                found = true;
        ck_assert_msg(found, "case %zu: expected \"%s\", got %zu violations, first: %s", k, bad_pairs[k].message,
                      cr_check_n_violations(c), cr_check_violation_message(c, 0));
        cr_check_free(c);
        cr_plan_free(p);
    }
    unlink(path);
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_mankowska_instance)
{
    /* A1 of Mankowska et al.: 10 patients, 3 caregivers, 6 services; the best
     * known objective 218.199 is optimal (Kummer et al. 2020's lower bound). */
    cr_scenario *s = load("hhc/InstanzCPLEX_HCSRP_10_1.txt");
    ck_assert_int_eq(cr_scenario_format(s), CR_FORMAT_MANKOWSKA);
    ck_assert_uint_eq(cr_scenario_n_carers(s), 3);
    ck_assert_uint_eq(cr_scenario_n_visits(s), 13); /* 3 double services */
    ck_assert_str_eq(cr_scenario_visit_id(s, 0), "p1-s4");
    cr_plan *p = solve(s, 200000);
    cr_check *c = check_complete(p);
    double obj = cr_check_objective(c);
    ck_assert_msg(obj <= 218.199 * 1.01 && obj >= 218.199 - 0.01, "objective %.3f", obj);
    ck_assert_double_eq_tol(obj, (cr_check_distance(c) + cr_check_tardiness(c) + cr_check_max_tardiness(c)) / 3, 1e-9);
    /* Patient 9 (rows s1 and s4) must start s4 51 to 102 after s1, by two carers. */
    size_t r1, i1, r4, i4;
    ck_assert(find(s, p, "p9-s1", &r1, &i1));
    ck_assert(find(s, p, "p9-s4", &r4, &i4));
    double gap = cr_plan_route_start(p, r4, i4) - cr_plan_route_start(p, r1, i1);
    ck_assert(gap >= 51 - 1e-9 && gap <= 102 + 1e-9);
    ck_assert_int_ne(cr_plan_route_carer(p, r1), cr_plan_route_carer(p, r4));
    /* Carer-dependent durations: the end is start + that carer's duration (14). */
    ck_assert_double_eq_tol(cr_plan_route_end(p, r1, i1) - cr_plan_route_start(p, r1, i1), 14, 1e-9);
    cr_check_free(c);
    cr_plan_free(p);
    /* Its coordinates are planar: neither roads nor zone polygons apply. */
    cr_scenario *fresh = load("hhc/InstanzCPLEX_HCSRP_10_1.txt");
    cr_map *m = NULL;
    cr_map_new(&m);
    ck_assert_int_eq(cr_map_load_file(m, fixture_in("geo", "tiny.osm")), CR_OK);
    ck_assert_int_eq(cr_scenario_use_map(fresh, m), CR_ERR_INVALID_DATA);
    ck_assert_ptr_nonnull(strstr(cr_scenario_errmsg(fresh), "lat/lon"));
    cr_zones *z = NULL;
    cr_zones_new(&z);
    ck_assert_int_eq(cr_zones_load_file(z, fixture_in("geo", "zones.geojson")), CR_OK);
    ck_assert_int_eq(cr_scenario_use_zones(fresh, z), CR_ERR_INVALID_DATA);
    cr_zones_free(z);
    cr_map_free(m);
    cr_scenario_free(fresh);
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_mankowska_deterministic)
{
    cr_scenario *s = load("hhc/InstanzCPLEX_HCSRP_10_1.txt");
    cr_plan *a = solve(s, 20000), *b = solve(s, 20000);
    ck_assert_uint_eq(cr_plan_n_routes(a), cr_plan_n_routes(b));
    for (size_t r = 0; r < cr_plan_n_routes(a); r++) {
        ck_assert_uint_eq(cr_plan_route_length(a, r), cr_plan_route_length(b, r));
        for (size_t i = 0; i < cr_plan_route_length(a, r); i++) {
            ck_assert_int_eq(cr_plan_route_visit(a, r, i), cr_plan_route_visit(b, r, i));
            ck_assert_double_eq(cr_plan_route_start(a, r, i), cr_plan_route_start(b, r, i));
        }
    }
    cr_plan_free(a);
    cr_plan_free(b);
    cr_scenario_free(s);
}
END_TEST

#define HEAD "nbNodes\n4\nnbVehi\n1\nnbServi\n2\n"
static const struct {
    const char *text;
    cr_status status;
    const char *message;
} bad_files[] = {
    {"nbNodes\n", CR_ERR_PARSE, "<data>:1: unexpected end of file: expected nbNodes"},
    {"nbNodes\nfour\n", CR_ERR_PARSE, "<data>:2: expected nbNodes, found 'four'"},
    {"nbNodes\n2\n", CR_ERR_INVALID_DATA, "nbNodes must be in 3..5002"},
    {"nbNodes\n4\nnbVehicles\n1\n", CR_ERR_PARSE, "<data>:3: expected the keyword 'nbVehi', found 'nbVehicles'"},
    {HEAD "r\n1 1\n1 0\n0 2\n1 1\n", CR_ERR_INVALID_DATA, "<data>:10: a 0/1 service requirement must be in 0..1, found 2"},
    {HEAD "r\n1 1\n1 0\n0 1\n1 1\nDS\n9\n", CR_ERR_INVALID_DATA, "a double-service row number must be in 2..3"},
    {HEAD "r\n1 1\n1 0\n0 1\n1 1\nDS\na\n1 1\nx\n0 1 2 0\ny\n0 1 2 0\nd\n0 1 1 0\n1 0 1 1\n1 1 0 1\n0 1 1 0\n"
          "p\n0 0\n5 5\n5 5\n0 0\nmind\n0 0 0 0\nmaxd\n0 0 0 0\ne\n0 0 0 0\nl\n100 50 50 100\nextra\n",
     CR_ERR_PARSE, "unexpected 'extra' after the 'l' section"},
    {HEAD "r\n1 1\n1 1\n0 1\n1 1\nDS\na\n1 1\nx\n0 1 2 0\ny\n0 1 2 0\nd\n0 1 1 0\n1 0 1 1\n1 1 0 1\n0 1 1 0\n"
          "p\n0 0\n5 5\n5 5\n0 0\nmind\n0 0 0 0\nmaxd\n0 0 0 0\ne\n0 0 0 0\nl\n100 50 50 100\n",
     CR_ERR_INVALID_DATA, "patient 1 needs 2 services but is not in the DS list"},
    {HEAD "r\n1 1\n1 1\n0 1\n1 1\nDS\n2\na\n1 1\nx\n0 1 2 0\ny\n0 1 2 0\nd\n0 1 1 0\n1 0 1 1\n1 1 0 1\n0 1 1 0\n"
          "p\n0 0\n5 5\n5 5\n0 0\nmind\n0 9 0 0\nmaxd\n0 3 0 0\ne\n0 0 0 0\nl\n100 50 50 100\n",
     CR_ERR_INVALID_DATA, "patient 1: minimum gap 9 is above the maximum gap 3"},
    {HEAD "r\n1 1\n1 0\n0 1\n1 1\nDS\na\n1 0\nx\n0 1 2 0\ny\n0 1 2 0\nd\n0 1 1 0\n1 0 1 1\n1 1 0 1\n0 1 1 0\n"
          "p\n0 0\n5 5\n5 5\n0 0\nmind\n0 0 0 0\nmaxd\n0 0 0 0\ne\n0 0 0 0\nl\n100 50 50 100\n",
     CR_ERR_INVALID_DATA, "patient 2 needs service 2, for which no caregiver is qualified"},
    {HEAD "r\n1 1\n1 0\n0 1\n1 1\nDS\na\n1 1\nx\n0 1 2 0\ny\n0 1 2 0\nd\n0 1 1 0\n1 0 1 1\n1 1 0 1\n0 1 nan 0\n",
     CR_ERR_PARSE, "expected a travel time, found 'nan'"},
};

START_TEST(test_mankowska_bad_files)
{
    for (size_t k = 0; k < sizeof bad_files / sizeof bad_files[0]; k++) {
        cr_scenario *s = NULL;
        cr_scenario_new(&s);
        cr_status st = cr_scenario_load_data(s, bad_files[k].text, strlen(bad_files[k].text), CR_FORMAT_AUTO);
        ck_assert_msg(st == bad_files[k].status, "case %zu: status %d: %s", k, st, cr_scenario_errmsg(s));
        ck_assert_msg(strstr(cr_scenario_errmsg(s), bad_files[k].message) != NULL, "case %zu: \"%s\"", k,
                      cr_scenario_errmsg(s));
        cr_scenario_free(s);
    }
    /* A well-formed tiny instance loads: one double service in step. */
    const char *good = HEAD "r\n1 1\n1 0\n1 1\n1 1\nDS\n3\na\n1 1\nx\n0 1 2 0\ny\n0 1 2 0\n"
                       "d\n0 1 1 0\n1 0 1 1\n1 1 0 1\n0 1 1 0\np\n0 0\n5 5\n5 5\n0 0\n"
                       "mind\n0 0 0 0\nmaxd\n0 0 0 0\ne\n0 0 0 0\nl\n100 50 50 100\n";
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_msg(cr_scenario_load_data(s, good, strlen(good), CR_FORMAT_AUTO) == CR_OK, "%s", cr_scenario_errmsg(s));
    ck_assert_uint_eq(cr_scenario_n_visits(s), 3);
    /* One caregiver cannot do both halves of patient 2's double service. */
    cr_plan *p = solve(s, 2000);
    cr_check *c = NULL;
    cr_check_new(&c, p);
    ck_assert(cr_check_feasible(c));
    ck_assert_uint_eq(cr_check_unassigned(c), 2);
    cr_check_free(c);
    cr_plan_free(p);
    cr_scenario_free(s);
}
END_TEST

/* Client k1 lies between carers a and b. On Monday a passes by anyway (k2),
 * on Tuesday b does (k3): plain routing sends a on Monday and b on Tuesday
 * (travel 20); one carer for both days costs 2 more. */
static double k1_carers_option(double weight, double preference, double option, const char *preferred,
                               double *travel, int *monday_carer)
{
    char text[2048];
    snprintf(text, sizeof text,
             "{\"days\": [\"mon\", \"tue\"], \"travel\": {\"model\": \"euclidean\"},"
             "\"rules\": {\"continuity_weight\": %g, \"preference_weight\": %g},"
             "\"carers\": [{\"id\": \"a\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]},"
             "{\"id\": \"b\", \"home\": {\"x\": 10, \"y\": 0}, \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]}],"
             "\"clients\": [{\"id\": \"k1\", \"location\": {\"x\": 5, \"y\": 0}%s},"
             "{\"id\": \"k2\", \"location\": {\"x\": 1, \"y\": 0}}, {\"id\": \"k3\", \"location\": {\"x\": 9, \"y\": 0}}],"
             "\"visits\": [{\"id\": \"v1\", \"client\": \"k1\", \"days\": \"all\", \"window\": [\"08:00\", \"11:00\"], \"duration\": 30},"
             "{\"id\": \"v2\", \"client\": \"k2\", \"day\": \"mon\", \"window\": [\"08:00\", \"11:00\"], \"duration\": 30},"
             "{\"id\": \"v3\", \"client\": \"k3\", \"day\": \"tue\", \"window\": [\"08:00\", \"11:00\"], \"duration\": 30}]}",
             weight, preference, preferred);
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_msg(cr_scenario_load_data(s, text, strlen(text), CR_FORMAT_AUTO) == CR_OK, "%s", cr_scenario_errmsg(s));
    cr_plan *p = solve_pref(s, 3000, option);
    cr_check *c = NULL;
    cr_check_new(&c, p);
    ck_assert(cr_check_feasible(c));
    *travel = cr_check_travel_time(c);
    double k1 = (double)cr_check_max_carers_per_client(c);
    size_t r, i;
    *monday_carer = find(s, p, "v1@mon", &r, &i) ? (int)cr_plan_route_carer(p, r) : -1;
    cr_check_free(c);
    cr_plan_free(p);
    cr_scenario_free(s);
    return k1;
}

static double k1_carers_pref(double weight, double preference, const char *preferred, double *travel,
                             int *monday_carer)
{
    return k1_carers_option(weight, preference, -1, preferred, travel, monday_carer);
}

static double k1_carers(double weight, double *travel)
{
    int monday;
    return k1_carers_pref(weight, 0, "", travel, &monday);
}

START_TEST(test_continuity_moves_whole_clients)
{
    double travel;
    ck_assert_double_eq(k1_carers(0, &travel), 2);
    ck_assert_double_eq_tol(travel, 20, 1e-9);
    ck_assert_double_eq(k1_carers(1, &travel), 2);  /* 2 more travel is not worth it */
    ck_assert_double_eq(k1_carers(5, &travel), 1);  /* ... but it is at 5 */
    ck_assert_double_eq_tol(travel, 22, 1e-9);
    /* k1 prefers b: a visit by b instead of a is worth 10, so b takes Monday
     * too (2 more travel); at 1 it is not worth it. */
    int monday;
    const char *pref = ", \"preferred_carers\": [\"b\"]";
    ck_assert_double_eq(k1_carers_pref(0, 10, pref, &travel, &monday), 1);
    ck_assert_int_eq(monday, 1); /* carer index 1 is b */
    ck_assert_double_eq(k1_carers_pref(0, 1, pref, &travel, &monday), 2);
    ck_assert_int_eq(monday, 0);
    /* the solve's preference weight overrides the scenario's rule, both ways */
    ck_assert_double_eq(k1_carers_option(0, 10, 0, pref, &travel, &monday), 2);
    ck_assert_int_eq(monday, 0);
    ck_assert_double_eq_tol(travel, 20, 1e-9);
    ck_assert_double_eq(k1_carers_option(0, 1, 10, pref, &travel, &monday), 1);
    ck_assert_int_eq(monday, 1);
}
END_TEST

START_TEST(test_convrp_instance)
{
    /* Groër et al.'s small random instance: 10 customers over 3 days. */
    cr_scenario *s = load("convrp/convrp_10_test_1.vrp");
    ck_assert_int_eq(cr_scenario_format(s), CR_FORMAT_CONVRP);
    ck_assert_uint_eq(cr_scenario_n_days(s), 3);
    ck_assert_uint_eq(cr_scenario_n_clients(s), 10);
    cr_plan *p = solve(s, 2000);
    cr_check *c = check_complete(p);
    /* the same driver for a customer on all its days: the problem's rule */
    ck_assert_double_eq(cr_check_carers_per_client(c), 1);
    ck_assert_uint_eq(cr_check_max_carers_per_client(c), 1);
    ck_assert_double_eq_tol(cr_check_objective(c), cr_check_distance(c), 1e-9);
    cr_check_free(c);
    cr_plan_free(p);
    cr_scenario_free(s);
    /* Malformed: a missing section, a demand over the capacity. */
    const char *bad[][2] = {
        {"NAME: x\nNUM_DAYS: 2\nDIMENSION: 2\nCAPACITY: 5\nNODE_COORD_SECTION\n1 0 0\nDEPOT_SECTION\n0 0\n",
         "<data>:7: expected DEMAND_SECTION"},
        {"NAME: x\nNUM_DAYS: 2\nDIMENSION: 2\nCAPACITY: 5\nNODE_COORD_SECTION\n1 0 0\nDEMAND_SECTION\n1 9 -1\n",
         "<data>:8: day 1: demand 9 exceeds the capacity 5"},
        {"NAME: x\nNUM_DAYS: 0\nDIMENSION: 2\nCAPACITY: 5\nNODE_COORD_SECTION\n", "NUM_DAYS must be 1..31"},
    };
    for (size_t k = 0; k < 3; k++) {
        cr_scenario *b = NULL;
        cr_scenario_new(&b);
        ck_assert(cr_scenario_load_data(b, bad[k][0], strlen(bad[k][0]), CR_FORMAT_AUTO) != CR_OK);
        ck_assert_msg(strstr(cr_scenario_errmsg(b), bad[k][1]) != NULL, "case %zu: %s", k, cr_scenario_errmsg(b));
        cr_scenario_free(b);
    }
}
END_TEST

START_TEST(test_convrp_capacity)
{
    /* Four customers side by side, far from the depot, 3 units each on
     * both days, vans of 6: one van would be shortest, the capacity takes
     * two each day, and each customer keeps its driver. The plans of
     * consistent VRP files come from the rota search, so this holds its
     * routes to their loads. */
    const char *data = "NAME: capacity\nNUM_DAYS: 2\nDIMENSION: 5\nCAPACITY: 6\nDISTANCE: 9999999\n"
                       "NODE_COORD_SECTION\n1 10 0\n2 10 1\n3 10 2\n4 10 3\n"
                       "DEMAND_SECTION\n1 3 3\n2 3 3\n3 3 3\n4 3 3\n"
                       "SVC_TIME_SECTION\n1 1 1\n2 1 1\n3 1 1\n4 1 1\n"
                       "DEPOT_SECTION\n0 0\nEOF\n";
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_msg(cr_scenario_load_data(s, data, strlen(data), CR_FORMAT_AUTO) == CR_OK, "%s", cr_scenario_errmsg(s));
    cr_plan *p = solve(s, 20000);
    cr_check *c = check_complete(p);
    ck_assert_uint_eq(cr_check_max_carers_per_client(c), 1);
    int used[2] = {0, 0};
    for (size_t r = 0; r < cr_plan_n_routes(p); r++)
        if (cr_plan_route_length(p, r) > 0) {
            ck_assert_uint_eq(cr_plan_route_length(p, r), 2);
            used[cr_plan_route_day(p, r)]++;
        }
    ck_assert_int_eq(used[0], 2);
    ck_assert_int_eq(used[1], 2);
    cr_check_free(c);
    cr_plan_free(p);
    cr_scenario_free(s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hhc");
    TCase *t = tcase_create("pairs");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, test_double_up_together);
    tcase_add_test(t, test_double_up_needs_two_carers);
    tcase_add_test(t, test_checker_pair_rules);
    tcase_add_test(t, test_mankowska_instance);
    tcase_add_test(t, test_mankowska_deterministic);
    tcase_add_test(t, test_mankowska_bad_files);
    tcase_add_test(t, test_convrp_instance);
    tcase_add_test(t, test_convrp_capacity);
    tcase_add_test(t, test_continuity_moves_whole_clients);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
