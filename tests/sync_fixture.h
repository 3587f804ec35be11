/* For the white-box tests of the rota search (lib/solve/sync_*.c): a
 * generated week of one zone and one provider, and that week searched for
 * a number of iterations. Internal headers: link careroute_internal_dep. */
#ifndef CR_TESTS_SYNC_FIXTURE_H
#define CR_TESTS_SYNC_FIXTURE_H

#include "io/io.h"
#include "solve/problem.h"
#include "solve/sync_internal.h"

#include "careroute.h"

#include <check.h>
#include <math.h>
#include <string.h>

/* days_off: CR_GEN_CHOSEN_DAYS_OFF (0: fixed days off). */
static inline cr_model *generated_week_days_off(int clients, int seed, int days_off)
{
    cr_generator *g = NULL;
    ck_assert_int_eq(cr_generator_new(&g), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_CHOSEN_DAYS_OFF, days_off), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_CLIENTS, clients), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_ZONES, 1), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_PROVIDERS, 1), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_SEED, seed), CR_OK);
    const char *json = cr_generator_json(g);
    ck_assert_msg(json != NULL, "%s", cr_generator_errmsg(g));
    GError *err = NULL;
    cr_model *m = cr_io_load(json, strlen(json), "generated", CR_FORMAT_AUTO, &err);
    ck_assert_msg(m != NULL, "%s", err ? err->message : "");
    cr_generator_free(g);
    return m;
}

static inline cr_model *generated_week(int clients, int seed)
{
    return generated_week_days_off(clients, seed, 0);
}

/* A generated week, its whole problem for the search, and the plan the
 * search found in `iterations` (seed 7) in s. Not to be moved once set up
 * (the search's flag points into it). */
typedef struct {
    cr_model *m;
    cr_problem *p;
    cr_sync_problem *sp;
    cr_search_shared sh;
    volatile gint cancel;
    cr_sync_sol s;
} searched_week;

static inline void searched_week_init_days_off(searched_week *w, int clients, int seed, int64_t iterations,
                                               int days_off)
{
    memset(w, 0, sizeof *w);
    w->m = generated_week_days_off(clients, seed, days_off);
    w->p = cr_problem_new(w->m, CR_OBJECTIVE_AUTO);
    w->sp = cr_sync_problem_new(w->p, NULL, 0, NULL, 0);
    w->sh.cancel = &w->cancel;
    g_mutex_init(&w->sh.lock);
    w->sh.t0 = g_get_monotonic_time();
    w->sh.iteration_limit = iterations;
    w->sh.best_travel = INFINITY;
    w->sh.best_unassigned = G_MAXINT;
    cr_sync_sol_init(&w->s, w->sp);
    cr_search_stats stats;
    cr_sync_search_run(w->sp, 7, &w->sh, &w->s, &stats);
}

static inline void searched_week_init(searched_week *w, int clients, int seed, int64_t iterations)
{
    searched_week_init_days_off(w, clients, seed, iterations, 0);
}

static inline void searched_week_free(searched_week *w)
{
    cr_sync_sol_free(&w->s, w->sp);
    g_mutex_clear(&w->sh.lock);
    cr_sync_problem_free(w->sp);
    cr_problem_free(w->p);
    cr_model_free(w->m);
}

/* Run test `fn` over loop indices 0, 1 and 2 (three generated weeks). */
static inline int run_three(const char *suite, const TTest *fn)
{
    Suite *su = suite_create(suite);
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 120);
    tcase_add_loop_test(t, fn, 0, 3);
    suite_add_tcase(su, t);
    SRunner *sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
