/* Simulated annealing for synchronised visits (see sync_search.h).
 *
 * Scheduling: every visit starts as early as its route and its lower bound
 * allow; then each sync pair is checked, and a start that is too early (or a
 * partner that is too far ahead) raises the lower bound of the visit that
 * must move, and the routes are passed again. Lower bounds only rise, so this
 * reaches the earliest schedule (which also minimises tardiness) in a few
 * passes, or keeps rising when the pairs wait for each other in a cycle:
 * after 2 x syncs + 4 passes the plan is declared impossible. */
#include "sync_internal.h"
#include "sync_runs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-7
#define UNASSIGNED_WEIGHT 1e6
/* One half of a pair planned without the other: never a plan to keep. */
#define HALF_PAIR_WEIGHT 1e12
/* Every this many iterations (plus one: a mask) of a search with visits
 * out, one of them goes in with room made for it (sync_insert_with_room). On
 * the 300-client generated week at 10 s, every 1,024 left 0-2 visits out
 * where greedy reinsertion alone left 8-16; every 4,096 left 1-5. */
#define ROOM_PERIOD 1023
/* Of every SCHEDULE_PERIOD days scheduled, the first SCHEDULE_SAMPLE find
 * the routes tied to a changed one and measure how many they are; that
 * decides whether the rest of the period does (sync_scratch.all_routes). */
#define SCHEDULE_PERIOD 4096
#define SCHEDULE_SAMPLE 256
/* The share of a care plan's swaps that trade a visit for the one at about
 * its time on the route of a carer its client already sees: the exchange
 * that moves a relief's call back to the client's own carer when that
 * carer's route is full at that hour (a relocate alone would not fit).
 * On the 300-client generated week at weight 10, 60 s, 2 threads, the
 * median cost of solver seeds 1-3 went from 20,188 to 19,686 (-2.5%;
 * 0.5, 0.75 and 1.0 gave -2.0%, -2.3%, -1.6%). */
#define ALIGNED_SWAP_SHARE 0.25
/* The share of whole-client moves that go to one of the carers living
 * nearest the client (move_client). On the 300-client generated week at
 * weight 10, 60 s, 2 threads, solver seeds 1-3, the median cost went from
 * 19,870 to 19,566 and from 19,958 to 19,760 in two batches (-1.2%; 5 of 6
 * pairs won, with fewer carers as well as less travel; 0.6: -0.8%); at
 * weight 6, 17,836 against 17,853 (the same). */
#define NEAR_HOME_SHARE 0.3


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
    for (int c = 0; c < m->n_clients; c++) {
        int *out = &near[(size_t)c * NEAR_CARERS], n_cand = 0;
        for (int k = 0; k < NEAR_CARERS; k++)
            out[k] = -1;
        if (sp->client_first[c + 1] == sp->client_first[c])
            continue;
        int i = sp->client_visits[sp->client_first[c]];
        for (int q = 0; q < p->n_vehicles_of[i]; q++) {
            int v = p->vehicles_of[i][q], t = 0;
            while (t < n_cand && cand[t].carer != p->v_carer[v])
                t++;
            if (t == n_cand) /* a carer's vehicles all start from its home */
                cand[n_cand++] = (carer_dist){p->v_carer[v], cr_problem_vcost(p, v, p->v_start[v], p->loc[i])};
        }
        qsort(cand, (size_t)n_cand, sizeof *cand, cmp_carer_dist);
        for (int k = 0; k < NEAR_CARERS && k < n_cand; k++)
            out[k] = cand[k].carer;
    }
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
    for (int v = 0; v < p->n_vehicles; v++)
        sp->vehicle_at[(size_t)p->v_carer[v] * sp->n_days + p->v_day[v]] = v;
    sp->work_limit = g_new(double, m->n_carers > 0 ? m->n_carers : 1);
    sp->contracted = g_new(double, m->n_carers > 0 ? m->n_carers : 1);
    for (int c = 0; c < m->n_carers; c++) {
        sp->work_limit[c] = cr_model_work_limit(m, c);
        sp->contracted[c] = cr_model_contracted_minutes(m, c);
    }
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
    if (sp->care)
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
    g_free(sp->day_first);
    g_free(sp->day_vehicles);
    g_free(sp->client_first);
    g_free(sp->client_visits);
    g_free(sp->own_clients);
    g_free(sp->vehicle_at);
    g_free(sp->near_carers);
    g_free(sp);
}

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
    memset(s, 0, sizeof *s);
}

/* Only this part's visits and vehicles: the others never change. */
static void copy_sol(cr_sync_sol *dst, const cr_sync_sol *src, const cr_sync_problem *sp)
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
    if (sp->m->n_carers > 0)
        memcpy(dst->carer_work, src->carer_work, sizeof(double) * (size_t)sp->m->n_carers);
    dst->n_over = src->n_over;
    dst->overtime = src->overtime;
}

void sync_sol_copy(cr_sync_sol *dst, const cr_sync_sol *src, const cr_sync_problem *sp)
{
    copy_sol(dst, src, sp);
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
    double travel = 0, t = p->v_open[v], work = 0;
    int prev = p->v_start[v];
    for (int k = 0; k < s->len[v]; k++) {
        int i = s->seq[v][k], loc = p->loc[i];
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


void sync_scratch_init(sync_scratch *w, const cr_sync_problem *sp)
{
    int n = sp->n > 0 ? sp->n : 1, nv = sp->nv > 0 ? sp->nv : 1;
    w->cursor = g_new(int, nv);
    w->t = g_new(double, nv);
    w->at = g_new(int, nv);
    w->arrival = g_new(double, n);
    w->waiting = g_new0(bool, n);
    w->stack = g_new(int, nv);
    w->queue = g_new(int, nv);
    w->redo = g_new(bool, nv);
    w->days_scheduled = w->routes_seen = w->routes_redone = 0;
    w->all_routes = false;
    w->removed = g_new(int, n);
}

void sync_scratch_free(sync_scratch *w)
{
    g_free(w->cursor);
    g_free(w->t);
    g_free(w->at);
    g_free(w->arrival);
    g_free(w->waiting);
    g_free(w->stack);
    g_free(w->queue);
    g_free(w->redo);
    g_free(w->removed);
}

/* Route v reaches visit i: when it could start, from travel and the window. */
static double reach(const cr_sync_problem *sp, const sync_scratch *w, int v, int i)
{
    const cr_problem *p = sp->p;
    double a = w->t[v] + cr_problem_vtime(p, v, w->at[v], p->loc[i]);
    return a > p->ready[i] ? a : p->ready[i];
}

static void serve(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, int v, int i, double start)
{
    s->start[i] = start;
    w->t[v] = start + sync_duration(sp, i, v);
    w->at[v] = sp->p->loc[i];
    w->cursor[v]++;
}

/* Whether route v, as scheduled, has a gap between two visits that holds
 * the rules' break (starts are the earliest, so a break the windows do not
 * leave is not made by waiting). */
static bool has_break(const cr_sync_problem *sp, const cr_sync_sol *s, int v)
{
    const cr_problem *p = sp->p;
    for (int j = 1; j < s->len[v]; j++) {
        int a = s->seq[v][j - 1], b = s->seq[v][j];
        double arrive = s->start[a] + sync_duration(sp, a, v) + cr_problem_vtime(p, v, p->loc[a], p->loc[b]);
        if (cr_model_gap_holds_break(sp->m, arrive, s->start[b]))
            return true;
    }
    return false;
}

/* Earliest schedule of one day, event by event: each route runs on until
 * it reaches a visit whose partner's route has not reached the partner yet;
 * when both stand at their visits, the pair starts as early as both
 * arrivals and the gap allow, and both routes run on. A route left waiting
 * at the end means the pairs wait for each other in a cycle. Partners are
 * always on the same day. Only the groups of routes tied by double-ups
 * that hold a changed route are worked out again: the others' starts and
 * times stand. O(the day's visits + vehicles). Records the day's
 * tardiness; false when a hard rule cannot hold. */
static bool schedule_day(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, int d)
{
    const cr_problem *p = sp->p;
    const cr_model *m = sp->m;
    const int *vehicles = &sp->day_vehicles[sp->day_first[d]];
    int n_vehicles = sp->day_first[d + 1] - sp->day_first[d];
    /* the changed routes, and every route a double-up ties to one of them;
     * or all routes, where the tied ones are nearly all (measured on a
     * sample of the days scheduled: see SCHEDULE_PERIOD) */
    int phase = (int)(w->days_scheduled++ % SCHEDULE_PERIOD);
    bool all = w->all_routes && phase >= SCHEDULE_SAMPLE;
    int n_redo = 0;
    for (int k = 0; k < n_vehicles; k++) {
        int v = vehicles[k];
        w->redo[v] = all || s->route_dirty[v];
        if (w->redo[v])
            w->queue[n_redo++] = v;
    }
    for (int h = 0; h < n_redo && !all; h++) {
        int v = w->queue[h];
        for (int j = 0; j < s->len[v]; j++) {
            int q = sp->partner[s->seq[v][j]];
            if (q >= 0 && s->veh[q] >= 0 && !w->redo[s->veh[q]]) {
                w->redo[s->veh[q]] = true;
                w->queue[n_redo++] = s->veh[q];
            }
        }
    }
    if (phase < SCHEDULE_SAMPLE) {
        w->routes_seen += n_vehicles;
        w->routes_redone += n_redo;
        /* finding the tied routes breaks even at about four in five redone */
        if (phase == SCHEDULE_SAMPLE - 1) {
            w->all_routes = w->routes_redone > 0.75 * (double)w->routes_seen;
            w->routes_seen = w->routes_redone = 0;
        }
    }
    int top = 0, served = 0, assigned = 0;
    for (int k = 0; k < n_vehicles; k++) {
        int v = vehicles[k];
        if (!w->redo[v])
            continue;
        w->cursor[v] = 0;
        w->t[v] = p->v_open[v];
        w->at[v] = p->v_start[v];
        assigned += s->len[v];
        if (s->len[v] > 0)
            w->stack[top++] = v;
    }
    while (top > 0) {
        int v = w->stack[--top];
        while (w->cursor[v] < s->len[v]) {
            int i = s->seq[v][w->cursor[v]], q = sp->partner[i];
            double a = reach(sp, w, v, i);
            if (q < 0 || s->veh[q] < 0) {
                serve(sp, s, w, v, i, a);
                served++;
                continue;
            }
            if (!w->waiting[q]) { /* wait here for the partner's route */
                w->arrival[i] = a;
                w->waiting[i] = true;
                break;
            }
            /* Both stand at their visits: start the pair. */
            const cr_sync *sy = &m->syncs[m->visits[i].sync];
            int first = sy->first, second = sy->second;
            double ea = first == i ? a : w->arrival[q], eb = second == i ? a : w->arrival[q];
            double sa = ea > eb - sy->max_gap ? ea : eb - sy->max_gap;
            double sb = eb > sa + sy->min_gap ? eb : sa + sy->min_gap;
            int vq = s->veh[q];
            w->waiting[q] = false;
            serve(sp, s, w, v, i, first == i ? sa : sb);
            serve(sp, s, w, vq, q, first == q ? sa : sb);
            served += 2;
            w->stack[top++] = vq;
        }
    }
    if (served < assigned) { /* a cycle of waiting: clear the marks for next time */
        for (int k = 0; k < n_vehicles; k++)
            for (int j = 0; j < s->len[vehicles[k]]; j++)
                w->waiting[s->seq[vehicles[k]][j]] = false;
        return false;
    }
    /* the worked-out routes' rules, and the day's tardiness over all its
     * visits in route order (the others' starts stand and held before);
     * where every due time is hard, the day has none, and the routes not
     * worked out again have nothing to check (3% fewer instructions per
     * iteration of the care week's search, by callgrind) */
    double sum = 0, most = 0;
    for (int k = 0; k < n_vehicles; k++) {
        int v = vehicles[k];
        if (s->len[v] == 0 || (!w->redo[v] && !sp->soft_dues))
            continue;
        if (w->redo[v]) {
            double back = w->t[v] + cr_problem_vtime(p, v, w->at[v], p->v_end[v]);
            if (back > p->v_close[v] + EPS)
                return false;
            int first = s->seq[v][0];
            double depart = s->start[first] - cr_problem_vtime(p, v, p->v_start[v], p->loc[first]);
            if (back - depart > m->rules.max_shift_minutes + EPS)
                return false;
            s->route_depart[v] = depart;
            s->route_back[v] = back;
            if (back - depart > m->rules.break_after + EPS && !has_break(sp, s, v))
                return false;
        }
        for (int j = 0; j < s->len[v]; j++) {
            int i = s->seq[v][j];
            double late = s->start[i] - p->due[i];
            if (late > EPS) {
                if (!m->visits[i].soft_due)
                    return false;
                sum += late;
                most = late > most ? late : most;
            }
        }
    }
    for (int h = 0; h < n_redo; h++) /* all up to date now */
        s->route_dirty[w->queue[h]] = false;
    s->day_tardiness[d] = sum;
    s->day_max_tardiness[d] = most;
    return true;
}

/* Whether every carer with a route on day d rests long enough between it
 * and their routes on the days before and after (days are consecutive,
 * times are minutes from each day's midnight). */
static bool rested(const cr_sync_problem *sp, const cr_sync_sol *s, int d)
{
    const cr_problem *p = sp->p;
    const double rest = sp->m->rules.min_rest_minutes, day = 24 * 60;
    for (int k = sp->day_first[d]; k < sp->day_first[d + 1]; k++) {
        int v = sp->day_vehicles[k], carer = p->v_carer[v];
        if (s->len[v] == 0)
            continue;
        int before = d > 0 ? sp->vehicle_at[(size_t)carer * sp->n_days + d - 1] : -1;
        int after = d + 1 < sp->n_days ? sp->vehicle_at[(size_t)carer * sp->n_days + d + 1] : -1;
        if (before >= 0 && s->len[before] > 0 && day + s->route_depart[v] - s->route_back[before] < rest - EPS)
            return false;
        if (after >= 0 && s->len[after] > 0 && day + s->route_depart[after] - s->route_back[v] < rest - EPS)
            return false;
    }
    return true;
}

/* Schedule the days that changed since the last time. Returns the cost
 * (travel, continuity and weighted tardiness), INFINITY when a hard rule
 * cannot hold; a day that fails stays marked, so undoing the move and
 * scheduling again puts it right. */
double sync_schedule(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w)
{
    if (s->n_over > 0 || s->n_capped > 0)
        return INFINITY;
    bool *scheduled = g_newa(bool, sp->n_days);
    for (int d = 0; d < sp->n_days; d++) {
        scheduled[d] = s->dirty[d];
        if (!s->dirty[d])
            continue;
        if (!schedule_day(sp, s, w, d))
            return INFINITY;
        s->dirty[d] = false;
    }
    /* rest between days, once every day is up to date */
    for (int d = 0; sp->m->rules.min_rest_minutes > 0 && d < sp->n_days; d++)
        if (scheduled[d] && !rested(sp, s, d)) {
            s->dirty[d] = true;
            return INFINITY;
        }
    double sum = 0, most = 0;
    for (int d = 0; d < sp->n_days; d++) {
        sum += s->day_tardiness[d];
        most = s->day_max_tardiness[d] > most ? s->day_max_tardiness[d] : most;
    }
    s->tardiness = sum;
    s->max_tardiness = most;
    return s->travel + s->care + sp->w_tard * sum + sp->w_max * most + sp->w_over * s->overtime;
}

/* The whole plan scheduled again, every day. */
static double schedule_all(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w)
{
    for (int d = 0; d < sp->n_days; d++)
        s->dirty[d] = true;
    for (int k = 0; k < sp->day_first[sp->n_days]; k++)
        s->route_dirty[sp->day_vehicles[k]] = true;
    return sync_schedule(sp, s, w);
}

static double objective(const cr_sync_sol *s)
{
    return s->penalty + s->cost;
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

static void reverse(int *a, int from, int to)
{
    for (; from < to; from++, to--) {
        int t = a[from];
        a[from] = a[to];
        a[to] = t;
    }
}

/* Vehicle v may take visit i: eligible, and not the vehicle of i's partner. */
bool sync_may_take(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int v)
{
    if (!cr_problem_may_serve(sp->p, i, v))
        return false;
    int q = sp->partner[i];
    return q < 0 || s->veh[q] < 0 || sp->p->v_carer[s->veh[q]] != sp->p->v_carer[v];
}

/* Best feasible place for unassigned visit i, by scheduling every option;
 * leaves i there and returns true, or leaves it out. */
static bool insert_best(const cr_sync_problem *sp, cr_sync_sol *s, int i, sync_scratch *w)
{
    const cr_problem *p = sp->p;
    int best_v = -1, best_pos = -1;
    double best = INFINITY;
    for (int k = 0; k < p->n_vehicles_of[i]; k++) {
        int v = p->vehicles_of[i][k];
        if (!sync_may_take(sp, s, i, v))
            continue;
        for (int pos = 0; pos <= s->len[v]; pos++) {
            sync_insert_at(s, sp, i, v, pos);
            double c = sync_schedule(sp, s, w);
            sync_remove_visit(s, sp, i);
            if (c < best - EPS) {
                best = c;
                best_v = v;
                best_pos = pos;
            }
        }
    }
    if (best_v < 0)
        return false;
    sync_insert_at(s, sp, i, best_v, best_pos);
    s->cost = sync_schedule(sp, s, w);
    return true;
}

/* Insert visit i, and its partner too when that is out: both or neither. */
bool sync_insert_pair_best(const cr_sync_problem *sp, cr_sync_sol *s, int i, sync_scratch *w)
{
    int q = sp->partner[i];
    if (!insert_best(sp, s, i, w))
        return false;
    if (q < 0 || s->veh[q] >= 0)
        return true;
    if (insert_best(sp, s, q, w))
        return true;
    sync_remove_visit(s, sp, i);
    s->cost = sync_schedule(sp, s, w);
    return false;
}

static int cmp_ready(const void *a, const void *b, void *user)
{
    const cr_problem *p = user;
    int x = *(const int *)a, y = *(const int *)b;
    if (p->ready[x] != p->ready[y])
        return p->ready[x] < p->ready[y] ? -1 : 1;
    return x - y;
}

/* Greedy construction: visits by earliest start, each at its best place. */
static void construct(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w)
{
    int *order = g_new(int, sp->n_own > 0 ? sp->n_own : 1);
    memcpy(order, sp->own, sizeof(int) * (size_t)sp->n_own);
    g_qsort_with_data(order, sp->n_own, sizeof(int), cmp_ready, (gpointer)sp->p);
    s->cost = sync_schedule(sp, s, w);
    for (int k = 0; k < sp->n_own; k++)
        if (s->veh[order[k]] < 0)
            sync_insert_pair_best(sp, s, order[k], w);
    g_free(order);
}

/* ---- moves ---- */

typedef enum { MOVE_RELOCATE, MOVE_SWAP, MOVE_REVERSE, MOVE_TAILS, MOVE_CARERS } move_kind;

typedef struct {
    move_kind kind;
    int i, j;          /* visits */
    int from_v, from_pos, to_v, to_pos;
    int v, a, b;       /* reverse */
} move;

static uint32_t rnd(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static int rnd_below(uint32_t *state, int n)
{
    return (int)(rnd(state) % (uint32_t)n);
}

static double rnd_unit(uint32_t *state)
{
    return (rnd(state) >> 8) * (1.0 / 16777216.0);
}

/* The vehicle visit x will have after routes vi and vj swap their tails
 * after positions pi and pj. */
static int vehicle_after_tails(const cr_sync_sol *s, int x, int vi, int pi, int vj, int pj)
{
    int v = s->veh[x];
    if (v == vi && s->pos[x] > pi)
        return vj;
    if (v == vj && s->pos[x] > pj)
        return vi;
    return v;
}

/* Whether the visits after position `from` of route `from_v` may all go to
 * vehicle `to_v` in a tail swap (eligibility, and never with their partner). */
static bool tail_fits(const cr_sync_problem *sp, const cr_sync_sol *s, int from_v, int from, int to_v,
                      int vi, int pi, int vj, int pj)
{
    const cr_problem *p = sp->p;
    for (int k = from + 1; k < s->len[from_v]; k++) {
        int x = s->seq[from_v][k], q = sp->partner[x];
        if (!cr_problem_may_serve(p, x, to_v))
            return false;
        if (q >= 0 && s->veh[q] >= 0) {
            int vq = vehicle_after_tails(s, q, vi, pi, vj, pj);
            if (p->v_carer[vq] == p->v_carer[to_v])
                return false;
        }
    }
    return true;
}

/* Swap what follows position pi of route vi with what follows pj of vj
 * (2-opt*); doing it twice restores the routes. */
static void swap_tails(const cr_sync_problem *sp, cr_sync_sol *s, int vi, int pi, int vj, int pj)
{
    int ti = s->len[vi] - pi - 1, tj = s->len[vj] - pj - 1;
    int *tmp = g_newa(int, ti > 0 ? ti : 1);
    memcpy(tmp, &s->seq[vi][pi + 1], sizeof(int) * (size_t)ti);
    int need_i = pi + 1 + tj, need_j = pj + 1 + ti;
    if (s->cap[vi] < need_i) {
        s->cap[vi] = need_i + 4;
        s->seq[vi] = g_renew(int, s->seq[vi], s->cap[vi]);
    }
    if (s->cap[vj] < need_j) {
        s->cap[vj] = need_j + 4;
        s->seq[vj] = g_renew(int, s->seq[vj], s->cap[vj]);
    }
    memcpy(&s->seq[vi][pi + 1], &s->seq[vj][pj + 1], sizeof(int) * (size_t)tj);
    memcpy(&s->seq[vj][pj + 1], tmp, sizeof(int) * (size_t)ti);
    s->len[vi] = need_i;
    s->len[vj] = need_j;
    for (int k = pi + 1; k < s->len[vi]; k++)
        sync_set_vehicle(sp, s, s->seq[vi][k], vi);
    for (int k = pj + 1; k < s->len[vj]; k++)
        sync_set_vehicle(sp, s, s->seq[vj][k], vj);
    sync_refresh_route(sp, s, vi);
    sync_refresh_route(sp, s, vj);
}

/* Whether vehicles a and b (two carers, the same day) may swap routes:
 * each may serve all of the other's visits, and no double-up ends with
 * both halves on one carer. */
static bool carers_may_swap(const cr_sync_problem *sp, const cr_sync_sol *s, int a, int b)
{
    const cr_problem *p = sp->p;
    for (int side = 0; side < 2; side++) {
        int from = side ? b : a, to = side ? a : b;
        for (int k = 0; k < s->len[from]; k++) {
            int x = s->seq[from][k], q = sp->partner[x];
            if (!cr_problem_may_serve(p, x, to))
                return false;
            /* the partner moves too if it is on the other route */
            if (q >= 0 && s->veh[q] >= 0 && s->veh[q] != from && s->veh[q] != to &&
                p->v_carer[s->veh[q]] == p->v_carer[to])
                return false;
        }
    }
    return true;
}

/* Vehicles a and b exchange their routes; doing it twice restores them. */
static void swap_carers(const cr_sync_problem *sp, cr_sync_sol *s, int a, int b)
{
    int *seq = s->seq[a], len = s->len[a], cap = s->cap[a];
    s->seq[a] = s->seq[b];
    s->len[a] = s->len[b];
    s->cap[a] = s->cap[b];
    s->seq[b] = seq;
    s->len[b] = len;
    s->cap[b] = cap;
    for (int k = 0; k < s->len[a]; k++)
        sync_set_vehicle(sp, s, s->seq[a][k], a);
    for (int k = 0; k < s->len[b]; k++)
        sync_set_vehicle(sp, s, s->seq[b][k], b);
    sync_refresh_route(sp, s, a);
    sync_refresh_route(sp, s, b);
}

/* A random visit of this part. */
static int random_visit(const cr_sync_problem *sp, uint32_t *st)
{
    return sp->own[rnd_below(st, sp->n_own)];
}

/* One of the visits nearest to i (same day), or -1. */
static int near_visit(const cr_sync_problem *sp, int i, uint32_t *st)
{
    const cr_problem *p = sp->p;
    int k = p->k_neigh < 12 ? p->k_neigh : 12;
    if (k <= 0)
        return -1;
    return p->neighbours[(size_t)i * p->k_neigh + rnd_below(st, k)];
}

/* Where in route v visit i probably fits best, judged from the route's own
 * schedule: the least extra travel plus the lateness it would start with. */
static int likely_position(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int v)
{
    const cr_problem *p = sp->p;
    int best = 0, loc = p->loc[i];
    double best_score = INFINITY;
    for (int pos = 0; pos <= s->len[v]; pos++) {
        int prev_loc, next_loc;
        double t;
        if (pos == 0) {
            prev_loc = p->v_start[v];
            t = p->v_open[v];
        } else {
            int q = s->seq[v][pos - 1];
            prev_loc = p->loc[q];
            t = s->base_start[q] + sync_duration(sp, q, v);
        }
        next_loc = pos < s->len[v] ? p->loc[s->seq[v][pos]] : p->v_end[v];
        double detour = cr_problem_vcost(p, v, prev_loc, loc) + cr_problem_vcost(p, v, loc, next_loc) -
                        cr_problem_vcost(p, v, prev_loc, next_loc);
        double start = t + cr_problem_vtime(p, v, prev_loc, loc);
        if (start < p->ready[i])
            start = p->ready[i];
        double late = start - p->due[i];
        double score = detour + (late > 0 ? (sp->m->visits[i].soft_due ? sp->w_tard + sp->w_max : 1e6) * late : 0);
        if (score < best_score) {
            best_score = score;
            best = pos;
        }
    }
    return best;
}

/* A random carer other than i's who already serves i's client (or one the
 * client prefers): that carer's vehicle on i's day, or -1. */
static int client_carer_vehicle(const cr_sync_problem *sp, const cr_sync_sol *s, int i, uint32_t *st)
{
    const cr_problem *p = sp->p;
    int c = sp->m->visits[i].client, from = sp->client_first[c], n = sp->client_first[c + 1] - from;
    const cr_client *cl = &sp->m->clients[c];
    int carer = -1;
    if (cl->n_preferred > 0 && rnd_unit(st) < 0.3) {
        carer = cl->preferred[rnd_below(st, cl->n_preferred)];
    } else {
        int x = sp->client_visits[from + rnd_below(st, n)];
        if (x == i || s->veh[x] < 0)
            return -1;
        carer = p->v_carer[s->veh[x]];
    }
    if (s->veh[i] >= 0 && p->v_carer[s->veh[i]] == carer)
        return -1;
    return sp->vehicle_at[(size_t)carer * sp->n_days + p->day[i]];
}

/* The visit of route v that starts nearest to time t, or -1 for an empty
 * route. O(log length). */
static int visit_at_time(const cr_sync_sol *s, int v, double t)
{
    int lo = 0, hi = s->len[v];
    if (hi == 0)
        return -1;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (s->start[s->seq[v][mid]] <= t)
            lo = mid;
        else
            hi = mid;
    }
    int best = s->seq[v][lo];
    if (lo + 1 < s->len[v] && fabs(s->start[s->seq[v][lo + 1]] - t) < fabs(s->start[best] - t))
        best = s->seq[v][lo + 1];
    return best;
}

/* Whether visits x and y (x planned) may swap places: y is planned on
 * another route, they are not the two halves of one double-up, each may be
 * served on the other's route, and neither then has its partner's carer. */
static bool may_trade(const cr_sync_problem *sp, const cr_sync_sol *s, int x, int y)
{
    const cr_problem *p = sp->p;
    int u = s->veh[x], v = s->veh[y];
    if (v < 0 || u == v || y == sp->partner[x])
        return false;
    int qx = sp->partner[x], qy = sp->partner[y];
    return cr_problem_may_serve(p, x, v) && cr_problem_may_serve(p, y, u) &&
           !(qx >= 0 && s->veh[qx] >= 0 && p->v_carer[s->veh[qx]] == p->v_carer[v]) &&
           !(qy >= 0 && s->veh[qy] >= 0 && p->v_carer[s->veh[qy]] == p->v_carer[u]);
}

/* Visits x and y, on two routes, swap places; again, and they are back. */
static void trade_places(const cr_sync_problem *sp, cr_sync_sol *s, int x, int y)
{
    int u = s->veh[x], v = s->veh[y], px = s->pos[x], py = s->pos[y];
    s->seq[u][px] = y;
    s->seq[v][py] = x;
    sync_set_vehicle(sp, s, x, v);
    sync_set_vehicle(sp, s, y, u);
    sync_refresh_route(sp, s, u);
    sync_refresh_route(sp, s, v);
}

/* Try a random move; false when none applies (nothing changed). */
static bool random_move(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st, move *mv)
{
    const cr_problem *p = sp->p;
    if (sp->n_own == 0)
        return false;
    double r = rnd_unit(st);
    int i = random_visit(sp, st);
    if (r < 0.5 || s->veh[i] < 0) {
        if (p->n_vehicles_of[i] == 0)
            return false;
        /* Mostly towards the route of a nearby visit; sometimes anywhere. */
        int v = -1;
        if (sp->care && rnd_unit(st) < 0.25)
            v = client_carer_vehicle(sp, s, i, st);
        if (v < 0 && rnd_unit(st) < 0.75) {
            int j = near_visit(sp, i, st);
            if (j >= 0 && s->veh[j] >= 0)
                v = s->veh[j];
        }
        if (v < 0)
            v = p->vehicles_of[i][rnd_below(st, p->n_vehicles_of[i])];
        int from_v = s->veh[i];
        if (from_v != v && !sync_may_take(sp, s, i, v))
            return false;
        mv->kind = MOVE_RELOCATE;
        mv->i = i;
        mv->from_v = from_v;
        mv->from_pos = from_v >= 0 ? sync_remove_visit(s, sp, i) : -1;
        mv->to_v = v;
        mv->to_pos = rnd_unit(st) < 0.8 ? likely_position(sp, s, i, v) : rnd_below(st, s->len[v] + 1);
        if (from_v == v && mv->to_pos == mv->from_pos) {
            sync_insert_at(s, sp, i, v, mv->from_pos);
            return false;
        }
        sync_insert_at(s, sp, i, v, mv->to_pos);
        return true;
    }
    if (sp->care && r < 0.56) {
        /* two carers swap their whole day's routes: the run stays, who
         * drives it changes (towards a carer the client already knows) */
        int vi = s->veh[i];
        int vj = vi >= 0 ? client_carer_vehicle(sp, s, i, st) : -1;
        if (vj < 0 || !carers_may_swap(sp, s, vi, vj))
            return false;
        swap_carers(sp, s, vi, vj);
        mv->kind = MOVE_CARERS;
        mv->from_v = vi;
        mv->to_v = vj;
        return true;
    }
    if (r < 0.65) {
        /* 2-opt*: i's route continues with what followed a nearby visit j */
        int j = near_visit(sp, i, st);
        if (j < 0 || s->veh[j] < 0 || s->veh[j] == s->veh[i])
            return false;
        int vi = s->veh[i], vj = s->veh[j], pi = s->pos[i], pj = s->pos[j] - 1;
        if (!tail_fits(sp, s, vi, pi, vj, vi, pi, vj, pj) || !tail_fits(sp, s, vj, pj, vi, vi, pi, vj, pj))
            return false;
        swap_tails(sp, s, vi, pi, vj, pj);
        mv->kind = MOVE_TAILS;
        mv->from_v = vi;
        mv->from_pos = pi;
        mv->to_v = vj;
        mv->to_pos = pj;
        return true;
    }
    if (r < 0.85) {
        int j;
        if (sp->care && s->veh[i] >= 0 && rnd_unit(st) < ALIGNED_SWAP_SHARE) {
            /* with a carer the client knows: the visit there at about i's time */
            int vj = client_carer_vehicle(sp, s, i, st);
            j = vj >= 0 ? visit_at_time(s, vj, s->start[i]) : -1;
        } else {
            j = rnd_unit(st) < 0.75 ? near_visit(sp, i, st) : random_visit(sp, st);
        }
        if (j < 0)
            return false;
        if (!may_trade(sp, s, i, j))
            return false;
        int vi = s->veh[i], vj = s->veh[j], pi = s->pos[i], pj = s->pos[j];
        trade_places(sp, s, i, j);
        mv->kind = MOVE_SWAP;
        mv->i = i;
        mv->j = j;
        mv->from_v = vi;
        mv->from_pos = pi;
        mv->to_v = vj;
        mv->to_pos = pj;
        return true;
    }
    int v = s->veh[i];
    if (s->len[v] < 2)
        return false;
    int a = rnd_below(st, s->len[v]), b = rnd_below(st, s->len[v]);
    if (a == b)
        return false;
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    reverse(s->seq[v], a, b);
    sync_refresh_route(sp, s, v);
    mv->kind = MOVE_REVERSE;
    mv->v = v;
    mv->a = a;
    mv->b = b;
    return true;
}

static void undo(const cr_sync_problem *sp, cr_sync_sol *s, const move *mv)
{
    switch (mv->kind) {
    case MOVE_RELOCATE:
        sync_remove_visit(s, sp, mv->i);
        if (mv->from_v >= 0)
            sync_insert_at(s, sp, mv->i, mv->from_v, mv->from_pos);
        break;
    case MOVE_SWAP:
        trade_places(sp, s, mv->j, mv->i);
        break;
    case MOVE_REVERSE:
        reverse(s->seq[mv->v], mv->a, mv->b);
        sync_refresh_route(sp, s, mv->v);
        break;
    case MOVE_TAILS:
        swap_tails(sp, s, mv->from_v, mv->from_pos, mv->to_v, mv->to_pos);
        break;
    case MOVE_CARERS:
        swap_carers(sp, s, mv->from_v, mv->to_v);
        break;
    }
}

/* What putting unassigned visit i on vehicle v adds to its client's
 * continuity cost: a new carer for the client, a carer it did not prefer. */
static double care_delta(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int v)
{
    if (!sp->care)
        return 0;
    const cr_problem *p = sp->p;
    int c = sp->m->visits[i].client, carer = p->v_carer[v];
    const cr_client *cl = &sp->m->clients[c];
    bool any = false, same = false;
    for (int k = sp->client_first[c]; k < sp->client_first[c + 1] && !same; k++) {
        int x = sp->client_visits[k];
        if (x == i || s->veh[x] < 0)
            continue;
        any = true;
        same = p->v_carer[s->veh[x]] == carer;
    }
    double delta = any && !same ? sp->w_cont : 0;
    if (cr_client_unpreferred(cl, carer))
        delta += sp->w_pref;
    return delta;
}

/* Put unassigned visit i back: the likely position in each of a few
 * promising routes is scheduled for real, and the cheapest kept. */
static void reinsert(const cr_sync_problem *sp, cr_sync_sol *s, int i, sync_scratch *w, uint32_t *st)
{
    const cr_problem *p = sp->p;
    enum { TRIES = 4 };
    int cand_v[TRIES], cand_pos[TRIES], n_cand = 0;
    double cand_score[TRIES];
    for (int k = 0; k < p->n_vehicles_of[i]; k++) {
        int v = p->vehicles_of[i][k];
        if (!sync_may_take(sp, s, i, v))
            continue;
        int pos = likely_position(sp, s, i, v);
        /* the same proxy as likely_position, for ranking routes */
        int prev_loc = pos ? p->loc[s->seq[v][pos - 1]] : p->v_start[v];
        int next_loc = pos < s->len[v] ? p->loc[s->seq[v][pos]] : p->v_end[v];
        double score = cr_problem_vcost(p, v, prev_loc, p->loc[i]) + cr_problem_vcost(p, v, p->loc[i], next_loc) -
                       cr_problem_vcost(p, v, prev_loc, next_loc) + care_delta(sp, s, i, v) + 1e-9 * rnd_unit(st);
        int at;
        if (n_cand < TRIES)
            at = n_cand++;
        else if (score < cand_score[TRIES - 1])
            at = TRIES - 1;
        else
            continue;
        while (at > 0 && cand_score[at - 1] > score) {
            cand_v[at] = cand_v[at - 1];
            cand_pos[at] = cand_pos[at - 1];
            cand_score[at] = cand_score[at - 1];
            at--;
        }
        cand_v[at] = v;
        cand_pos[at] = pos;
        cand_score[at] = score;
    }
    int best_v = -1, best_pos = -1;
    double best = INFINITY;
    for (int c = 0; c < n_cand; c++) {
        sync_insert_at(s, sp, i, cand_v[c], cand_pos[c]);
        double cost = sync_schedule(sp, s, w);
        sync_remove_visit(s, sp, i);
        if (cost < best) {
            best = cost;
            best_v = cand_v[c];
            best_pos = cand_pos[c];
        }
    }
    if (best_v >= 0)
        sync_insert_at(s, sp, i, best_v, best_pos);
}

/* Put visit i back, with its partner when that is out too. */
static void reinsert_pair(const cr_sync_problem *sp, cr_sync_sol *s, int i, sync_scratch *w, uint32_t *st)
{
    int q = sp->partner[i];
    reinsert(sp, s, i, w, st);
    if (s->veh[i] < 0 || q < 0 || s->veh[q] >= 0)
        return;
    reinsert(sp, s, q, w, st);
    if (s->veh[q] < 0)
        sync_remove_visit(s, sp, i);
}

/* Take visit j out, with its partner. */
static void remove_with_partner(const cr_sync_problem *sp, cr_sync_sol *s, int j, int *removed, int *n_removed)
{
    sync_remove_visit(s, sp, j);
    removed[(*n_removed)++] = j;
    int q = sp->partner[j];
    if (q >= 0 && s->veh[q] >= 0) {
        sync_remove_visit(s, sp, q);
        removed[(*n_removed)++] = q;
    }
}

/* Put removed[0..n) (visits of one client, all out) on carer `carer`'s
 * route of each one's day, at the likely place, keeping those the plan can
 * take; returns how many went in. */
static int place_on_carer(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, int carer, const int *removed,
                          int n)
{
    int placed = 0;
    for (int k = 0; k < n; k++) {
        int x = removed[k], v = sp->vehicle_at[(size_t)carer * sp->n_days + sp->p->day[x]];
        if (v < 0 || !sync_may_take(sp, s, x, v))
            continue;
        sync_insert_at(s, sp, x, v, likely_position(sp, s, x, v));
        if (isfinite(sync_schedule(sp, s, w)))
            placed++;
        else
            sync_remove_visit(s, sp, x);
    }
    return placed;
}

/* A client whose carers are capped, all its visits out: back with one
 * carer for the whole plan, the one who can take the most of them at the
 * least cost (visits one by one would each pick the nearest carer, and the
 * cap then leaves the rest out). O(candidate carers x visits x scheduling). */
static void reinsert_client_together(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, const int *removed,
                                     int n)
{
    const cr_problem *p = sp->p;
    enum { MAX_CANDIDATES = 16 };
    int cand[MAX_CANDIDATES], n_cand = 0;
    for (int k = 0; k < n && n_cand < MAX_CANDIDATES; k++)
        for (int q = 0; q < p->n_vehicles_of[removed[k]] && n_cand < MAX_CANDIDATES; q++) {
            int carer = p->v_carer[p->vehicles_of[removed[k]][q]], t = 0;
            while (t < n_cand && cand[t] != carer)
                t++;
            if (t == n_cand)
                cand[n_cand++] = carer;
        }
    int best = -1, best_placed = 0;
    double best_cost = INFINITY;
    for (int t = 0; t < n_cand; t++) {
        int placed = place_on_carer(sp, s, w, cand[t], removed, n);
        double cost = sync_schedule(sp, s, w);
        if (placed > best_placed || (placed == best_placed && placed > 0 && cost < best_cost)) {
            best = cand[t];
            best_placed = placed;
            best_cost = cost;
        }
        for (int k = 0; k < n; k++)
            if (s->veh[removed[k]] >= 0)
                sync_remove_visit(s, sp, removed[k]);
    }
    if (best >= 0)
        place_on_carer(sp, s, w, best, removed, n);
}

/* Remove a visit and some of its neighbours (with their partners), or, in
 * care scenarios, now and then all of a client's visits over the week, and
 * put them back one by one: the first of a client's visits back picks a
 * carer, and continuity draws the others to the same one. */
static void ruin_recreate(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, uint32_t *st)
{
    const cr_problem *p = sp->p;
    int seed = random_visit(sp, st);
    int *removed = w->removed, n_removed = 0;
    if ((sp->care || sp->capped) && rnd_unit(st) < 0.3) {
        int c = sp->m->visits[seed].client;
        bool pairs = false;
        for (int k = sp->client_first[c]; k < sp->client_first[c + 1]; k++) {
            pairs |= sp->partner[sp->client_visits[k]] >= 0;
            if (s->veh[sp->client_visits[k]] >= 0)
                remove_with_partner(sp, s, sp->client_visits[k], removed, &n_removed);
        }
        /* a capped client without double-ups goes back to one carer, with
         * the visits that were out already */
        if (sp->capped && !pairs && cr_model_client_cap(sp->m, c) > 0) {
            n_removed = 0;
            for (int k = sp->client_first[c]; k < sp->client_first[c + 1]; k++)
                if (s->veh[sp->client_visits[k]] < 0 && sp->in_part[sp->client_visits[k]])
                    removed[n_removed++] = sp->client_visits[k];
            reinsert_client_together(sp, s, w, removed, n_removed);
            return;
        }
    } else {
        int want = 3 + rnd_below(st, 8);
        for (int k = -1; k < p->k_neigh && n_removed < want; k++) {
            int j = k < 0 ? seed : p->neighbours[(size_t)seed * p->k_neigh + k];
            if (j < 0)
                break;
            if (s->veh[j] < 0 || (k >= 0 && rnd_unit(st) >= 0.7))
                continue;
            remove_with_partner(sp, s, j, removed, &n_removed);
        }
    }
    /* random order */
    for (int k = n_removed - 1; k > 0; k--) {
        int r = rnd_below(st, k + 1), t = removed[k];
        removed[k] = removed[r];
        removed[r] = t;
    }
    for (int k = 0; k < n_removed; k++)
        if (s->veh[removed[k]] < 0)
            reinsert_pair(sp, s, removed[k], w, st);
}

/* Visit x swaps places with the visit of route v at about its time, when
 * that one is another client's and they may trade (may_trade); false
 * (nothing changed) otherwise. */
static bool exchange_visit(const cr_sync_problem *sp, cr_sync_sol *s, int x, int v)
{
    int y = visit_at_time(s, v, s->start[x]);
    if (y < 0 || sp->m->visits[y].client == sp->m->visits[x].client || !may_trade(sp, s, x, y))
        return false;
    trade_places(sp, s, x, y);
    return true;
}

/* Whole-client move (consistent-VRP style): every visit of a client that
 * one of its carers serves goes to another carer who already serves it, or
 * whom it prefers, on its day: in place of the visit that carer makes at
 * about its time, which takes its place (exchange_visit), or where none can,
 * at the likely place. A carer's route is mostly full at the hours a
 * client's calls are, so the plain move seldom scheduled; with the exchange
 * first, the week at weight 10 (60 s, 2 threads) cost 19,716 against
 * 20,034 (medians of solver seeds 1-3; always against half the time: the
 * same). A share of the moves (NEAR_HOME_SHARE) go instead to one of the
 * carers living nearest the client, known to it or not: what continuity
 * costs is mostly reliefs' legs from home to clients far from it. False
 * (with the plan partly changed: the caller restores it) when the other
 * carer cannot take one of them. */
static bool move_client(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st)
{
    const cr_problem *p = sp->p;
    int i = random_visit(sp, st);
    if (s->veh[i] < 0 || !(s->client_cost[sp->m->visits[i].client] > 0))
        return false;
    int to = -1;
    if (rnd_unit(st) < NEAR_HOME_SHARE) {
        int carer = sp->near_carers[(size_t)sp->m->visits[i].client * NEAR_CARERS + rnd_below(st, NEAR_CARERS)];
        if (carer >= 0 && carer != p->v_carer[s->veh[i]])
            to = sp->vehicle_at[(size_t)carer * sp->n_days + p->day[i]];
    } else {
        to = client_carer_vehicle(sp, s, i, st);
    }
    if (to < 0)
        return false;
    int c = sp->m->visits[i].client, from_carer = p->v_carer[s->veh[i]], to_carer = p->v_carer[to];
    for (int k = sp->client_first[c]; k < sp->client_first[c + 1]; k++) {
        int x = sp->client_visits[k];
        if (s->veh[x] < 0 || p->v_carer[s->veh[x]] != from_carer)
            continue;
        int v = sp->vehicle_at[(size_t)to_carer * sp->n_days + p->day[x]];
        if (v < 0 || !sync_may_take(sp, s, x, v))
            return false;
        if (exchange_visit(sp, s, x, v))
            continue;
        sync_remove_visit(s, sp, x);
        sync_insert_at(s, sp, x, v, likely_position(sp, s, x, v));
    }
    return true;
}

/* Visit x has just gone into its route, which no longer schedules: take
 * out the one-carer visit just before or just after it, when that makes
 * the plan schedule again, and return it (out); else -1, the plan as it
 * was. Visits that matter more than x stay. O(2 x scheduling a day). */
static int make_room(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, int x)
{
    int v = s->veh[x], pos = s->pos[x];
    for (int side = -1; side <= 1; side += 2) {
        int at = pos + side;
        if (at < 0 || at >= s->len[v])
            continue;
        int y = s->seq[v][at];
        if (sp->partner[y] >= 0 || sp->weight[y] > sp->weight[x])
            continue;
        sync_remove_visit(s, sp, y);
        if (isfinite(sync_schedule(sp, s, w)))
            return y;
        sync_insert_at(s, sp, y, v, at);
    }
    return -1;
}

/* Unassigned visit x on vehicle v at the likely place, with room made
 * (make_room) when the plan then does not schedule: the visit moved out
 * goes to out[(*n_out)++]. False when the plan still does not schedule. */
static bool place_with_room(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, int x, int v, int *out,
                            int *n_out)
{
    sync_insert_at(s, sp, x, v, likely_position(sp, s, x, v));
    if (isfinite(sync_schedule(sp, s, w)))
        return true;
    int y = make_room(sp, s, w, x);
    if (y < 0)
        return false;
    out[(*n_out)++] = y;
    return true;
}

/* Unassigned visit i (with its partner, both out, for a double-up) back
 * in where no free place is left: on each vehicle that may take it (and a
 * few for the partner), at the likely place, with the one-carer visit in
 * the way moved out (make_room) and put back wherever it costs least. The
 * first placement that leaves less out by priority is kept; else the plan
 * is as it was. Greedy insertion alone puts a double-up's first half where
 * it fits best on its own, which often leaves no place for the second.
 * O(vehicles x 4 x scheduling a day), with a copy of the plan each. */
bool sync_insert_with_room(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, cr_sync_sol *backup, int i,
                           uint32_t *st)
{
    const cr_problem *p = sp->p;
    enum { PARTNER_TRIES = 4 };
    int q = sp->partner[i], n1 = p->n_vehicles_of[i];
    if (s->veh[i] >= 0 || (q >= 0 && s->veh[q] >= 0) || n1 == 0)
        return false;
    double before = s->penalty;
    copy_sol(backup, s, sp);
    int first = rnd_below(st, n1);
    for (int a = 0; a < n1; a++) {
        int v1 = p->vehicles_of[i][(first + a) % n1];
        int tries = q < 0 ? 1 : MIN(PARTNER_TRIES, p->n_vehicles_of[q]);
        for (int b = 0; b < tries && sync_may_take(sp, s, i, v1); b++) {
            int out[2], n_out = 0;
            bool ok = place_with_room(sp, s, w, i, v1, out, &n_out);
            if (ok && q >= 0) {
                int v2 = p->vehicles_of[q][rnd_below(st, p->n_vehicles_of[q])];
                ok = sync_may_take(sp, s, q, v2) && place_with_room(sp, s, w, q, v2, out, &n_out);
            }
            for (int k = 0; ok && k < n_out; k++)
                reinsert(sp, s, out[k], w, st);
            if (ok) {
                s->cost = sync_schedule(sp, s, w);
                if (isfinite(s->cost) && s->penalty < before)
                    return true;
            }
            copy_sol(s, backup, sp);
        }
    }
    return false;
}

/* Schedule the changed plan and apply the annealing test at temperature
 * temp against the cost before the change; a kept plan gets its new cost. */
static bool schedule_and_accept(const cr_sync_problem *sp, cr_sync_sol *cur, sync_scratch *w, double before, double temp,
                                uint32_t *st)
{
    double c = sync_schedule(sp, cur, w);
    double after = cur->penalty + c;
    if (!(isfinite(c) && (after <= before || rnd_unit(st) < exp((before - after) / temp))))
        return false;
    cur->cost = c;
    return true;
}

void cr_sync_search_run(const cr_sync_problem *sp, uint32_t seed, cr_search_shared *sh, cr_sync_sol *best,
                        cr_search_stats *stats)
{
    uint32_t st = seed ? seed : 0x9e3779b9u;
    sync_scratch work;
    sync_scratch_init(&work, sp);
    sync_scratch *lb = &work;
    cr_sync_sol cur;
    cr_sync_sol_init(&cur, sp);
    memset(stats, 0, sizeof *stats);
    stats->first_complete_seconds = NAN;
    /* Care weeks start from one good day repeated (see sync_runs.h), with
     * continuity counted or not: a plan for travel alone gains from it too.
     * On the 300-client generated week with neither continuity nor
     * preferences counted (60 s, 2 threads, solver seeds 1-3), the median
     * travel went from 14,991 to 13,902 minutes (-7.3%) against the plain
     * construction. */
    sync_runs *runs = !sp->m->is_vrptw && sp->m->n_clients > 0 ? sync_runs_new(sp) : NULL;
    int64_t it = 0;
    if (runs)
        it = sync_runs_construct(runs, sp, &cur, lb, sh, st);
    else
        construct(sp, &cur, lb);
    copy_sol(best, &cur, sp);
    double now = (g_get_monotonic_time() - sh->t0) / 1e6;
    if (cur.n_unassigned == 0)
        stats->first_complete_seconds = now;
    stats->best_found_seconds = now;

    /* Temperature from the typical worsening of random moves. */
    double sum = 0;
    int count = 0;
    for (int k = 0; k < 200; k++) {
        move mv;
        if (!random_move(sp, &cur, &st, &mv))
            continue;
        double before = objective(&cur);
        double c = sync_schedule(sp, &cur, lb);
        if (isfinite(c)) {
            double delta = cur.penalty + c - before;
            if (delta > 0 && delta < UNASSIGNED_WEIGHT) {
                sum += delta;
                count++;
            }
        }
        undo(sp, &cur, &mv);
    }
    cur.cost = sync_schedule(sp, &cur, lb);
    /* A tenth of a typical worsening at first, a thousandth of that at the
     * end. A care week starts from runs that are already good but hold it
     * in their own basin: it starts as hot as a typical worsening. On the
     * 300-client generated week at weight 10, 60 s, that gave -7.7% cost
     * (median of solver seeds 1-3; 0.3 to 3 times gave the same). */
    double heat = runs ? 1.0 : 0.1;
    double t0 = count ? heat * sum / count : 1.0, t_end = t0 * 1e-3;

    cr_sync_sol backup;
    cr_sync_sol_init(&backup, sp);
    const double rr_share = 0.02; /* of iterations that ruin and recreate */
    const double client_share = sp->care ? 0.03 : 0; /* that move a whole client */
    const double day_share = runs ? 0.002 : 0; /* that hand a day's runs to its carers again */
    int64_t last_best_it = it;
    int64_t stagnation = 1000LL * (sp->n_own + 10) > 400000 ? 1000LL * (sp->n_own + 10) : 400000;
    double fraction = 0;
    while (sp->n_own > 0 && !cr_search_over(sh, it)) {
        if ((it & 255) == 0)
            fraction = cr_search_fraction(sh, it);
        double temp = t0 * pow(t_end / t0, fraction);
        move mv;
        it++;
        /* Now and then an unassigned visit goes in with room made for it. */
        if (cur.n_unassigned > 0 && (it & ROOM_PERIOD) == 0) {
            int pick = -1, seen = 0;
            for (int k = 0; k < sp->n_own; k++)
                if (cur.veh[sp->own[k]] < 0 && rnd_below(&st, ++seen) == 0)
                    pick = sp->own[k];
            if (pick >= 0 && sync_insert_with_room(sp, &cur, lb, &backup, pick, &st) && cr_sync_sol_compare(&cur, best) < 0) {
                copy_sol(best, &cur, sp);
                last_best_it = it;
                stats->best_found_seconds = (g_get_monotonic_time() - sh->t0) / 1e6;
            }
        }
        double before = objective(&cur), saved_cost = cur.cost;
        double r = rnd_unit(&st);
        if (r < day_share) {
            /* the best hand-over of a random day's runs, kept only if better */
            int d = rnd_below(&st, sp->n_days);
            stats->moves++;
            if (!sync_assign_day(sp, &cur, lb, d))
                continue;
        } else if (r < day_share + client_share) {
            /* a whole client to another of its carers: restored unless kept */
            copy_sol(&backup, &cur, sp);
            if (!move_client(sp, &cur, &st)) {
                copy_sol(&cur, &backup, sp);
                continue;
            }
            stats->moves++;
            if (!schedule_and_accept(sp, &cur, lb, before, temp, &st)) {
                copy_sol(&cur, &backup, sp);
                continue;
            }
        } else if (r < day_share + client_share + rr_share) {
            /* ruin and recreate: kept by the same acceptance, else restored */
            copy_sol(&backup, &cur, sp);
            ruin_recreate(sp, &cur, lb, &st);
            stats->moves += 10;
            if (!schedule_and_accept(sp, &cur, lb, before, temp, &st)) {
                copy_sol(&cur, &backup, sp);
                continue;
            }
        } else {
            if (!random_move(sp, &cur, &st, &mv))
                continue;
            stats->moves++;
            if (!schedule_and_accept(sp, &cur, lb, before, temp, &st)) {
                undo(sp, &cur, &mv);
                cur.cost = saved_cost;
                continue;
            }
        }
        if (cr_sync_sol_compare(&cur, best) < 0) {
            copy_sol(best, &cur, sp);
            last_best_it = it;
            stats->best_found_seconds = (g_get_monotonic_time() - sh->t0) / 1e6;
            if (best->n_unassigned == 0 && isnan(stats->first_complete_seconds))
                stats->first_complete_seconds = stats->best_found_seconds;
            cr_search_report(sh, best->cost, best->n_unassigned, fraction, true);
        } else if ((it & 4095) == 0) {
            cr_search_report(sh, best->cost, best->n_unassigned, fraction, false);
        }
        /* Long without a new best: go back to the best and search from there. */
        if (it - last_best_it > stagnation) {
            copy_sol(&cur, best, sp);
            last_best_it = it;
        }
        /* Unassigned visits get another chance now and then. */
        if (cur.n_unassigned > 0 && (it & 1023) == 0)
            for (int k = 0; k < sp->n_own; k++)
                if (cur.veh[sp->own[k]] < 0)
                    sync_insert_pair_best(sp, &cur, sp->own[k], lb);
    }
    stats->iterations = it;
    /* The best plan's start times, scheduled once more from its routes. */
    best->cost = schedule_all(sp, best, lb);
    sync_runs_free(runs);
    cr_sync_sol_free(&cur, sp);
    cr_sync_sol_free(&backup, sp);
    sync_scratch_free(&work);
}
