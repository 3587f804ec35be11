/* The week's runs handed to carers all at once: a rota.
 *
 * Handing one day's runs to that day's carers (sync_assign_day) judges
 * continuity from the other days as they stand, so it cannot move a relief
 * carer onto both of a main carer's days off at once, and the days settle
 * on whichever relief each found first. The rota instead searches every
 * day's hand-over together, over a model of the plan small enough to try a
 * few hundred thousand hand-overs in a fraction of a second: each run keeps
 * its visits and order, and costs its carer's travel (from home, through
 * the run, back home); each client costs its distinct carers and visits by
 * carers it did not prefer, as in the search; a carer's weekly hours bound
 * what it may take. The search is simulated annealing over swaps of two
 * carers' runs on one day (a carer without a run that day takes one, or
 * gives its own away). */
#ifndef CR_SOLVE_SYNC_ROTA_H
#define CR_SOLVE_SYNC_ROTA_H

#include "sync_internal.h"

/* Re-hand the runs of every day of s to that day's carers by the rota
 * search, then apply the new hand-over day by day, keeping a day's only
 * when it schedules. The plan is kept when it costs less than before, else
 * restored; returns whether it changed. O(iterations x visits of two runs)
 * for the search, with iterations proportional to the week's runs, plus one
 * scheduling per day. A deadline (monotonic microseconds; 0: none) caps the
 * search's iterations at what the time left allows (timed on the swaps that
 * set the temperature) and stops further rounds; past it, nothing changes.
 * On parts of 15,000 visits the full count took 23 s of a 7 s share. */
bool sync_rota(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, uint32_t seed, gint64 deadline);

#endif
