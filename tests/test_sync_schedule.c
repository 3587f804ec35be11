/* White-box test of the incremental schedule (sync_schedule in
 * lib/solve/sync_schedule.c): after each random edit of a searched week, the
 * day is scheduled again only over the routes that double-ups tie to a
 * changed one, and that must give exactly what scheduling every route of
 * every day from scratch gives: the same verdict, the same cost and
 * tardiness, the same start for every visit. Each edit moves a visit, now
 * and then through a spell out of the plan; edits that break a rule are
 * undone, as the search does, and every schedule on the way is checked.
 * Links the internal static library. */
#include "sync_fixture.h"

/* s scheduled from scratch in ref (every day and route out of date, a
 * scratch of its own), compared with what the incremental schedule gave. */
static void assert_as_from_scratch(const cr_sync_problem *sp, const cr_sync_sol *s, double cost, cr_sync_sol *ref,
                                   sync_scratch *w_ref)
{
    sync_sol_copy(ref, s, sp);
    for (int d = 0; d < sp->n_days; d++)
        ref->dirty[d] = true;
    for (int k = 0; k < sp->day_first[sp->n_days]; k++)
        ref->route_dirty[sp->day_vehicles[k]] = true;
    double full = sync_schedule(sp, ref, w_ref);
    if (isfinite(cost) != isfinite(full) || (isfinite(cost) && (cost != full || s->tardiness != ref->tardiness ||
                                                                 s->max_tardiness != ref->max_tardiness)))
        ck_abort_msg("incremental cost %.6f (tardiness %.6f), from scratch %.6f (%.6f)", cost, s->tardiness, full,
                     ref->tardiness);
    if (!isfinite(cost))
        return;
    /* one assertion per check: each one costs check a write */
    int wrong = -1;
    for (int k = 0; k < sp->n_own && wrong < 0; k++) {
        int i = sp->own[k];
        if (s->veh[i] >= 0 && s->start[i] != ref->start[i])
            wrong = i;
    }
    ck_assert_msg(wrong < 0, "visit %d starts at %.6f, from scratch at %.6f", wrong, wrong < 0 ? 0 : s->start[wrong],
                  wrong < 0 ? 0 : ref->start[wrong]);
}

START_TEST(test_incremental_schedule_is_exact)
{
    searched_week wk;
    searched_week_init(&wk, 40, 11 + _i, 2000);
    const cr_problem *p = wk.p;
    const cr_sync_problem *sp = wk.sp;
    cr_sync_sol *s = &wk.s, ref;
    cr_sync_sol_init(&ref, sp);
    sync_scratch w, w_ref;
    sync_scratch_init(&w, sp);
    sync_scratch_init(&w_ref, sp);
    s->cost = sync_schedule(sp, s, &w);
    ck_assert(isfinite(s->cost));

    GRand *rng = g_rand_new_with_seed(5 + (guint32)_i);
    int kept = 0, undone = 0, halves = 0, outs = 0;
    /* more edits than a sample period of days scheduled (4,096), so both
     * ways of choosing the routes to redo are exercised */
    for (int e = 0; e < 6000; e++) {
        int i = sp->own[g_rand_int_range(rng, 0, sp->n_own)];
        if (s->veh[i] < 0 || p->n_vehicles_of[i] == 0)
            continue;
        int v = p->vehicles_of[i][g_rand_int_range(rng, 0, p->n_vehicles_of[i])];
        int from = s->veh[i];
        if (v != from && !sync_may_take(sp, s, i, v))
            continue;
        int from_pos = sync_remove_visit(s, sp, i);
        if (g_rand_int_range(rng, 0, 5) == 0) {
            /* out for a while: a partner left alone no longer waits */
            assert_as_from_scratch(sp, s, sync_schedule(sp, s, &w), &ref, &w_ref);
            outs++;
        }
        sync_insert_at(s, sp, i, v, g_rand_int_range(rng, 0, s->len[v] + 1));
        double cost = sync_schedule(sp, s, &w);
        assert_as_from_scratch(sp, s, cost, &ref, &w_ref);
        halves += sp->partner[i] >= 0;
        if (isfinite(cost)) {
            kept++;
            continue;
        }
        undone++;
        sync_remove_visit(s, sp, i);
        sync_insert_at(s, sp, i, from, from_pos);
        cost = sync_schedule(sp, s, &w);
        if (!isfinite(cost))
            ck_abort_msg("the plan does not schedule after an edit was undone");
        assert_as_from_scratch(sp, s, cost, &ref, &w_ref);
    }
    /* the walk went both ways, and moved double-up halves */
    ck_assert_int_gt(kept, 100);
    ck_assert_int_gt(undone, 100);
    ck_assert_int_gt(halves, 50);
    ck_assert_int_gt(outs, 100);

    g_rand_free(rng);
    sync_scratch_free(&w);
    sync_scratch_free(&w_ref);
    cr_sync_sol_free(&ref, sp);
    searched_week_free(&wk);
}
END_TEST

int main(void)
{
    return run_three("sync-schedule", test_incremental_schedule_is_exact);
}
