/* Simulated annealing for synchronised visits (see sync_search.h): the
 * first plan, the temperature, and the loop that draws the moves of
 * sync_moves.c and sync_insert.c and keeps the best plan. */
#include "sync_internal.h"
#include "sync_runs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every this many iterations (plus one: a mask) of a search with visits
 * out, one of them goes in with room made for it (sync_insert_with_room). On
 * the 300-client generated week at 10 s, every 1,024 left 0-2 visits out
 * where greedy reinsertion alone left 8-16; every 4,096 left 1-5. */
#define ROOM_PERIOD 1023
/* The share of the small moves that move days off, where the plan chooses
 * them. */
#define DAYS_OFF_SHARE 0.05

static int cmp_ready(const void *a, const void *b, void *user)
{
    const cr_problem *p = user;
    int x = *(const int *)a, y = *(const int *)b;
    if (p->ready[x] != p->ready[y])
        return p->ready[x] < p->ready[y] ? -1 : 1;
    return x - y;
}

/* Greedy construction: visits by earliest start, each at its best place. */
static void construct(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w)
{
    int *order = g_new(int, sp->n_own > 0 ? sp->n_own : 1);
    memcpy(order, sp->own, sizeof(int) * (size_t)sp->n_own);
    g_qsort_with_data(order, sp->n_own, sizeof(int), cmp_ready, (gpointer)sp->p);
    s->cost = sync_schedule(sp, s, w);
    for (int k = 0; k < sp->n_own; k++)
        if (s->veh[order[k]] < 0)
            sync_insert_pair_best(sp, s, order[k], w);
    g_free(order);
}

/* Schedule the changed plan and apply the annealing test at temperature
 * temp against the cost before the change; a kept plan gets its new cost. */
static bool schedule_and_accept(const cr_sync_problem *sp, cr_sync_sol *cur, sync_scratch *w, double before, double temp,
                                uint32_t *st)
{
    double c = sync_schedule(sp, cur, w);
    double after = cur->penalty + c;
    if (!(isfinite(c) && (after <= before || sync_rnd_unit(st) < exp((before - after) / temp))))
        return false;
    cur->cost = c;
    return true;
}

/* Whether some carer may make visit i and, for a half of a double-up,
 * another the other half: two vehicles of one day are two carers. */
static bool sync_placeable(const cr_sync_problem *sp, int i)
{
    const cr_problem *p = sp->p;
    int q = sp->partner[i], ni = p->n_vehicles_of[i];
    if (ni == 0)
        return false;
    if (q < 0)
        return true;
    int nq = p->n_vehicles_of[q];
    /* two carers: the partner has one too, and the two are not one vehicle */
    return nq > 0 && (ni > 1 || nq > 1 || p->vehicles_of[q][0] != p->vehicles_of[i][0]);
}

/* The week built from runs on `fixed`, sp's part with a rota of days off
 * (sync_runs_fixed_days), then put in s, an empty plan of sp. Returns the
 * iterations the build used. */
static int64_t construct_on_rota(const sync_runs *runs, const cr_sync_problem *fixed, const cr_sync_problem *sp,
                                 cr_sync_sol *s, sync_scratch *w, cr_search_shared *sh, uint32_t seed)
{
    cr_sync_sol built;
    cr_sync_sol_init(&built, fixed);
    sync_scratch fixed_work;
    sync_scratch_init(&fixed_work, fixed);
    int64_t it = sync_runs_construct(runs, fixed, &built, &fixed_work, sh, seed);
    for (int k = 0; k < fixed->day_first[fixed->n_days]; k++) {
        int v = fixed->day_vehicles[k];
        for (int j = 0; j < built.len[v]; j++)
            sync_insert_at(s, sp, built.seq[v][j], v, j);
    }
    s->cost = sync_schedule(sp, s, w);
    sync_scratch_free(&fixed_work);
    cr_sync_sol_free(&built, fixed);
    return it;
}

void cr_sync_search_run(const cr_sync_problem *sp, uint32_t seed, cr_search_shared *sh, cr_sync_sol *best,
                        cr_search_stats *stats)
{
    uint32_t st = seed ? seed : 0x9e3779b9u;
    sync_scratch work;
    sync_scratch_init(&work, sp);
    sync_scratch *lb = &work;
    cr_sync_sol cur;
    cr_sync_sol_init(&cur, sp);
    memset(stats, 0, sizeof *stats);
    stats->first_complete_seconds = NAN;
    /* Care weeks start from one good day repeated (see sync_runs.h), with
     * continuity counted or not: a plan for travel alone gains from it too.
     * On the 300-client generated week with neither continuity nor
     * preferences counted (60 s, 2 threads, solver seeds 1-3), the median
     * travel went from 14,991 to 13,902 minutes (-7.3%) against the plain
     * construction. */
    bool care_week = !sp->m->is_vrptw && sp->m->n_clients > 0;
    /* where days off are the plan's to choose, the week is built on a rota
     * of days off (sync_runs_fixed_days) and the search moves them */
    cr_sync_problem *fixed = care_week && sp->days_chosen ? sync_runs_fixed_days(sp) : NULL;
    sync_runs *runs = care_week ? sync_runs_new(fixed ? fixed : sp) : NULL;
    int64_t it = 0;
    if (runs && fixed) {
        it = construct_on_rota(runs, fixed, sp, &cur, lb, sh, st);
    } else if (runs) {
        it = sync_runs_construct(runs, sp, &cur, lb, sh, st);
    } else {
        construct(sp, &cur, lb);
    }
    cr_sync_problem_free(fixed);
    sync_sol_copy(best, &cur, sp);
    double now = (g_get_monotonic_time() - sh->t0) / 1e6;
    if (cur.n_unassigned == 0)
        stats->first_complete_seconds = now;
    stats->best_found_seconds = now;

    /* Temperature from the typical worsening of random moves. */
    double sum = 0;
    int count = 0;
    for (int k = 0; k < 200; k++) {
        sync_move mv;
        if (!sync_random_move(sp, &cur, &st, &mv))
            continue;
        double before = sync_objective(&cur);
        double c = sync_schedule(sp, &cur, lb);
        if (isfinite(c)) {
            double delta = cur.penalty + c - before;
            if (delta > 0 && delta < UNASSIGNED_WEIGHT) {
                sum += delta;
                count++;
            }
        }
        sync_undo(sp, &cur, &mv);
    }
    cur.cost = sync_schedule(sp, &cur, lb);
    /* A tenth of a typical worsening at first, a thousandth of that at the
     * end. A care week starts from runs that are already good but hold it
     * in their own basin: it starts as hot as a typical worsening. On the
     * 300-client generated week at weight 10, 60 s, that gave -7.7% cost
     * (median of solver seeds 1-3; 0.3 to 3 times gave the same). */
    double heat = runs ? 1.0 : 0.1;
    double t0 = count ? heat * sum / count : 1.0, t_end = t0 * 1e-3;

    cr_sync_sol backup;
    cr_sync_sol_init(&backup, sp);
    const double rr_share = 0.02; /* of iterations that ruin and recreate */
    const double client_share = sp->care ? 0.03 : 0; /* that move a whole client */
    const double day_share = runs ? 0.002 : 0; /* that hand a day's runs to its carers again */
    /* that move a carer's day off (see sync_move_days_off), among the small moves */
    const double days_off_share = sp->days_chosen ? DAYS_OFF_SHARE : 0;
    int64_t last_best_it = it;
    int64_t stagnation = 1000LL * (sp->n_own + 10) > 400000 ? 1000LL * (sp->n_own + 10) : 400000;
    double fraction = 0, temp = t0;
    /* A piece none of whose visits any carer may make (each is left out
     * with its reason: no carer with the skill, every one excluded, one
     * carer for a double-up, ...) has nothing to search, and ends at once
     * instead of spending its share of the time limit. */
    bool placeable = false;
    for (int k = 0; k < sp->n_own && !placeable; k++)
        placeable = sync_placeable(sp, sp->own[k]);
    while (placeable && !cr_search_over(sh, it)) {
        /* the fraction, and the temperature with it, moves only every 256
         * iterations */
        if ((it & 255) == 0) {
            fraction = cr_search_fraction(sh, it);
            temp = t0 * pow(t_end / t0, fraction);
        }
        sync_move mv;
        it++;
        /* Now and then an unassigned visit goes in with room made for it. */
        if (cur.n_unassigned > 0 && (it & ROOM_PERIOD) == 0) {
            int pick = -1, seen = 0;
            for (int k = 0; k < sp->n_own; k++)
                if (cur.veh[sp->own[k]] < 0 && sync_rnd_below(&st, ++seen) == 0)
                    pick = sp->own[k];
            if (pick >= 0 && sync_insert_with_room(sp, &cur, lb, &backup, pick, &st) && cr_sync_sol_compare(&cur, best) < 0) {
                sync_sol_copy(best, &cur, sp);
                last_best_it = it;
                stats->best_found_seconds = (g_get_monotonic_time() - sh->t0) / 1e6;
            }
        }
        double before = sync_objective(&cur), saved_cost = cur.cost;
        double r = sync_rnd_unit(&st);
        if (r < day_share) {
            /* the best hand-over of a random day's runs, kept only if better */
            int d = sync_rnd_below(&st, sp->n_days);
            stats->moves++;
            if (!sync_assign_day(sp, &cur, lb, d))
                continue;
        } else if (r < day_share + client_share) {
            /* a whole client to another of its carers: restored unless kept */
            sync_sol_copy(&backup, &cur, sp);
            if (!sync_move_client(sp, &cur, &st)) {
                sync_sol_copy(&cur, &backup, sp);
                continue;
            }
            stats->moves++;
            if (!schedule_and_accept(sp, &cur, lb, before, temp, &st)) {
                sync_sol_copy(&cur, &backup, sp);
                continue;
            }
        } else if (r < day_share + client_share + rr_share) {
            /* ruin and recreate: kept by the same acceptance, else restored */
            sync_sol_copy(&backup, &cur, sp);
            sync_ruin_recreate(sp, &cur, lb, &st);
            stats->moves += 10;
            if (!schedule_and_accept(sp, &cur, lb, before, temp, &st)) {
                sync_sol_copy(&cur, &backup, sp);
                continue;
            }
        } else {
            /* (no draw where days off are fixed: those plans stay as they were) */
            bool made = days_off_share > 0 && sync_rnd_unit(&st) < days_off_share
                            ? sync_move_days_off(sp, &cur, &st, &mv)
                            : sync_random_move(sp, &cur, &st, &mv);
            if (!made)
                continue;
            stats->moves++;
            if (!schedule_and_accept(sp, &cur, lb, before, temp, &st)) {
                sync_undo(sp, &cur, &mv);
                cur.cost = saved_cost;
                continue;
            }
        }
        if (cr_sync_sol_compare(&cur, best) < 0) {
            sync_sol_copy(best, &cur, sp);
            last_best_it = it;
            stats->best_found_seconds = (g_get_monotonic_time() - sh->t0) / 1e6;
            if (best->n_unassigned == 0 && isnan(stats->first_complete_seconds))
                stats->first_complete_seconds = stats->best_found_seconds;
            cr_search_report(sh, best->cost, best->n_unassigned, fraction, true);
        } else if ((it & 4095) == 0) {
            cr_search_report(sh, best->cost, best->n_unassigned, fraction, false);
        }
        /* Long without a new best: go back to the best and search from there. */
        if (it - last_best_it > stagnation) {
            sync_sol_copy(&cur, best, sp);
            last_best_it = it;
        }
        /* Unassigned visits get another chance now and then. */
        if (cur.n_unassigned > 0 && (it & 1023) == 0)
            for (int k = 0; k < sp->n_own; k++)
                if (cur.veh[sp->own[k]] < 0)
                    sync_insert_pair_best(sp, &cur, sp->own[k], lb);
    }
    stats->iterations = it;
    /* The best plan's start times, scheduled once more from its routes. */
    best->cost = sync_schedule_all(sp, best, lb);
    sync_runs_free(runs);
    cr_sync_sol_free(&cur, sp);
    cr_sync_sol_free(&backup, sp);
    sync_scratch_free(&work);
}
