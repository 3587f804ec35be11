/* The solver's own view of a scenario: dense arrays, one "vehicle" per carer
 * and day with a shift, and which vehicles may serve which visit. Built once
 * per solve and read-only afterwards (shared by the search threads). */
#ifndef CR_SOLVE_PROBLEM_H
#define CR_SOLVE_PROBLEM_H

#include "model/model.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const cr_model *model;
    int n;          /* visits, 0..n-1 */
    int n_vehicles; /* carer-days with a shift */
    int n_locs;
    double *time;   /* n_locs x n_locs */
    /* n_locs x n_locs: what is minimised (distance for VRPTW; for care,
     * time: then the same array as time, not a copy) */
    double *cost;

    int *loc;
    double *ready, *due, *service, *demand;
    int *day;
    int *priority;

    int *v_carer, *v_day, *v_start, *v_end;
    double *v_open, *v_close, *v_cap;
    double *v_factor; /* the carer's travel time over the scenario's (walkers, cyclists) */
    /* vehicles that may serve visit i: vehicles_of[i][0..n_vehicles_of[i]) */
    int **vehicles_of;
    int *n_vehicles_of;
    /* the same as a bit table, one row per visit over its day's vehicles
     * only (a visit is never served on another day): visit i, vehicle v of
     * day d is bit v - day_vehicle_first[d] of row i, eligible_words long.
     * A row over every vehicle of the week was 1 GB at 5,000 clients. */
    uint64_t *eligible;
    int eligible_words;
    int *day_vehicle_first; /* n_days + 1: vehicles are day-major */
    /* a vehicle identical to an earlier one in everything (VRPTW fleets):
     * an empty copy need not be tried when an earlier empty one was */
    int *v_twin_of;

    /* granular neighbourhoods: same-day visits sorted by cost from i */
    int *neighbours; /* n x k_neigh, -1 padded */
    int k_neigh;
    /* per visit, then per carer (n + the model's carers): its connected
     * set, named by its smallest member (components.h) */
    int *component_root;

    bool fleet_first; /* vehicles-then-distance */
    /* travel worth one carer fewer for a client: the scenario's rule, or
     * the solve's option */
    double continuity_weight;
    /* travel worth one visit by a carer the client prefers: the same */
    double preference_weight;
} cr_problem;

/* NULL when the travel table (places x places) does not fit in memory. */
cr_problem *cr_problem_new(const cr_model *m, int objective);
void cr_problem_free(cr_problem *p);

static inline double cr_problem_time(const cr_problem *p, int a, int b)
{
    return p->time[(size_t)a * p->n_locs + b];
}
static inline double cr_problem_cost(const cr_problem *p, int a, int b)
{
    return p->cost[(size_t)a * p->n_locs + b];
}
/* The same for vehicle v's carer, who may walk or cycle. */
static inline double cr_problem_vtime(const cr_problem *p, int v, int a, int b)
{
    return p->time[(size_t)a * p->n_locs + b] * p->v_factor[v];
}
static inline double cr_problem_vcost(const cr_problem *p, int v, int a, int b)
{
    return p->cost[(size_t)a * p->n_locs + b] * p->v_factor[v];
}

/* The first rule that stops vehicle v from serving visit i, in the order a
 * rota planner narrows the carers down (eligibility only, not time). */
typedef enum {
    CR_FIT_OK = 0,
    CR_FIT_DAY,      /* the carer does not work that day */
    CR_FIT_PROVIDER, /* not the client's chosen provider */
    CR_FIT_ZONE,     /* does not work in the client's zone */
    CR_FIT_SKILL,    /* lacks a skill the visit needs */
    CR_FIT_GENDER,   /* not the gender the client asks for */
    CR_FIT_EXCLUDED, /* the client has excluded this carer */
    CR_FIT_DOUBLE_UP /* the visit needs two carers */
} cr_fit;

cr_fit cr_problem_fit(const cr_problem *p, int i, int v);

/* Whether vehicle v may serve visit i: cr_problem_fit() == CR_FIT_OK. */
bool cr_problem_eligible(const cr_problem *p, int i, int v);

/* The same, from the table built once per solve: O(1). */
static inline bool cr_problem_may_serve(const cr_problem *p, int i, int v)
{
    int d = p->day[i];
    if (p->v_day[v] != d)
        return false;
    int bit = v - p->day_vehicle_first[d];
    return (p->eligible[(size_t)i * (size_t)p->eligible_words + (size_t)(bit / 64)] >> (bit % 64)) & 1u;
}

/* A one-line reason why visit i could not be planned, given that the search
 * left it out. carer_work and vehicle_work, when given, are the planned
 * contact + travel (minutes) of each carer over the plan and of each
 * vehicle (carer-day), to tell when weekly hours are what is short.
 * Caller frees. */
char *cr_problem_unassigned_reason(const cr_problem *p, int i, const double *carer_work, const double *vehicle_work);

#endif
