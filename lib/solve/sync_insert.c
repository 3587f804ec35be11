/* Putting visits into a plan of the rota search (see sync_internal.h): the
 * best place for a visit or a double-up's pair, reinsertion at a few likely
 * places, ruin and recreate, and room made for a visit that greedy
 * insertion cannot place. */
#include "sync_internal.h"

#include <math.h>
#include <string.h>

/* Beyond this many places (route and position) for one visit, only the
 * SCREEN_KEEP that look cheapest from the routes' own schedules are
 * scheduled for real. Each scheduling costs the day's visits, so trying
 * every place is quadratic in the day: on a zone of 4,000 clients (parts
 * of 3,800 visits a day on 620 carers) the first plan alone took 19 s
 * against a 20 s limit. Parts of the 300-client generated week have about
 * 130 places per visit and are tried in full, as before. */
#define EXACT_PLACES 512
#define SCREEN_KEEP 24

typedef struct {
    double score;
    int v, pos;
} place;

static int cmp_place(const void *a, const void *b)
{
    const place *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    if (x->v != y->v)
        return x->v - y->v;
    return x->pos - y->pos;
}

/* How cheap putting visit i at position pos of route v looks from the
 * route's own schedule: the extra travel, and lateness at a price that puts
 * places past a hard window last. */
static double place_score(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int v, int pos)
{
    const cr_problem *p = sp->p;
    int loc = p->loc[i], prev_loc, next_loc;
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
    double start = fmax(t + cr_problem_vtime(p, v, prev_loc, loc), p->ready[i]);
    double late = start - p->due[i];
    return detour + (late > 0 ? (sp->m->visits[i].soft_due ? sp->w_tard + sp->w_max : 1e6) * late : 0);
}

/* Best feasible place for unassigned visit i, by scheduling every option
 * (or, past EXACT_PLACES, the likeliest SCREEN_KEEP, and further ones in
 * the same order only while none of those schedules); leaves i there and
 * returns true, or leaves it out. */
bool sync_insert_best(const cr_sync_problem *sp, cr_sync_sol *s, int i, sync_scratch *w)
{
    const cr_problem *p = sp->p;
    int n_places = 0;
    for (int k = 0; k < p->n_vehicles_of[i]; k++) {
        int v = p->vehicles_of[i][k];
        if (sync_may_take(sp, s, i, v))
            n_places += s->len[v] + 1;
    }
    /* every place in route order; past EXACT_PLACES, likeliest first */
    bool screened = n_places > EXACT_PLACES;
    place few[EXACT_PLACES], *places = screened ? g_new(place, (size_t)n_places) : few;
    int n = 0;
    for (int k = 0; k < p->n_vehicles_of[i]; k++) {
        int v = p->vehicles_of[i][k];
        if (!sync_may_take(sp, s, i, v))
            continue;
        for (int pos = 0; pos <= s->len[v]; pos++)
            places[n++] = (place){screened ? place_score(sp, s, i, v, pos) : 0, v, pos};
    }
    if (screened)
        qsort(places, (size_t)n, sizeof *places, cmp_place);
    int best_v = -1, best_pos = -1;
    double best = INFINITY;
    for (int k = 0; k < n && !(screened && k >= SCREEN_KEEP && best_v >= 0); k++) {
        sync_insert_at(s, sp, i, places[k].v, places[k].pos);
        double c = sync_schedule(sp, s, w);
        sync_remove_visit(s, sp, i);
        if (c < best - EPS) {
            best = c;
            best_v = places[k].v;
            best_pos = places[k].pos;
        }
    }
    if (screened)
        g_free(places);
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
    if (!sync_insert_best(sp, s, i, w))
        return false;
    if (q < 0 || s->veh[q] >= 0)
        return true;
    if (sync_insert_best(sp, s, q, w))
        return true;
    sync_remove_visit(s, sp, i);
    s->cost = sync_schedule(sp, s, w);
    return false;
}

/* Where in route v visit i probably fits best, judged from the route's own
 * schedule: the least extra travel plus the lateness it would start with. */
int sync_likely_position(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int v)
{
    int best = 0;
    double best_score = INFINITY;
    for (int pos = 0; pos <= s->len[v]; pos++) {
        double score = place_score(sp, s, i, v, pos);
        if (score < best_score) {
            best_score = score;
            best = pos;
        }
    }
    return best;
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
        int pos = sync_likely_position(sp, s, i, v);
        /* the same proxy as likely_position, for ranking routes */
        int prev_loc = pos ? p->loc[s->seq[v][pos - 1]] : p->v_start[v];
        int next_loc = pos < s->len[v] ? p->loc[s->seq[v][pos]] : p->v_end[v];
        double score = cr_problem_vcost(p, v, prev_loc, p->loc[i]) + cr_problem_vcost(p, v, p->loc[i], next_loc) -
                       cr_problem_vcost(p, v, prev_loc, next_loc) + care_delta(sp, s, i, v) + 1e-9 * sync_rnd_unit(st);
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
        sync_insert_at(s, sp, x, v, sync_likely_position(sp, s, x, v));
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
    /* Any carer who may serve it, in vehicle order; under a cap of one
     * (one driver a customer, as in consistent VRP files), first the
     * carers of the visits nearest to the client's, where it most likely
     * fits: in vehicle order alone, every customer was offered the same
     * first carers. (With higher caps, on care weeks, the nearest first
     * was no better in three runs.) */
    bool nearest_first = n > 0 && cr_model_client_cap(sp->m, sp->m->visits[removed[0]].client) == 1;
    for (int pass = nearest_first ? 0 : 1; pass < 2; pass++)
        for (int k = 0; k < n && n_cand < MAX_CANDIDATES; k++) {
            int x = removed[k], m = pass == 0 ? p->k_neigh : p->n_vehicles_of[x];
            for (int q = 0; q < m && n_cand < MAX_CANDIDATES; q++) {
                int carer;
                if (pass == 0) {
                    int j = p->neighbours[(size_t)x * p->k_neigh + q];
                    if (j < 0 || s->veh[j] < 0)
                        continue;
                    carer = p->v_carer[s->veh[j]];
                } else {
                    carer = p->v_carer[p->vehicles_of[x][q]];
                }
                int t = 0;
                while (t < n_cand && cand[t] != carer)
                    t++;
                if (t == n_cand)
                    cand[n_cand++] = carer;
            }
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

/* Whether any visit of client c is half of a double-up. */
static bool client_has_double_ups(const cr_sync_problem *sp, int c)
{
    for (int k = sp->client_first[c]; k < sp->client_first[c + 1]; k++)
        if (sp->partner[sp->client_visits[k]] >= 0)
            return true;
    return false;
}

/* The most clients put back together with a client capped at one carer. */
enum { MAX_GROUPED = 3 };

/* Up to `want` more capped clients without double-ups, those of visits
 * nearest to `seed` (each drawn with even odds) and not in group[0..):
 * all their visits out, and appended to group after its first entry.
 * Returns how many were added. */
static int take_out_near_clients(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st, int seed, int *group,
                                 int want)
{
    const cr_problem *p = sp->p;
    int n_group = 1;
    for (int k = 0; k < p->k_neigh && n_group < 1 + want; k++) {
        int j = p->neighbours[(size_t)seed * p->k_neigh + k];
        if (j < 0)
            break;
        int cj = sp->m->visits[j].client, t = 0;
        while (t < n_group && group[t] != cj)
            t++;
        if (t < n_group || s->veh[j] < 0 || cr_model_client_cap(sp->m, cj) <= 0 || sync_rnd_unit(st) >= 0.5 ||
            client_has_double_ups(sp, cj))
            continue;
        for (int q = sp->client_first[cj]; q < sp->client_first[cj + 1]; q++)
            if (s->veh[sp->client_visits[q]] >= 0)
                sync_remove_visit(s, sp, sp->client_visits[q]);
        group[n_group++] = cj;
    }
    return n_group - 1;
}

/* Remove a visit and some of its neighbours (with their partners), or, in
 * care scenarios, now and then all of a client's visits over the week, and
 * put them back one by one: the first of a client's visits back picks a
 * carer, and continuity draws the others to the same one. */
void sync_ruin_recreate(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, uint32_t *st)
{
    const cr_problem *p = sp->p;
    int seed = sync_random_visit(sp, st);
    int *removed = w->removed, n_removed = 0;
    if ((sp->care || sp->capped) && sync_rnd_unit(st) < 0.3) {
        int c = sp->m->visits[seed].client;
        bool pairs = false;
        for (int k = sp->client_first[c]; k < sp->client_first[c + 1]; k++) {
            pairs |= sp->partner[sp->client_visits[k]] >= 0;
            if (s->veh[sp->client_visits[k]] >= 0)
                remove_with_partner(sp, s, sp->client_visits[k], removed, &n_removed);
        }
        /* a capped client without double-ups goes back to one carer, with
         * the visits that were out already; under a cap of one, now and
         * then with the clients of a few of its nearest visits (the only
         * way two such clients can trade carers). Where the cap is higher
         * and carers have days off, one carer cannot take a client's whole
         * week, and the group was nearly always turned down: on the
         * 300-client week capped at 3 carers it cost 7% in one run of two. */
        if (sp->capped && !pairs && cr_model_client_cap(sp->m, c) > 0) {
            int group[1 + MAX_GROUPED] = {c}, n_group = 1;
            if (cr_model_client_cap(sp->m, c) == 1)
                n_group += take_out_near_clients(sp, s, st, seed, group, sync_rnd_below(st, MAX_GROUPED + 1));
            for (int g = 0; g < n_group; g++) {
                int cg = group[g];
                n_removed = 0;
                for (int k = sp->client_first[cg]; k < sp->client_first[cg + 1]; k++)
                    if (s->veh[sp->client_visits[k]] < 0 && sp->in_part[sp->client_visits[k]])
                        removed[n_removed++] = sp->client_visits[k];
                reinsert_client_together(sp, s, w, removed, n_removed);
            }
            return;
        }
    } else {
        int want = 3 + sync_rnd_below(st, 8);
        for (int k = -1; k < p->k_neigh && n_removed < want; k++) {
            int j = k < 0 ? seed : p->neighbours[(size_t)seed * p->k_neigh + k];
            if (j < 0)
                break;
            if (s->veh[j] < 0 || (k >= 0 && sync_rnd_unit(st) >= 0.7))
                continue;
            remove_with_partner(sp, s, j, removed, &n_removed);
        }
    }
    /* random order */
    for (int k = n_removed - 1; k > 0; k--) {
        int r = sync_rnd_below(st, k + 1), t = removed[k];
        removed[k] = removed[r];
        removed[r] = t;
    }
    for (int k = 0; k < n_removed; k++)
        if (s->veh[removed[k]] < 0)
            reinsert_pair(sp, s, removed[k], w, st);
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
    sync_insert_at(s, sp, x, v, sync_likely_position(sp, s, x, v));
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
    sync_sol_copy(backup, s, sp);
    int first = sync_rnd_below(st, n1);
    for (int a = 0; a < n1; a++) {
        int v1 = p->vehicles_of[i][(first + a) % n1];
        int tries = q < 0 ? 1 : MIN(PARTNER_TRIES, p->n_vehicles_of[q]);
        for (int b = 0; b < tries && sync_may_take(sp, s, i, v1); b++) {
            int out[2], n_out = 0;
            bool ok = place_with_room(sp, s, w, i, v1, out, &n_out);
            if (ok && q >= 0) {
                int v2 = p->vehicles_of[q][sync_rnd_below(st, p->n_vehicles_of[q])];
                ok = sync_may_take(sp, s, q, v2) && place_with_room(sp, s, w, q, v2, out, &n_out);
            }
            for (int k = 0; ok && k < n_out; k++)
                reinsert(sp, s, out[k], w, st);
            if (ok) {
                s->cost = sync_schedule(sp, s, w);
                if (isfinite(s->cost) && s->penalty < before)
                    return true;
            }
            sync_sol_copy(s, backup, sp);
        }
    }
    return false;
}
