/* The fewest carers who could make a client's visits (see carer_floor.h). */
#include "carer_floor.h"

#include <limits.h>
#include <math.h>

/* Search nodes per client before the bound settles for the depth reached
 * (still a lower bound): no client of the 300-client generated week needs
 * more than 230. The cap bounds the work per client to that many scans of
 * its distinct requirements. */
#define MAX_NODES 200000

/* Whether carer k could make visit v at all: the client's rules, the
 * visit's skills, and a shift that day in which it can start and end
 * (travel aside). */
static bool could_make(const cr_model *m, int v, int k)
{
    const cr_visit *vis = &m->visits[v];
    const cr_carer *c = &m->carers[k];
    if (cr_model_unfit(m, v, k) != CR_UNFIT_NONE)
        return false;
    if (!c->shifts)
        return true;
    const cr_shift *sh = &c->shifts[vis->day];
    if (!sh->present || (!vis->soft_due && sh->start > vis->due))
        return false;
    return fmax(vis->ready, sh->start) + cr_model_duration(m, v, k) <= sh->end;
}

/* At least `need` of the chosen carers among `who`. */
typedef struct {
    uint64_t who;
    int need;
} requirement;

typedef struct {
    const requirement *req;
    int n_req;
    long nodes;
} search;

/* Whether `more` carers added to `chosen` can meet every requirement:
 * branch on the carers of the first one not met. */
static bool cover(search *s, uint64_t chosen, int more)
{
    if (++s->nodes > MAX_NODES)
        return false;
    int r = 0;
    while (r < s->n_req && __builtin_popcountll(chosen & s->req[r].who) >= s->req[r].need)
        r++;
    if (r == s->n_req)
        return true;
    if (more == 0)
        return false;
    for (uint64_t left = s->req[r].who & ~chosen; left; left &= left - 1)
        if (cover(s, chosen | (left & -left), more - 1))
            return true;
    return false;
}

static void add(requirement *req, int *n, uint64_t who, int need)
{
    for (int r = 0; r < *n; r++)
        if (req[r].who == who && req[r].need == need)
            return;
    req[(*n)++] = (requirement){ who, need };
}

/* Where carers work only so many of the days their shifts offer (the plan
 * chooses their days off), no shift pattern says who is off: the floor is
 * then also the carer-days the client needs (two on a day with a
 * double-up) over `most`, the most days any of its candidates may work
 * (INT_MAX: no bound from days). */
static int days_floor(const cr_model *m, const int *visits, int n, int most)
{
    if (most == 0 || most == INT_MAX)
        return 0;
    int *need = g_new0(int, m->n_days > 0 ? m->n_days : 1), carer_days = 0;
    for (int j = 0; j < n; j++) {
        int d = m->visits[visits[j]].day, k = m->visits[visits[j]].sync >= 0 ? 2 : 1;
        if (k > need[d])
            need[d] = k;
    }
    for (int d = 0; d < m->n_days; d++)
        carer_days += need[d];
    g_free(need);
    return (carer_days + most - 1) / most;
}

int cr_carer_floor(const cr_model *m, const int *visits, int n, int ceiling)
{
    if (n == 0)
        return 0;
    /* the candidates, each a bit, and the most days any of them may work
     * (past 64 candidates only that is still wanted, until one has no
     * limit) */
    int n_local = 0, most_days = 0;
    bool too_many = false;
    uint64_t *who = g_new0(uint64_t, n);
    for (int k = 0; k < m->n_carers && !(too_many && most_days == INT_MAX); k++) {
        int bit = -1;
        bool candidate = false;
        for (int j = 0; j < n; j++) {
            if (!could_make(m, visits[j], k))
                continue;
            candidate = true;
            if (bit < 0) {
                if (too_many || n_local == 64) {
                    too_many = true;
                    break;
                }
                bit = n_local++;
            }
            who[j] |= UINT64_C(1) << bit;
        }
        if (candidate && cr_model_day_limit(m, k) > most_days)
            most_days = cr_model_day_limit(m, k);
    }
    requirement *req = g_new(requirement, 3 * (size_t)n);
    int n_req = 0, floor = 1;
    for (int j = 0; j < n; j++) {
        if (!too_many && who[j] == 0) {
            g_free(who);
            g_free(req);
            return -1;
        }
        add(req, &n_req, who[j], 1);
        int sync = m->visits[visits[j]].sync;
        if (sync < 0 || m->syncs[sync].first != visits[j])
            continue;
        for (int q = 0; q < n; q++)
            if (visits[q] == m->syncs[sync].second) {
                add(req, &n_req, who[j] | who[q], 2);
                floor = 2;
            }
    }
    if (!too_many) {
        search s = { req, n_req, 0 };
        while (floor <= ceiling && !cover(&s, 0, floor) && s.nodes <= MAX_NODES)
            floor++;
    }
    g_free(who);
    g_free(req);
    int by_days = days_floor(m, visits, n, most_days);
    return by_days > floor ? (by_days > ceiling ? ceiling + 1 : by_days) : floor;
}
