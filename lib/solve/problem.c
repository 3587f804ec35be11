#include "problem.h"

#include "components.h"

#include "careroute.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

cr_fit cr_problem_fit(const cr_problem *p, int i, int v)
{
    const cr_model *m = p->model;
    const cr_visit *vis = &m->visits[i];
    if (p->v_day[v] != vis->day)
        return CR_FIT_DAY;
    switch (cr_model_unfit(m, i, p->v_carer[v])) {
    case CR_UNFIT_PROVIDER: return CR_FIT_PROVIDER;
    case CR_UNFIT_ZONE: return CR_FIT_ZONE;
    case CR_UNFIT_SKILL: return CR_FIT_SKILL;
    case CR_UNFIT_GENDER: return CR_FIT_GENDER;
    case CR_UNFIT_EXCLUDED: return CR_FIT_EXCLUDED;
    case CR_UNFIT_NONE: break;
    }
    if (vis->n_carers != 1)
        return CR_FIT_DOUBLE_UP;
    return CR_FIT_OK;
}

bool cr_problem_eligible(const cr_problem *p, int i, int v)
{
    return cr_problem_fit(p, i, v) == CR_FIT_OK;
}

typedef struct {
    double key;
    int idx;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->idx - y->idx; /* stable and deterministic */
}

/* Keep the k smallest of the keys pushed, by cmp_keyed, in a max-heap:
 * a full heap trades its largest for a smaller newcomer. */
static void push_bounded(keyed *heap, int *size, int k, keyed x)
{
    if (*size < k) {
        int at = (*size)++;
        heap[at] = x;
        while (at > 0 && cmp_keyed(&heap[(at - 1) / 2], &heap[at]) < 0) {
            keyed t = heap[at];
            heap[at] = heap[(at - 1) / 2];
            heap[(at - 1) / 2] = t;
            at = (at - 1) / 2;
        }
        return;
    }
    if (cmp_keyed(&x, &heap[0]) >= 0)
        return;
    heap[0] = x;
    for (int at = 0;;) {
        int big = at, l = 2 * at + 1, r = l + 1;
        if (l < *size && cmp_keyed(&heap[l], &heap[big]) > 0)
            big = l;
        if (r < *size && cmp_keyed(&heap[r], &heap[big]) > 0)
            big = r;
        if (big == at)
            break;
        keyed t = heap[at];
        heap[at] = heap[big];
        heap[big] = t;
        at = big;
    }
}

/* Each visit's k nearest visits of the same day (round trip), nearest
 * first, ties by index. Only same-day visits are looked at, and a bounded
 * heap keeps the k best: O(n x visits a day x log k), where sorting every
 * day's visits for each visit made 60,000-visit weeks take a minute.
 * Visits no carer could take together (another provider's, another zone's:
 * another connected set, see components.h) are left out: the moves that
 * draw a neighbour need one whose route could take the visit. On the
 * 300-client generated week, where three providers share each zone, 57% of
 * a visit's 12 nearest were such visits. */
static void build_neighbours(cr_problem *p)
{
    const int *root_of = p->component_root;
    p->k_neigh = p->n < 100 ? p->n : 100;
    p->neighbours = g_new(int, (size_t)p->n * (p->k_neigh ? p->k_neigh : 1));
    int n_days = 1;
    for (int i = 0; i < p->n; i++)
        n_days = p->day[i] + 1 > n_days ? p->day[i] + 1 : n_days;
    /* visits by day, in index order */
    int *first = g_new0(int, (size_t)n_days + 1), *by_day = g_new(int, p->n ? p->n : 1);
    for (int i = 0; i < p->n; i++)
        first[p->day[i] + 1]++;
    for (int d = 0; d < n_days; d++)
        first[d + 1] += first[d];
    int *fill = g_memdup2(first, sizeof(int) * (size_t)n_days);
    for (int i = 0; i < p->n; i++)
        by_day[fill[p->day[i]]++] = i;
    g_free(fill);
    keyed *heap = g_new(keyed, p->k_neigh ? p->k_neigh : 1);
    for (int i = 0; i < p->n; i++) {
        int size = 0, d = p->day[i];
        for (int q = first[d]; q < first[d + 1] && p->k_neigh > 0; q++) {
            int j = by_day[q];
            if (j == i || root_of[j] != root_of[i])
                continue;
            keyed x = {cr_problem_cost(p, p->loc[i], p->loc[j]) + cr_problem_cost(p, p->loc[j], p->loc[i]), j};
            push_bounded(heap, &size, p->k_neigh, x);
        }
        qsort(heap, (size_t)size, sizeof *heap, cmp_keyed);
        for (int k = 0; k < p->k_neigh; k++)
            p->neighbours[(size_t)i * p->k_neigh + k] = k < size ? heap[k].idx : -1;
    }
    g_free(heap);
    g_free(first);
    g_free(by_day);
}

static int by_key(const void *a, const void *b, void *user)
{
    const int *key = user;
    int x = *(const int *)a, y = *(const int *)b;
    if (key[x] != key[y])
        return key[x] < key[y] ? -1 : 1;
    return x - y; /* then by the file's order */
}

/* The problem's own numbering of the model's points, -> new index. Care
 * points go in the order of the groups that use them (provider, then zone:
 * what splits a week into independent parts), so that one part's search
 * reads a compact block of each row of the travel matrix instead of one
 * cache line per lookup all over it. VRPTW keeps the file's order. */
static int *point_numbers(const cr_model *m)
{
    int n = m->n_points;
    int *key = g_new(int, n > 0 ? n : 1), *order = g_new(int, n > 0 ? n : 1);
    for (int a = 0; a < n; a++) {
        key[a] = G_MAXINT;
        order[a] = a;
    }
    int n_zones = 65; /* a zone bit, or none */
    for (int c = 0; !m->is_vrptw && c < m->n_clients; c++) {
        const cr_client *cl = &m->clients[c];
        int k = (cl->provider + 1) * n_zones + (cl->zone + 1);
        key[cl->point] = MIN(key[cl->point], k);
    }
    for (int c = 0; !m->is_vrptw && c < m->n_carers; c++) {
        const cr_carer *cr = &m->carers[c];
        int zone = -1; /* its first zone */
        for (int z = 0; z < 64 && zone < 0; z++)
            if (cr->zones >> z & 1)
                zone = z;
        int k = (cr->provider + 1) * n_zones + (zone + 1);
        key[cr->start_point] = MIN(key[cr->start_point], k);
        key[cr->end_point] = MIN(key[cr->end_point], k);
    }
    g_qsort_with_data(order, n, sizeof(int), by_key, key);
    int *number = key; /* reused */
    for (int a = 0; a < n; a++)
        number[order[a]] = a;
    g_free(order);
    return number;
}

cr_problem *cr_problem_new(const cr_model *m, int objective)
{
    cr_problem *p = g_new0(cr_problem, 1);
    p->model = m;
    p->n = m->n_visits;
    p->n_locs = m->n_points;
    p->fleet_first = objective == CR_OBJECTIVE_VEHICLES_THEN_DISTANCE ||
                     (objective == CR_OBJECTIVE_AUTO && m->is_vrptw);
    p->continuity_weight = m->rules.continuity_weight;
    p->preference_weight = m->rules.preference_weight;
    size_t nl = (size_t)p->n_locs;
    /* a scenario of very many places may not fit: say so, do not abort */
    size_t cells = nl > 0 ? nl * nl : 1;
    p->time = g_try_new(double, cells);
    p->cost = m->is_vrptw && p->time ? g_try_new(double, cells) : p->time;
    if (!p->time || !p->cost) {
        g_free(p->time);
        g_free(p);
        return NULL;
    }
    int *number = point_numbers(m);
    for (size_t a = 0; a < nl; a++)
        for (size_t b = 0; b < nl; b++) {
            size_t at = (size_t)number[a] * nl + (size_t)number[b];
            p->time[at] = cr_model_travel_time(m, (int)a, (int)b);
            if (m->is_vrptw)
                p->cost[at] = cr_model_distance(m, (int)a, (int)b);
        }

    int n = p->n > 0 ? p->n : 1;
    p->loc = g_new(int, n);
    p->ready = g_new(double, n);
    p->due = g_new(double, n);
    p->service = g_new(double, n);
    p->demand = g_new(double, n);
    p->day = g_new(int, n);
    p->priority = g_new(int, n);
    for (int i = 0; i < p->n; i++) {
        const cr_visit *v = &m->visits[i];
        p->loc[i] = number[v->point];
        p->ready[i] = v->ready;
        p->due[i] = v->due;
        p->service[i] = v->duration;
        p->demand[i] = v->demand;
        p->day[i] = v->day;
        p->priority[i] = v->priority;
    }

    int nv = 0;
    for (int c = 0; c < m->n_carers; c++)
        for (int d = 0; d < m->n_days; d++)
            nv += m->carers[c].shifts[d].present;
    p->n_vehicles = nv;
    int nva = nv > 0 ? nv : 1;
    p->v_carer = g_new(int, nva);
    p->v_day = g_new(int, nva);
    p->v_start = g_new(int, nva);
    p->v_end = g_new(int, nva);
    p->v_open = g_new(double, nva);
    p->v_close = g_new(double, nva);
    p->v_cap = g_new(double, nva);
    p->v_twin_of = g_new(int, nva);
    p->v_factor = g_new(double, nva);
    int k = 0;
    /* day-major order keeps each day's vehicles together */
    for (int d = 0; d < m->n_days; d++)
        for (int c = 0; c < m->n_carers; c++) {
            const cr_carer *cr = &m->carers[c];
            if (!cr->shifts[d].present)
                continue;
            p->v_carer[k] = c;
            p->v_day[k] = d;
            p->v_start[k] = number[cr->start_point];
            p->v_end[k] = number[cr->end_point];
            p->v_open[k] = cr->shifts[d].start;
            p->v_close[k] = cr->shifts[d].end;
            p->v_cap[k] = cr->capacity;
            p->v_twin_of[k] = k;
            p->v_factor[k] = cr_model_carer_factor(m, c);
            /* Only VRPTW fleets have interchangeable vehicles: carers differ
             * in who they are even when their data agree. */
            if (m->is_vrptw && k > 0 && p->v_day[k - 1] == d && p->v_start[k - 1] == p->v_start[k] &&
                p->v_end[k - 1] == p->v_end[k] && p->v_open[k - 1] == p->v_open[k] &&
                p->v_close[k - 1] == p->v_close[k] && p->v_cap[k - 1] == p->v_cap[k])
                p->v_twin_of[k] = p->v_twin_of[k - 1];
            k++;
        }

    g_free(number);

    p->vehicles_of = g_new0(int *, n);
    p->n_vehicles_of = g_new0(int, n);
    int *tmp = g_new(int, nva);
    /* vehicles are day-major: only the visit's day's need a look */
    int *day_first = g_new0(int, (size_t)m->n_days + 1);
    for (int v = 0; v < nv; v++)
        day_first[p->v_day[v] + 1]++;
    int widest = 0;
    for (int d = 0; d < m->n_days; d++) {
        widest = MAX(widest, day_first[d + 1]);
        day_first[d + 1] += day_first[d];
    }
    p->eligible_words = (widest + 63) / 64 > 0 ? (widest + 63) / 64 : 1;
    p->eligible = g_new0(uint64_t, (size_t)n * (size_t)p->eligible_words);
    for (int i = 0; i < p->n; i++) {
        int cnt = 0, d = p->day[i];
        bool day_ok = d >= 0 && d < m->n_days;
        int from = day_ok ? day_first[d] : 0, to = day_ok ? day_first[d + 1] : 0;
        for (int v = from; v < to; v++)
            if (cr_problem_eligible(p, i, v)) {
                tmp[cnt++] = v;
                int bit = v - from;
                p->eligible[(size_t)i * (size_t)p->eligible_words + (size_t)(bit / 64)] |= UINT64_C(1) << (bit % 64);
            }
        p->vehicles_of[i] = g_memdup2(tmp, sizeof(int) * (size_t)(cnt ? cnt : 1));
        p->n_vehicles_of[i] = cnt;
    }
    g_free(tmp);
    p->day_vehicle_first = day_first;
    p->component_root = cr_problem_component_roots(p);
    build_neighbours(p);
    return p;
}

void cr_problem_free(cr_problem *p)
{
    if (!p)
        return;
    if (p->cost != p->time)
        g_free(p->cost);
    g_free(p->time);
    g_free(p->loc);
    g_free(p->ready);
    g_free(p->due);
    g_free(p->service);
    g_free(p->demand);
    g_free(p->day);
    g_free(p->priority);
    g_free(p->v_carer);
    g_free(p->v_day);
    g_free(p->v_start);
    g_free(p->v_end);
    g_free(p->v_open);
    g_free(p->v_close);
    g_free(p->v_cap);
    g_free(p->v_twin_of);
    g_free(p->v_factor);
    for (int i = 0; i < p->n; i++)
        g_free(p->vehicles_of[i]);
    g_free(p->vehicles_of);
    g_free(p->n_vehicles_of);
    g_free(p->eligible);
    g_free(p->day_vehicle_first);
    g_free(p->neighbours);
    g_free(p->component_root);
    g_free(p);
}

static char *skill_names(const cr_model *m, uint64_t mask)
{
    GString *s = g_string_new(NULL);
    for (int k = 0; k < m->n_skills; k++)
        if (mask & (UINT64_C(1) << k))
            g_string_append_printf(s, "%s%s", s->len ? "+" : "", m->skills[k]);
    return g_string_free(s, FALSE);
}

/* The days carer c has visits on in the plan (vehicle_work: per vehicle,
 * its planned work; 0 for an empty route). */
static int days_worked(const cr_problem *p, int c, const double *vehicle_work)
{
    int n = 0;
    for (int v = 0; v < p->n_vehicles; v++)
        n += p->v_carer[v] == c && vehicle_work[v] > 0;
    return n;
}

char *cr_problem_unassigned_reason(const cr_problem *p, int i, const double *carer_work, const double *vehicle_work)
{
    const cr_model *m = p->model;
    const cr_visit *v = &m->visits[i];
    const cr_client *cl = &m->clients[v->client];
    const char *day = cr_model_day_name(m, v->day);
    char w1[32], w2[32];
    cr_model_format_time(m, v->ready, w1, sizeof w1);
    cr_model_format_time(m, v->due, w2, sizeof w2);

    /* Narrow down the carers step by step; the first empty step is the reason. */
    int working = 0, of_provider = 0, in_zone = 0, skilled = 0, gendered = 0, allowed = 0;
    for (int veh = 0; veh < p->n_vehicles; veh++) {
        cr_fit fit = cr_problem_fit(p, i, veh);
        if (fit == CR_FIT_DAY)
            continue;
        working++;
        if (fit == CR_FIT_PROVIDER)
            continue;
        of_provider++;
        if (fit == CR_FIT_ZONE)
            continue;
        in_zone++;
        if (fit == CR_FIT_SKILL)
            continue;
        skilled++;
        if (fit == CR_FIT_GENDER)
            continue;
        gendered++;
        allowed += fit == CR_FIT_OK;
    }
    if (working == 0)
        return g_strdup_printf("no carer works on %s", day);
    if (of_provider == 0)
        return g_strdup_printf("no carer of provider %s works on %s", m->providers[cl->provider], day);
    if (in_zone == 0)
        return g_strdup_printf("no carer%s%s working in zone %s works on %s", cl->provider >= 0 ? " of provider " : "",
                               cl->provider >= 0 ? m->providers[cl->provider] : "", m->zones[cl->zone], day);
    if (skilled == 0) {
        char *sk = skill_names(m, v->skills);
        char *r = g_strdup_printf("no carer with skill %s%s%s%s%s works on %s", sk,
                                  cl->provider >= 0 ? " of provider " : "",
                                  cl->provider >= 0 ? m->providers[cl->provider] : "",
                                  cl->zone >= 0 ? " in zone " : "", cl->zone >= 0 ? m->zones[cl->zone] : "", day);
        g_free(sk);
        return r;
    }
    if (gendered == 0) {
        char *sk = v->skills ? skill_names(m, v->skills) : NULL;
        const char *g = cr_gender_name(cl->carer_gender);
        char *r = g_strdup_printf("client %s asks for %s carers, and no %s carer%s%s%s%s%s%s works on %s", cl->id, g, g,
                                  sk ? " with skill " : "", sk ? sk : "", cl->provider >= 0 ? " of provider " : "",
                                  cl->provider >= 0 ? m->providers[cl->provider] : "",
                                  cl->zone >= 0 ? " in zone " : "", cl->zone >= 0 ? m->zones[cl->zone] : "", day);
        g_free(sk);
        return r;
    }
    if (allowed == 0)
        return g_strdup_printf("every suitable carer working on %s is excluded by client %s", day, cl->id);
    if (v->sync >= 0 && allowed == 1 && m->syncs[v->sync].min_gap == 0 && m->syncs[v->sync].max_gap == 0) {
        char *sk = v->skills ? skill_names(m, v->skills) : NULL;
        char *r = g_strdup_printf("a double-up needs two carers at once, but only one suitable carer%s%s works on %s",
                                  sk ? " with skill " : "", sk ? sk : "", day);
        g_free(sk);
        return r;
    }

    /* Which allowed carers could serve the visit alone, on an empty route? */
    bool capacity_ok = false;
    int reachable = 0, with_hours = 0, with_days = 0;
    for (int k = 0; k < p->n_vehicles_of[i]; k++) {
        int veh = p->vehicles_of[i][k];
        if (v->demand > p->v_cap[veh])
            continue;
        capacity_ok = true;
        double start = fmax(p->v_open[veh] + cr_problem_vtime(p, veh, p->v_start[veh], p->loc[i]), p->ready[i]);
        if (start <= p->due[i] &&
            start + p->service[i] + cr_problem_vtime(p, veh, p->loc[i], p->v_end[veh]) <= p->v_close[veh]) {
            reachable++;
            /* The least the visit adds to the carer's week: its length, and
             * the legs from home and back on a day the carer has no route. */
            int c = p->v_carer[veh];
            double least = cr_model_duration(m, i, c);
            if (vehicle_work && vehicle_work[veh] == 0)
                least += cr_problem_vtime(p, veh, p->v_start[veh], p->loc[i]) + cr_problem_vtime(p, veh, p->loc[i], p->v_end[veh]);
            bool hours = !carer_work || carer_work[c] + least <= cr_model_work_limit(m, c) + 1e-7;
            with_hours += hours;
            /* a day off, when the carer already works as many days as they may */
            with_days += hours && (!vehicle_work || vehicle_work[veh] > 0 ||
                                   days_worked(p, c, vehicle_work) < cr_model_day_limit(m, c));
        }
    }
    if (!capacity_ok)
        return g_strdup_printf("demand %g exceeds the capacity of every vehicle", v->demand);
    if (!reachable)
        return g_strdup_printf("no suitable carer's shift on %s can fit it in its window %s-%s (travel %s)",
                               day, w1, w2, m->is_vrptw ? "from the depot" : "from their homes and back");
    if (v->sync >= 0 && reachable == 1 && m->syncs[v->sync].min_gap == 0 && m->syncs[v->sync].max_gap == 0)
        return g_strdup_printf("a double-up needs two carers at once, but only one suitable carer's shift on %s "
                               "can fit it in its window %s-%s", day, w1, w2);
    /* Say whose carers they are, so the planner knows whom to ask. */
    char *whose = g_strdup_printf("%s%s%s%s", cl->provider >= 0 ? " of " : "",
                                  cl->provider >= 0 ? m->providers[cl->provider] : "",
                                  cl->zone >= 0 ? " in zone " : "", cl->zone >= 0 ? m->zones[cl->zone] : "");
    bool one = reachable == 1, booked = with_hours > 0 && with_days > 0;
    char *who = one ? g_strdup_printf("the only suitable carer%s whose shift on %s can reach it", whose, day)
                    : g_strdup_printf("all %d suitable carers%s whose shifts on %s can reach it", reachable, whose, day);
    char *r;
    if (with_hours == 0)
        r = g_strdup_printf("%s %s no weekly hours left for its %.0f minutes (contact and travel count)", who,
                            one ? "has" : "have", v->duration);
    else if (!booked)
        r = g_strdup_printf("%s %s that day off: they already work as many days as their max_working_days allow", who,
                            one ? "has" : "have");
    else
        r = g_strdup_printf("%s %s fully booked around %s-%s", who, one ? "is" : "are", w1, w2);
    g_free(who);
    g_free(whose);
    /* "Booked" may mean the working-time rules: name those in force. */
    if (booked && (isfinite(m->rules.max_shift_minutes) || m->rules.min_rest_minutes > 0)) {
        bool span = isfinite(m->rules.max_shift_minutes), rest = m->rules.min_rest_minutes > 0;
        char *longer = g_strdup_printf("%s, or taking it would %s", r,
                                       span && rest ? "break the rules' longest day or rest between days"
                                       : span       ? "make a carer's day longer than the rules allow"
                                                    : "cut a carer's rest between days below the rules'");
        g_free(r);
        r = longer;
    }
    return r;
}
