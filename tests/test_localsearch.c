/* White-box test of the local search (lib/solve/localsearch.c): on plans
 * the search builds from many seeds, local search never raises the cost,
 * never loses or duplicates a visit, and every result passes the
 * independent checker. Links the internal static library. */
#include "check/check.h"
#include "io/io.h"
#include "solve/localsearch.h"
#include "solve/search.h"

#include "careroute.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static cr_model *load(const char *name)
{
    const char *dir = getenv("CR_TEST_DATA");
    char *path = g_strdup_printf("%s/%s", dir ? dir : "tests/data", name);
    size_t len;
    GError *err = NULL;
    char *data = cr_io_read_file(path, &len, &err);
    ck_assert_msg(data != NULL, "%s", err ? err->message : "");
    cr_model *m = cr_io_load(data, len, path, CR_FORMAT_AUTO, &err);
    ck_assert_msg(m != NULL, "%s", err ? err->message : "");
    g_free(data);
    g_free(path);
    return m;
}

static cr_solution *to_solution(const cr_problem *p, const cr_ssol *s)
{
    cr_solution *sol = cr_solution_new();
    for (int v = 0; v < p->n_vehicles; v++)
        if (s->routes[v].len > 0)
            cr_solution_add_route(sol, p->v_carer[v], p->v_day[v], s->routes[v].len, s->routes[v].nodes,
                                  s->routes[v].start);
    for (int i = 0; i < p->n; i++)
        if (s->route_of[i] < 0)
            cr_solution_add_unassigned(sol, i, "left out");
    return sol;
}

static void check_ls_on(const char *name, int objective)
{
    cr_model *m = load(name);
    cr_problem *p = cr_problem_new(m, objective);
    cr_ls *ls = cr_ls_new(p);
    volatile gint cancel = 0;
    for (uint32_t seed = 1; seed <= 20; seed++) {
        cr_search_shared sh = {0};
        sh.t0 = g_get_monotonic_time();
        sh.time_limit = 1e6;
        sh.iteration_limit = 3; /* a rough plan: plenty left to improve */
        sh.cancel = &cancel;
        g_mutex_init(&sh.lock);
        cr_ssol s;
        cr_search_stats stats;
        cr_ssol_init(&s, p);
        cr_search_run(p, seed, &sh, &s, &stats);
        double before = s.travel;
        int used = s.used, unassigned = s.n_unassigned;
        GRand *rng = g_rand_new_with_seed(seed);
        cr_ls_run(ls, &s, rng);
        g_rand_free(rng);
        ck_assert_msg(s.travel <= before + 1e-9, "%s seed %u: %.6f -> %.6f", name, seed, before, s.travel);
        ck_assert_int_le(s.used, used);
        ck_assert_int_eq(s.n_unassigned, unassigned);
        /* the route caches agree with a fresh recomputation */
        double sum = 0;
        for (int v = 0; v < p->n_vehicles; v++) {
            double cached = s.routes[v].cost;
            ck_assert_int_lt(cr_sroute_update(p, &s.routes[v]), 0);
            ck_assert_double_eq_tol(cached, s.routes[v].cost, 1e-9);
            sum += cached;
            for (int k = 0; k < s.routes[v].len; k++)
                ck_assert_int_eq(s.route_of[s.routes[v].nodes[k]], v);
        }
        ck_assert_double_eq_tol(sum, s.travel, 1e-6);
        cr_solution *sol = to_solution(p, &s);
        struct cr_check *c = cr_check_plan(m, sol);
        for (guint i = 0; i < c->violations->len; i++)
            fprintf(stderr, "%s: %s\n", name, g_array_index(c->violations, cr_violation, i).message);
        ck_assert_uint_eq(c->violations->len, 0);
        cr_check_free(c);
        cr_solution_free(sol);
        cr_ssol_free(&s);
        g_mutex_clear(&sh.lock);
    }
    cr_ls_free(ls);
    cr_problem_free(p);
    cr_model_free(m);
}

START_TEST(test_ls_vrptw)
{
    check_ls_on("R101.txt", CR_OBJECTIVE_DISTANCE);
    check_ls_on("C101.txt", CR_OBJECTIVE_VEHICLES_THEN_DISTANCE);
}
END_TEST

START_TEST(test_ls_home_care)
{
    /* carers from different homes, providers, zones, skills, exclusions:
     * relocate and swap must respect who may serve whom */
    check_ls_on("small_scenario.json", CR_OBJECTIVE_DISTANCE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("localsearch");
    TCase *tc = tcase_create("ls");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_ls_vrptw);
    tcase_add_test(tc, test_ls_home_care);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
