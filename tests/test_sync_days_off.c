/* White-box test of the move that shifts carers' days off
 * (sync_move_days_off, lib/solve/sync_moves.c), on a generated week whose
 * carers offer every day, work at most five and keep two days off in a
 * row: the searched plan keeps every carer to both rules and its day
 * counts match its routes; each move hands whole runs from one carer to
 * another on the same days, gives some carer a day they were off, breaks
 * no day limit, and its undo restores the plan exactly. Links the internal
 * static library. */
#include "sync_fixture.h"

#include <stdlib.h>

/* The carers' days with visits, counted from the routes, against the
 * plan's own counts. */
static void check_day_counts(const cr_sync_problem *sp, const cr_sync_sol *s)
{
    const cr_problem *p = sp->p;
    int n_carers = sp->m->n_carers;
    int *days = g_new0(int, n_carers);
    uint32_t *mask = g_new0(uint32_t, n_carers);
    for (int k = 0; k < sp->day_first[sp->n_days]; k++) {
        int v = sp->day_vehicles[k];
        if (s->len[v] > 0) {
            days[p->v_carer[v]]++;
            mask[p->v_carer[v]] |= UINT32_C(1) << p->v_day[v];
        }
    }
    for (int c = 0; c < n_carers; c++) {
        ck_assert_int_eq(s->carer_days[c], days[c]);
        ck_assert_uint_eq(s->carer_mask[c], mask[c]);
        ck_assert_int_le(days[c], sp->day_limit[c]);
    }
    g_free(days);
    g_free(mask);
}

/* Per visit: (vehicle's day, the visit before it on its route): a run
 * handed whole to another carer keeps both. */
static int *run_shape(const cr_sync_problem *sp, const cr_sync_sol *s)
{
    int *shape = g_new(int, 2 * (size_t)sp->n);
    for (int i = 0; i < sp->n; i++) {
        shape[2 * i] = s->veh[i] < 0 ? -1 : sp->p->v_day[s->veh[i]];
        shape[2 * i + 1] = s->veh[i] < 0 ? -2 : (s->pos[i] > 0 ? s->seq[s->veh[i]][s->pos[i] - 1] : -1);
    }
    return shape;
}

START_TEST(test_days_off_move)
{
    searched_week wk;
    searched_week_init_days_off(&wk, 40, 3, 3000, 2);
    const cr_problem *p = wk.p;
    const cr_sync_problem *sp = wk.sp;
    cr_sync_sol *s = &wk.s;
    ck_assert(sp->days_chosen && sp->two_days_off);
    sync_scratch w;
    sync_scratch_init(&w, sp);
    ck_assert(isfinite(sync_schedule(sp, s, &w)));
    ck_assert_int_eq(s->n_over_days, 0);
    ck_assert_int_eq(s->n_no_break, 0);
    check_day_counts(sp, s);
    for (int c = 0; c < sp->m->n_carers; c++)
        ck_assert(s->carer_days[c] == 0 || cr_model_two_days_off(s->carer_mask[c], sp->n_days));

    int *shape = run_shape(sp, s);
    int *veh = g_new(int, sp->n);
    memcpy(veh, s->veh, sizeof(int) * (size_t)sp->n);
    uint32_t *mask = g_new(uint32_t, sp->m->n_carers);
    memcpy(mask, s->carer_mask, sizeof(uint32_t) * (size_t)sp->m->n_carers);
    uint32_t st = 99;
    int made = 0, paired = 0;
    for (int t = 0; t < 20000; t++) {
        sync_move mv;
        if (!sync_move_days_off(sp, s, &st, &mv))
            continue;
        made++;
        paired += mv.a >= 0;
        ck_assert_int_eq(mv.kind, MOVE_DAYS_OFF);
        /* runs whole, on their days; some carer works a day they had off */
        int *now = run_shape(sp, s);
        ck_assert(memcmp(now, shape, sizeof(int) * 2 * (size_t)sp->n) == 0);
        g_free(now);
        int carer_b = p->v_carer[mv.to_v];
        ck_assert(!(mask[carer_b] >> p->v_day[mv.to_v] & 1u));
        ck_assert(s->carer_mask[carer_b] >> p->v_day[mv.to_v] & 1u);
        ck_assert_int_eq(s->n_over_days, 0);
        check_day_counts(sp, s);
        /* undone, the plan is as it was */
        sync_undo(sp, s, &mv);
        ck_assert(memcmp(s->veh, veh, sizeof(int) * (size_t)sp->n) == 0);
        ck_assert(memcmp(s->carer_mask, mask, sizeof(uint32_t) * (size_t)sp->m->n_carers) == 0);
        ck_assert_int_eq(s->n_no_break, 0);
    }
    ck_assert_msg(made > 20, "only %d days off moves in 20,000 tries", made);
    ck_assert_msg(paired > 0, "no move handed a run back");
    ck_assert(isfinite(sync_schedule(sp, s, &w)));
    g_free(shape);
    g_free(veh);
    g_free(mask);
    sync_scratch_free(&w);
    searched_week_free(&wk);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sync_days_off");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, test_days_off_move);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
