#include "route.h"

#include <math.h>
#include <string.h>

static void reserve(cr_sroute *r, int need)
{
    if (need <= r->cap)
        return;
    int cap = r->cap ? r->cap : 8;
    while (cap < need)
        cap *= 2;
    r->nodes = g_renew(int, r->nodes, cap);
    r->start = g_renew(double, r->start, cap);
    r->latest = g_renew(double, r->latest, cap);
    r->cap = cap;
}

void cr_sroute_init(cr_sroute *r, int vehicle, int capacity_hint)
{
    memset(r, 0, sizeof *r);
    r->vehicle = vehicle;
    reserve(r, capacity_hint > 0 ? capacity_hint : 8);
}

void cr_sroute_clear(cr_sroute *r)
{
    r->len = 0;
    r->load = 0;
    r->cost = 0;
}

void cr_sroute_free(cr_sroute *r)
{
    g_free(r->nodes);
    g_free(r->start);
    g_free(r->latest);
    memset(r, 0, sizeof *r);
}

void cr_sroute_copy(cr_sroute *dst, const cr_sroute *src)
{
    reserve(dst, src->len);
    dst->vehicle = src->vehicle;
    dst->len = src->len;
    dst->load = src->load;
    dst->cost = src->cost;
    if (src->len == 0) /* an empty route may have no arrays yet */
        return;
    memcpy(dst->nodes, src->nodes, sizeof(int) * (size_t)src->len);
    memcpy(dst->start, src->start, sizeof(double) * (size_t)src->len);
    memcpy(dst->latest, src->latest, sizeof(double) * (size_t)src->len);
}

int cr_sroute_update(const cr_problem *p, cr_sroute *r)
{
    const int v = r->vehicle;
    int bad = -1;
    double t = p->v_open[v], load = 0, cost = 0;
    int at = p->v_start[v];
    for (int i = 0; i < r->len; i++) {
        int u = r->nodes[i], lu = p->loc[u];
        t = fmax(t + cr_problem_time(p, at, lu), p->ready[u]);
        if (t > p->due[u] && bad < 0)
            bad = i;
        r->start[i] = t;
        t += p->service[u];
        cost += cr_problem_cost(p, at, lu);
        load += p->demand[u];
        at = lu;
    }
    if (r->len > 0)
        cost += cr_problem_cost(p, at, p->v_end[v]);
    if (bad < 0 && r->len > 0 && t + cr_problem_time(p, at, p->v_end[v]) > p->v_close[v])
        bad = r->len - 1;
    double latest = p->v_close[v];
    at = p->v_end[v];
    for (int i = r->len - 1; i >= 0; i--) {
        int u = r->nodes[i];
        latest = fmin(p->due[u], latest - cr_problem_time(p, p->loc[u], at) - p->service[u]);
        r->latest[i] = latest;
        at = p->loc[u];
    }
    r->load = load;
    r->cost = cost;
    return bad;
}

void cr_sroute_insert(cr_sroute *r, int u, int pos)
{
    reserve(r, r->len + 1);
    memmove(r->nodes + pos + 1, r->nodes + pos, sizeof(int) * (size_t)(r->len - pos));
    r->nodes[pos] = u;
    r->len++;
}

void cr_sroute_remove_range(cr_sroute *r, int from, int count)
{
    memmove(r->nodes + from, r->nodes + from + count, sizeof(int) * (size_t)(r->len - from - count));
    r->len -= count;
}
