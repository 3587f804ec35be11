/* Scheduling a plan of the rota search (see sync_internal.h): every visit
 * starts as early as its route and its lower bound allow; then each sync
 * pair is checked, and a start that is too early (or a partner that is too
 * far ahead) raises the lower bound of the visit that must move, and the
 * routes are passed again. Lower bounds only rise, so this reaches the
 * earliest schedule (which also minimises tardiness) in a few passes, or
 * keeps rising when the pairs wait for each other in a cycle: after
 * 2 x syncs + 4 passes the plan is declared impossible. */
#include "sync_internal.h"

#include <math.h>
#include <string.h>

/* Of every SCHEDULE_PERIOD days scheduled, the first SCHEDULE_SAMPLE find
 * the routes tied to a changed one and measure how many they are; that
 * decides whether the rest of the period does (sync_scratch.all_routes). */
#define SCHEDULE_PERIOD 4096
#define SCHEDULE_SAMPLE 256

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
    if (s->n_over > 0 || s->n_capped > 0 || s->n_overloaded > 0 || s->n_over_days > 0 ||
        s->n_no_break > 0)
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
double sync_schedule_all(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w)
{
    for (int d = 0; d < sp->n_days; d++)
        s->dirty[d] = true;
    for (int k = 0; k < sp->day_first[sp->n_days]; k++)
        s->route_dirty[sp->day_vehicles[k]] = true;
    return sync_schedule(sp, s, w);
}
