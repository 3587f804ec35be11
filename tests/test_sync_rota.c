/* White-box test of the week's hand-over of runs to carers
 * (lib/solve/sync_rota.c): on a searched week whose days' runs are then
 * shuffled among each day's carers (keeping every day feasible), the rota
 * lowers the cost, keeps every run whole and on its own day, leaves no
 * visit out that was in, and the plan still schedules. Links the internal
 * static library. */
#include "io/io.h"
#include "solve/problem.h"
#include "solve/sync_rota.h"
#include "solve/sync_runs.h"

#include "careroute.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static cr_model *generated_week(int clients, int seed)
{
    cr_generator *g = NULL;
    ck_assert_int_eq(cr_generator_new(&g), CR_OK);
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

/* Swap the runs of two of day d's vehicles, a and b (indices into the day). */
static void swap_runs(const cr_sync_problem *sp, cr_sync_sol *s, int d, int a, int b)
{
    const int *tv = &sp->day_vehicles[sp->day_first[d]];
    int nt = sp->day_first[d + 1] - sp->day_first[d];
    sync_route_arrays *now = g_new(sync_route_arrays, nt);
    for (int k = 0; k < nt; k++)
        now[k] = (sync_route_arrays){ s->seq[tv[k]], s->len[tv[k]], s->cap[tv[k]] };
    sync_route_arrays t = now[a];
    now[a] = now[b];
    now[b] = t;
    sync_arrange(sp, s, tv, nt, now);
    g_free(now);
}

/* Per visit: the visit before it on its route (-1 first, -2 out). */
static int *predecessors(const cr_sync_problem *sp, const cr_sync_sol *s)
{
    int *before = g_new(int, sp->n);
    for (int i = 0; i < sp->n; i++)
        before[i] = s->veh[i] < 0 ? -2 : (s->pos[i] > 0 ? s->seq[s->veh[i]][s->pos[i] - 1] : -1);
    return before;
}

START_TEST(test_rota_repairs_shuffled_week)
{
    cr_model *m = generated_week(40, 3 + _i);
    cr_problem *p = cr_problem_new(m, CR_OBJECTIVE_AUTO);
    cr_sync_problem *sp = cr_sync_problem_new(p, NULL, 0, NULL, 0);
    cr_search_shared sh = { 0 };
    volatile gint cancel = 0;
    sh.cancel = &cancel;
    g_mutex_init(&sh.lock);
    sh.t0 = g_get_monotonic_time();
    sh.iteration_limit = 3000;
    sh.best_travel = INFINITY;
    sh.best_unassigned = G_MAXINT;
    cr_sync_sol s;
    cr_sync_sol_init(&s, sp);
    cr_search_stats stats;
    cr_sync_search_run(sp, 7, &sh, &s, &stats);
    sync_scratch w;
    sync_scratch_init(&w, sp);
    ck_assert(isfinite(sync_schedule(sp, &s, &w)));

    /* shuffle each day's runs among its carers, as far as the days still schedule */
    GRand *r = g_rand_new_with_seed(11);
    double care_searched = s.care;
    for (int k = 0; k < 400; k++) {
        int d = g_rand_int_range(r, 0, sp->n_days), nt = sp->day_first[d + 1] - sp->day_first[d];
        if (nt < 2)
            continue;
        int a = g_rand_int_range(r, 0, nt), b = g_rand_int_range(r, 0, nt);
        swap_runs(sp, &s, d, a, b);
        if (!isfinite(sync_schedule(sp, &s, &w))) {
            swap_runs(sp, &s, d, a, b);
            ck_assert(isfinite(sync_schedule(sp, &s, &w)));
        }
    }
    double before = s.penalty + sync_schedule(sp, &s, &w), care_shuffled = s.care;
    ck_assert_msg(care_shuffled > care_searched, "the shuffle should cost continuity: %g, %g", care_shuffled,
                  care_searched);
    int unassigned = s.n_unassigned, *pred = predecessors(sp, &s);

    ck_assert(sync_rota(sp, &s, &w, 5));
    double after = s.penalty + sync_schedule(sp, &s, &w);
    ck_assert(isfinite(after));
    ck_assert_msg(after < before, "rota: %g, before %g", after, before);
    ck_assert_msg(s.care < care_shuffled, "continuity %g, shuffled %g", s.care, care_shuffled);
    ck_assert_double_eq_tol(s.cost, after - s.penalty, 1e-6);
    ck_assert_int_eq(s.n_unassigned, unassigned);
    int *now = predecessors(sp, &s);
    for (int i = 0; i < sp->n; i++) {
        ck_assert_int_eq(now[i], pred[i]); /* runs move whole */
        if (s.veh[i] >= 0)
            ck_assert_int_eq(p->v_day[s.veh[i]], p->day[i]); /* on their own day */
    }
    /* the plan from scratch costs what the rota left */
    for (int d = 0; d < sp->n_days; d++)
        s.dirty[d] = true;
    ck_assert_double_eq_tol(s.penalty + sync_schedule(sp, &s, &w), after, 1e-6);

    g_free(now);
    g_free(pred);
    g_rand_free(r);
    sync_scratch_free(&w);
    cr_sync_sol_free(&s, sp);
    g_mutex_clear(&sh.lock);
    cr_sync_problem_free(sp);
    cr_problem_free(p);
    cr_model_free(m);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("sync_rota");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 120);
    tcase_add_loop_test(t, test_rota_repairs_shuffled_week, 0, 3);
    suite_add_tcase(su, t);
    SRunner *sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
