/* Simulated annealing for synchronised visits (see sync_search.h).
 *
 * Scheduling: every visit starts as early as its route and its lower bound
 * allow; then each sync pair is checked, and a start that is too early (or a
 * partner that is too far ahead) raises the lower bound of the visit that
 * must move, and the routes are passed again. Lower bounds only rise, so this
 * reaches the earliest schedule (which also minimises tardiness) in a few
 * passes, or keeps rising when the pairs wait for each other in a cycle:
 * after 2 x syncs + 4 passes the plan is declared impossible. */
#include "sync_search.h"

#include <math.h>
#include <string.h>

#define EPS 1e-7
#define UNASSIGNED_WEIGHT 1e6

struct cr_sync_problem {
    const cr_problem *p;
    const cr_model *m;
    int n, nv;
    double *dur;      /* n x nv: duration of visit i on vehicle v */
    int *partner;     /* the other visit of i's sync, -1 */
    double *weight;   /* cost of leaving visit i out */
    double w_tard, w_max;
};

cr_sync_problem *cr_sync_problem_new(const cr_problem *p)
{
    const cr_model *m = p->model;
    cr_sync_problem *sp = g_new0(cr_sync_problem, 1);
    sp->p = p;
    sp->m = m;
    sp->n = p->n;
    sp->nv = p->n_vehicles;
    int n = p->n > 0 ? p->n : 1, nv = p->n_vehicles > 0 ? p->n_vehicles : 1;
    sp->dur = g_new(double, (size_t)n * nv);
    for (int i = 0; i < p->n; i++)
        for (int v = 0; v < p->n_vehicles; v++)
            sp->dur[(size_t)i * nv + v] = cr_model_duration(m, i, p->v_carer[v]);
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
    return sp;
}

void cr_sync_problem_free(cr_sync_problem *sp)
{
    if (!sp)
        return;
    g_free(sp->dur);
    g_free(sp->partner);
    g_free(sp->weight);
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
    s->start = g_new(double, n);
    for (int i = 0; i < sp->n; i++) {
        s->veh[i] = -1;
        s->start[i] = NAN;
        s->penalty += sp->weight[i];
    }
    s->n_unassigned = sp->n;
    s->cost = 0;
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
    g_free(s->start);
    memset(s, 0, sizeof *s);
}

static void copy_sol(cr_sync_sol *dst, const cr_sync_sol *src, const cr_sync_problem *sp)
{
    for (int v = 0; v < sp->nv; v++) {
        if (dst->cap[v] < src->len[v]) {
            dst->cap[v] = src->len[v] + 4;
            dst->seq[v] = g_renew(int, dst->seq[v], dst->cap[v]);
        }
        memcpy(dst->seq[v], src->seq[v], sizeof(int) * (size_t)src->len[v]);
        dst->len[v] = src->len[v];
    }
    memcpy(dst->veh, src->veh, sizeof(int) * (size_t)sp->n);
    memcpy(dst->start, src->start, sizeof(double) * (size_t)sp->n);
    dst->travel = src->travel;
    dst->tardiness = src->tardiness;
    dst->max_tardiness = src->max_tardiness;
    dst->penalty = src->penalty;
    dst->n_unassigned = src->n_unassigned;
    dst->cost = src->cost;
}

int cr_sync_sol_compare(const cr_sync_sol *a, const cr_sync_sol *b)
{
    if (a->penalty != b->penalty)
        return a->penalty < b->penalty ? -1 : 1;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return 0;
}

/* Earliest schedule of the whole plan; returns the cost (travel plus
 * weighted tardiness), INFINITY when a hard rule cannot hold. */
static double schedule(const cr_sync_problem *sp, cr_sync_sol *s, double *lb)
{
    const cr_problem *p = sp->p;
    const cr_model *m = sp->m;
    for (int i = 0; i < sp->n; i++)
        lb[i] = p->ready[i];
    int passes = 2 * m->n_syncs + 4;
    for (int pass = 0;; pass++) {
        double travel = 0;
        for (int v = 0; v < sp->nv; v++) {
            int len = s->len[v];
            if (len == 0)
                continue;
            const int *seq = s->seq[v];
            double t = p->v_open[v];
            int prev = p->v_start[v];
            for (int k = 0; k < len; k++) {
                int i = seq[k], loc = p->loc[i];
                t += cr_problem_time(p, prev, loc);
                travel += cr_problem_cost(p, prev, loc);
                double st = t > lb[i] ? t : lb[i];
                s->start[i] = st;
                t = st + sp->dur[(size_t)i * sp->nv + v];
                prev = loc;
            }
            t += cr_problem_time(p, prev, p->v_end[v]);
            travel += cr_problem_cost(p, prev, p->v_end[v]);
            if (t > p->v_close[v] + EPS)
                return INFINITY;
        }
        bool changed = false;
        for (int k = 0; k < m->n_syncs; k++) {
            const cr_sync *sy = &m->syncs[k];
            int a = sy->first, b = sy->second;
            if (s->veh[a] < 0 || s->veh[b] < 0)
                continue;
            if (s->start[b] < s->start[a] + sy->min_gap - EPS) {
                lb[b] = s->start[a] + sy->min_gap;
                changed = true;
            } else if (s->start[b] > s->start[a] + sy->max_gap + EPS) {
                lb[a] = s->start[b] - sy->max_gap;
                changed = true;
            }
        }
        if (!changed) {
            double sum = 0, most = 0;
            for (int i = 0; i < sp->n; i++) {
                if (s->veh[i] < 0)
                    continue;
                double late = s->start[i] - p->due[i];
                if (late > EPS) {
                    if (!m->visits[i].soft_due)
                        return INFINITY;
                    sum += late;
                    most = late > most ? late : most;
                }
            }
            s->travel = travel;
            s->tardiness = sum;
            s->max_tardiness = most;
            return travel + sp->w_tard * sum + sp->w_max * most;
        }
        if (pass >= passes)
            return INFINITY;
    }
}

static double objective(const cr_sync_sol *s)
{
    return s->penalty + s->cost;
}

/* ---- editing routes ---- */

static void insert_at(cr_sync_sol *s, const cr_sync_problem *sp, int i, int v, int pos)
{
    if (s->len[v] == s->cap[v]) {
        s->cap[v] = s->cap[v] ? 2 * s->cap[v] : 8;
        s->seq[v] = g_renew(int, s->seq[v], s->cap[v]);
    }
    memmove(&s->seq[v][pos + 1], &s->seq[v][pos], sizeof(int) * (size_t)(s->len[v] - pos));
    s->seq[v][pos] = i;
    s->len[v]++;
    s->veh[i] = v;
    s->penalty -= sp->weight[i];
    s->n_unassigned--;
}

static int position_of(const cr_sync_sol *s, int i)
{
    int v = s->veh[i];
    for (int k = 0; k < s->len[v]; k++)
        if (s->seq[v][k] == i)
            return k;
    return -1;
}

static int remove_visit(cr_sync_sol *s, const cr_sync_problem *sp, int i)
{
    int v = s->veh[i], pos = position_of(s, i);
    memmove(&s->seq[v][pos], &s->seq[v][pos + 1], sizeof(int) * (size_t)(s->len[v] - pos - 1));
    s->len[v]--;
    s->veh[i] = -1;
    s->penalty += sp->weight[i];
    s->n_unassigned++;
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
static bool may_take(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int v)
{
    if (!cr_problem_may_serve(sp->p, i, v))
        return false;
    int q = sp->partner[i];
    return q < 0 || s->veh[q] < 0 || sp->p->v_carer[s->veh[q]] != sp->p->v_carer[v];
}

/* Best feasible place for unassigned visit i, by scheduling every option;
 * leaves i there and returns true, or leaves it out. */
static bool insert_best(const cr_sync_problem *sp, cr_sync_sol *s, int i, double *lb)
{
    const cr_problem *p = sp->p;
    int best_v = -1, best_pos = -1;
    double best = INFINITY;
    for (int k = 0; k < p->n_vehicles_of[i]; k++) {
        int v = p->vehicles_of[i][k];
        if (!may_take(sp, s, i, v))
            continue;
        for (int pos = 0; pos <= s->len[v]; pos++) {
            insert_at(s, sp, i, v, pos);
            double c = schedule(sp, s, lb);
            remove_visit(s, sp, i);
            if (c < best - EPS) {
                best = c;
                best_v = v;
                best_pos = pos;
            }
        }
    }
    if (best_v < 0)
        return false;
    insert_at(s, sp, i, best_v, best_pos);
    s->cost = schedule(sp, s, lb);
    return true;
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
static void construct(const cr_sync_problem *sp, cr_sync_sol *s, double *lb)
{
    int *order = g_new(int, sp->n > 0 ? sp->n : 1);
    for (int i = 0; i < sp->n; i++)
        order[i] = i;
    g_qsort_with_data(order, sp->n, sizeof(int), cmp_ready, (gpointer)sp->p);
    s->cost = schedule(sp, s, lb);
    for (int k = 0; k < sp->n; k++)
        insert_best(sp, s, order[k], lb);
    g_free(order);
}

/* ---- moves ---- */

typedef enum { MOVE_RELOCATE, MOVE_SWAP, MOVE_REVERSE } move_kind;

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

/* Try a random move; false when none applies (nothing changed). */
static bool random_move(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st, move *mv)
{
    const cr_problem *p = sp->p;
    if (sp->n == 0)
        return false;
    double r = rnd_unit(st);
    int i = rnd_below(st, sp->n);
    if (r < 0.5 || s->veh[i] < 0) {
        if (p->n_vehicles_of[i] == 0)
            return false;
        int v = p->vehicles_of[i][rnd_below(st, p->n_vehicles_of[i])];
        int from_v = s->veh[i];
        if (from_v != v && !may_take(sp, s, i, v))
            return false;
        mv->kind = MOVE_RELOCATE;
        mv->i = i;
        mv->from_v = from_v;
        mv->from_pos = from_v >= 0 ? remove_visit(s, sp, i) : -1;
        mv->to_v = v;
        mv->to_pos = rnd_below(st, s->len[v] + 1);
        if (from_v == v && mv->to_pos == mv->from_pos) {
            insert_at(s, sp, i, v, mv->from_pos);
            return false;
        }
        insert_at(s, sp, i, v, mv->to_pos);
        return true;
    }
    if (r < 0.8) {
        int j = rnd_below(st, sp->n);
        int vi = s->veh[i], vj = s->veh[j];
        if (vj < 0 || vi == vj || j == sp->partner[i])
            return false;
        /* i goes to vj, j to vi: check with each other's partner placement */
        int qi = sp->partner[i], qj = sp->partner[j];
        if (!cr_problem_may_serve(p, i, vj) || !cr_problem_may_serve(p, j, vi) ||
            (qi >= 0 && s->veh[qi] >= 0 && p->v_carer[s->veh[qi]] == p->v_carer[vj]) ||
            (qj >= 0 && s->veh[qj] >= 0 && p->v_carer[s->veh[qj]] == p->v_carer[vi]))
            return false;
        int pi = position_of(s, i), pj = position_of(s, j);
        s->seq[vi][pi] = j;
        s->seq[vj][pj] = i;
        s->veh[i] = vj;
        s->veh[j] = vi;
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
        remove_visit(s, sp, mv->i);
        if (mv->from_v >= 0)
            insert_at(s, sp, mv->i, mv->from_v, mv->from_pos);
        break;
    case MOVE_SWAP:
        s->seq[mv->from_v][mv->from_pos] = mv->i;
        s->seq[mv->to_v][mv->to_pos] = mv->j;
        s->veh[mv->i] = mv->from_v;
        s->veh[mv->j] = mv->to_v;
        break;
    case MOVE_REVERSE:
        reverse(s->seq[mv->v], mv->a, mv->b);
        break;
    }
}

void cr_sync_search_run(const cr_sync_problem *sp, uint32_t seed, cr_search_shared *sh, cr_sync_sol *best,
                        cr_search_stats *stats)
{
    uint32_t st = seed ? seed : 0x9e3779b9u;
    double *lb = g_new(double, sp->n > 0 ? sp->n : 1);
    cr_sync_sol cur;
    cr_sync_sol_init(&cur, sp);
    memset(stats, 0, sizeof *stats);
    stats->first_complete_seconds = NAN;
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
        double c = schedule(sp, &cur, lb);
        if (isfinite(c)) {
            double delta = cur.penalty + c - before;
            if (delta > 0 && delta < UNASSIGNED_WEIGHT) {
                sum += delta;
                count++;
            }
        }
        undo(sp, &cur, &mv);
    }
    cur.cost = schedule(sp, &cur, lb);
    double t0 = count ? 0.5 * sum / count : 1.0, t_end = t0 * 1e-3;

    int64_t it = 0;
    double fraction = 0;
    while (!cr_search_over(sh, it)) {
        if ((it & 255) == 0)
            fraction = cr_search_fraction(sh, it);
        double temp = t0 * pow(t_end / t0, fraction);
        move mv;
        it++;
        if (!random_move(sp, &cur, &st, &mv))
            continue;
        stats->moves++;
        double before = objective(&cur), saved_cost = cur.cost;
        double c = schedule(sp, &cur, lb);
        double after = cur.penalty + c;
        bool accept = isfinite(c) && (after <= before || rnd_unit(&st) < exp((before - after) / temp));
        if (!accept) {
            undo(sp, &cur, &mv);
            cur.cost = saved_cost;
            continue;
        }
        cur.cost = c;
        if (cr_sync_sol_compare(&cur, best) < 0) {
            copy_sol(best, &cur, sp);
            stats->best_found_seconds = (g_get_monotonic_time() - sh->t0) / 1e6;
            if (best->n_unassigned == 0 && isnan(stats->first_complete_seconds))
                stats->first_complete_seconds = stats->best_found_seconds;
            cr_search_report(sh, best->cost, best->n_unassigned, fraction, true);
        } else if ((it & 4095) == 0) {
            cr_search_report(sh, best->cost, best->n_unassigned, fraction, false);
        }
        /* Unassigned visits get another chance now and then. */
        if (cur.n_unassigned > 0 && (it & 1023) == 0)
            for (int i = 0; i < sp->n; i++)
                if (cur.veh[i] < 0)
                    insert_best(sp, &cur, i, lb);
    }
    stats->iterations = it;
    /* The best plan's start times, scheduled once more from its routes. */
    best->cost = schedule(sp, best, lb);
    cr_sync_sol_free(&cur, sp);
    g_free(lb);
}
