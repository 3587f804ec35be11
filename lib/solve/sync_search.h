/* The search for plans with synchronised visits (two carers together, or
 * one after the other within a gap), carer-dependent durations and soft due
 * times (tardiness). Start times depend on other routes of the same day, so
 * each candidate's day is scheduled as a whole and the search is simulated
 * annealing over relocate, swap, 2-opt*, reversal and whole-client moves,
 * with ruin and recreate. The cost counts continuity of care (distinct
 * carers per client, visits by carers the client did not prefer) inside
 * the search, not after it. */
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
    /* Continuity of care, kept up to date as visits change carer: per
     * client, the weight of each carer beyond the first plus the weight of
     * each visit by a carer it did not prefer; `care` is their sum. */
    double *client_cost;
    double care;
    /* Per client, the distinct carers it sees, and how many clients see
     * more than their cap (a plan to keep has none). These and the slots
     * below are kept when continuity counts or some client has a cap. */
    int *client_carers;
    int n_capped;
    /* Per client, its carers and how many of its visits each makes, in the
     * slots client_first[c].. of the problem's visits-by-client lists, of
     * which the first client_carers[c] are in use; and how many visits
     * carers it did not prefer make. */
    int *slot_carer, *slot_visits;
    int *client_unpreferred;
    /* Days whose schedule is out of date (a move touches one day's routes,
     * so only those are scheduled again), and each day's tardiness. */
    bool *dirty;
    /* Working time (contact + travel) per vehicle and per carer, and how
     * many carers are over their weekly hours (a plan to keep has none). */
    double *route_work, *carer_work;
    int n_over;
    /* Per vehicle: it has visits; per carer: the days with visits; how many
     * carers work more days than they may (a plan to keep has none). */
    bool *route_busy;
    int *carer_days;
    int n_over_days;
    /* Per carer: the days with visits (bit d); how many carers the rules
     * give two days off in a row lack them (a plan to keep has none). */
    uint32_t *carer_mask;
    int n_no_break;
    /* Per vehicle: the load of its visits (demand, VRPTW and consistent-VRP
     * files), and how many routes carry more than their vehicle's capacity
     * (a plan to keep has none). */
    double *route_load;
    int n_overloaded;
    double overtime; /* minutes worked beyond contracted hours, all carers */
    /* Per vehicle with visits: when the carer leaves home and gets back,
     * from the last scheduling (rest between days). */
    double *route_depart, *route_back;
    double *day_tardiness, *day_max_tardiness;
    /* Per vehicle: edited since its schedule was last worked out (its own,
     * or its partners' routes'). A day is scheduled again only over the
     * routes tied by double-ups to one that changed. */
    bool *route_dirty;
    double penalty;  /* unassigned visits, weighted by priority */
    int n_unassigned;
    double cost;     /* INFINITY when the plan breaks a hard rule */
} cr_sync_sol;

typedef struct cr_sync_problem cr_sync_problem;

/* The search over a part of p: these visits and vehicles (NULL: all of
 * them). Parts must be closed: no visit of the part may be served by a
 * vehicle outside it, or share a carer with another part (see components.h). */
cr_sync_problem *cr_sync_problem_new(const cr_problem *p, const int *visits, int n_visits, const int *vehicles,
                                     int n_vehicles);
void cr_sync_problem_free(cr_sync_problem *sp);
/* How many visits the search plans. */
int cr_sync_problem_n_visits(const cr_sync_problem *sp);

void cr_sync_sol_init(cr_sync_sol *s, const cr_sync_problem *sp);
void cr_sync_sol_free(cr_sync_sol *s, const cr_sync_problem *sp);

/* One run with a seed until a limit; best receives the best plan found. */
void cr_sync_search_run(const cr_sync_problem *sp, uint32_t seed, cr_search_shared *sh, cr_sync_sol *best,
                        cr_search_stats *stats);

/* <0 if a is better than b. */
int cr_sync_sol_compare(const cr_sync_sol *a, const cr_sync_sol *b);

#endif
