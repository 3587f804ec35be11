#include "localsearch.h"

#include <math.h>
#include <string.h>

/* A route segment (a sequence of consecutive stops) summarised so that two
 * segments combine in O(1): duration, time warp (lateness the windows would
 * force: must stay 0 in a feasible route), earliest and latest start of its
 * first stop, load, cost of its arcs, and its end locations. */
typedef struct {
    double dur, tw, e, l, load, cost;
    int first, last;
} seg;

#define NEIGHBOURS 20
/* time warp below this is rounding, not lateness (checked again on apply) */
#define TW_EPS 1e-9
#define IMPROVE_EPS 1e-9

struct cr_ls {
    const cr_problem *p;
    seg **pre;   /* per vehicle: pre[v][k] = start depot + first k visits, k = 0..len */
    seg **suf;   /* per vehicle: suf[v][k] = visits k..len-1 (k = len: empty) */
    int *cap;    /* allocated length of pre[v] / suf[v] */
    int *pos;    /* per visit: position in its route */
    int *order;  /* visits in random order */
    bool homogeneous; /* every visit may go on every vehicle of its day, same depots */
};

static inline seg node_seg(const cr_problem *p, int u)
{
    int loc = p->loc[u];
    return (seg){p->service[u], 0.0, p->ready[u], p->due[u], p->demand[u], 0.0, loc, loc};
}

static inline seg depot_seg(const cr_problem *p, int v, bool start)
{
    int loc = start ? p->v_start[v] : p->v_end[v];
    return (seg){0.0, 0.0, p->v_open[v], p->v_close[v], 0.0, 0.0, loc, loc};
}

/* a then b; an empty segment is marked by first < 0 */
static inline seg join(const cr_problem *p, seg a, seg b)
{
    if (a.first < 0)
        return b;
    if (b.first < 0)
        return a;
    double t = cr_problem_time(p, a.last, b.first);
    double delta = a.dur - a.tw + t;
    double wait = fmax(b.e - delta - a.l, 0.0);
    double warp = fmax(a.e + delta - b.l, 0.0);
    seg r;
    r.dur = a.dur + b.dur + t + wait;
    r.tw = a.tw + b.tw + warp;
    r.e = fmax(b.e - delta, a.e) - wait;
    r.l = fmin(b.l - delta, a.l) + warp;
    r.load = a.load + b.load;
    r.cost = a.cost + b.cost + cr_problem_cost(p, a.last, b.first);
    r.first = a.first;
    r.last = b.last;
    return r;
}

static const seg EMPTY = {0, 0, -INFINITY, INFINITY, 0, 0, -1, -1};

/* The whole route of vehicle v: a part starting at its start depot, then a
 * part of visits, closed by its end depot; `visits` stops in all. The cost
 * is INFINITY when infeasible, 0 for a route left with no visit (the carer
 * stays home), as the search's own route costs have it. */
static inline double route_cost(const cr_problem *p, int v, seg head, seg tail, int visits)
{
    if (visits == 0)
        return 0.0;
    seg r = join(p, join(p, head, tail), depot_seg(p, v, false));
    if (r.tw > TW_EPS || r.load > p->v_cap[v])
        return INFINITY;
    return r.cost;
}

static void ensure(cr_ls *ls, int v, int len)
{
    if (len + 1 <= ls->cap[v])
        return;
    int cap = ls->cap[v] ? ls->cap[v] : 16;
    while (cap < len + 1)
        cap *= 2;
    ls->pre[v] = g_renew(seg, ls->pre[v], cap);
    ls->suf[v] = g_renew(seg, ls->suf[v], cap);
    ls->cap[v] = cap;
}

static void rebuild(cr_ls *ls, const cr_sroute *r)
{
    const cr_problem *p = ls->p;
    int v = r->vehicle;
    ensure(ls, v, r->len);
    seg *pre = ls->pre[v], *suf = ls->suf[v];
    pre[0] = depot_seg(p, v, true);
    for (int k = 0; k < r->len; k++) {
        pre[k + 1] = join(p, pre[k], node_seg(p, r->nodes[k]));
        ls->pos[r->nodes[k]] = k;
    }
    suf[r->len] = EMPTY;
    for (int k = r->len - 1; k >= 0; k--)
        suf[k] = join(p, node_seg(p, r->nodes[k]), suf[k + 1]);
}

cr_ls *cr_ls_new(const cr_problem *p)
{
    cr_ls *ls = g_new0(cr_ls, 1);
    ls->p = p;
    int nv = p->n_vehicles > 0 ? p->n_vehicles : 1;
    ls->pre = g_new0(seg *, nv);
    ls->suf = g_new0(seg *, nv);
    ls->cap = g_new0(int, nv);
    ls->pos = g_new0(int, p->n + 1);
    ls->order = g_new0(int, p->n + 1);
    /* VRPTW fleets: any visit on any vehicle, all from one depot, so 2-opt*
     * may exchange route tails without checking who serves them */
    ls->homogeneous = p->model->is_vrptw;
    for (int i = 0; i < p->n && ls->homogeneous; i++)
        ls->homogeneous = p->n_vehicles_of[i] == p->n_vehicles;
    return ls;
}

void cr_ls_free(cr_ls *ls)
{
    if (!ls)
        return;
    for (int v = 0; v < ls->p->n_vehicles; v++) {
        g_free(ls->pre[v]);
        g_free(ls->suf[v]);
    }
    g_free(ls->pre);
    g_free(ls->suf);
    g_free(ls->cap);
    g_free(ls->pos);
    g_free(ls->order);
    g_free(ls);
}

/* Replace the visits of route v by head-part + tail-part given as index
 * ranges of two source arrays (copied first: they may alias the route). */
static void set_route(cr_sroute *r, const int *a, int na, const int *b, int nb)
{
    int *tmp = g_new(int, na + nb + 1);
    memcpy(tmp, a, sizeof(int) * (size_t)na);
    memcpy(tmp + na, b, sizeof(int) * (size_t)nb);
    r->len = 0;
    for (int k = 0; k < na + nb; k++)
        cr_sroute_insert(r, tmp[k], r->len);
    g_free(tmp);
}

/* Apply and verify with the route's own forward pass: the segment algebra
 * and the forward pass round differently, and the plan must be exactly
 * feasible. Returns false (and restores) if the forward pass disagrees. */
static bool commit(cr_ls *ls, cr_ssol *s, cr_sroute *r1, cr_sroute *r2, const cr_sroute *old1,
                   const cr_sroute *old2)
{
    const cr_problem *p = ls->p;
    bool ok = cr_sroute_update(p, r1) < 0 && (!r2 || cr_sroute_update(p, r2) < 0) &&
              r1->load <= p->v_cap[r1->vehicle] && (!r2 || r2->load <= p->v_cap[r2->vehicle]);
    if (!ok) {
        cr_sroute_copy(r1, old1);
        if (r2)
            cr_sroute_copy(r2, old2);
    }
    for (int k = 0; k < r1->len; k++)
        s->route_of[r1->nodes[k]] = r1->vehicle;
    if (r2)
        for (int k = 0; k < r2->len; k++)
            s->route_of[r2->nodes[k]] = r2->vehicle;
    rebuild(ls, r1);
    if (r2)
        rebuild(ls, r2);
    return ok;
}

static bool tail_allowed(const cr_problem *p, const cr_sroute *from, int k, int v)
{
    for (; k < from->len; k++)
        if (!cr_problem_may_serve(p, from->nodes[k], v))
            return false;
    return true;
}

int64_t cr_ls_run(cr_ls *ls, cr_ssol *s, GRand *rng)
{
    const cr_problem *p = ls->p;
    int64_t evals = 0;
    for (int v = 0; v < p->n_vehicles; v++)
        rebuild(ls, &s->routes[v]);
    int n = 0;
    for (int i = 0; i < p->n; i++)
        if (s->route_of[i] >= 0)
            ls->order[n++] = i;
    for (int k = n - 1; k > 0; k--) {
        int j = g_rand_int_range(rng, 0, k + 1), t = ls->order[k];
        ls->order[k] = ls->order[j];
        ls->order[j] = t;
    }
    const int kmax = p->k_neigh < NEIGHBOURS ? p->k_neigh : NEIGHBOURS;
    cr_sroute old1, old2;
    cr_sroute_init(&old1, 0, 16);
    cr_sroute_init(&old2, 0, 16);

    bool improved = true;
    for (int pass = 0; improved && pass < 50; pass++) {
        improved = false;
        for (int oi = 0; oi < n; oi++) {
            int u = ls->order[oi];
            int v1 = s->route_of[u];
            if (v1 < 0)
                continue;
            for (int kk = 0; kk < kmax; kk++) {
                int x = p->neighbours[(size_t)u * p->k_neigh + kk];
                if (x < 0)
                    break;
                int v2 = s->route_of[x];
                if (v2 < 0 || v2 == v1)
                    continue;
                cr_sroute *r1 = &s->routes[v1], *r2 = &s->routes[v2];
                const seg *pre1 = ls->pre[v1], *suf1 = ls->suf[v1], *pre2 = ls->pre[v2], *suf2 = ls->suf[v2];
                int i = ls->pos[u], j = ls->pos[x];
                double old = r1->cost + r2->cost;
                seg su = node_seg(p, u), sx = node_seg(p, x);
                bool u_on_2 = cr_problem_may_serve(p, u, v2), x_on_1 = cr_problem_may_serve(p, x, v1);
                int move = 0, best_j = 0;
                double best = old - IMPROVE_EPS;
                const int n1 = r1->len, n2 = r2->len;
                double c1_without_u = route_cost(p, v1, pre1[i], suf1[i + 1], n1 - 1);

                /* relocate u next to x: after x (j + 1) or before x (j) */
                if (u_on_2 && c1_without_u < INFINITY)
                    for (int at = j; at <= j + 1; at++) {
                        double c = c1_without_u + route_cost(p, v2, join(p, pre2[at], su), suf2[at], n2 + 1);
                        evals++;
                        if (c < best) {
                            best = c;
                            move = 1;
                            best_j = at;
                        }
                    }
                /* swap u and x */
                if (u_on_2 && x_on_1) {
                    double c = route_cost(p, v1, join(p, pre1[i], sx), suf1[i + 1], n1);
                    if (c < INFINITY)
                        c += route_cost(p, v2, join(p, pre2[j], su), suf2[j + 1], n2);
                    evals++;
                    if (c < best) {
                        best = c;
                        move = 2;
                    }
                }
                /* 2-opt*: u's route continues with what followed x, and the
                 * other way round (two orientations: after u/x, before u/x) */
                if (ls->homogeneous || (tail_allowed(p, r2, j + 1, v1) && tail_allowed(p, r1, i + 1, v2))) {
                    double c = route_cost(p, v1, pre1[i + 1], suf2[j + 1], i + 1 + n2 - j - 1);
                    if (c < INFINITY)
                        c += route_cost(p, v2, pre2[j + 1], suf1[i + 1], j + 1 + n1 - i - 1);
                    evals++;
                    if (c < best) {
                        best = c;
                        move = 3;
                    }
                }
                if (ls->homogeneous || (tail_allowed(p, r2, j, v1) && tail_allowed(p, r1, i, v2))) {
                    double c = route_cost(p, v1, pre1[i], suf2[j], i + n2 - j);
                    if (c < INFINITY)
                        c += route_cost(p, v2, pre2[j], suf1[i], j + n1 - i);
                    evals++;
                    if (c < best) {
                        best = c;
                        move = 4;
                    }
                }
                if (!move)
                    continue;

                cr_sroute_copy(&old1, r1);
                cr_sroute_copy(&old2, r2);
                if (move == 1) {
                    cr_sroute_remove_range(r1, i, 1);
                    cr_sroute_insert(r2, u, best_j);
                } else if (move == 2) {
                    r1->nodes[i] = x;
                    r2->nodes[j] = u;
                } else {
                    int cut1 = move == 3 ? i + 1 : i, cut2 = move == 3 ? j + 1 : j;
                    set_route(r1, old1.nodes, cut1, old2.nodes + cut2, old2.len - cut2);
                    set_route(r2, old2.nodes, cut2, old1.nodes + cut1, old1.len - cut1);
                }
                if (commit(ls, s, r1, r2, &old1, &old2)) {
                    improved = true;
                    v1 = s->route_of[u];
                }
            }
        }
    }
    cr_sroute_free(&old1);
    cr_sroute_free(&old2);
    cr_ssol_refresh(s);
    return evals;
}
