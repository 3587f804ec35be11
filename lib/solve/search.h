/* Ruin and recreate search (SISR: Christiaens & Vanden Berghe 2020) with
 * simulated-annealing acceptance, one independent run per thread. */
#ifndef CR_SOLVE_SEARCH_H
#define CR_SOLVE_SEARCH_H

#include "problem.h"
#include "route.h"

typedef struct {
    const cr_problem *p;
    cr_sroute *routes;  /* one per vehicle */
    int *route_of;      /* per visit: vehicle, or -1 when unassigned */
    double travel;      /* sum of route costs */
    int used;           /* non-empty routes */
    double penalty;     /* weight of unassigned visits (by priority) */
    int n_unassigned;
} cr_ssol;

void cr_ssol_init(cr_ssol *s, const cr_problem *p);
void cr_ssol_free(cr_ssol *s);
void cr_ssol_copy(cr_ssol *dst, const cr_ssol *src);
/* Recompute travel, routes used and the unassigned penalty from the routes. */
void cr_ssol_refresh(cr_ssol *s);
/* <0 if a is better than b, 0 if equal, >0 if worse (lexicographic). */
int cr_ssol_compare(const cr_ssol *a, const cr_ssol *b);

/* Shared among the threads of one solve: limits, cancel flag, progress. */
typedef struct {
    gint64 t0;             /* monotonic start, microseconds */
    double time_limit;     /* seconds */
    int64_t iteration_limit; /* 0 = none */
    volatile gint *cancel;
    GMutex lock;           /* serialises the progress callback */
    int (*progress)(double, double, size_t, void *);
    void *progress_user;
    gint64 last_report;
    double best_travel;
    int best_unassigned;
    /* When independent parts are searched at once: each part's best so far
     * (cost, unassigned), summed for the progress callback. */
    int n_parts;
    double *part_cost;
    int *part_unassigned;
} cr_search_shared;

/* What one search run reports besides its best solution. */
typedef struct {
    int64_t iterations;
    int64_t moves;
    double first_complete_seconds; /* NaN if never */
    double best_found_seconds;
} cr_search_stats;

/* Shared by the searches: how far along (0..1, by iterations when there is
 * an iteration limit, else by time), whether to stop, and the progress
 * callback (rate-limited, serialised; it may cancel). */
double cr_search_fraction(const cr_search_shared *sh, int64_t it);
bool cr_search_over(const cr_search_shared *sh, int64_t it);
void cr_search_report(cr_search_shared *sh, double cost, int unassigned, double fraction, bool improved);
/* The same for one part (0 .. n_parts-1) of a problem searched in parts. */
void cr_search_report_part(cr_search_shared *sh, int part, double cost, int unassigned, double fraction,
                           bool improved);

/* Run one search from scratch with the given seed until a limit or a
 * cancellation; leaves the best solution in best (initialised by the caller). */
void cr_search_run(const cr_problem *p, uint32_t seed, cr_search_shared *sh, cr_ssol *best,
                   cr_search_stats *stats);

#endif
