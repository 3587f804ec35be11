/* The rota search's small moves (see sync_internal.h): relocate, swap,
 * reverse, 2-opt*, two carers trading days, a whole client to another
 * carer, and undoing them. */
#include "sync_internal.h"

#include <math.h>
#include <string.h>

/* The share of a care plan's swaps that trade a visit for the one at about
 * its time on the route of a carer its client already sees: the exchange
 * that moves a relief's call back to the client's own carer when that
 * carer's route is full at that hour (a relocate alone would not fit).
 * On the 300-client generated week at weight 10, 60 s, 2 threads, the
 * median cost of solver seeds 1-3 went from 20,188 to 19,686 (-2.5%;
 * 0.5, 0.75 and 1.0 gave -2.0%, -2.3%, -1.6%). */
#define ALIGNED_SWAP_SHARE 0.25
/* The share of whole-client moves that go to one of the carers living
 * nearest the client (sync_move_client). On the 300-client generated week at
 * weight 10, 60 s, 2 threads, solver seeds 1-3, the median cost went from
 * 19,870 to 19,566 and from 19,958 to 19,760 in two batches (-1.2%; 5 of 6
 * pairs won, with fewer carers as well as less travel; 0.6: -0.8%); at
 * weight 6, 17,836 against 17,853 (the same). */
#define NEAR_HOME_SHARE 0.3

static void reverse(int *a, int from, int to)
{
    for (; from < to; from++, to--) {
        int t = a[from];
        a[from] = a[to];
        a[to] = t;
    }
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

/* A random carer other than i's who already serves i's client (or one the
 * client prefers): that carer's vehicle on i's day, or -1. */
static int client_carer_vehicle(const cr_sync_problem *sp, const cr_sync_sol *s, int i, uint32_t *st)
{
    const cr_problem *p = sp->p;
    int c = sp->m->visits[i].client, from = sp->client_first[c], n = sp->client_first[c + 1] - from;
    const cr_client *cl = &sp->m->clients[c];
    int carer = -1;
    if (cl->n_preferred > 0 && sync_rnd_unit(st) < 0.3) {
        carer = cl->preferred[sync_rnd_below(st, cl->n_preferred)];
    } else {
        int x = sp->client_visits[from + sync_rnd_below(st, n)];
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
bool sync_random_move(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st, sync_move *mv)
{
    const cr_problem *p = sp->p;
    if (sp->n_own == 0)
        return false;
    double r = sync_rnd_unit(st);
    int i = sync_random_visit(sp, st);
    if (r < 0.5 || s->veh[i] < 0) {
        if (p->n_vehicles_of[i] == 0)
            return false;
        /* Mostly towards the route of a nearby visit; sometimes anywhere. */
        int v = -1;
        if (sp->care && sync_rnd_unit(st) < 0.25)
            v = client_carer_vehicle(sp, s, i, st);
        if (v < 0 && sync_rnd_unit(st) < 0.75) {
            int j = sync_near_visit(sp, i, st);
            if (j >= 0 && s->veh[j] >= 0)
                v = s->veh[j];
        }
        if (v < 0)
            v = p->vehicles_of[i][sync_rnd_below(st, p->n_vehicles_of[i])];
        int from_v = s->veh[i];
        if (from_v != v && !sync_may_take(sp, s, i, v))
            return false;
        mv->kind = MOVE_RELOCATE;
        mv->i = i;
        mv->from_v = from_v;
        mv->from_pos = from_v >= 0 ? sync_remove_visit(s, sp, i) : -1;
        mv->to_v = v;
        mv->to_pos = sync_rnd_unit(st) < 0.8 ? sync_likely_position(sp, s, i, v) : sync_rnd_below(st, s->len[v] + 1);
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
        int j = sync_near_visit(sp, i, st);
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
        if (sp->care && s->veh[i] >= 0 && sync_rnd_unit(st) < ALIGNED_SWAP_SHARE) {
            /* with a carer the client knows: the visit there at about i's time */
            int vj = client_carer_vehicle(sp, s, i, st);
            j = vj >= 0 ? visit_at_time(s, vj, s->start[i]) : -1;
        } else {
            j = sync_rnd_unit(st) < 0.75 ? sync_near_visit(sp, i, st) : sync_random_visit(sp, st);
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
    int a = sync_rnd_below(st, s->len[v]), b = sync_rnd_below(st, s->len[v]);
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

void sync_undo(const cr_sync_problem *sp, cr_sync_sol *s, const sync_move *mv)
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
    case MOVE_DAYS_OFF:
        if (mv->a >= 0)
            swap_carers(sp, s, mv->a, mv->b);
        swap_carers(sp, s, mv->from_v, mv->to_v);
        break;
    }
}

/* The runs stay as they are; who drives them on which days changes. A
 * carer near the client of a random visit who is off that day takes the
 * visit's run; when that would take them over their days (or cost them
 * their two days off in a row), they give the first carer their run of a
 * day the first carer is off. Where every carer works as many days as they
 * may, only such pairs of hand-overs move days off: a single one always
 * breaks a limit. */
bool sync_move_days_off(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st, sync_move *mv)
{
    const cr_problem *p = sp->p;
    int i = sync_random_visit(sp, st), a = s->veh[i];
    if (a < 0)
        return false;
    int day = p->day[i], carer_a = p->v_carer[a];
    int near = sp->near_carers[(size_t)sp->m->visits[i].client * NEAR_CARERS + sync_rnd_below(st, NEAR_CARERS)];
    int b = near >= 0 ? sp->vehicle_at[(size_t)near * sp->n_days + day] : -1;
    if (b < 0 || b == a || s->len[b] > 0 || !carers_may_swap(sp, s, a, b))
        return false;
    int carer_b = p->v_carer[b], back_from = -1, back_to = -1;
    if (!sync_day_free(sp, s, carer_b, day)) {
        /* a day carer_b works and carer_a is off, at random among them */
        int seen = 0;
        for (int d = 0; d < sp->n_days; d++) {
            int vb = sp->vehicle_at[(size_t)carer_b * sp->n_days + d];
            int va = sp->vehicle_at[(size_t)carer_a * sp->n_days + d];
            if (d == day || vb < 0 || va < 0 || s->len[vb] == 0 || s->len[va] > 0 || !carers_may_swap(sp, s, vb, va))
                continue;
            if (sync_rnd_below(st, ++seen) == 0) {
                back_from = vb;
                back_to = va;
            }
        }
        if (back_from < 0)
            return false;
    }
    swap_carers(sp, s, a, b);
    if (back_from >= 0)
        swap_carers(sp, s, back_from, back_to);
    mv->kind = MOVE_DAYS_OFF;
    mv->from_v = a;
    mv->to_v = b;
    mv->a = back_from;
    mv->b = back_to;
    return true;
}

/* Whether client c, capped at one carer (one driver a customer, as in
 * consistent VRP files), would see a second if carer `carer` made one of
 * its visits: a trade that gives it one can never schedule. (Higher caps
 * are left to the scheduling: on the 300-client week capped at 3, leaving
 * such trades out was no better in three runs.) */
static bool would_pass_cap(const cr_sync_problem *sp, const cr_sync_sol *s, int c, int carer)
{
    int cap = cr_model_client_cap(sp->m, c);
    if (cap != 1 || s->client_carers[c] < cap)
        return false;
    for (int k = 0; k < s->client_carers[c]; k++)
        if (s->slot_carer[sp->client_first[c] + k] == carer)
            return false;
    return true;
}

/* Visit x swaps places with the visit of route v at about its time, when
 * that one is another client's and they may trade (may_trade); false
 * (nothing changed) otherwise. */
static bool exchange_visit(const cr_sync_problem *sp, cr_sync_sol *s, int x, int v)
{
    int y = visit_at_time(s, v, s->start[x]);
    if (y < 0 || sp->m->visits[y].client == sp->m->visits[x].client || !may_trade(sp, s, x, y))
        return false;
    if (sp->capped && would_pass_cap(sp, s, sp->m->visits[y].client, sp->p->v_carer[s->veh[x]]))
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
bool sync_move_client(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st)
{
    const cr_problem *p = sp->p;
    int i = sync_random_visit(sp, st);
    if (s->veh[i] < 0 || !(s->client_cost[sp->m->visits[i].client] > 0))
        return false;
    int to = -1;
    if (sync_rnd_unit(st) < NEAR_HOME_SHARE) {
        int carer = sp->near_carers[(size_t)sp->m->visits[i].client * NEAR_CARERS + sync_rnd_below(st, NEAR_CARERS)];
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
        sync_insert_at(s, sp, x, v, sync_likely_position(sp, s, x, v));
    }
    return true;
}
