/* White-box test of putting an unassigned visit in with room made for it
 * (sync_insert_with_room in lib/solve/sync_insert.c). On a searched week,
 * a visit x is taken out and a nearby visit y of another route moved into
 * x's place, until greedy insertion finds no place for x. Room-making must
 * then put x in: less out by priority (a visit that was in stays out only
 * when it matters less than x), every visit on its own day, and a plan that schedules from scratch at the cost
 * the search holds. Links the internal static library. */
#include "sync_fixture.h"

#include <stdlib.h>

/* Take x out and put y (a one-carer visit of another route and client, on
 * x's day) where x was. True when the plan schedules and greedy insertion
 * then finds no place for x; else false, with the plan as in orig. */
static bool block(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, const cr_sync_sol *orig,
                  cr_sync_sol *spare, int x, int y)
{
    int v = s->veh[x], pos = s->pos[x];
    if (sp->partner[y] >= 0 || s->veh[y] < 0 || s->veh[y] == v ||
        sp->m->visits[y].client == sp->m->visits[x].client)
        return false;
    sync_remove_visit(s, sp, x);
    sync_remove_visit(s, sp, y);
    bool ok = sync_may_take(sp, s, y, v);
    if (ok) {
        sync_insert_at(s, sp, y, v, pos);
        ok = isfinite(sync_schedule(sp, s, w));
    }
    if (ok) {
        sync_sol_copy(spare, s, sp);
        ok = !sync_insert_pair_best(sp, spare, x, w);
        s->cost = sync_schedule(sp, s, w);
    }
    if (!ok) {
        sync_sol_copy(s, orig, sp);
        for (int d = 0; d < sp->n_days; d++)
            s->dirty[d] = true;
        s->cost = sync_schedule(sp, s, w);
    }
    return ok;
}

START_TEST(test_room_where_greedy_finds_none)
{
    searched_week wk;
    searched_week_init(&wk, 40, 3 + _i, 3000);
    const cr_problem *p = wk.p;
    const cr_sync_problem *sp = wk.sp;
    cr_sync_sol *s = &wk.s, orig, spare, backup;
    cr_sync_sol_init(&orig, sp);
    cr_sync_sol_init(&spare, sp);
    cr_sync_sol_init(&backup, sp);
    sync_scratch w;
    sync_scratch_init(&w, sp);
    s->cost = sync_schedule(sp, s, &w);
    ck_assert(isfinite(s->cost));
    sync_sol_copy(&orig, s, sp);

    /* the first visit that can be blocked this way */
    int x = -1;
    for (int i = 0; i < sp->n && x < 0; i++) {
        if (s->veh[i] < 0 || sp->partner[i] >= 0)
            continue;
        for (int k = 0; k < p->k_neigh && x < 0; k++) {
            int y = p->neighbours[(size_t)i * p->k_neigh + k];
            if (y >= 0 && block(sp, s, &w, &orig, &spare, i, y))
                x = i;
        }
    }
    ck_assert_msg(x >= 0, "no visit of the week could be blocked from greedy insertion");
    int out_before = s->n_unassigned;
    double penalty_before = s->penalty;
    bool *was_in = g_new(bool, sp->n);
    for (int i = 0; i < sp->n; i++)
        was_in[i] = s->veh[i] >= 0;

    uint32_t st = 12345;
    ck_assert(sync_insert_with_room(sp, s, &w, &backup, x, &st));
    ck_assert_int_ge(s->veh[x], 0);
    ck_assert(s->penalty < penalty_before);
    /* at most the visit moved out for it stays out, and only when it
     * matters less than x (the objective weighs visits out by priority) */
    int left_out = 0;
    for (int i = 0; i < sp->n; i++) {
        if (was_in[i] && s->veh[i] < 0) {
            left_out++;
            ck_assert_msg(sp->weight[i] < sp->weight[x], "visit %d, as important as %d, was in and is out", i, x);
        }
        if (s->veh[i] >= 0)
            ck_assert_int_eq(p->v_day[s->veh[i]], p->day[i]);
    }
    ck_assert_int_le(left_out, 1);
    ck_assert_int_eq(s->n_unassigned, out_before - 1 + left_out);
    double held = s->cost;
    ck_assert(isfinite(held));
    for (int d = 0; d < sp->n_days; d++)
        s->dirty[d] = true;
    ck_assert_double_eq_tol(sync_schedule(sp, s, &w), held, 1e-6);

    g_free(was_in);
    sync_scratch_free(&w);
    cr_sync_sol_free(&orig, sp);
    cr_sync_sol_free(&spare, sp);
    cr_sync_sol_free(&backup, sp);
    searched_week_free(&wk);
}
END_TEST

int main(void)
{
    return run_three("sync_room", test_room_where_greedy_finds_none);
}
