/* White-box test of the week's hand-over of runs to carers
 * (lib/solve/sync_rota.c): on a searched week whose days' runs are then
 * shuffled among each day's carers (keeping every day feasible), the rota
 * lowers the cost, keeps every run whole and on its own day, leaves no
 * visit out that was in, and the plan still schedules. Links the internal
 * static library. */
#include "sync_fixture.h"
#include "solve/sync_rota.h"
#include "solve/sync_runs.h"

#include <stdlib.h>

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

/* Without a deadline the rota repairs the shuffle; with one already past it
 * leaves the plan exactly as it was. */
START_TEST(test_rota_repairs_shuffled_week)
{
  for (int expired = 0; expired < 2; expired++) {
    searched_week wk;
    searched_week_init(&wk, 40, 3 + _i, 3000);
    const cr_problem *p = wk.p;
    const cr_sync_problem *sp = wk.sp;
    cr_sync_sol *s = &wk.s;
    sync_scratch w;
    sync_scratch_init(&w, sp);
    ck_assert(isfinite(sync_schedule(sp, s, &w)));

    /* shuffle each day's runs among its carers, as far as the days still schedule */
    GRand *r = g_rand_new_with_seed(11);
    double care_searched = s->care;
    for (int k = 0; k < 400; k++) {
        int d = g_rand_int_range(r, 0, sp->n_days), nt = sp->day_first[d + 1] - sp->day_first[d];
        if (nt < 2)
            continue;
        int a = g_rand_int_range(r, 0, nt), b = g_rand_int_range(r, 0, nt);
        swap_runs(sp, s, d, a, b);
        if (!isfinite(sync_schedule(sp, s, &w))) {
            swap_runs(sp, s, d, a, b);
            ck_assert(isfinite(sync_schedule(sp, s, &w)));
        }
    }
    double before = s->penalty + sync_schedule(sp, s, &w), care_shuffled = s->care;
    ck_assert_msg(care_shuffled > care_searched, "the shuffle should cost continuity: %g, %g", care_shuffled,
                  care_searched);
    int unassigned = s->n_unassigned, *pred = predecessors(sp, s);

    bool changed = sync_rota(sp, s, &w, 5, expired ? g_get_monotonic_time() - 1 : 0);
    double after = s->penalty + sync_schedule(sp, s, &w);
    if (expired) { /* no time: the plan stays exactly as it was */
        ck_assert(!changed);
        ck_assert_double_eq(after, before);
    } else {
        ck_assert(changed);
        ck_assert(isfinite(after));
        ck_assert_msg(after < before, "rota: %g, before %g", after, before);
        ck_assert_msg(s->care < care_shuffled, "continuity %g, shuffled %g", s->care, care_shuffled);
    }
    ck_assert_double_eq_tol(s->cost, after - s->penalty, 1e-6);
    ck_assert_int_eq(s->n_unassigned, unassigned);
    int *now = predecessors(sp, s);
    for (int i = 0; i < sp->n; i++) {
        ck_assert_int_eq(now[i], pred[i]); /* runs move whole */
        if (s->veh[i] >= 0)
            ck_assert_int_eq(p->v_day[s->veh[i]], p->day[i]); /* on their own day */
    }
    /* the plan from scratch costs what the rota left */
    for (int d = 0; d < sp->n_days; d++)
        s->dirty[d] = true;
    ck_assert_double_eq_tol(s->penalty + sync_schedule(sp, s, &w), after, 1e-6);

    g_free(now);
    g_free(pred);
    g_rand_free(r);
    sync_scratch_free(&w);
    searched_week_free(&wk);
  }
}
END_TEST

int main(void)
{
    return run_three("sync_rota", test_rota_repairs_shuffled_week);
}
