/* Daily runs for a week of care (see sync_runs.h). */
#include "sync_runs.h"

#include <math.h>

#include "assignment.h"
#include "sync_rota.h"

/* A run a carer may not take (skills, clients, weekly hours). Finite, as
 * the assignment needs, and far above any real cost. */
#define FORBIDDEN 1e12
/* The share of the limits the busiest day's own search gets: more did
 * not give a better week (0.3 measured against 0.1 on the 300-client
 * generated week at 60 s). */
#define RUNS_SHARE 0.1
/* The share of the time limit by which the week should be built, so that
 * the search has the rest: the rota's hand-over and the closing passes
 * stop at it (on the 300-client week the whole build takes a few tenths of
 * a second and never meets it). */
#define BUILD_SHARE 0.5

struct sync_runs {
    int n_days;
    int *slot_of;   /* per visit: its slot, -1 when not in this part */
    int *visit_at;  /* slot x day: the slot's visit that day, -1 */
    int n_slots;
};

/* 0: a call for one carer; 1 and 2: the halves of a double-up. */
static int sync_role(const cr_sync_problem *sp, int i)
{
    int s = sp->m->visits[i].sync;
    if (s < 0)
        return 0;
    return sp->m->syncs[s].first == i ? 1 : 2;
}

sync_runs *sync_runs_new(const cr_sync_problem *sp)
{
    int days_worked = 0;
    for (int d = 0; d < sp->n_days; d++)
        days_worked += sp->day_first[d + 1] > sp->day_first[d];
    if (days_worked < 2 || sp->m->n_clients == 0)
        return NULL;
    const cr_problem *p = sp->p;
    sync_runs *r = g_new0(sync_runs, 1);
    r->n_days = sp->n_days;
    r->slot_of = g_new(int, p->n > 0 ? p->n : 1);
    for (int i = 0; i < p->n; i++)
        r->slot_of[i] = -1;
    /* A slot is (client, start of window, role, and which of several such
     * calls on one day); the same key on another day is the same slot. */
    GHashTable *same_day = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *slots = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int k = 0; k < sp->n_own; k++) {
        int i = sp->own[k];
        const cr_visit *v = &sp->m->visits[i];
        char *day_key = g_strdup_printf("%d:%.3f:%d:%d", v->client, v->ready, sync_role(sp, i), v->day);
        int rank = GPOINTER_TO_INT(g_hash_table_lookup(same_day, day_key));
        g_hash_table_replace(same_day, day_key, GINT_TO_POINTER(rank + 1));
        char *key = g_strdup_printf("%d:%.3f:%d:%d", v->client, v->ready, sync_role(sp, i), rank);
        gpointer found;
        if (g_hash_table_lookup_extended(slots, key, NULL, &found)) {
            r->slot_of[i] = GPOINTER_TO_INT(found);
            g_free(key);
        } else {
            r->slot_of[i] = r->n_slots;
            g_hash_table_insert(slots, key, GINT_TO_POINTER(r->n_slots));
            r->n_slots++;
        }
    }
    g_hash_table_destroy(same_day);
    g_hash_table_destroy(slots);
    r->visit_at = g_new(int, (size_t)(r->n_slots > 0 ? r->n_slots : 1) * r->n_days);
    for (size_t k = 0; k < (size_t)r->n_slots * r->n_days; k++)
        r->visit_at[k] = -1;
    for (int k = 0; k < sp->n_own; k++) {
        int i = sp->own[k];
        r->visit_at[(size_t)r->slot_of[i] * r->n_days + p->day[i]] = i;
    }
    return r;
}

void sync_runs_free(sync_runs *r)
{
    if (!r)
        return;
    g_free(r->slot_of);
    g_free(r->visit_at);
    g_free(r);
}

/* ---- handing runs to carers ---- */

/* What client c's visit i costs in continuity on carer `carer`, judged
 * from the client's visits on the other days: a carer the client does not
 * see on them (when it sees anyone), and a carer it did not prefer. */
static double visit_care(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int carer, bool first_of_client)
{
    const cr_problem *p = sp->p;
    int c = sp->m->visits[i].client, d = p->day[i];
    const cr_client *cl = &sp->m->clients[c];
    double cost = 0;
    if (first_of_client) {
        bool any = false, known = false;
        for (int k = sp->client_first[c]; k < sp->client_first[c + 1] && !known; k++) {
            int x = sp->client_visits[k];
            if (p->day[x] == d || s->veh[x] < 0)
                continue;
            any = true;
            known = p->v_carer[s->veh[x]] == carer;
        }
        cost += any && !known ? sp->w_cont : 0;
    }
    if (cr_client_unpreferred(cl, carer))
        cost += sp->w_pref;
    return cost;
}

/* The cost of vehicle u's route driven by vehicle v's carer (the same
 * day): travel from and back to that carer's home plus continuity;
 * FORBIDDEN when the carer may not serve a visit or would go over the
 * weekly hours. Legs inside the run are the same for everyone and count
 * only towards the hours. */
static double run_cost(const cr_sync_problem *sp, const cr_sync_sol *s, int u, int v)
{
    const cr_problem *p = sp->p;
    const int *seq = s->seq[u];
    int len = s->len[u], carer = p->v_carer[v];
    int first = p->loc[seq[0]], last = p->loc[seq[len - 1]];
    double cost = cr_problem_vcost(p, v, p->v_start[v], first) + cr_problem_vcost(p, v, last, p->v_end[v]);
    double work = cr_problem_vtime(p, v, p->v_start[v], first) + cr_problem_vtime(p, v, last, p->v_end[v]);
    for (int j = 0; j < len; j++) {
        int i = seq[j];
        if (!cr_problem_may_serve(p, i, v))
            return FORBIDDEN;
        work += sync_duration(sp, i, v) + (j > 0 ? cr_problem_vtime(p, v, p->loc[seq[j - 1]], p->loc[i]) : 0);
        if (sp->care) {
            bool first_of_client = true;
            for (int k = 0; k < j && first_of_client; k++)
                first_of_client = sp->m->visits[seq[k]].client != sp->m->visits[i].client;
            cost += visit_care(sp, s, i, carer, first_of_client);
        }
    }
    if (s->carer_work[carer] - s->route_work[v] + work > sp->work_limit[carer] + EPS)
        return FORBIDDEN;
    /* a carer off today with no day left to give up for it */
    if (s->len[v] == 0 && !sync_day_free(sp, s, carer, p->v_day[v]))
        return FORBIDDEN;
    return cost;
}

void sync_arrange(const cr_sync_problem *sp, cr_sync_sol *s, const int *vehicles, int n, const sync_route_arrays *a)
{
    for (int b = 0; b < n; b++) {
        int v = vehicles[b];
        s->seq[v] = a[b].seq;
        s->len[v] = a[b].len;
        s->cap[v] = a[b].cap;
    }
    for (int b = 0; b < n; b++)
        for (int k = 0; k < s->len[vehicles[b]]; k++)
            sync_set_vehicle(sp, s, s->seq[vehicles[b]][k], vehicles[b]);
    for (int b = 0; b < n; b++)
        sync_refresh_route(sp, s, vehicles[b]);
}

bool sync_assign_day(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, int d)
{
    const int *tv = &sp->day_vehicles[sp->day_first[d]];
    int nt = sp->day_first[d + 1] - sp->day_first[d];
    if (nt < 2)
        return false;
    int *rows = g_new(int, nt), nr = 0;
    for (int b = 0; b < nt; b++)
        if (s->len[tv[b]] > 0)
            rows[nr++] = b;
    double *cost = g_new(double, (size_t)(nr > 0 ? nr : 1) * nt);
    for (int a = 0; a < nr; a++)
        for (int b = 0; b < nt; b++)
            cost[(size_t)a * nt + b] = run_cost(sp, s, tv[rows[a]], tv[b]);
    int *col = g_new(int, nr > 0 ? nr : 1);
    if (nr > 0)
        cr_assign(nr, nt, cost, col);
    bool same = true;
    for (int a = 0; a < nr && same; a++)
        same = col[a] == rows[a];
    bool kept = false;
    if (!same) {
        double before = s->penalty + sync_schedule(sp, s, w);
        sync_route_arrays *old = g_new(sync_route_arrays, nt), *now = g_new(sync_route_arrays, nt);
        bool *filled = g_new0(bool, nt);
        for (int b = 0; b < nt; b++)
            old[b] = (sync_route_arrays){ s->seq[tv[b]], s->len[tv[b]], s->cap[tv[b]] };
        for (int a = 0; a < nr; a++) {
            now[col[a]] = old[rows[a]];
            filled[col[a]] = true;
        }
        /* the vehicles left without a run get the empty routes' arrays */
        int next = 0;
        for (int b = 0; b < nt; b++) {
            if (filled[b])
                continue;
            while (old[next].len > 0)
                next++;
            now[b] = old[next++];
        }
        sync_arrange(sp, s, tv, nt, now);
        double after = s->penalty + sync_schedule(sp, s, w);
        if (after <= before - EPS) {
            s->cost = after - s->penalty;
            kept = true;
        } else {
            sync_arrange(sp, s, tv, nt, old);
            s->cost = sync_schedule(sp, s, w);
        }
        g_free(old);
        g_free(now);
        g_free(filled);
    }
    g_free(rows);
    g_free(cost);
    g_free(col);
    return kept;
}

cr_sync_problem *sync_runs_fixed_days(const cr_sync_problem *sp)
{
    const cr_problem *p = sp->p;
    int n_carers = sp->m->n_carers, n = sp->day_first[sp->n_days];
    bool *off = g_new0(bool, (size_t)(n_carers > 0 ? n_carers : 1) * sp->n_days);
    int *offered = g_new(int, sp->n_days);
    for (int c = 0; c < n_carers; c++) {
        int k = 0;
        for (int d = 0; d < sp->n_days; d++)
            if (sp->vehicle_at[(size_t)c * sp->n_days + d] >= 0)
                offered[k++] = d;
        int n_off = sp->day_limit[c] < k ? k - sp->day_limit[c] : 0;
        for (int j = 0; j < n_off; j++)
            off[(size_t)c * sp->n_days + offered[(2 * c + j) % k]] = true;
    }
    int *kept = g_new(int, n > 0 ? n : 1), n_kept = 0;
    for (int k = 0; k < n; k++) {
        int v = sp->day_vehicles[k];
        if (!off[(size_t)p->v_carer[v] * sp->n_days + p->v_day[v]])
            kept[n_kept++] = v;
    }
    cr_sync_problem *fixed = cr_sync_problem_new(p, sp->own, sp->n_own, kept, n_kept);
    g_free(off);
    g_free(offered);
    g_free(kept);
    return fixed;
}

/* ---- building the week from one day ---- */

/* Day `to` gets day `from`'s runs: each run to its own carer when that
 * carer works `to` too, else to a carer who does not work `from` (a relief
 * carer), and call by call the same slots in the same order, as far as
 * they fit. The day's other calls are then inserted where best. */
static void copy_day(const sync_runs *r, const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, int from, int to)
{
    const cr_problem *p = sp->p;
    const int *fv = &sp->day_vehicles[sp->day_first[from]], *tv = &sp->day_vehicles[sp->day_first[to]];
    int nf = sp->day_first[from + 1] - sp->day_first[from], nt = sp->day_first[to + 1] - sp->day_first[to];
    bool *taken = g_new0(bool, sp->nv > 0 ? sp->nv : 1);
    int *target = g_new(int, nf > 0 ? nf : 1);
    for (int a = 0; a < nf; a++) {
        int v = sp->vehicle_at[(size_t)p->v_carer[fv[a]] * sp->n_days + to];
        target[a] = -1;
        if (s->len[fv[a]] > 0 && v >= 0 && !taken[v]) {
            target[a] = v;
            taken[v] = true;
        }
    }
    for (int relief_only = 1; relief_only >= 0; relief_only--)
        for (int a = 0; a < nf; a++) {
            if (s->len[fv[a]] == 0 || target[a] >= 0)
                continue;
            for (int b = 0; b < nt && target[a] < 0; b++) {
                int v = tv[b];
                if (taken[v] || (relief_only && sp->vehicle_at[(size_t)p->v_carer[v] * sp->n_days + from] >= 0))
                    continue;
                target[a] = v;
                taken[v] = true;
            }
        }
    for (int b = 0; b < nt; b++)
        while (s->len[tv[b]] > 0)
            sync_remove_visit(s, sp, s->seq[tv[b]][s->len[tv[b]] - 1]);
    for (int a = 0; a < nf; a++) {
        int v = target[a];
        for (int j = 0; v >= 0 && j < s->len[fv[a]]; j++) {
            int slot = r->slot_of[s->seq[fv[a]][j]];
            int x = slot >= 0 ? r->visit_at[(size_t)slot * r->n_days + to] : -1;
            if (x < 0 || s->veh[x] >= 0 || !sync_may_take(sp, s, x, v))
                continue;
            sync_insert_at(s, sp, x, v, s->len[v]);
            if (!isfinite(sync_schedule(sp, s, w)))
                sync_remove_visit(s, sp, x);
        }
    }
    for (int k = 0; k < sp->n_own; k++) {
        int x = sp->own[k], q = sp->partner[x];
        if (p->day[x] != to || s->veh[x] >= 0)
            continue;
        /* a half whose partner is in but cannot join it: both go round again */
        if (!sync_insert_pair_best(sp, s, x, w) && q >= 0 && s->veh[q] >= 0) {
            sync_remove_visit(s, sp, q);
            sync_insert_pair_best(sp, s, x, w);
        }
    }
    s->cost = sync_schedule(sp, s, w);
    g_free(taken);
    g_free(target);
}

/* A carer's weekly hours spread over the days it works: the busiest day's
 * runs then hold no more than each of its carers can drive on every day
 * they work. Left at the week's (one day could take a carer's whole week),
 * the copies onto the other days overrun weekly hours and their calls go
 * back in one by one. On the 300-client generated week the change was
 * within the noise (median cost of solver seeds 1-3 at weights 0, 6 and 10:
 * -0.8%, -0.2%, +0.6%). */
static void day_hours(const cr_sync_problem *sp, cr_sync_problem *day)
{
    for (int c = 0; c < sp->m->n_carers; c++) {
        int worked = 0;
        for (int d = 0; d < sp->n_days; d++)
            worked += sp->vehicle_at[(size_t)c * sp->n_days + d] >= 0;
        if (worked == 0)
            continue;
        day->work_limit[c] = sp->work_limit[c] / worked;
        day->contracted[c] = sp->contracted[c] / worked;
    }
}

/* The busiest day's search reports through the week's: the other days'
 * visits are not planned yet, and the day's share of the search is a tenth. */
typedef struct {
    cr_search_shared *week;
    int not_yet;
} template_progress;

static int report_template(double fraction, double cost, size_t unassigned, void *user)
{
    const template_progress *tp = user;
    cr_search_report(tp->week, cost, (int)unassigned + tp->not_yet, fraction * RUNS_SHARE, true);
    return 0; /* a cancel reaches the day's search through the shared flag */
}

int64_t sync_runs_construct(const sync_runs *r, const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w,
                            cr_search_shared *sh, uint32_t seed)
{
    const cr_problem *p = sp->p;
    int *per_day = g_new0(int, sp->n_days), busiest = -1;
    for (int k = 0; k < sp->n_own; k++)
        per_day[p->day[sp->own[k]]]++;
    /* the busiest day that has carers (sync_runs_new saw at least two) */
    for (int d = 0; d < sp->n_days; d++)
        if (sp->day_first[d + 1] > sp->day_first[d] && (busiest < 0 || per_day[d] > per_day[busiest]))
            busiest = d;
    int *visits = g_new(int, per_day[busiest] > 0 ? per_day[busiest] : 1), n = 0;
    for (int k = 0; k < sp->n_own; k++)
        if (p->day[sp->own[k]] == busiest)
            visits[n++] = sp->own[k];
    g_free(per_day);

    /* the busiest day on its own, with a share of what is left */
    const int *vehicles = &sp->day_vehicles[sp->day_first[busiest]];
    int n_vehicles = sp->day_first[busiest + 1] - sp->day_first[busiest];
    cr_sync_problem *day = cr_sync_problem_new(p, visits, n, vehicles, n_vehicles);
    day_hours(sp, day);
    cr_search_shared sub = { 0 };
    g_mutex_init(&sub.lock);
    sub.t0 = g_get_monotonic_time();
    sub.cancel = sh->cancel;
    template_progress tp = {sh, sp->n_own - n};
    if (sh->progress) {
        sub.progress = report_template;
        sub.progress_user = &tp;
        sub.best_travel = INFINITY;
        sub.best_unassigned = G_MAXINT;
    }
    if (sh->iteration_limit > 0) {
        int64_t share = (int64_t)(RUNS_SHARE * (double)sh->iteration_limit);
        sub.iteration_limit = share > 0 ? share : 1;
    }
    if (sh->time_limit > 0)
        sub.time_limit = fmax(1e-3, RUNS_SHARE * (sh->time_limit - (sub.t0 - sh->t0) / 1e6));
    else if (sub.iteration_limit == 0)
        sub.time_limit = 1.0;
    cr_sync_sol best;
    cr_sync_sol_init(&best, day);
    cr_search_stats stats;
    cr_sync_search_run(day, seed ^ 0x5bd1e995u, &sub, &best, &stats);
    for (int a = 0; a < n_vehicles; a++)
        for (int j = 0; j < best.len[vehicles[a]]; j++)
            sync_insert_at(s, sp, best.seq[vehicles[a]][j], vehicles[a], j);
    s->cost = sync_schedule(sp, s, w);
    cr_sync_sol_free(&best, day);
    cr_sync_problem_free(day);
    g_mutex_clear(&sub.lock);
    g_free(visits);

    /* every other day from it, and each day's runs to its carers */
    gint64 deadline = sh->time_limit > 0 ? sh->t0 + (gint64)(BUILD_SHARE * sh->time_limit * 1e6) : 0;
    for (int step = 1; step < sp->n_days; step++) {
        int d = (busiest + step) % sp->n_days;
        copy_day(r, sp, s, w, busiest, d);
        sync_assign_day(sp, s, w, d);
    }
    /* the week's hand-over as a whole, then each day's against the others */
    sync_rota(sp, s, w, seed ^ 0x27d4eb2du, deadline);
    for (int pass = 0; pass < 2; pass++)
        for (int d = 0; d < sp->n_days && !(deadline && g_get_monotonic_time() > deadline); d++)
            sync_assign_day(sp, s, w, d);
    s->cost = sync_schedule(sp, s, w);
    return stats.iterations;
}
