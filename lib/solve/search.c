#include "search.h"
#include "localsearch.h"

#include <math.h>
#include <string.h>

/* SISR parameters from the paper (average removed customers, max string). */
#define SISR_AVG_REMOVED 10.0
#define SISR_MAX_STRING 10.0
#define BLINK_RATE 0.01

/* ---------- solutions ---------- */

static double unassigned_weight(const cr_problem *p, int u)
{
    /* Lexicographic by priority: one visit of priority k outweighs all
     * visits of lower priorities together. */
    return pow((double)p->n + 1.0, (double)(p->priority[u] - 1));
}

void cr_ssol_init(cr_ssol *s, const cr_problem *p)
{
    memset(s, 0, sizeof *s);
    s->p = p;
    s->routes = g_new(cr_sroute, p->n_vehicles > 0 ? p->n_vehicles : 1);
    for (int v = 0; v < p->n_vehicles; v++)
        cr_sroute_init(&s->routes[v], v, 8);
    s->route_of = g_new(int, p->n > 0 ? p->n : 1);
    for (int i = 0; i < p->n; i++) {
        s->route_of[i] = -1;
        s->penalty += unassigned_weight(p, i);
    }
    s->n_unassigned = p->n;
}

void cr_ssol_free(cr_ssol *s)
{
    for (int v = 0; v < s->p->n_vehicles; v++)
        cr_sroute_free(&s->routes[v]);
    g_free(s->routes);
    g_free(s->route_of);
}

void cr_ssol_copy(cr_ssol *dst, const cr_ssol *src)
{
    const cr_problem *p = src->p;
    for (int v = 0; v < p->n_vehicles; v++)
        cr_sroute_copy(&dst->routes[v], &src->routes[v]);
    memcpy(dst->route_of, src->route_of, sizeof(int) * (size_t)p->n);
    dst->travel = src->travel;
    dst->used = src->used;
    dst->penalty = src->penalty;
    dst->n_unassigned = src->n_unassigned;
}

int cr_ssol_compare(const cr_ssol *a, const cr_ssol *b)
{
    if (a->penalty != b->penalty)
        return a->penalty < b->penalty ? -1 : 1;
    if (a->p->fleet_first && a->used != b->used)
        return a->used < b->used ? -1 : 1;
    if (a->travel != b->travel)
        return a->travel < b->travel ? -1 : 1;
    return 0;
}

void cr_ssol_refresh(cr_ssol *s)
{
    const cr_problem *p = s->p;
    s->travel = 0;
    s->used = 0;
    for (int v = 0; v < p->n_vehicles; v++) {
        s->travel += s->routes[v].cost;
        s->used += s->routes[v].len > 0;
    }
    s->penalty = 0;
    s->n_unassigned = 0;
    for (int i = 0; i < p->n; i++)
        if (s->route_of[i] < 0) {
            s->penalty += unassigned_weight(p, i);
            s->n_unassigned++;
        }
}

/* ---------- ruin: adjacent string removal ---------- */

typedef struct {
    GRand *rng;
    int *removed;
    int n_removed;
    char *route_ruined; /* per vehicle */
    double *sort_key;
    int *stamp;         /* per twin group: last insertion that tried an empty copy */
    int stamp_now;
    int64_t moves;      /* insertion positions evaluated */
    int *seen;          /* per vehicle: last insertion that tried the route */
    uint64_t xs;        /* xorshift state for blinks */
    const double *absences; /* fleet phase: insert the often-absent visits first */
    cr_ls *ls;
} work;

static void remove_string(const cr_problem *p, cr_ssol *s, work *w, int v, int from, int count)
{
    cr_sroute *r = &s->routes[v];
    for (int k = 0; k < count; k++) {
        int u = r->nodes[from + k];
        s->route_of[u] = -1;
        w->removed[w->n_removed++] = u;
    }
    cr_sroute_remove_range(r, from, count);
    /* Removing a visit cannot break a window when travel obeys the triangle
     * inequality; matrices from users may not, so repair by removing more. */
    int bad;
    while ((bad = cr_sroute_update(p, r)) >= 0) {
        int u = r->nodes[bad];
        s->route_of[u] = -1;
        w->removed[w->n_removed++] = u;
        cr_sroute_remove_range(r, bad, 1);
    }
}

static int position_of(const cr_sroute *r, int u)
{
    for (int i = 0; i < r->len; i++)
        if (r->nodes[i] == u)
            return i;
    return -1;
}

static void ruin(const cr_problem *p, cr_ssol *s, work *w)
{
    w->n_removed = 0;
    if (s->used == 0)
        return;
    memset(w->route_ruined, 0, (size_t)p->n_vehicles);
    int assigned = p->n - s->n_unassigned;
    double avg_len = (double)assigned / s->used;
    double ls_max = fmin(SISR_MAX_STRING, avg_len);
    double ks_max = 4.0 * SISR_AVG_REMOVED / (1.0 + ls_max) - 1.0;
    int ks = (int)floor(g_rand_double_range(w->rng, 1.0, ks_max + 1.0));

    int seed;
    do
        seed = g_rand_int_range(w->rng, 0, p->n);
    while (s->route_of[seed] < 0);

    int ruined = 0;
    for (int k = -1; k < p->k_neigh && ruined < ks; k++) {
        int c = k < 0 ? seed : p->neighbours[(size_t)seed * p->k_neigh + k];
        if (c < 0)
            break;
        int v = s->route_of[c];
        if (v < 0 || w->route_ruined[v])
            continue;
        cr_sroute *r = &s->routes[v];
        double lmax = fmin((double)r->len, ls_max);
        int l = (int)floor(g_rand_double_range(w->rng, 1.0, lmax + 1.0));
        if (l > r->len)
            l = r->len;
        int pos = position_of(r, c);
        int from = pos - g_rand_int_range(w->rng, 0, l);
        if (from < 0)
            from = 0;
        if (from + l > r->len)
            from = r->len - l;
        remove_string(p, s, w, v, from, l);
        w->route_ruined[v] = 1;
        ruined++;
    }
}

/* ---------- recreate: greedy insertion with blinks ---------- */

static void sort_removed(const cr_problem *p, work *w)
{
    /* SISR's orders: random 4, demand 4, far 2, close 1. For care visits
     * (no demand) the tightest window first replaces demand. */
    int choice = g_rand_int_range(w->rng, 0, 11);
    for (int k = w->n_removed - 1; k > 0; k--) { /* shuffle first: ties break randomly */
        int j = g_rand_int_range(w->rng, 0, k + 1);
        int t = w->removed[k];
        w->removed[k] = w->removed[j];
        w->removed[j] = t;
    }
    if (w->absences && g_rand_boolean(w->rng)) {
        for (int k = 0; k < w->n_removed; k++)
            w->sort_key[w->removed[k]] = -w->absences[w->removed[k]];
        goto sort;
    }
    if (choice < 4)
        return;
    for (int k = 0; k < w->n_removed; k++) {
        int u = w->removed[k];
        int depot = p->n_vehicles_of[u] > 0 ? p->v_start[p->vehicles_of[u][0]] : p->loc[u];
        double key;
        if (choice < 8)
            key = p->model->is_vrptw ? -p->demand[u] : p->due[u] - p->ready[u];
        else if (choice < 10)
            key = -cr_problem_cost(p, depot, p->loc[u]);
        else
            key = cr_problem_cost(p, depot, p->loc[u]);
        w->sort_key[u] = key;
    }
sort:
    /* insertion sort keeps it stable; removed sets are small */
    for (int a = 1; a < w->n_removed; a++) {
        int u = w->removed[a], b = a - 1;
        while (b >= 0 && w->sort_key[w->removed[b]] > w->sort_key[u]) {
            w->removed[b + 1] = w->removed[b];
            b--;
        }
        w->removed[b + 1] = u;
    }
}

/* Blinks need a random number per position evaluated: a xorshift64* step
 * is far cheaper than GRand's Mersenne twister, and still seeded from it. */
static inline bool blink(work *w)
{
    w->xs ^= w->xs >> 12;
    w->xs ^= w->xs << 25;
    w->xs ^= w->xs >> 27;
    return w->xs * UINT64_C(2685821657736338717) < (uint64_t)(BLINK_RATE * 18446744073709551616.0);
}

typedef struct {
    double cost;
    int v, pos;
} place;

static void try_route(const cr_problem *p, const cr_sroute *r, int u, double extra, work *w, place *best)
{
    for (int pos = 0; pos <= r->len; pos++) {
        if (blink(w))
            continue;
        double d = cr_sroute_insertion_delta(p, r, u, pos) + extra;
        w->moves++;
        if (d < best->cost) {
            best->cost = d;
            best->v = r->vehicle;
            best->pos = pos;
        }
    }
}

/* Routes of a visit's nearest neighbours are tried first (granular
 * insertion); only if none of them has room are all routes tried. */
#define GRANULAR_NEIGHBOURS 40

/* Insert every unassigned visit at its cheapest feasible place, skipping
 * places at random (blinks). Empty routes are opened only while fewer than
 * route_limit routes are in use. */
static void recreate(const cr_problem *p, cr_ssol *s, work *w, int route_limit)
{
    int used = 0;
    for (int v = 0; v < p->n_vehicles; v++)
        used += s->routes[v].len > 0;
    /* everything unassigned is (re)inserted: the visits just removed and
     * those left out earlier, which get another chance every time */
    w->n_removed = 0;
    for (int i = 0; i < p->n; i++)
        if (s->route_of[i] < 0)
            w->removed[w->n_removed++] = i;
    sort_removed(p, w);
    /* opening another route loses to any feasible place in a used one when
     * vehicles come first */
    const double open_cost = p->fleet_first ? 1e12 : 0.0;
    const int k_max = p->k_neigh < GRANULAR_NEIGHBOURS ? p->k_neigh : GRANULAR_NEIGHBOURS;
    for (int k = 0; k < w->n_removed; k++) {
        int u = w->removed[k];
        place best = {INFINITY, -1, -1};
        int now = ++w->stamp_now;
        const int *nb = &p->neighbours[(size_t)u * p->k_neigh];
        for (int j = 0; j < k_max && nb[j] >= 0; j++) {
            int v = s->route_of[nb[j]];
            if (v < 0 || w->seen[v] == now)
                continue;
            w->seen[v] = now;
            if (cr_problem_may_serve(p, u, v))
                try_route(p, &s->routes[v], u, 0.0, w, &best);
        }
        if (best.v < 0)
            for (int a = 0; a < p->n_vehicles_of[u]; a++) {
                int v = p->vehicles_of[u][a];
                if (w->seen[v] != now && s->routes[v].len > 0) {
                    w->seen[v] = now;
                    try_route(p, &s->routes[v], u, 0.0, w, &best);
                }
            }
        /* an empty route: always a candidate when travel is all that
         * counts (carers start from different homes), else a last resort */
        if ((best.v < 0 || !p->fleet_first) && used < route_limit)
            for (int a = 0; a < p->n_vehicles_of[u]; a++) {
                int v = p->vehicles_of[u][a];
                if (s->routes[v].len > 0)
                    continue;
                int twin = p->v_twin_of[v];
                if (w->stamp[twin] == now)
                    continue;
                w->stamp[twin] = now;
                try_route(p, &s->routes[v], u, open_cost, w, &best);
            }
        if (best.v >= 0) {
            cr_sroute *r = &s->routes[best.v];
            used += r->len == 0;
            cr_sroute_insert(r, u, best.pos);
            cr_sroute_update(p, r);
            s->route_of[u] = best.v;
        }
    }
    w->n_removed = 0;
    cr_ssol_refresh(s);
}

/* ---------- the annealing loop ---------- */

static double elapsed_s(const cr_search_shared *sh)
{
    return (double)(g_get_monotonic_time() - sh->t0) / 1e6;
}

void cr_search_report(cr_search_shared *sh, double cost, int unassigned, double fraction, bool improved)
{
    cr_search_report_part(sh, -1, cost, unassigned, fraction, improved);
}

void cr_search_report_part(cr_search_shared *sh, int part, double cost, int unassigned, double fraction,
                           bool improved)
{
    if (!sh->progress)
        return;
    gint64 now = g_get_monotonic_time();
    g_mutex_lock(&sh->lock);
    if (part >= 0 && part < sh->n_parts) {
        /* this part's best, then the whole plan's: the sum over parts */
        if (unassigned < sh->part_unassigned[part] ||
            (unassigned == sh->part_unassigned[part] && cost < sh->part_cost[part])) {
            sh->part_unassigned[part] = unassigned;
            sh->part_cost[part] = cost;
        }
        cost = 0;
        unassigned = 0;
        for (int q = 0; q < sh->n_parts; q++) {
            cost += sh->part_cost[q];
            unassigned += sh->part_unassigned[q];
        }
    }
    bool better = unassigned < sh->best_unassigned ||
                  (unassigned == sh->best_unassigned && cost < sh->best_travel);
    if (better) {
        sh->best_unassigned = unassigned;
        sh->best_travel = cost;
    }
    /* at most ~20 calls a second, however fast improvements come */
    if (now - sh->last_report >= (improved && better ? 50000 : 100000)) {
        sh->last_report = now;
        if (sh->progress(fmin(1.0, fraction), sh->best_travel, (size_t)sh->best_unassigned, sh->progress_user))
            g_atomic_int_set(sh->cancel, 1);
    }
    g_mutex_unlock(&sh->lock);
}

static void report(cr_search_shared *sh, const cr_ssol *best, double fraction, bool improved)
{
    cr_search_report(sh, best->travel, best->n_unassigned, fraction, improved);
}

static void note_best(const cr_search_shared *sh, const cr_ssol *best, cr_search_stats *stats)
{
    double now = elapsed_s(sh);
    stats->best_found_seconds = now;
    if (best->n_unassigned == 0 && isnan(stats->first_complete_seconds))
        stats->first_complete_seconds = now;
}

/* Empty the route with the fewest visits: its visits become unassigned. */
static void remove_smallest_route(const cr_problem *p, cr_ssol *s)
{
    int pick = -1;
    for (int v = 0; v < p->n_vehicles; v++)
        if (s->routes[v].len > 0 && (pick < 0 || s->routes[v].len < s->routes[pick].len))
            pick = v;
    if (pick < 0)
        return;
    cr_sroute *r = &s->routes[pick];
    for (int i = 0; i < r->len; i++)
        s->route_of[r->nodes[i]] = -1;
    cr_sroute_clear(r);
    cr_ssol_refresh(s);
}

/* Ejection insertion (after Nagata & Braysy's ejection pool): for each
 * visit still out, find a route among its neighbours' where it fits once one
 * visit that has been absent less often is taken out, and swap them. The
 * unassigned count stays, the absence sum falls: hard visits get placed and
 * easy ones wait. O(route length^2) per route tried. */
static void eject_insert(const cr_problem *p, cr_ssol *s, work *w, const double *absences)
{
    cr_sroute tmp;
    cr_sroute_init(&tmp, 0, 16);
    const int k_max = p->k_neigh < GRANULAR_NEIGHBOURS ? p->k_neigh : GRANULAR_NEIGHBOURS;
    for (int u = 0; u < p->n; u++) {
        if (s->route_of[u] >= 0)
            continue;
        double best_abs = absences[u];
        double best_cost = INFINITY;
        int best_v = -1, best_i = -1, best_pos = -1;
        int now = ++w->stamp_now;
        const int *nb = &p->neighbours[(size_t)u * p->k_neigh];
        for (int j = 0; j < k_max && nb[j] >= 0; j++) {
            int v = s->route_of[nb[j]];
            if (v < 0 || w->seen[v] == now || !cr_problem_may_serve(p, u, v))
                continue;
            w->seen[v] = now;
            const cr_sroute *r = &s->routes[v];
            for (int i = 0; i < r->len; i++) {
                int c = r->nodes[i];
                if (absences[c] > best_abs)
                    continue;
                cr_sroute_copy(&tmp, r);
                cr_sroute_remove_range(&tmp, i, 1);
                if (cr_sroute_update(p, &tmp) >= 0)
                    continue;
                for (int pos = 0; pos <= tmp.len; pos++) {
                    double d = cr_sroute_insertion_delta(p, &tmp, u, pos);
                    w->moves++;
                    if (d == INFINITY)
                        continue;
                    if (absences[c] < best_abs || d < best_cost) {
                        best_abs = absences[c];
                        best_cost = d;
                        best_v = v;
                        best_i = i;
                        best_pos = pos;
                    }
                }
            }
        }
        if (best_v >= 0) {
            cr_sroute *r = &s->routes[best_v];
            int c = r->nodes[best_i];
            cr_sroute_remove_range(r, best_i, 1);
            cr_sroute_insert(r, u, best_pos);
            cr_sroute_update(p, r);
            s->route_of[c] = -1;
            s->route_of[u] = best_v;
        }
    }
    cr_sroute_free(&tmp);
    cr_ssol_refresh(s);
}

static gint cmp_double_desc(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

static double absence_sum(const cr_problem *p, const cr_ssol *s, const double *absences)
{
    double sum = 0;
    for (int i = 0; i < p->n; i++)
        if (s->route_of[i] < 0)
            sum += absences[i];
    return sum;
}

/* Where the search stands, 0..1, for its phases and temperature. With an
 * iteration limit this counts iterations only, so that a seed, thread count
 * and iteration limit give the same plan however fast the machine is; the
 * time limit then only stops the search (search_over). */
double cr_search_fraction(const cr_search_shared *sh, int64_t it)
{
    if (sh->iteration_limit > 0)
        return (double)it / (double)sh->iteration_limit;
    return sh->time_limit > 0 ? elapsed_s(sh) / sh->time_limit : 0.0;
}

bool cr_search_over(const cr_search_shared *sh, int64_t it)
{
    return g_atomic_int_get(sh->cancel) || cr_search_fraction(sh, it) >= 1.0 ||
           (sh->time_limit > 0 && elapsed_s(sh) >= sh->time_limit);
}

/* Fewest routes that can carry the total demand: vehicles taken largest
 * capacity first (per day). A fleet at this bound cannot shrink. */
static int capacity_bound(const cr_problem *p)
{
    int bound = 0;
    for (int d = 0; d < p->model->n_days; d++) {
        double demand = 0;
        for (int i = 0; i < p->n; i++)
            if (p->day[i] == d)
                demand += p->demand[i];
        if (demand <= 0)
            continue;
        GArray *caps = g_array_new(FALSE, FALSE, sizeof(double));
        for (int v = 0; v < p->n_vehicles; v++)
            if (p->v_day[v] == d)
                g_array_append_val(caps, p->v_cap[v]);
        g_array_sort(caps, cmp_double_desc);
        for (guint k = 0; k < caps->len && demand > 1e-9; k++) {
            demand -= g_array_index(caps, double, k);
            bound++;
        }
        g_array_free(caps, TRUE);
    }
    return bound;
}

/* Share of the search given to removing routes when vehicles come first. */
#define FLEET_PHASE_SHARE 0.5

/* Fleet minimisation (SISR section 4.3 style): from the best complete plan,
 * empty its smallest route and ruin-and-recreate with the fleet capped one
 * lower, accepting a candidate with fewer unassigned visits, or whose
 * unassigned visits have been absent less often in sum (absence counters
 * steer the search towards placing the chronically hard visits). On
 * success, repeat. */
static void fleet_phase(const cr_problem *p, cr_search_shared *sh, work *w, cr_ssol *cur, cr_ssol *cand,
                        cr_ssol *best, cr_search_stats *stats, int64_t *it)
{
    double *absences = g_new0(double, p->n + 1);
    const int bound = capacity_bound(p);
    int limit = best->used;
    w->absences = absences;
    while (!cr_search_over(sh, *it) && cr_search_fraction(sh, *it) < FLEET_PHASE_SHARE) {
        if (cur->n_unassigned == 0) {
            if (cr_ssol_compare(cur, best) < 0) {
                cr_ssol_copy(best, cur);
                note_best(sh, best, stats);
                report(sh, best, cr_search_fraction(sh, *it), true);
            }
            if (cur->used <= 1 || cur->used <= bound)
                break;
            remove_smallest_route(p, cur);
            limit = cur->used;
        }
        cr_ssol_copy(cand, cur);
        ruin(p, cand, w);
        recreate(p, cand, w, limit);
        if (cand->n_unassigned > 0)
            eject_insert(p, cand, w, absences);
        (*it)++;
        /* SISR's rule: fewer visits out, or out visits that have been out
         * less often, even if there are more of them. Letting several easy
         * visits out to place one hard one is what empties a route; asking
         * for no more visits out as well (tried) left Solomon at +7 routes
         * at 1 s, where this rule gives +3 (bench/results/README.md). */
        if (cand->n_unassigned < cur->n_unassigned ||
            absence_sum(p, cand, absences) < absence_sum(p, cur, absences))
            cr_ssol_copy(cur, cand);
        for (int i = 0; i < p->n; i++)
            if (cur->route_of[i] < 0)
                absences[i] += 1.0;
        if ((*it & 63) == 0)
            report(sh, best, cr_search_fraction(sh, *it), false);
    }
    w->absences = NULL;
    g_free(absences);
    cr_ssol_copy(cur, best);
}

/* Simulated annealing over ruin and recreate, from cur, until the progress
 * fraction reaches `until`; the temperature falls from t_start to t_end over
 * that span. Visits left out weigh first, then (vehicles first) routes, then
 * travel. */
static void anneal(const cr_problem *p, cr_search_shared *sh, work *w, cr_ssol *cur, cr_ssol *cand,
                   cr_ssol *best, cr_search_stats *stats, int64_t *it, double until, int route_limit,
                   double t_start, double t_end)
{
    const double from = cr_search_fraction(sh, *it);
    while (p->n > 0 && !cr_search_over(sh, *it)) {
        double fraction = cr_search_fraction(sh, *it);
        if (fraction >= until)
            break;
        double temp = t_start * pow(t_end / t_start, (fraction - from) / fmax(1e-9, until - from));

        cr_ssol_copy(cand, cur);
        ruin(p, cand, w);
        recreate(p, cand, w, route_limit);
        (*it)++;
        /* Local search polishes a candidate about to become the best plan.
         * Measured (bench/results/README.md): polishing every candidate, or
         * those near the current plan, costs more ruin-and-recreate
         * iterations than it gains at these time limits. */
        if (cr_ssol_compare(cand, best) < 0)
            w->moves += cr_ls_run(w->ls, cand, w->rng);

        bool accept;
        if (cand->penalty != cur->penalty)
            accept = cand->penalty < cur->penalty;
        else if (p->fleet_first && cand->used != cur->used)
            accept = cand->used < cur->used;
        else
            accept = cand->travel < cur->travel - temp * log(g_rand_double(w->rng));
        if (accept)
            cr_ssol_copy(cur, cand);
        bool improved = cr_ssol_compare(cur, best) < 0;
        if (improved) {
            cr_ssol_copy(best, cur);
            note_best(sh, best, stats);
        }
        if (improved || (*it & 63) == 0)
            report(sh, best, fraction, improved);
    }
}

/* Share of the search annealing from the greedy plan before the fleet phase. */
#define WARM_UP_SHARE 0.1

void cr_search_run(const cr_problem *p, uint32_t seed, cr_search_shared *sh, cr_ssol *best,
                   cr_search_stats *stats)
{
    stats->iterations = 0;
    stats->moves = 0;
    stats->first_complete_seconds = NAN;
    stats->best_found_seconds = NAN;
    work w = {0};
    w.rng = g_rand_new_with_seed(seed);
    w.removed = g_new(int, p->n + 1);
    w.route_ruined = g_new0(char, p->n_vehicles + 1);
    w.sort_key = g_new0(double, p->n + 1);
    w.stamp = g_new0(int, p->n_vehicles + 1);
    w.seen = g_new0(int, p->n_vehicles + 1);
    w.xs = ((uint64_t)g_rand_int(w.rng) << 32 | g_rand_int(w.rng)) | 1;
    w.ls = cr_ls_new(p);

    cr_ssol cur, cand;
    cr_ssol_init(&cur, p);
    cr_ssol_init(&cand, p);
    recreate(p, &cur, &w, p->n_vehicles);
    cr_ssol_copy(best, &cur);
    note_best(sh, best, stats);
    report(sh, best, 0.0, true);
    /* Temperatures as in SISR (100 -> 1), scaled by the mean arc of the
     * greedy construction: a property of the instance, not of the phase. */
    double scale = cur.used > 0 ? cur.travel / (p->n - cur.n_unassigned + cur.used) / 10.0 : 1.0;
    if (!(scale > 0))
        scale = 1.0;
    const double t_start = 100.0 * scale, t_end = 1.0 * scale;
    int64_t it = 0;
    /* When no visit has a vehicle that may make it (each is left out with
     * its reason: no carer with the skill, every one excluded, ...), there
     * is nothing to search, and the solve ends at once instead of spending
     * its time limit. */
    bool placeable = false;
    for (int i = 0; i < p->n && !placeable; i++)
        placeable = p->n_vehicles_of[i] > 0;
    if (placeable && p->fleet_first) {
        /* Annealing first finds a good plan in the travel sense (it sheds
         * routes on its way); route removal then starts from there, and the
         * rest of the time anneals with the fleet capped at the best size.
         * Route removal straight from the greedy plan lands in plans that
         * annealing cannot leave without reopening a route. */
        anneal(p, sh, &w, &cur, &cand, best, stats, &it, WARM_UP_SHARE, p->n_vehicles, t_start, t_end);
        cr_ssol_copy(&cur, best);
        if (cur.n_unassigned == 0)
            fleet_phase(p, sh, &w, &cur, &cand, best, stats, &it);
    }
    const int route_limit = p->fleet_first && best->n_unassigned == 0 ? best->used : p->n_vehicles;
    if (placeable)
        anneal(p, sh, &w, &cur, &cand, best, stats, &it, 1.0, route_limit, t_start, t_end);
    stats->iterations = it;
    stats->moves = w.moves;

    cr_ssol_free(&cur);
    cr_ssol_free(&cand);
    g_rand_free(w.rng);
    g_free(w.removed);
    g_free(w.route_ruined);
    g_free(w.sort_key);
    g_free(w.stamp);
    g_free(w.seen);
    cr_ls_free(w.ls);
}
