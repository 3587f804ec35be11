/* What the rota search's files share: the problem as the search sees it,
 * scratch space for scheduling, and the primitives that edit a plan and
 * keep its figures (travel, continuity, working time, penalties) up to
 * date. Internal to lib/solve. */
#ifndef CR_SOLVE_SYNC_INTERNAL_H
#define CR_SOLVE_SYNC_INTERNAL_H

#include "sync_search.h"

#include <limits.h>

#define EPS 1e-7
/* Leaving a visit out costs this times (1 + its priority). */
#define UNASSIGNED_WEIGHT 1e6
/* One half of a pair planned without the other: never a plan to keep. */
#define HALF_PAIR_WEIGHT 1e12

struct cr_sync_problem {
    const cr_problem *p;
    const cr_model *m;
    int n, nv;
    int *own, n_own;  /* the visits this search plans (a part of the problem) */
    bool *in_part;    /* per visit of the problem: one of own */
    int *partner;     /* the other visit of i's sync, -1 */
    double *weight;   /* cost of leaving visit i out */
    double w_tard, w_max;
    int n_days;
    int *day_first, *day_vehicles;       /* vehicles by day (CSR) */
    int *client_first, *client_visits;   /* visits by client (CSR) */
    int *own_clients, n_own_clients;     /* the clients of own visits */
    int *vehicle_at;  /* carer x day: the carer's vehicle that day in this part, -1 */
    bool care;        /* continuity counts (care scenarios with a weight) */
    bool capped;      /* some client may see only so many carers (a hard rule) */
    bool soft_dues;   /* some visit may start after its due time, at a cost */
    double *work_limit; /* per carer: most minutes of contact + travel */
    int *day_limit;     /* per carer: most days with visits (INT_MAX: none) */
    bool days_chosen;   /* some carer has more days offered than allowed */
    bool two_days_off;  /* and the rules give them two days off in a row */
    double *contracted; /* per carer: minutes beyond which work is overtime (INFINITY: none) */
    double w_over;      /* objective weight of a minute of overtime */
    double w_cont, w_pref;
    /* Care weeks: per client, the NEAR_CARERS carers who may serve its first
     * visit and live nearest to it, nearest first (-1 where fewer). */
    int *near_carers;
};

enum { NEAR_CARERS = 6 };

typedef struct {
    int *cursor;      /* per vehicle: next position to schedule */
    double *t;        /* per vehicle: when the carer is free (end of the last visit) */
    int *at;          /* per vehicle: where the carer is */
    double *arrival;  /* per visit: earliest start from its own route (waiting for a partner) */
    bool *waiting;    /* per visit: its route stands at it, waiting for the partner */
    int *stack;       /* vehicles to advance */
    int *queue;       /* vehicles whose routes are worked out again */
    bool *redo;       /* per vehicle: changed, or tied by double-ups to one that did */
    /* Whether finding the tied routes pays: where double-ups tie nearly
     * every route of a day to a changed one (one-day instances with many
     * double services), finding them costs more than it saves, and every
     * route is worked out again. Measured on samples, as the plan changes. */
    int64_t days_scheduled;
    int64_t routes_seen, routes_redone; /* in the present sample */
    bool all_routes;
    int *removed;     /* visits out for ruin and recreate */
} sync_scratch;


/* Duration of visit i on vehicle v (its carer may be slower or faster). */
static inline double sync_duration(const cr_sync_problem *sp, int i, int v)
{
    return cr_model_duration(sp->m, i, sp->p->v_carer[v]);
}

void sync_scratch_init(sync_scratch *w, const cr_sync_problem *sp);
void sync_scratch_free(sync_scratch *w);

/* Bring route v's figures up to date after its sequence changed. */
void sync_refresh_route(const cr_sync_problem *sp, cr_sync_sol *s, int v);
/* Visit i is now on vehicle v (-1: unassigned); its client is recounted. */
void sync_set_vehicle(const cr_sync_problem *sp, cr_sync_sol *s, int i, int v);
/* Schedule the days that changed; the plan's cost, INFINITY when a hard
 * rule cannot hold (the failing day stays marked for the next call). */
double sync_schedule(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w);
/* Put unassigned visit i on route v at pos; take visit i out (returns
 * where it was). */
void sync_insert_at(cr_sync_sol *s, const cr_sync_problem *sp, int i, int v, int pos);
int sync_remove_visit(cr_sync_sol *s, const cr_sync_problem *sp, int i);
/* Carer `carer`, off on `day`, may work it: a day left under their limit,
 * and two days off in a row still where the rules ask for them. */
bool sync_day_free(const cr_sync_problem *sp, const cr_sync_sol *s, int carer, int day);
/* Vehicle v may take visit i: eligible, and not the carer of its partner. */
bool sync_may_take(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int v);
/* Put unassigned visit i (and its partner when out) at the best place,
 * both or neither; true when placed. */
bool sync_insert_pair_best(const cr_sync_problem *sp, cr_sync_sol *s, int i, sync_scratch *w);

/* dst becomes a copy of src (both initialised for sp). */
void sync_sol_copy(cr_sync_sol *dst, const cr_sync_sol *src, const cr_sync_problem *sp);
/* Unassigned visit i (a double-up: with its partner, both out) in where
 * greedy insertion finds no place: a one-carer visit in the way moves
 * elsewhere. True when the plan then leaves less out by priority; else
 * false and the plan as it was (backup: scratch, initialised for sp). */
bool sync_insert_with_room(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, cr_sync_sol *backup, int i,
                           uint32_t *st);

/* The plan's objective: penalties (visits out, rules broken) and cost. */
static inline double sync_objective(const cr_sync_sol *s)
{
    return s->penalty + s->cost;
}

/* Every route scheduled again, each day; the plan's cost. */
double sync_schedule_all(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w);

/* ---- random numbers (xorshift32: the same stream on every machine) ---- */

static inline uint32_t sync_rnd(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static inline int sync_rnd_below(uint32_t *state, int n)
{
    return (int)(sync_rnd(state) % (uint32_t)n);
}

static inline double sync_rnd_unit(uint32_t *state)
{
    return (sync_rnd(state) >> 8) * (1.0 / 16777216.0);
}

/* ---- putting visits in (sync_insert.c) ---- */

/* Unassigned visit i at its cheapest place that schedules; false when none. */
bool sync_insert_best(const cr_sync_problem *sp, cr_sync_sol *s, int i, sync_scratch *w);

/* A random visit of this part. */
static inline int sync_random_visit(const cr_sync_problem *sp, uint32_t *st)
{
    return sp->own[sync_rnd_below(st, sp->n_own)];
}

/* One of the visits nearest to i (same day), or -1. */
static inline int sync_near_visit(const cr_sync_problem *sp, int i, uint32_t *st)
{
    const cr_problem *p = sp->p;
    int k = p->k_neigh < 12 ? p->k_neigh : 12;
    if (k <= 0)
        return -1;
    return p->neighbours[(size_t)i * p->k_neigh + sync_rnd_below(st, k)];
}

/* Where on route v visit i most likely fits (by time and detour). */
int sync_likely_position(const cr_sync_problem *sp, const cr_sync_sol *s, int i, int v);
/* Take a few nearby visits (or a client's week) out and put them back. */
void sync_ruin_recreate(const cr_sync_problem *sp, cr_sync_sol *s, sync_scratch *w, uint32_t *st);

/* ---- small moves (sync_moves.c) ---- */

typedef enum { MOVE_RELOCATE, MOVE_SWAP, MOVE_REVERSE, MOVE_TAILS, MOVE_CARERS, MOVE_DAYS_OFF } sync_move_kind;

/* What a move changed, for undoing it. */
typedef struct {
    sync_move_kind kind;
    int i, j;          /* visits */
    int from_v, from_pos, to_v, to_pos;
    int v, a, b;       /* reverse; days off: the second pair of vehicles (a -1) */
} sync_move;

/* A random move applied to s (not scheduled); false when none was made. */
bool sync_random_move(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st, sync_move *mv);
/* Undo the move just made. */
void sync_undo(const cr_sync_problem *sp, cr_sync_sol *s, const sync_move *mv);
/* Where the plan chooses days off: a carer off on a day takes another's
 * run that day, and gives that carer, if need be, its own run of a day the
 * other is off; false when no such move was found (the plan unchanged). */
bool sync_move_days_off(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st, sync_move *mv);
/* Whole-client move; false (the plan partly changed: the caller restores
 * it) when it cannot be made. */
bool sync_move_client(const cr_sync_problem *sp, cr_sync_sol *s, uint32_t *st);

#endif
