/* A route: the visits one vehicle serves in order, with cached schedule data
 * so that inserting a visit is checked in O(1):
 *   start[i]  earliest service start at position i (forward pass)
 *   latest[i] latest service start at position i that keeps every later
 *             visit and the return inside their windows (backward pass)
 * (Savelsbergh 1992; the same idea as Vidal et al.'s segment concatenation.) */
#ifndef CR_SOLVE_ROUTE_H
#define CR_SOLVE_ROUTE_H

#include "problem.h"

typedef struct {
    int vehicle;
    int *nodes;
    int len, cap;
    double *start;
    double *latest;
    double load;
    double cost;
} cr_sroute;

void cr_sroute_init(cr_sroute *r, int vehicle, int capacity_hint);
void cr_sroute_clear(cr_sroute *r);
void cr_sroute_free(cr_sroute *r);
void cr_sroute_copy(cr_sroute *dst, const cr_sroute *src);

/* Recompute the caches after nodes changed. Returns the first position whose
 * window cannot be met (the route is then infeasible), or -1 if feasible. */
int cr_sroute_update(const cr_problem *p, cr_sroute *r);

/* Cost change of inserting visit u before position pos (0..len), or INFINITY
 * when that breaks a window, the shift or the capacity. O(1). */
double cr_sroute_insertion_delta(const cr_problem *p, const cr_sroute *r, int u, int pos);

void cr_sroute_insert(cr_sroute *r, int u, int pos);
void cr_sroute_remove_range(cr_sroute *r, int from, int count);

#endif
