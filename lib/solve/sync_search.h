/* The search for plans with synchronised visits (two carers together, or
 * one after the other within a gap), carer-dependent durations and soft due
 * times (tardiness). Start times depend on other routes, so each candidate
 * is scheduled as a whole (sync_schedule) and the search is simulated
 * annealing over relocate, swap and reversal moves. */
#ifndef CR_SOLVE_SYNC_SEARCH_H
#define CR_SOLVE_SYNC_SEARCH_H

#include "problem.h"
#include "search.h"

typedef struct {
    int **seq;       /* per vehicle: visits in order */
    int *len, *cap;
    int *veh;        /* per visit: vehicle, -1 when unassigned */
    int *pos;        /* per visit: position in its route */
    /* Each route on its own (every visit as early as the route allows),
     * kept up to date as routes change: guides where moves insert. */
    double *base_start; /* per visit */
    double *route_travel; /* per vehicle */
    double *start;   /* per visit, from the last scheduling */
    double travel, tardiness, max_tardiness;
    double penalty;  /* unassigned visits, weighted by priority */
    int n_unassigned;
    double cost;     /* INFINITY when the plan breaks a hard rule */
} cr_sync_sol;

typedef struct cr_sync_problem cr_sync_problem;

cr_sync_problem *cr_sync_problem_new(const cr_problem *p);
void cr_sync_problem_free(cr_sync_problem *sp);

void cr_sync_sol_init(cr_sync_sol *s, const cr_sync_problem *sp);
void cr_sync_sol_free(cr_sync_sol *s, const cr_sync_problem *sp);

/* One run with a seed until a limit; best receives the best plan found. */
void cr_sync_search_run(const cr_sync_problem *sp, uint32_t seed, cr_search_shared *sh, cr_sync_sol *best,
                        cr_search_stats *stats);

/* <0 if a is better than b. */
int cr_sync_sol_compare(const cr_sync_sol *a, const cr_sync_sol *b);

#endif
