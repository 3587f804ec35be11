/* Continuity of care after the search: for each client seen by several
 * carers, try moving all of the client's visits to one of those carers (each
 * visit to that carer's route on its day, at its cheapest feasible place),
 * and keep the move when the extra travel is worth less than the continuity
 * weight per carer the client no longer sees. A consistent-VRP-style
 * operator on whole clients; routes stay feasible throughout. */
#include "continuity.h"

#include <math.h>
#include <string.h>

/* Vehicle of carer c on day d, or -1 (no shift). */
static int vehicle_of(const cr_problem *p, const int *by_carer_day, int c, int d)
{
    return by_carer_day[(size_t)c * p->model->n_days + d];
}

static int position_in(const cr_sroute *r, int u)
{
    for (int k = 0; k < r->len; k++)
        if (r->nodes[k] == u)
            return k;
    return -1;
}

/* Move visit u from its route to another vehicle v, at the cheapest
 * feasible place; returns the change in cost, or INFINITY (nothing changed)
 * if it cannot go there. */
static double move_visit(const cr_problem *p, cr_ssol *s, int u, int v)
{
    cr_sroute *to = &s->routes[v], *from = &s->routes[s->route_of[u]];
    int best_pos = -1;
    double best = INFINITY;
    for (int pos = 0; pos <= to->len; pos++) {
        double d = cr_sroute_insertion_delta(p, to, u, pos);
        if (d < best) {
            best = d;
            best_pos = pos;
        }
    }
    if (best_pos < 0)
        return INFINITY;
    double before = from->cost + to->cost;
    cr_sroute_remove_range(from, position_in(from, u), 1);
    cr_sroute_update(p, from);
    cr_sroute_insert(to, u, best_pos);
    cr_sroute_update(p, to);
    s->route_of[u] = v;
    return from->cost + to->cost - before;
}

int cr_continuity_improve(const cr_problem *p, cr_ssol *s, double weight, double preference_weight)
{
    const cr_model *m = p->model;
    if (!(weight > 0) && !(preference_weight > 0))
        return 0;
    if (m->n_clients == 0 || m->is_vrptw)
        return 0;
    int *by_carer_day = g_new(int, (size_t)m->n_carers * m->n_days);
    for (size_t k = 0; k < (size_t)m->n_carers * m->n_days; k++)
        by_carer_day[k] = -1;
    for (int v = 0; v < p->n_vehicles; v++)
        by_carer_day[(size_t)p->v_carer[v] * m->n_days + p->v_day[v]] = v;
    /* Each client's visits. */
    GArray **visits = g_new0(GArray *, m->n_clients);
    for (int i = 0; i < p->n; i++) {
        int c = m->visits[i].client;
        if (!visits[c])
            visits[c] = g_array_new(FALSE, FALSE, sizeof(int));
        g_array_append_val(visits[c], i);
    }
    cr_sroute *saved = g_new0(cr_sroute, p->n_vehicles > 0 ? p->n_vehicles : 1);
    bool *touched = g_new0(bool, p->n_vehicles > 0 ? p->n_vehicles : 1);
    int improved = 0;
    for (int c = 0; c < m->n_clients; c++) {
        if (!visits[c])
            continue;
        const cr_client *cl = &m->clients[c];
        const int *vis = (const int *)(void *)visits[c]->data;
        int n = (int)visits[c]->len;
        /* The carers now serving the client (pairs stay with the sync search). */
        int carers[64], n_carers = 0;
        bool paired = false;
        for (int k = 0; k < n; k++) {
            int u = vis[k];
            paired = paired || m->visits[u].sync >= 0;
            if (s->route_of[u] < 0)
                continue;
            int carer = p->v_carer[s->route_of[u]], seen = 0;
            for (int j = 0; j < n_carers; j++)
                seen |= carers[j] == carer;
            if (!seen && n_carers < 64)
                carers[n_carers++] = carer;
        }
        /* Visits by carers the client did not ask for, when it asked. */
        int assigned = 0, unpreferred = 0;
        for (int k = 0; k < n; k++)
            if (s->route_of[vis[k]] >= 0) {
                assigned++;
                unpreferred += cr_client_unpreferred(cl, p->v_carer[s->route_of[vis[k]]]);
            }
        if (paired || (n_carers < 2 && unpreferred == 0))
            continue;
        /* Candidates: the carers already there, and the preferred ones. */
        int n_current = n_carers;
        for (int k = 0; k < cl->n_preferred && n_carers < 64; k++) {
            bool there = false;
            for (int j = 0; j < n_carers; j++)
                there = there || carers[j] == cl->preferred[k];
            if (!there)
                carers[n_carers++] = cl->preferred[k];
        }
        int best_carer = -1;
        double best_net = 0; /* extra travel minus what continuity and preference gain */
        for (int j = 0; j < n_carers; j++) {
            int target = carers[j];
            memset(touched, 0, sizeof(bool) * (size_t)p->n_vehicles);
            double delta = 0;
            bool ok = true;
            for (int k = 0; k < n && ok; k++) {
                int u = vis[k], from = s->route_of[u];
                if (from < 0 || p->v_carer[from] == target)
                    continue;
                int v = vehicle_of(p, by_carer_day, target, m->visits[u].day);
                if (v < 0 || !cr_problem_may_serve(p, u, v)) {
                    ok = false;
                    break;
                }
                int pair[2] = {from, v};
                for (int q = 0; q < 2; q++)
                    if (!touched[pair[q]]) {
                        touched[pair[q]] = true;
                        cr_sroute_copy(&saved[pair[q]], &s->routes[pair[q]]);
                    }
                double d = move_visit(p, s, u, v);
                if (!isfinite(d))
                    ok = false;
                else
                    delta += d;
            }
            /* Always undo the trial (the best target is applied below),
             * and find each moved visit in its old route again. */
            for (int v = 0; v < p->n_vehicles; v++)
                if (touched[v])
                    cr_sroute_copy(&s->routes[v], &saved[v]);
            for (int k = 0; k < n; k++) {
                int u = vis[k];
                if (s->route_of[u] < 0 || position_in(&s->routes[s->route_of[u]], u) >= 0)
                    continue;
                for (int v = 0; v < p->n_vehicles; v++)
                    if (touched[v] && position_in(&s->routes[v], u) >= 0) {
                        s->route_of[u] = v;
                        break;
                    }
            }
            int unpreferred_after = cr_client_unpreferred(cl, target) ? assigned : 0;
            double gain = weight * (n_current - 1) + preference_weight * (unpreferred - unpreferred_after);
            if (ok && delta - gain < best_net - 1e-9) {
                best_net = delta - gain;
                best_carer = target;
            }
        }
        if (best_carer < 0)
            continue;
        for (int k = 0; k < n; k++) {
            int u = vis[k], from = s->route_of[u];
            if (from < 0 || p->v_carer[from] == best_carer)
                continue;
            move_visit(p, s, u, vehicle_of(p, by_carer_day, best_carer, m->visits[u].day));
        }
        improved++;
    }
    for (int v = 0; v < p->n_vehicles; v++)
        if (saved[v].nodes)
            cr_sroute_free(&saved[v]);
    g_free(saved);
    g_free(touched);
    for (int c = 0; c < m->n_clients; c++)
        if (visits[c])
            g_array_free(visits[c], TRUE);
    g_free(visits);
    g_free(by_carer_day);
    cr_ssol_refresh(s);
    return improved;
}
