/* A plan of the rota search and its figures (see sync_internal.h): routes,
 * travel, working time, each client's carers and continuity cost, kept up
 * to date as visits move. */
#include "sync_internal.h"

#include <string.h>

void cr_sync_sol_init(cr_sync_sol *s, const cr_sync_problem *sp)
{
    memset(s, 0, sizeof *s);
    int nv = sp->nv > 0 ? sp->nv : 1, n = sp->n > 0 ? sp->n : 1;
    s->seq = g_new0(int *, nv);
    s->len = g_new0(int, nv);
    s->cap = g_new0(int, nv);
    s->veh = g_new(int, n);
    s->pos = g_new(int, n);
    s->base_start = g_new(double, n);
    s->route_travel = g_new0(double, nv);
    s->start = g_new(double, n);
    for (int i = 0; i < sp->n; i++) {
        s->veh[i] = -1;
        s->start[i] = NAN;
    }
    for (int k = 0; k < sp->n_own; k++)
        s->penalty += sp->weight[sp->own[k]];
    s->n_unassigned = sp->n_own;
    s->cost = 0;
    s->client_cost = g_new0(double, sp->m->n_clients > 0 ? sp->m->n_clients : 1);
    s->client_carers = g_new0(int, sp->m->n_clients > 0 ? sp->m->n_clients : 1);
    s->slot_carer = g_new(int, n);
    s->slot_visits = g_new0(int, n);
    s->client_unpreferred = g_new0(int, sp->m->n_clients > 0 ? sp->m->n_clients : 1);
    s->n_capped = 0;
    s->dirty = g_new(bool, sp->n_days);
    for (int d = 0; d < sp->n_days; d++)
        s->dirty[d] = true;
    s->day_tardiness = g_new0(double, sp->n_days);
    s->day_max_tardiness = g_new0(double, sp->n_days);
    s->route_work = g_new0(double, nv);
    s->route_depart = g_new0(double, nv);
    s->route_back = g_new0(double, nv);
    s->route_dirty = g_new(bool, nv);
    for (int v = 0; v < nv; v++)
        s->route_dirty[v] = true;
    s->carer_work = g_new0(double, sp->m->n_carers > 0 ? sp->m->n_carers : 1);
    s->n_over = 0;
    s->route_busy = g_new0(bool, nv);
    s->carer_days = g_new0(int, sp->m->n_carers > 0 ? sp->m->n_carers : 1);
    s->n_over_days = 0;
    s->carer_mask = g_new0(uint32_t, sp->m->n_carers > 0 ? sp->m->n_carers : 1);
    s->n_no_break = 0;
    s->route_load = g_new0(double, nv);
    s->n_overloaded = 0;
}

void cr_sync_sol_free(cr_sync_sol *s, const cr_sync_problem *sp)
{
    if (!s->seq)
        return;
    for (int v = 0; v < sp->nv; v++)
        g_free(s->seq[v]);
    g_free(s->seq);
    g_free(s->len);
    g_free(s->cap);
    g_free(s->veh);
    g_free(s->pos);
    g_free(s->base_start);
    g_free(s->route_travel);
    g_free(s->start);
    g_free(s->client_cost);
    g_free(s->client_carers);
    g_free(s->slot_carer);
    g_free(s->slot_visits);
    g_free(s->client_unpreferred);
    g_free(s->dirty);
    g_free(s->day_tardiness);
    g_free(s->day_max_tardiness);
    g_free(s->route_work);
    g_free(s->route_depart);
    g_free(s->route_back);
    g_free(s->route_dirty);
    g_free(s->carer_work);
    g_free(s->route_busy);
    g_free(s->carer_days);
    g_free(s->carer_mask);
    g_free(s->route_load);
    memset(s, 0, sizeof *s);
}

/* Only this part's visits and vehicles: the others never change. */
void sync_sol_copy(cr_sync_sol *dst, const cr_sync_sol *src, const cr_sync_problem *sp)
{
    for (int k = 0; k < sp->day_first[sp->n_days]; k++) {
        int v = sp->day_vehicles[k];
        if (dst->cap[v] < src->len[v]) {
            dst->cap[v] = src->len[v] + 4;
            dst->seq[v] = g_renew(int, dst->seq[v], dst->cap[v]);
        }
        if (src->len[v] > 0) /* an empty route may have no array at all */
            memcpy(dst->seq[v], src->seq[v], sizeof(int) * (size_t)src->len[v]);
        dst->len[v] = src->len[v];
        dst->route_travel[v] = src->route_travel[v];
        dst->route_work[v] = src->route_work[v];
        dst->route_depart[v] = src->route_depart[v];
        dst->route_back[v] = src->route_back[v];
        dst->route_dirty[v] = src->route_dirty[v];
        dst->route_load[v] = src->route_load[v];
        dst->route_busy[v] = src->route_busy[v];
    }
    for (int k = 0; k < sp->n_own; k++) {
        int i = sp->own[k];
        dst->veh[i] = src->veh[i];
        dst->pos[i] = src->pos[i];
        dst->base_start[i] = src->base_start[i];
        dst->start[i] = src->start[i];
    }
    dst->travel = src->travel;
    dst->tardiness = src->tardiness;
    dst->max_tardiness = src->max_tardiness;
    dst->penalty = src->penalty;
    dst->n_unassigned = src->n_unassigned;
    dst->cost = src->cost;
    if (sp->m->n_clients > 0) {
        memcpy(dst->client_cost, src->client_cost, sizeof(double) * (size_t)sp->m->n_clients);
        memcpy(dst->client_carers, src->client_carers, sizeof(int) * (size_t)sp->m->n_clients);
        memcpy(dst->client_unpreferred, src->client_unpreferred, sizeof(int) * (size_t)sp->m->n_clients);
        for (int k = 0; k < sp->n_own_clients; k++) {
            int c = sp->own_clients[k], from = sp->client_first[c];
            memcpy(&dst->slot_carer[from], &src->slot_carer[from], sizeof(int) * (size_t)src->client_carers[c]);
            memcpy(&dst->slot_visits[from], &src->slot_visits[from], sizeof(int) * (size_t)src->client_carers[c]);
        }
    }
    dst->n_capped = src->n_capped;
    dst->care = src->care;
    memcpy(dst->dirty, src->dirty, sizeof(bool) * (size_t)sp->n_days);
    memcpy(dst->day_tardiness, src->day_tardiness, sizeof(double) * (size_t)sp->n_days);
    memcpy(dst->day_max_tardiness, src->day_max_tardiness, sizeof(double) * (size_t)sp->n_days);
    if (sp->m->n_carers > 0) {
        memcpy(dst->carer_work, src->carer_work, sizeof(double) * (size_t)sp->m->n_carers);
        memcpy(dst->carer_days, src->carer_days, sizeof(int) * (size_t)sp->m->n_carers);
        memcpy(dst->carer_mask, src->carer_mask, sizeof(uint32_t) * (size_t)sp->m->n_carers);
    }
    dst->n_no_break = src->n_no_break;
    dst->n_over = src->n_over;
    dst->n_over_days = src->n_over_days;
    dst->n_overloaded = src->n_overloaded;
    dst->overtime = src->overtime;
}

int cr_sync_sol_compare(const cr_sync_sol *a, const cr_sync_sol *b)
{
    if (a->penalty != b->penalty)
        return a->penalty < b->penalty ? -1 : 1;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return 0;
}

/* Bring route v's positions, travel and own schedule (every visit as early
 * as the route alone allows) up to date after an edit, in one pass. */
void sync_refresh_route(const cr_sync_problem *sp, cr_sync_sol *s, int v)
{
    const cr_problem *p = sp->p;
    double travel = 0, t = p->v_open[v], work = 0, load = 0;
    int prev = p->v_start[v];
    for (int k = 0; k < s->len[v]; k++) {
        int i = s->seq[v][k], loc = p->loc[i];
        load += p->demand[i];
        double leg = cr_problem_vtime(p, v, prev, loc), dur = sync_duration(sp, i, v);
        s->pos[i] = k;
        travel += cr_problem_vcost(p, v, prev, loc);
        t += leg;
        s->base_start[i] = t > p->ready[i] ? t : p->ready[i];
        t = s->base_start[i] + dur;
        work += leg + dur;
        prev = loc;
    }
    if (s->len[v] > 0) {
        travel += cr_problem_vcost(p, v, prev, p->v_end[v]);
        work += cr_problem_vtime(p, v, prev, p->v_end[v]);
    }
    s->travel += travel - s->route_travel[v];
    s->route_travel[v] = travel;
    /* the vehicle's load (care visits have none) */
    bool was_overloaded = s->route_load[v] > p->v_cap[v] + EPS, is_overloaded = load > p->v_cap[v] + EPS;
    s->route_load[v] = load;
    s->n_overloaded += (int)is_overloaded - (int)was_overloaded;
    /* the carer's week */
    int c = p->v_carer[v];
    bool was_over = s->carer_work[c] > sp->work_limit[c] + EPS;
    double extra_before = s->carer_work[c] - sp->contracted[c];
    s->carer_work[c] += work - s->route_work[v];
    double extra_after = s->carer_work[c] - sp->contracted[c];
    if (extra_before > 0 || extra_after > 0) /* never for a carer without contracted hours */
        s->overtime += (extra_after > 0 ? extra_after : 0) - (extra_before > 0 ? extra_before : 0);
    s->route_work[v] = work;
    bool is_over = s->carer_work[c] > sp->work_limit[c] + EPS;
    s->n_over += (int)is_over - (int)was_over;
    /* the carer's days */
    bool busy = s->len[v] > 0;
    if (busy != s->route_busy[v]) {
        bool days_over_before = s->carer_days[c] > sp->day_limit[c];
        s->carer_days[c] += busy ? 1 : -1;
        s->route_busy[v] = busy;
        s->n_over_days += (int)(s->carer_days[c] > sp->day_limit[c]) - (int)days_over_before;
        if (sp->two_days_off && sp->day_limit[c] != INT_MAX) {
            bool had_break = cr_model_two_days_off(s->carer_mask[c], sp->n_days);
            s->carer_mask[c] ^= UINT32_C(1) << p->v_day[v];
            s->n_no_break += (int)had_break - (int)cr_model_two_days_off(s->carer_mask[c], sp->n_days);
        }
    }
    s->dirty[p->v_day[v]] = true;
    s->route_dirty[v] = true;
}

/* Client c's carer `carer` makes `by` more visits (by = -1: one fewer). */
static void count_carer(const cr_sync_problem *sp, cr_sync_sol *s, int c, int carer, int by)
{
    int from = sp->client_first[c], n = s->client_carers[c], k = 0;
    while (k < n && s->slot_carer[from + k] != carer)
        k++;
    if (k == n) { /* a new carer for c (never for by < 0) */
        s->slot_carer[from + n] = carer;
        s->slot_visits[from + n] = 0;
        s->client_carers[c] = ++n;
    }
    s->slot_visits[from + k] += by;
    if (s->slot_visits[from + k] == 0) { /* the last slot takes this one's place */
        s->slot_carer[from + k] = s->slot_carer[from + n - 1];
        s->slot_visits[from + k] = s->slot_visits[from + n - 1];
        s->client_carers[c] = n - 1;
    }
    s->client_unpreferred[c] += by * (int)cr_client_unpreferred(&sp->m->clients[c], carer);
}

/* Visit i of client c goes from carer `was` to carer `now` (-1: none):
 * its counts, cap and continuity cost are brought up to date. O(the
 * client's distinct carers). */
static void update_client(const cr_sync_problem *sp, cr_sync_sol *s, int c, int was, int now)
{
    if ((!sp->care && !sp->capped) || was == now)
        return;
    int seen_before = s->client_carers[c];
    if (was >= 0)
        count_carer(sp, s, c, was, -1);
    if (now >= 0)
        count_carer(sp, s, c, now, 1);
    int n_seen = s->client_carers[c];
    if (sp->capped) {
        int cap = cr_model_client_cap(sp->m, c);
        bool over_before = cap > 0 && seen_before > cap, over = cap > 0 && n_seen > cap;
        s->n_capped += (int)over - (int)over_before;
    }
    if (!sp->care)
        return;
    double cost = sp->w_cont * (n_seen > 1 ? n_seen - 1 : 0) + sp->w_pref * s->client_unpreferred[c];
    s->care += cost - s->client_cost[c];
    s->client_cost[c] = cost;
}

/* Visit i is now on vehicle v (-1: unassigned). */
void sync_set_vehicle(const cr_sync_problem *sp, cr_sync_sol *s, int i, int v)
{
    const cr_problem *p = sp->p;
    int was = s->veh[i] >= 0 ? p->v_carer[s->veh[i]] : -1, now = v >= 0 ? p->v_carer[v] : -1;
    s->veh[i] = v;
    /* the partner's route waited for i where it was, or will wait now */
    int q = sp->partner[i];
    if (q >= 0 && s->veh[q] >= 0) {
        s->route_dirty[s->veh[q]] = true;
        s->dirty[p->v_day[s->veh[q]]] = true;
    }
    update_client(sp, s, sp->m->visits[i].client, was, now);
}

/* ---- editing routes ---- */

void sync_insert_at(cr_sync_sol *s, const cr_sync_problem *sp, int i, int v, int pos)
{
    if (s->len[v] == s->cap[v]) {
        s->cap[v] = s->cap[v] ? 2 * s->cap[v] : 8;
        s->seq[v] = g_renew(int, s->seq[v], s->cap[v]);
    }
    memmove(&s->seq[v][pos + 1], &s->seq[v][pos], sizeof(int) * (size_t)(s->len[v] - pos));
    s->seq[v][pos] = i;
    s->len[v]++;
    sync_set_vehicle(sp, s, i, v);
    s->penalty -= sp->weight[i];
    s->n_unassigned--;
    int q = sp->partner[i];
    if (q >= 0)
        s->penalty += s->veh[q] < 0 ? HALF_PAIR_WEIGHT : -HALF_PAIR_WEIGHT;
    sync_refresh_route(sp, s, v);
}

int sync_remove_visit(cr_sync_sol *s, const cr_sync_problem *sp, int i)
{
    int v = s->veh[i], pos = s->pos[i];
    memmove(&s->seq[v][pos], &s->seq[v][pos + 1], sizeof(int) * (size_t)(s->len[v] - pos - 1));
    s->len[v]--;
    sync_set_vehicle(sp, s, i, -1);
    s->penalty += sp->weight[i];
    s->n_unassigned++;
    int q = sp->partner[i];
    if (q >= 0)
        s->penalty += s->veh[q] >= 0 ? HALF_PAIR_WEIGHT : -HALF_PAIR_WEIGHT;
    sync_refresh_route(sp, s, v);
    return pos;
}

/* Vehicle v may take visit i: eligible, and not the vehicle of i's partner. */
bool sync_day_free(const cr_sync_problem *sp, const cr_sync_sol *s, int carer, int day)
{
    if (sp->day_limit[carer] == INT_MAX)
        return true;
    if (s->carer_days[carer] >= sp->day_limit[carer])
        return false;
    return !sp->two_days_off || cr_model_two_days_off(s->carer_mask[carer] | UINT32_C(1) << day, sp->n_days);
}

bool sync_may_take(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int v)
{
    if (!cr_problem_may_serve(sp->p, i, v))
        return false;
    int q = sp->partner[i], carer = sp->p->v_carer[v];
    if (sp->vehicle_at[(size_t)carer * sp->n_days + sp->p->v_day[v]] != v) /* not this part's */
        return false;
    /* a day off the carer has no day left to give up for (or would give
     * up their two days off in a row for) */
    if (s->len[v] == 0 && !sync_day_free(sp, s, carer, sp->p->v_day[v]))
        return false;
    return q < 0 || s->veh[q] < 0 || sp->p->v_carer[s->veh[q]] != carer;
}
