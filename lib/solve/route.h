/* A route: the visits one vehicle serves in order, with cached schedule data
 * so that inserting a visit is checked in O(1):
 *   start[i]  earliest service start at position i (forward pass)
 *   latest[i] latest service start at position i that keeps every later
 *             visit and the return inside their windows (backward pass)
 * (Savelsbergh 1992; the same idea as Vidal et al.'s segment concatenation.) */
#ifndef CR_SOLVE_ROUTE_H
#define CR_SOLVE_ROUTE_H

#include "problem.h"

#include <math.h>

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

/* The hot path: plain comparisons rather than fmax(), which must honour
 * NaN and so is a library call; no NaN reaches here. */
static inline double cr_max(double a, double b)
{
    return a > b ? a : b;
}

/* Cost change of inserting visit u before position pos (0..len), or INFINITY
 * when that breaks a window, the shift or the capacity. O(1); inline because
 * the search spends most of its time here. */
static inline double cr_sroute_insertion_delta(const cr_problem *p, const cr_sroute *r, int u, int pos)
{
    const int v = r->vehicle;
    if (r->load + p->demand[u] > p->v_cap[v])
        return INFINITY;
    int prev_loc;
    double depart;
    if (pos == 0) {
        prev_loc = p->v_start[v];
        depart = p->v_open[v];
    } else {
        int a = r->nodes[pos - 1];
        prev_loc = p->loc[a];
        depart = r->start[pos - 1] + p->service[a];
    }
    const int lu = p->loc[u];
    const double start = cr_max(depart + cr_problem_time(p, prev_loc, lu), p->ready[u]);
    if (start > p->due[u])
        return INFINITY;
    int next_loc;
    double next_latest;
    if (pos == r->len) {
        next_loc = p->v_end[v];
        next_latest = p->v_close[v];
    } else {
        next_loc = p->loc[r->nodes[pos]];
        next_latest = r->latest[pos];
    }
    if (start + p->service[u] + cr_problem_time(p, lu, next_loc) > next_latest)
        return INFINITY;
    return cr_problem_cost(p, prev_loc, lu) + cr_problem_cost(p, lu, next_loc) -
           (r->len == 0 ? 0.0 : cr_problem_cost(p, prev_loc, next_loc));
}

void cr_sroute_insert(cr_sroute *r, int u, int pos);
void cr_sroute_remove_range(cr_sroute *r, int from, int count);

#endif
