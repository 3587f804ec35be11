/* The rota search's problem (see sync_internal.h): a part of a cr_problem,
 * its visits grouped by day and by client, each client's nearest carers,
 * and the weights of the objective. */
#include "sync_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    int carer;
    double dist;
} carer_dist;

static int cmp_carer_dist(const void *a, const void *b)
{
    double x = ((const carer_dist *)a)->dist, y = ((const carer_dist *)b)->dist;
    return (x > y) - (x < y);
}

/* Each client's NEAR_CARERS nearest carers by travel from home, among those
 * who may serve its first visit (see cr_sync_problem.near_carers).
 * O(clients x vehicles of a visit x log). */
static int *nearest_carers(const cr_sync_problem *sp)
{
    const cr_problem *p = sp->p;
    const cr_model *m = sp->m;
    int *near = g_new(int, (size_t)(m->n_clients > 0 ? m->n_clients : 1) * NEAR_CARERS);
    carer_dist *cand = g_new(carer_dist, p->n_vehicles > 0 ? p->n_vehicles : 1);
    /* per carer, the last client it was a candidate for: a carer counts
     * once (its vehicles all start from its home). A scan of the candidates
     * so far made this quadratic: 8% of a 95,000-visit week's solve. */
    int *seen_for = g_new(int, m->n_carers > 0 ? m->n_carers : 1);
    for (int k = 0; k < m->n_carers; k++)
        seen_for[k] = -1;
    for (int c = 0; c < m->n_clients; c++) {
        int *out = &near[(size_t)c * NEAR_CARERS], n_cand = 0;
        for (int k = 0; k < NEAR_CARERS; k++)
            out[k] = -1;
        if (sp->client_first[c + 1] == sp->client_first[c])
            continue;
        int i = sp->client_visits[sp->client_first[c]];
        for (int q = 0; q < p->n_vehicles_of[i]; q++) {
            int v = p->vehicles_of[i][q], carer = p->v_carer[v];
            if (seen_for[carer] == c)
                continue;
            seen_for[carer] = c;
            cand[n_cand++] = (carer_dist){carer, cr_problem_vcost(p, v, p->v_start[v], p->loc[i])};
        }
        qsort(cand, (size_t)n_cand, sizeof *cand, cmp_carer_dist);
        for (int k = 0; k < NEAR_CARERS && k < n_cand; k++)
            out[k] = cand[k].carer;
    }
    g_free(seen_for);
    g_free(cand);
    return near;
}

/* Lists of ints grouped by a key, as offsets into one array. */
static void group_by(int n_keys, int n, const int *key, int **first_out, int **items_out)
{
    int *first = g_new0(int, (size_t)n_keys + 1), *items = g_new(int, n > 0 ? n : 1);
    for (int i = 0; i < n; i++)
        first[key[i] + 1]++;
    for (int k = 0; k < n_keys; k++)
        first[k + 1] += first[k];
    int *fill = g_new(int, n_keys > 0 ? n_keys : 1);
    memcpy(fill, first, sizeof(int) * (size_t)n_keys);
    for (int i = 0; i < n; i++)
        items[fill[key[i]]++] = i;
    g_free(fill);
    *first_out = first;
    *items_out = items;
}

cr_sync_problem *cr_sync_problem_new(const cr_problem *p, const int *visits, int n_visits, const int *vehicles,
                                     int n_vehicles)
{
    const cr_model *m = p->model;
    cr_sync_problem *sp = g_new0(cr_sync_problem, 1);
    sp->p = p;
    sp->m = m;
    sp->n = p->n;
    sp->nv = p->n_vehicles;
    int n = p->n > 0 ? p->n : 1, nv = p->n_vehicles > 0 ? p->n_vehicles : 1;
    sp->n_own = visits ? n_visits : p->n;
    sp->own = g_new(int, sp->n_own > 0 ? sp->n_own : 1);
    sp->in_part = g_new0(bool, n);
    for (int k = 0; k < sp->n_own; k++) {
        sp->own[k] = visits ? visits[k] : k;
        sp->in_part[sp->own[k]] = true;
    }
    sp->partner = g_new(int, n);
    sp->weight = g_new(double, n);
    for (int i = 0; i < p->n; i++) {
        const cr_visit *vis = &m->visits[i];
        sp->partner[i] = -1;
        if (vis->sync >= 0) {
            const cr_sync *sy = &m->syncs[vis->sync];
            sp->partner[i] = sy->first == i ? sy->second : sy->first;
        }
        sp->weight[i] = UNASSIGNED_WEIGHT * (1 + vis->priority);
    }
    sp->w_tard = m->rules.tardiness_weight;
    sp->w_max = m->rules.max_tardiness_weight;

    sp->n_days = m->n_days > 0 ? m->n_days : 1;
    /* this part's vehicles by day (day -1: not in this part) */
    int *day_of = g_new(int, nv);
    for (int v = 0; v < p->n_vehicles; v++)
        day_of[v] = vehicles ? -1 : p->v_day[v];
    for (int k = 0; vehicles && k < n_vehicles; k++)
        day_of[vehicles[k]] = p->v_day[vehicles[k]];
    int n_in = 0;
    for (int v = 0; v < p->n_vehicles; v++)
        if (day_of[v] >= 0)
            day_of[n_in++] = v;
    int *in_day = g_new(int, nv);
    for (int k = 0; k < n_in; k++)
        in_day[k] = p->v_day[day_of[k]];
    group_by(sp->n_days, n_in, in_day, &sp->day_first, &sp->day_vehicles);
    for (int k = 0; k < n_in; k++) /* positions back to vehicle numbers */
        sp->day_vehicles[k] = day_of[sp->day_vehicles[k]];
    g_free(day_of);
    g_free(in_day);
    sp->vehicle_at = g_new(int, (size_t)(m->n_carers > 0 ? m->n_carers : 1) * sp->n_days);
    for (size_t k = 0; k < (size_t)m->n_carers * sp->n_days; k++)
        sp->vehicle_at[k] = -1;
    /* only the part's vehicles: a part built on a rota of days off
     * (sync_runs_fixed_days) leaves some of its carers' out */
    for (int k = 0; k < sp->day_first[sp->n_days]; k++) {
        int v = sp->day_vehicles[k];
        sp->vehicle_at[(size_t)p->v_carer[v] * sp->n_days + p->v_day[v]] = v;
    }
    sp->work_limit = g_new(double, m->n_carers > 0 ? m->n_carers : 1);
    sp->contracted = g_new(double, m->n_carers > 0 ? m->n_carers : 1);
    sp->day_limit = g_new(int, m->n_carers > 0 ? m->n_carers : 1);
    for (int c = 0; c < m->n_carers; c++) {
        sp->work_limit[c] = cr_model_work_limit(m, c);
        sp->contracted[c] = cr_model_contracted_minutes(m, c);
        sp->day_limit[c] = cr_model_day_limit(m, c);
    }
    sp->days_chosen = cr_model_days_off_chosen(m);
    sp->two_days_off = sp->days_chosen && m->rules.two_days_off_in_a_row;
    sp->w_over = m->rules.overtime_weight;
    sp->w_cont = p->continuity_weight;
    sp->w_pref = p->preference_weight;
    sp->care = !m->is_vrptw && m->n_clients > 0 && (sp->w_cont > 0 || sp->w_pref > 0);
    for (int c = 0; c < m->n_clients && !sp->capped; c++)
        sp->capped = cr_model_client_cap(m, c) > 0;
    for (int k = 0; k < sp->n_own && !sp->soft_dues; k++)
        sp->soft_dues = m->visits[sp->own[k]].soft_due;
    int *client = g_new(int, n);
    for (int i = 0; i < p->n; i++)
        client[i] = m->n_clients > 0 ? m->visits[i].client : 0;
    group_by(m->n_clients > 0 ? m->n_clients : 1, p->n, client, &sp->client_first, &sp->client_visits);
    g_free(client);
    bool *has = g_new0(bool, m->n_clients > 0 ? m->n_clients : 1);
    sp->own_clients = g_new(int, m->n_clients > 0 ? m->n_clients : 1);
    for (int k = 0; k < sp->n_own && m->n_clients > 0; k++) {
        int c = m->visits[sp->own[k]].client;
        if (!has[c]) {
            has[c] = true;
            sp->own_clients[sp->n_own_clients++] = c;
        }
    }
    g_free(has);
    if (sp->care || sp->days_chosen)
        sp->near_carers = nearest_carers(sp);
    return sp;
}

int cr_sync_problem_n_visits(const cr_sync_problem *sp)
{
    return sp->n_own;
}

void cr_sync_problem_free(cr_sync_problem *sp)
{
    if (!sp)
        return;
    g_free(sp->partner);
    g_free(sp->weight);
    g_free(sp->own);
    g_free(sp->in_part);
    g_free(sp->work_limit);
    g_free(sp->contracted);
    g_free(sp->day_limit);
    g_free(sp->day_first);
    g_free(sp->day_vehicles);
    g_free(sp->client_first);
    g_free(sp->client_visits);
    g_free(sp->own_clients);
    g_free(sp->vehicle_at);
    g_free(sp->near_carers);
    g_free(sp);
}
