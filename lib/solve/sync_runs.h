/* Daily runs for a week of care. Clients get the same calls day after day,
 * so a good week repeats one good day: the same runs (a carer's round of
 * visits) each day, driven by the same carer, with a relief carer taking a
 * whole run on the main carer's days off. That is what keeps the number of
 * carers a client sees low without extra travel; moving visits one at a
 * time towards their clients' carers cannot find it.
 *
 * A "slot" is one call that recurs: the same client, start window, and
 * half of a double-up, on several days. */
#ifndef CR_SOLVE_SYNC_RUNS_H
#define CR_SOLVE_SYNC_RUNS_H

#include "sync_internal.h"

typedef struct sync_runs sync_runs;

/* The recurring calls of the part sp plans, or NULL when its carers work
 * on fewer than two days (nothing to repeat). */
sync_runs *sync_runs_new(const cr_sync_problem *sp);
void sync_runs_free(sync_runs *r);

/* Build a plan from an empty one: the busiest day is searched on its own
 * (a tenth of what is left of the limits in sh, with each carer allowed a
 * day's share of its weekly hours, reporting progress through
 * sh with the other days' visits counted as not yet planned), its runs are copied onto every other day
 * call by call, the calls a day adds are inserted, and each day's runs are
 * handed to that day's carers (sync_assign_day). Returns the iterations the
 * day's search used. */
int64_t sync_runs_construct(const sync_runs *r, const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w,
                            cr_search_shared *sh, uint32_t seed);

/* Where the plan chooses days off (sp->days_chosen), the runs need a rota
 * to be built on: the same part with each carer off on as many of its
 * offered days as its limit leaves, in a row, the first of them turning
 * with the carer's number so that every day has its share of carers. The
 * search then moves them (sync_move_days_off). Free with
 * cr_sync_problem_free(). O(vehicles + carers x days). */
cr_sync_problem *sync_runs_fixed_days(const cr_sync_problem *sp);

/* Hand day d's runs to day d's carers at the least cost of travel from and
 * to their homes plus continuity (a carer new to a client on the other
 * days, a carer the client did not prefer), within each carer's skills,
 * clients and weekly hours: an assignment problem. The new plan is kept
 * when it schedules and costs no more than before; returns whether the
 * plan changed. O(runs x carers x visits of a run x visits of a client +
 * carers^3). */
bool sync_assign_day(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, int d);

/* A route's arrays, to hand from one vehicle to another. */
typedef struct {
    int *seq;
    int len, cap;
} sync_route_arrays;

/* Give the day's vehicles these routes (vehicles[b] gets a[b]; together
 * they are the arrays the vehicles had, in another order) and bring every
 * figure of s up to date. Does not schedule. */
void sync_arrange(const cr_sync_problem *sp, cr_sync_sol *s, const int *vehicles, int n, const sync_route_arrays *a);

#endif
