/* The week's runs handed to carers all at once (see sync_rota.h). */
#include "sync_rota.h"

#include <math.h>
#include <string.h>

#include "sync_runs.h"

/* A run a carer may not take (skills, clients, area), and the price of a
 * minute beyond a carer's weekly limit or of a client over its cap of
 * carers: far above any saving, so that the search leaves them. */
#define FORBIDDEN 1e12
#define OVER_LIMIT 1e4
#define OVER_CAP 1e5
/* Hand-overs tried per run of the week (on the 300-client generated week
 * at weight 15, 3,000 took about 0.1 s per zone and provider and saved 709
 * in all; 30,000 saved 1,097 in ten times as long), and swaps tried first
 * only to see how much one typically costs (for the temperature). */
#define ITERATIONS_PER_RUN 3000
#define SAMPLES 200
/* The share of tries that gather a client's runs onto one carer. */
#define GATHER_SHARE 0.2
/* The first temperature, against the typical worsening of a swap: 0.5
 * found more than 0.05 or 1 on the 300-client generated week. */
#define START_TEMPERATURE 0.5

typedef struct {
    int client; /* local index */
    int n;      /* the client's visits in the run */
} run_client;

typedef struct {
    const cr_sync_problem *sp;
    int n_slots;         /* the part's vehicles, day by day as in sp->day_vehicles */
    int *slot_day;       /* per slot: its day */
    int *slot_carer;     /* per slot: local carer */
    int *route_at;       /* per slot: the route (by the slot that had it) its carer drives */
    int *slot_of;        /* per route: the slot that drives it (route_at's inverse) */
    int *carer_slot;     /* local carer x day: its slot, -1 */
    int *cr_first, *cr;  /* per local client: the routes with its visits (CSR) */
    /* per route (indexed by slot): its clients, CSR */
    int *rc_first;
    run_client *rc;
    /* per day: routes x slots of the day, travel and minutes worked */
    size_t *mat_first;
    double *cost, *work;
    int n_carers;
    int *carer_of;       /* local carer -> carer */
    double *carer_work;
    int n_clients;
    int *cnt;            /* client x carer: visits */
    int *distinct, *not_preferred;
    bool *preferred;     /* client x carer */
    int *cap;            /* 0: none */
    double *client_cost;
} rota;

static inline int day_size(const cr_sync_problem *sp, int d)
{
    return sp->day_first[d + 1] - sp->day_first[d];
}

static inline size_t mat_at(const rota *r, int route, int slot)
{
    int d = r->slot_day[slot], first = r->sp->day_first[d];
    return r->mat_first[d] + (size_t)(route - first) * (size_t)day_size(r->sp, d) + (size_t)(slot - first);
}

static double hours_cost(const rota *r, int k, double work)
{
    const cr_sync_problem *sp = r->sp;
    int carer = r->carer_of[k];
    double cost = 0;
    if (work > sp->contracted[carer])
        cost += sp->w_over * (work - sp->contracted[carer]);
    if (work > sp->work_limit[carer] + EPS)
        cost += OVER_LIMIT * (work - sp->work_limit[carer]);
    return cost;
}

static double client_cost(const rota *r, int c)
{
    const cr_sync_problem *sp = r->sp;
    double cost = sp->w_cont * (r->distinct[c] > 1 ? r->distinct[c] - 1 : 0) + sp->w_pref * r->not_preferred[c];
    if (r->cap[c] > 0 && r->distinct[c] > r->cap[c])
        cost += OVER_CAP * (r->distinct[c] - r->cap[c]);
    return cost;
}

/* n more (or fewer, when negative) of client c's visits by local carer k. */
static void count(rota *r, int c, int k, int n)
{
    int *x = &r->cnt[(size_t)c * r->n_carers + k];
    r->distinct[c] += (*x == 0 && n > 0) - (*x > 0 && *x + n == 0);
    *x += n;
    if (!r->preferred[(size_t)c * r->n_carers + k])
        r->not_preferred[c] += n;
}

static void hand_route(rota *r, int route, int k, int sign)
{
    for (int q = r->rc_first[route]; q < r->rc_first[route + 1]; q++)
        count(r, r->rc[q].client, k, sign * r->rc[q].n);
}

/* A run (by its visit array, which moves with it between vehicles) that a
 * vehicle took in a hand-over that did not schedule. */
typedef struct {
    const int *seq;
    int vehicle;
} failed_pair;

static bool has_failed(const GArray *failed, const int *seq, int v)
{
    for (guint k = 0; k < failed->len; k++) {
        const failed_pair *f = &g_array_index(failed, failed_pair, k);
        if (f->seq == seq && f->vehicle == v)
            return true;
    }
    return false;
}

/* Index the part's carers and clients, each route's clients, and what
 * every route of a day costs on every vehicle of that day (FORBIDDEN for
 * the pairs in failed). */
static void rota_init(rota *r, const cr_sync_problem *sp, const cr_sync_sol *s, const GArray *failed)
{
    const cr_problem *p = sp->p;
    const cr_model *m = sp->m;
    *r = (rota){ .sp = sp };
    int n_slots = sp->day_first[sp->n_days];
    r->n_slots = n_slots;
    r->slot_day = g_new(int, n_slots);
    r->slot_carer = g_new(int, n_slots);
    r->route_at = g_new(int, n_slots);
    r->slot_of = g_new(int, n_slots);
    int *local_carer = g_new(int, m->n_carers);
    for (int k = 0; k < m->n_carers; k++)
        local_carer[k] = -1;
    r->carer_of = g_new(int, n_slots);
    for (int d = 0; d < sp->n_days; d++)
        for (int g = sp->day_first[d]; g < sp->day_first[d + 1]; g++) {
            int carer = p->v_carer[sp->day_vehicles[g]];
            if (local_carer[carer] < 0) {
                local_carer[carer] = r->n_carers;
                r->carer_of[r->n_carers++] = carer;
            }
            r->slot_day[g] = d;
            r->slot_carer[g] = local_carer[carer];
            r->route_at[g] = g;
            r->slot_of[g] = g;
        }
    r->carer_slot = g_new(int, (size_t)(r->n_carers > 0 ? r->n_carers : 1) * (size_t)sp->n_days);
    for (size_t k = 0; k < (size_t)r->n_carers * (size_t)sp->n_days; k++)
        r->carer_slot[k] = -1;
    for (int g = 0; g < n_slots; g++)
        r->carer_slot[(size_t)r->slot_carer[g] * (size_t)sp->n_days + (size_t)r->slot_day[g]] = g;
    int *local_client = g_new(int, m->n_clients > 0 ? m->n_clients : 1);
    for (int c = 0; c < m->n_clients; c++)
        local_client[c] = -1;
    int *client_of = g_new(int, m->n_clients > 0 ? m->n_clients : 1);
    for (int k = 0; k < sp->n_own; k++) {
        int c = m->visits[sp->own[k]].client;
        if (c >= 0 && local_client[c] < 0) {
            local_client[c] = r->n_clients;
            client_of[r->n_clients++] = c;
        }
    }
    size_t cells = (size_t)(r->n_clients > 0 ? r->n_clients : 1) * (size_t)(r->n_carers > 0 ? r->n_carers : 1);
    r->cnt = g_new0(int, cells);
    r->preferred = g_new0(bool, cells);
    r->distinct = g_new0(int, r->n_clients > 0 ? r->n_clients : 1);
    r->not_preferred = g_new0(int, r->n_clients > 0 ? r->n_clients : 1);
    r->cap = g_new0(int, r->n_clients > 0 ? r->n_clients : 1);
    r->client_cost = g_new0(double, r->n_clients > 0 ? r->n_clients : 1);
    for (int c = 0; c < r->n_clients; c++) {
        const cr_client *cl = &m->clients[client_of[c]];
        for (int k = 0; k < r->n_carers; k++)
            r->preferred[(size_t)c * r->n_carers + k] = !cr_client_unpreferred(cl, r->carer_of[k]);
        r->cap[c] = sp->capped ? cr_model_client_cap(m, client_of[c]) : 0;
    }

    /* each route's clients, with how many of their visits it has */
    r->rc_first = g_new(int, n_slots + 1);
    GArray *rc = g_array_new(FALSE, FALSE, sizeof(run_client));
    for (int g = 0; g < n_slots; g++) {
        int v = sp->day_vehicles[g];
        r->rc_first[g] = (int)rc->len;
        for (int j = 0; j < s->len[v]; j++) {
            int c = m->visits[s->seq[v][j]].client;
            if (c < 0)
                continue;
            c = local_client[c];
            guint q = (guint)r->rc_first[g];
            while (q < rc->len && g_array_index(rc, run_client, q).client != c)
                q++;
            if (q < rc->len) {
                g_array_index(rc, run_client, q).n++;
            } else {
                run_client x = { c, 1 };
                g_array_append_val(rc, x);
            }
        }
    }
    r->rc_first[n_slots] = (int)rc->len;
    r->rc = (run_client *)(void *)g_array_free(rc, FALSE);
    /* and each client's routes */
    r->cr_first = g_new0(int, r->n_clients + 1);
    for (int q = 0; q < r->rc_first[n_slots]; q++)
        r->cr_first[r->rc[q].client + 1]++;
    for (int c = 0; c < r->n_clients; c++)
        r->cr_first[c + 1] += r->cr_first[c];
    r->cr = g_new(int, r->rc_first[n_slots] > 0 ? r->rc_first[n_slots] : 1);
    int *fill = g_memdup2(r->cr_first, sizeof(int) * (size_t)(r->n_clients + 1));
    for (int g = 0; g < n_slots; g++)
        for (int q = r->rc_first[g]; q < r->rc_first[g + 1]; q++)
            r->cr[fill[r->rc[q].client]++] = g;
    g_free(fill);

    /* every route of a day on every vehicle of that day */
    r->mat_first = g_new(size_t, sp->n_days + 1);
    r->mat_first[0] = 0;
    for (int d = 0; d < sp->n_days; d++)
        r->mat_first[d + 1] = r->mat_first[d] + (size_t)day_size(sp, d) * (size_t)day_size(sp, d);
    size_t n_mat = r->mat_first[sp->n_days] > 0 ? r->mat_first[sp->n_days] : 1;
    r->cost = g_new0(double, n_mat);
    r->work = g_new0(double, n_mat);
    for (int g = 0; g < n_slots; g++) {
        int u = sp->day_vehicles[g], d = r->slot_day[g];
        const int *seq = s->seq[u];
        int len = s->len[u];
        for (int h = sp->day_first[d]; h < sp->day_first[d + 1] && len > 0; h++) {
            int v = sp->day_vehicles[h];
            /* the route on its own from this carer's home: a partner's
             * wait or a break may still make the day fail, which the
             * scheduling after the search finds */
            double cost = 0, work = 0, t = p->v_open[v];
            int prev = p->v_start[v];
            for (int j = 0; j < len && cost < FORBIDDEN; j++) {
                int i = seq[j];
                double leg = cr_problem_vtime(p, v, prev, p->loc[i]), dur = sync_duration(sp, i, v);
                t = fmax(t + leg, p->ready[i]);
                if (!cr_problem_may_serve(p, i, v) || t > p->due[i] + EPS)
                    cost = FORBIDDEN;
                t += dur;
                cost += cr_problem_vcost(p, v, prev, p->loc[i]);
                work += leg + dur;
                prev = p->loc[i];
            }
            cost += cr_problem_vcost(p, v, prev, p->v_end[v]);
            work += cr_problem_vtime(p, v, prev, p->v_end[v]);
            if (t + cr_problem_vtime(p, v, prev, p->v_end[v]) > p->v_close[v] + EPS || has_failed(failed, seq, v))
                cost = FORBIDDEN;
            r->cost[mat_at(r, g, h)] = cost;
            r->work[mat_at(r, g, h)] = work;
        }
    }

    /* the hand-over as it is */
    r->carer_work = g_new0(double, r->n_carers > 0 ? r->n_carers : 1);
    for (int g = 0; g < n_slots; g++) {
        r->carer_work[r->slot_carer[g]] += r->work[mat_at(r, g, g)];
        hand_route(r, g, r->slot_carer[g], 1);
    }
    for (int c = 0; c < r->n_clients; c++)
        r->client_cost[c] = client_cost(r, c);
    g_free(local_carer);
    g_free(local_client);
    g_free(client_of);
}

static void rota_free(rota *r)
{
    g_free(r->slot_day);
    g_free(r->slot_carer);
    g_free(r->route_at);
    g_free(r->slot_of);
    g_free(r->carer_slot);
    g_free(r->cr_first);
    g_free(r->cr);
    g_free(r->rc_first);
    g_free(r->rc);
    g_free(r->mat_first);
    g_free(r->cost);
    g_free(r->work);
    g_free(r->carer_of);
    g_free(r->carer_work);
    g_free(r->cnt);
    g_free(r->distinct);
    g_free(r->not_preferred);
    g_free(r->preferred);
    g_free(r->cap);
    g_free(r->client_cost);
}

/* The change in cost of swapping the routes slots a and b (one day) drive;
 * the swap is made, and undone by calling again. */
static double swap(rota *r, int a, int b)
{
    int ra = r->route_at[a], rb = r->route_at[b], ka = r->slot_carer[a], kb = r->slot_carer[b];
    double delta = r->cost[mat_at(r, ra, b)] + r->cost[mat_at(r, rb, a)] - r->cost[mat_at(r, ra, a)] -
                   r->cost[mat_at(r, rb, b)];
    double wa = r->carer_work[ka] - r->work[mat_at(r, ra, a)] + r->work[mat_at(r, rb, a)];
    double wb = r->carer_work[kb] - r->work[mat_at(r, rb, b)] + r->work[mat_at(r, ra, b)];
    delta += hours_cost(r, ka, wa) + hours_cost(r, kb, wb) - hours_cost(r, ka, r->carer_work[ka]) -
             hours_cost(r, kb, r->carer_work[kb]);
    r->carer_work[ka] = wa;
    r->carer_work[kb] = wb;
    hand_route(r, ra, ka, -1);
    hand_route(r, rb, kb, -1);
    hand_route(r, ra, kb, 1);
    hand_route(r, rb, ka, 1);
    for (int pass = 0; pass < 2; pass++) {
        int route = pass ? rb : ra;
        for (int q = r->rc_first[route]; q < r->rc_first[route + 1]; q++) {
            int c = r->rc[q].client;
            double now = client_cost(r, c);
            delta += now - r->client_cost[c]; /* a client in both routes counts once: its cost is then current */
            r->client_cost[c] = now;
        }
    }
    r->route_at[a] = rb;
    r->route_at[b] = ra;
    r->slot_of[rb] = a;
    r->slot_of[ra] = b;
    return delta;
}

/* Two slots of one day, not both without a route; false when there are none. */
static bool pick(const rota *r, uint32_t *st, int *a, int *b)
{
    const cr_sync_problem *sp = r->sp;
    for (int tries = 0; tries < 20; tries++) {
        *st = *st * 1664525u + 1013904223u;
        int g = (int)((*st >> 8) % (uint32_t)r->n_slots), d = r->slot_day[g], n = day_size(sp, d);
        if (n < 2)
            continue;
        *st = *st * 1664525u + 1013904223u;
        int h = sp->day_first[d] + (int)((*st >> 8) % (uint32_t)(n - 1));
        if (h >= g)
            h++;
        int rg = r->route_at[g], rh = r->route_at[h];
        if (r->rc_first[rg + 1] == r->rc_first[rg] && r->rc_first[rh + 1] == r->rc_first[rh])
            continue; /* two carers without a run (every visit of a care week has a client) */
        *a = g;
        *b = h;
        return true;
    }
    return false;
}

static double unit(uint32_t *st)
{
    *st = *st * 1664525u + 1013904223u;
    return (*st >> 8) / 16777216.0;
}

static bool route_has_client(const rota *r, int route, int c)
{
    for (int q = r->rc_first[route]; q < r->rc_first[route + 1]; q++)
        if (r->rc[q].client == c)
            return true;
    return false;
}

/* Client c's runs on the other days to local carer k wherever k works and
 * does not see c already, each by a swap with k's run of that day (the
 * consistent-VRP move: a whole client to one carer). The swaps made go
 * onto done (pairs of slots); returns the change in cost. */
static double gather(rota *r, int c, int k, int *done, int *n_done)
{
    double delta = 0;
    for (int q = r->cr_first[c]; q < r->cr_first[c + 1]; q++) {
        int h = r->slot_of[r->cr[q]];
        if (r->slot_carer[h] == k)
            continue;
        int ks = r->carer_slot[(size_t)k * (size_t)r->sp->n_days + (size_t)r->slot_day[h]];
        if (ks < 0 || route_has_client(r, r->route_at[ks], c))
            continue;
        delta += swap(r, h, ks);
        done[(*n_done)++] = h;
        done[(*n_done)++] = ks;
    }
    return delta;
}

/* How often the search looks at the clock against a deadline, in iterations. */
#define CLOCK_PERIOD 65536

/* Simulated annealing over the hand-over; best receives the best one
 * (route_at per slot). */
static void rota_search(rota *r, uint32_t seed, int *best, gint64 deadline)
{
    uint32_t st = seed ? seed : 0x2545f491u;
    int n_runs = 0;
    for (int g = 0; g < r->n_slots; g++)
        n_runs += r->rc_first[g + 1] > r->rc_first[g];
    memcpy(best, r->route_at, sizeof(int) * (size_t)r->n_slots);
    if (n_runs == 0)
        return;
    /* the temperature from the typical worsening of a swap */
    double sum = 0;
    int n = 0, a, b, sampled = 0;
    gint64 started = deadline ? g_get_monotonic_time() : 0;
    for (int k = 0; k < SAMPLES && pick(r, &st, &a, &b); k++, sampled++) {
        double delta = swap(r, a, b);
        if (delta > EPS && delta < OVER_LIMIT) {
            sum += delta;
            n++;
        }
        swap(r, a, b);
    }
    double t0 = n > 0 ? START_TEMPERATURE * sum / n : 1.0, t_end = t0 * 1e-3;
    double cur = 0, best_cost = 0;
    int64_t iterations = (int64_t)ITERATIONS_PER_RUN * n_runs;
    if (deadline) {
        /* as many as the time left allows, timed on the samples (two swaps
         * each), so that the cooling runs its whole course by the deadline */
        gint64 now = g_get_monotonic_time();
        double per = sampled > 0 ? (double)(now - started) / (2.0 * sampled) : 0;
        double affordable = per > 0 ? (double)(deadline - now) / per : (double)iterations;
        if (affordable < (double)iterations)
            iterations = (int64_t)fmax(0, affordable);
    }
    int max_routes = 0;
    for (int c = 0; c < r->n_clients; c++)
        max_routes = MAX(max_routes, r->cr_first[c + 1] - r->cr_first[c]);
    int *done = g_new(int, 2 * (size_t)max_routes + 2), n_done = 0;
    for (int64_t it = 0; it < iterations; it++) {
        /* the samples may have been quicker than the moves: a backstop */
        if (deadline && it % CLOCK_PERIOD == CLOCK_PERIOD - 1 && g_get_monotonic_time() > deadline)
            break;
        if (!pick(r, &st, &a, &b))
            break;
        double temp = t0 * pow(t_end / t0, (double)it / (double)iterations);
        double delta;
        bool gathered = r->n_clients > 0 && unit(&st) < GATHER_SHARE;
        if (gathered) {
            /* one of the clients of a's run, to a's carer on every day */
            int route = r->route_at[a], n_rc = r->rc_first[route + 1] - r->rc_first[route];
            if (n_rc == 0)
                continue;
            int c = r->rc[r->rc_first[route] + (int)(unit(&st) * n_rc) % n_rc].client;
            n_done = 0;
            delta = gather(r, c, r->slot_carer[a], done, &n_done);
        } else {
            delta = swap(r, a, b);
        }
        if (delta <= 0 || unit(&st) < exp(-delta / temp)) {
            cur += delta;
            if (cur < best_cost - EPS) {
                best_cost = cur;
                memcpy(best, r->route_at, sizeof(int) * (size_t)r->n_slots);
            }
        } else if (gathered) {
            for (int q = n_done - 2; q >= 0; q -= 2)
                swap(r, done[q], done[q + 1]);
        } else {
            swap(r, a, b);
        }
    }
    g_free(done);
}

/* Day d's hand-over as its cycles (carer a takes b's run, b takes c's,
 * ..., back to a), from the day as in old, each kept when the plan
 * schedules; the runs of a cycle that did not go into failed. Returns how
 * many cycles failed. */
static int apply_cycles(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, const int *best,
                        const sync_route_arrays *old, int d, GArray *failed)
{
    int first = sp->day_first[d], nt = day_size(sp, d), n_failed = 0;
    const int *tv = &sp->day_vehicles[first];
    sync_route_arrays *acc = g_new(sync_route_arrays, nt), *trial = g_new(sync_route_arrays, nt);
    memcpy(acc, &old[first], sizeof *acc * (size_t)nt);
    sync_arrange(sp, s, tv, nt, acc);
    sync_schedule(sp, s, w);
    bool *done = g_new0(bool, nt);
    for (int b = 0; b < nt; b++) {
        if (done[b] || best[first + b] == first + b)
            continue;
        memcpy(trial, acc, sizeof *trial * (size_t)nt);
        for (int x = b; !done[x]; x = best[first + x] - first) {
            done[x] = true;
            trial[x] = old[best[first + x]];
        }
        sync_arrange(sp, s, tv, nt, trial);
        if (isfinite(sync_schedule(sp, s, w))) {
            memcpy(acc, trial, sizeof *acc * (size_t)nt);
            continue;
        }
        n_failed++;
        for (int x = 0; x < nt; x++)
            if (trial[x].seq != acc[x].seq && trial[x].len > 0) {
                failed_pair f = { trial[x].seq, tv[x] };
                g_array_append_val(failed, f);
            }
        sync_arrange(sp, s, tv, nt, acc);
        sync_schedule(sp, s, w);
    }
    g_free(done);
    g_free(acc);
    g_free(trial);
    return n_failed;
}

static void arrange_all(const cr_sync_problem *sp, cr_sync_sol *s, const sync_route_arrays *a)
{
    for (int d = 0; d < sp->n_days; d++)
        sync_arrange(sp, s, &sp->day_vehicles[sp->day_first[d]], day_size(sp, d), &a[sp->day_first[d]]);
}

/* Apply the hand-over best (per slot: the slot whose run its carer takes)
 * to every day at once (a carer may take more one day for less another,
 * within the week's hours). A day that does not schedule then gets its
 * hand-over cycle by cycle (apply_cycles). Returns how many cycles failed;
 * -1 when the plan would not schedule at all, which leaves it as it was. */
static int apply(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, const int *best, GArray *failed)
{
    int n_slots = sp->day_first[sp->n_days], n_failed = 0;
    sync_route_arrays *old = g_new(sync_route_arrays, n_slots), *now = g_new(sync_route_arrays, n_slots);
    for (int g = 0; g < n_slots; g++) {
        int v = sp->day_vehicles[g];
        old[g] = (sync_route_arrays){ s->seq[v], s->len[v], s->cap[v] };
    }
    for (int g = 0; g < n_slots; g++)
        now[g] = old[best[g]];
    arrange_all(sp, s, now);
    bool *fixed = g_new0(bool, sp->n_days);
    while (!isfinite(sync_schedule(sp, s, w))) {
        /* the day that failed stays marked (sync_schedule goes in order) */
        int d = 0;
        while (d < sp->n_days && !s->dirty[d])
            d++;
        if (d == sp->n_days || fixed[d] || s->n_over > 0 || s->n_capped > 0 || s->n_overloaded > 0 ||
            s->n_over_days > 0 || s->n_no_break > 0) {
            arrange_all(sp, s, old);
            sync_schedule(sp, s, w);
            n_failed = -1;
            break;
        }
        fixed[d] = true;
        n_failed += apply_cycles(sp, s, w, best, old, d, failed);
    }
    g_free(fixed);
    g_free(old);
    g_free(now);
    return n_failed;
}

/* Rounds of the search and its hand-over: a run that did not schedule on a
 * vehicle is barred from it in the rounds after, from the plan as it was. */
enum { ROUNDS = 4 };

bool sync_rota(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, uint32_t seed, gint64 deadline)
{
    if (sp->n_days < 2 || sp->day_first[sp->n_days] == 0)
        return false;
    int n_slots = sp->day_first[sp->n_days];
    double before = s->penalty + sync_schedule(sp, s, w);
    if (!isfinite(before))
        return false;
    sync_route_arrays *orig = g_new(sync_route_arrays, n_slots);
    for (int g = 0; g < n_slots; g++) {
        int v = sp->day_vehicles[g];
        orig[g] = (sync_route_arrays){ s->seq[v], s->len[v], s->cap[v] };
    }
    GArray *failed = g_array_new(FALSE, FALSE, sizeof(failed_pair));
    int *best = g_new(int, n_slots);
    bool any = false;
    for (int round = 0; round < ROUNDS; round++) {
        if (round > 0 && deadline && g_get_monotonic_time() > deadline)
            break;
        rota r;
        rota_init(&r, sp, s, failed);
        rota_search(&r, seed + (uint32_t)round, best, deadline);
        rota_free(&r);
        bool changed = false;
        for (int g = 0; g < n_slots && !changed; g++)
            changed = best[g] != g;
        if (!changed)
            break;
        any = true;
        guint barred = failed->len;
        int n_failed = apply(sp, s, w, best, failed);
        if (n_failed == 0 || round == ROUNDS - 1)
            break;
        /* A week that did not schedule as a whole is undone. When that came
         * of days whose cycles failed (a carer then keeps work another day
         * was to take off her, and goes over her weekly hours), the next
         * round goes without those; with nothing barred there is nothing
         * to try again. */
        if (n_failed < 0 && failed->len == barred)
            break;
        /* again from the plan as it was, without what failed */
        for (int d = 0; d < sp->n_days; d++)
            sync_arrange(sp, s, &sp->day_vehicles[sp->day_first[d]], day_size(sp, d), &orig[sp->day_first[d]]);
        sync_schedule(sp, s, w);
    }
    double after = s->penalty + sync_schedule(sp, s, w);
    bool kept = any && isfinite(after) && after < before - EPS;
    if (any && !kept)
        for (int d = 0; d < sp->n_days; d++)
            sync_arrange(sp, s, &sp->day_vehicles[sp->day_first[d]], day_size(sp, d), &orig[sp->day_first[d]]);
    s->cost = sync_schedule(sp, s, w);
    g_array_free(failed, TRUE);
    g_free(best);
    g_free(orig);
    return kept;
}
