#include "check.h"

#include "careroute.h"
#include "core/handles.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>

/* Times and distances are sums of a few hundred doubles; allow rounding. */
#define TOLERANCE 1e-6

static bool exceeds(double value, double limit)
{
    return value > limit + TOLERANCE * fmax(1.0, fabs(limit));
}

static void add(struct cr_check *c, int kind, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void add(struct cr_check *c, int kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cr_violation v = {kind, g_strdup_vprintf(fmt, ap)};
    va_end(ap);
    g_array_append_val(c->violations, v);
}

/* --- travel, recomputed independently --- */

static double planar(cr_point a, cr_point b)
{
    return hypot(a.x - b.x, a.y - b.y);
}

static double haversine_km(cr_point a, cr_point b)
{
    const double r = 6371.0088, k = M_PI / 180.0;
    double p1 = a.y * k, p2 = b.y * k;
    double h = pow(sin((p2 - p1) / 2), 2) + cos(p1) * cos(p2) * pow(sin((b.x - a.x) * k / 2), 2);
    return 2 * r * asin(fmin(1.0, sqrt(h)));
}

static void leg(const cr_model *m, int from, int to, double *dist, double *time)
{
    const cr_point a = m->points[from], b = m->points[to];
    switch (m->travel.kind) {
    case CR_TRAVEL_EUCLIDEAN:
        *dist = *time = planar(a, b);
        return;
    case CR_TRAVEL_STRAIGHT_LINE:
        *dist = haversine_km(a, b) * m->travel.detour_factor;
        *time = *dist * 60.0 / m->travel.speed_kmh;
        return;
    case CR_TRAVEL_MATRIX:
        *dist = m->travel.distances[(size_t)from * m->n_points + to];
        *time = m->travel.times[(size_t)from * m->n_points + to];
        return;
    }
    *dist = *time = NAN;
}

static const char *when(const cr_model *m, double t, char *buf)
{
    return cr_model_format_time(m, t, buf, 32);
}

/* Where and when each visit was served, for the pair (sync) rules. */
typedef struct {
    int *carer;
    double *start;
} served;

#define N_ROUTE_FIGURES 6

static void check_route(struct cr_check *c, const cr_model *m, const cr_route *r, int ri,
                        int *seen, served *at_visit, double *leave_back)
{
    double *fig = &c->route_figures[(size_t)ri * N_ROUTE_FIGURES];
    char label[160], b1[32], b2[32];
    if (r->carer < 0 || r->carer >= m->n_carers || r->day < 0 || r->day >= m->n_days) {
        add(c, CR_VIOLATION_UNKNOWN_REFERENCE, "route %d: carer %d or day %d does not exist", ri + 1,
            r->carer, r->day);
        return;
    }
    const cr_carer *cr = &m->carers[r->carer];
    g_snprintf(label, sizeof label, "route %d (carer %s, %s)", ri + 1, cr->id, cr_model_day_name(m, r->day));
    if (r->n == 0) {
        for (int k = 0; k < N_ROUTE_FIGURES; k++)
            fig[k] = 0.0;
        return;
    }
    const cr_shift *sh = &cr->shifts[r->day];
    if (!sh->present) {
        add(c, CR_VIOLATION_SHIFT, "%s: the carer has no shift that day", label);
        return;
    }
    double t = sh->start, load = 0.0, dist_sum = 0.0, time_sum = 0.0, d, tt, departure = sh->start;
    const double factor = cr_model_carer_factor(m, r->carer); /* walkers and cyclists take longer */
    bool had_break = false;
    /* What the carer's day consists of: contact, travel (of it, the legs
     * from and back home), waiting between visits, and gaps long enough to
     * be the carer's own time. The carer leaves home in time for the first
     * visit, so no waiting before it. */
    double contact = 0.0, waiting = 0.0, own_time = 0.0, home_legs = 0.0;
    int at = cr->start_point;
    for (int i = 0; i < r->n; i++) {
        int vi = r->visits[i];
        if (vi < 0 || vi >= m->n_visits) {
            add(c, CR_VIOLATION_UNKNOWN_REFERENCE, "%s: position %d names visit %d, which does not exist",
                label, i + 1, vi);
            return;
        }
        const cr_visit *v = &m->visits[vi];
        const cr_client *cl = &m->clients[v->client];
        if (++seen[vi] == 2)
            add(c, CR_VIOLATION_DUPLICATE_VISIT, "visit %s is planned more than once", v->id);
        if (v->day != r->day)
            add(c, CR_VIOLATION_ELIGIBILITY, "%s: visit %s is due on %s", label, v->id,
                cr_model_day_name(m, v->day));
        if (cl->provider >= 0 && cr->provider != cl->provider)
            add(c, CR_VIOLATION_ELIGIBILITY, "%s: client %s of visit %s chose provider %s, not the carer's",
                label, cl->id, v->id, m->providers[cl->provider]);
        if (cl->zone >= 0 && cr->zones && !((cr->zones >> cl->zone) & 1u))
            add(c, CR_VIOLATION_ELIGIBILITY, "%s: client %s of visit %s is in zone %s, where the carer does not work",
                label, cl->id, v->id, m->zones[cl->zone]);
        for (int e = 0; e < cl->n_excluded; e++)
            if (cl->excluded[e] == r->carer)
                add(c, CR_VIOLATION_ELIGIBILITY, "%s: client %s has excluded this carer (visit %s)", label,
                    cl->id, v->id);
        if (v->skills & ~cr->skills)
            add(c, CR_VIOLATION_ELIGIBILITY, "%s: visit %s needs a skill the carer lacks", label, v->id);
        if (cl->carer_gender != CR_GENDER_UNSTATED && cr->gender != cl->carer_gender)
            add(c, CR_VIOLATION_ELIGIBILITY, "%s: client %s of visit %s asks for %s carers; this carer's gender is %s",
                label, cl->id, v->id, cr_gender_name(cl->carer_gender), cr_gender_name(cr->gender));
        if (v->n_carers != 1)
            add(c, CR_VIOLATION_ELIGIBILITY, "%s: visit %s needs %d carers", label, v->id, v->n_carers);

        leg(m, at, v->point, &d, &tt);
        tt *= factor;
        dist_sum += d;
        time_sum += tt;
        if (i == 0)
            home_legs += tt;
        double arrival = t + tt;
        double start = isnan(r->starts[i]) ? fmax(arrival, v->ready) : r->starts[i];
        if (i == 0) /* the carer leaves just in time for the first visit */
            departure = start - tt;
        if (i > 0) {
            had_break = had_break || cr_model_gap_holds_break(m, arrival, start);
            double gap = fmax(0.0, start - arrival);
            if (gap >= CR_MODEL_OWN_TIME_GAP)
                own_time += gap;
            else
                waiting += gap;
        }
        if (!isnan(r->starts[i]) && exceeds(arrival, start))
            add(c, CR_VIOLATION_TRAVEL, "%s: visit %s is stated to start at %s but the carer cannot arrive before %s",
                label, v->id, when(m, start, b1), when(m, arrival, b2));
        if (exceeds(v->ready, start) || (!v->soft_due && exceeds(start, v->due)))
            add(c, CR_VIOLATION_TIME_WINDOW, "%s: visit %s starts at %s, outside its window %s-%s", label,
                v->id, when(m, start, b1), when(m, v->ready, b2), when(m, v->due, (char[32]){0}));
        if (v->soft_due && start > v->due) {
            c->tardiness += start - v->due;
            c->max_tardiness = fmax(c->max_tardiness, start - v->due);
        }
        at_visit->carer[vi] = r->carer;
        at_visit->start[vi] = isnan(r->starts[i]) ? NAN : start;
        /* How long this carer takes, straight from the scenario's table. */
        double duration = m->carer_duration ? m->carer_duration[(size_t)vi * m->n_carers + r->carer] : v->duration;
        t = start + duration;
        contact += duration;
        load += v->demand;
        at = v->point;
    }
    leg(m, at, cr->end_point, &d, &tt);
    tt *= factor;
    dist_sum += d;
    time_sum += tt;
    home_legs += tt;
    fig[0] = time_sum;
    fig[1] = dist_sum;
    fig[2] = contact;
    fig[3] = waiting;
    fig[4] = home_legs;
    fig[5] = own_time;
    if (exceeds(t + tt, sh->end))
        add(c, CR_VIOLATION_SHIFT, "%s: back at %s, after the shift ends at %s", label, when(m, t + tt, b1),
            when(m, sh->end, b2));
    leave_back[0] = departure;
    leave_back[1] = t + tt;
    if (r->n > 0 && exceeds(t + tt - departure, m->rules.break_after) && !had_break)
        add(c, CR_VIOLATION_SHIFT, "%s: the day spans %.2f hours with no %g-minute break between %s and %s", label,
            (t + tt - departure) / 60, m->rules.break_minutes, when(m, m->rules.break_from, b1),
            when(m, m->rules.break_to, b2));
    if (r->n > 0 && exceeds(t + tt - departure, m->rules.max_shift_minutes))
        add(c, CR_VIOLATION_SHIFT, "%s: the day spans %.2f hours from leaving to getting back, over the rules' %.2f",
            label, (t + tt - departure) / 60, m->rules.max_shift_minutes / 60);
    if (exceeds(load, cr->capacity))
        add(c, CR_VIOLATION_CAPACITY, "%s: load %g exceeds capacity %g", label, load, cr->capacity);
    c->distance += dist_sum;
    c->travel_time += time_sum;
    c->routes++;
}

/* Each carer's working time over the plan, contact plus travel (every leg,
 * home legs too: a home care worker's first and last journeys are working
 * time), within their weekly hours. Waiting is not counted: a gap between
 * calls, a split shift's middle, is the carer's own time. */
static void weekly_hours(struct cr_check *c, const cr_model *m, const cr_solution *s)
{
    double *work = g_new0(double, m->n_carers ? m->n_carers : 1);
    for (int r = 0; r < s->n_routes; r++) {
        const double *fig = &c->route_figures[(size_t)r * N_ROUTE_FIGURES];
        int carer = s->routes[r].carer;
        if (carer >= 0 && carer < m->n_carers && !isnan(fig[0]))
            work[carer] += fig[0] + fig[2];
    }
    for (int k = 0; k < m->n_carers; k++) {
        double limit = cr_model_work_limit(m, k);
        if (isfinite(limit) && exceeds(work[k], limit))
            add(c, CR_VIOLATION_WEEKLY_HOURS,
                "carer %s works %.2f hours (contact and travel), over the %.2f their weekly hours allow in %d days",
                m->carers[k].id, work[k] / 60, limit / 60, m->n_days);
    }
    g_free(work);
}

/* Days worked: a carer with max_working_days has visits on no more days
 * than that (pro rata). route_at: carer x day, the carer's route or -1. */
static void working_days(struct cr_check *c, const cr_model *m, const cr_solution *s, const int *route_at)
{
    for (int k = 0; k < m->n_carers; k++) {
        int limit = cr_model_day_limit(m, k), worked = 0;
        if (limit == INT_MAX)
            continue;
        uint32_t days = 0;
        for (int d = 0; d < m->n_days; d++) {
            int r = route_at[(size_t)k * m->n_days + d];
            if (r >= 0 && s->routes[r].n > 0) {
                worked++;
                days |= UINT32_C(1) << d;
            }
        }
        if (m->rules.two_days_off_in_a_row && !cr_model_two_days_off(days, m->n_days))
            add(c, CR_VIOLATION_WORKING_DAYS, "carer %s has no two days off in a row in some week of the plan",
                m->carers[k].id);
        if (worked > limit)
            add(c, CR_VIOLATION_WORKING_DAYS, "carer %s works on %d days, more than the %d their max_working_days (%d a week) allow in %d days",
                m->carers[k].id, worked, limit, m->carers[k].max_working_days, m->n_days);
    }
}

/* Rest between days: from getting back one day to leaving the next, for
 * each carer with routes on consecutive days (route_at: carer x day, the
 * carer's route that day or -1; leave_back: per route, when the carer
 * leaves and gets back, NAN for a route not checked). */
static void rest_between_days(struct cr_check *c, const cr_model *m, const int *route_at, const double *leave_back)
{
    if (!(m->rules.min_rest_minutes > 0))
        return;
    for (int k = 0; k < m->n_carers; k++)
        for (int d = 0; d + 1 < m->n_days; d++) {
            int a = route_at[(size_t)k * m->n_days + d], b = route_at[(size_t)k * m->n_days + d + 1];
            if (a < 0 || b < 0 || isnan(leave_back[2 * a]) || isnan(leave_back[2 * b]))
                continue;
            double rest = 24 * 60 + leave_back[2 * b] - leave_back[2 * a + 1];
            if (exceeds(m->rules.min_rest_minutes, rest))
                add(c, CR_VIOLATION_SHIFT, "carer %s rests %.2f hours between %s and %s, under the rules' %.2f",
                    m->carers[k].id, rest / 60, cr_model_day_name(m, d), cr_model_day_name(m, d + 1),
                    m->rules.min_rest_minutes / 60);
        }
}

/* Continuity of care: how many different carers each client sees. */
static void continuity(struct cr_check *c, const cr_model *m, const served *at)
{
    GHashTable *pairs = g_hash_table_new(g_int64_hash, g_int64_equal);
    size_t *count = g_new0(size_t, m->n_clients ? m->n_clients : 1);
    gint64 *keys = g_new(gint64, m->n_visits ? m->n_visits : 1);
    for (int v = 0; v < m->n_visits; v++) {
        if (at->carer[v] < 0)
            continue;
        int cl = m->visits[v].client;
        keys[v] = (gint64)cl * (m->n_carers + 1) + at->carer[v];
        if (g_hash_table_add(pairs, &keys[v]))
            count[cl]++;
    }
    size_t served_clients = 0, total = 0;
    c->n_clients = (size_t)m->n_clients;
    c->client_carers = g_memdup2(count, sizeof(size_t) * (m->n_clients ? m->n_clients : 1));
    for (int k = 0; k < m->n_clients; k++) {
        if (!count[k])
            continue;
        served_clients++;
        total += count[k];
        if (count[k] > c->max_carers_per_client)
            c->max_carers_per_client = count[k];
    }
    c->carers_per_client = served_clients ? (double)total / served_clients : 0;
    for (int k = 0; k < m->n_clients; k++) {
        int cap = cr_model_client_cap(m, k);
        if (cap > 0 && count[k] > (size_t)cap)
            add(c, CR_VIOLATION_CONTINUITY_CAP, "client %s sees %zu different carers, more than its most of %d",
                m->clients[k].id, count[k], cap);
    }
    g_hash_table_destroy(pairs);
    g_free(count);
    g_free(keys);
}

/* Pairs: both served or neither, by two different carers, starts in step. */
static void check_syncs(struct cr_check *c, const cr_model *m, const served *at)
{
    char b1[32], b2[32];
    for (int k = 0; k < m->n_syncs; k++) {
        const cr_sync *sy = &m->syncs[k];
        const cr_visit *a = &m->visits[sy->first], *b = &m->visits[sy->second];
        int ca = at->carer[sy->first], cb = at->carer[sy->second];
        if ((ca < 0) != (cb < 0)) {
            add(c, CR_VIOLATION_SYNC, "visit %s is planned but its partner %s is not", ca >= 0 ? a->id : b->id,
                ca >= 0 ? b->id : a->id);
            continue;
        }
        if (ca < 0)
            continue;
        if (ca == cb)
            add(c, CR_VIOLATION_SYNC, "visits %s and %s need two different carers, both go to %s", a->id, b->id,
                m->carers[ca].id);
        double sa = at->start[sy->first], sb = at->start[sy->second];
        if (isnan(sa) || isnan(sb)) {
            add(c, CR_VIOLATION_SYNC, "visits %s and %s must be in step, so the plan must state both start times",
                a->id, b->id);
            continue;
        }
        double gap = sb - sa;
        if (gap < sy->min_gap - TOLERANCE * fmax(1.0, fabs(sy->min_gap)) ||
            exceeds(gap, sy->max_gap)) {
            if (sy->min_gap == 0 && sy->max_gap == 0)
                add(c, CR_VIOLATION_SYNC, "visits %s and %s must start together, but start at %s and %s", a->id,
                    b->id, when(m, sa, b1), when(m, sb, b2));
            else
                add(c, CR_VIOLATION_SYNC, "visit %s must start %g to %g after %s, but starts %g after it", b->id,
                    sy->min_gap, sy->max_gap, a->id, gap);
        }
    }
}

struct cr_check *cr_check_plan(const cr_model *m, const cr_solution *s)
{
    struct cr_check *c = g_new0(struct cr_check, 1);
    c->violations = g_array_new(FALSE, FALSE, sizeof(cr_violation));
    c->n_routes = (size_t)s->n_routes;
    c->route_figures = g_new(double, c->n_routes * N_ROUTE_FIGURES + 1);
    for (size_t k = 0; k < c->n_routes * N_ROUTE_FIGURES; k++)
        c->route_figures[k] = NAN;
    int *seen = g_new0(int, m->n_visits ? m->n_visits : 1);
    served at_visit = {g_new(int, m->n_visits ? m->n_visits : 1), g_new(double, m->n_visits ? m->n_visits : 1)};
    for (int v = 0; v < m->n_visits; v++) {
        at_visit.carer[v] = -1;
        at_visit.start[v] = NAN;
    }
    double *leave_back = g_new(double, 2 * (size_t)s->n_routes + 2);
    for (int k = 0; k < 2 * s->n_routes; k++)
        leave_back[k] = NAN;
    /* each carer's route of each day: a carer drives one route a day */
    int *route_at = g_new(int, (size_t)(m->n_carers ? m->n_carers : 1) * (size_t)(m->n_days ? m->n_days : 1));
    for (size_t k = 0; k < (size_t)m->n_carers * (size_t)m->n_days; k++)
        route_at[k] = -1;
    for (int r = 0; r < s->n_routes; r++) {
        const cr_route *rt = &s->routes[r];
        if (rt->n > 0 && rt->carer >= 0 && rt->carer < m->n_carers && rt->day >= 0 && rt->day < m->n_days) {
            int *at = &route_at[(size_t)rt->carer * m->n_days + rt->day];
            if (*at >= 0)
                add(c, CR_VIOLATION_FLEET, "carer %s has more than one route on %s", m->carers[rt->carer].id,
                    cr_model_day_name(m, rt->day));
            else
                *at = r;
        }
        check_route(c, m, rt, r, seen, &at_visit, &leave_back[2 * r]);
    }
    rest_between_days(c, m, route_at, leave_back);
    working_days(c, m, s, route_at);
    g_free(leave_back);
    g_free(route_at);
    weekly_hours(c, m, s);
    for (int i = 0; i < s->n_unassigned; i++) {
        int vi = s->unassigned[i];
        if (vi < 0 || vi >= m->n_visits)
            add(c, CR_VIOLATION_UNKNOWN_REFERENCE, "unassigned entry %d names visit %d, which does not exist", i + 1, vi);
        else if (seen[vi] > 0)
            add(c, CR_VIOLATION_DUPLICATE_VISIT, "visit %s is both planned and listed as unassigned", m->visits[vi].id);
        else
            seen[vi] = -1;
    }
    for (int v = 0; v < m->n_visits; v++) {
        if (seen[v] == 0)
            add(c, CR_VIOLATION_MISSING_VISIT, "visit %s is neither planned nor listed as unassigned", m->visits[v].id);
        if (seen[v] <= 0)
            c->unassigned++;
    }
    g_free(seen);
    check_syncs(c, m, &at_visit);
    continuity(c, m, &at_visit);
    g_free(at_visit.carer);
    g_free(at_visit.start);
    double travel = m->is_vrptw || m->format == CR_FORMAT_MANKOWSKA || m->format == CR_FORMAT_HHC_JSON
                        ? c->distance : c->travel_time;
    c->objective = m->rules.objective_scale * (travel + m->rules.tardiness_weight * c->tardiness +
                                               m->rules.max_tardiness_weight * c->max_tardiness);
    if (s->has_totals) {
        if (fabs(s->distance - c->distance) > TOLERANCE * fmax(1.0, c->distance))
            add(c, CR_VIOLATION_TOTALS, "stated total distance %.6f differs from the recomputed %.6f", s->distance, c->distance);
        if (fabs(s->travel_time - c->travel_time) > TOLERANCE * fmax(1.0, c->travel_time))
            add(c, CR_VIOLATION_TOTALS, "stated total travel time %.6f differs from the recomputed %.6f", s->travel_time,
                c->travel_time);
    }
    return c;
}

/* ---- public API ---- */

CR_API cr_status cr_check_new(cr_check **out, const cr_plan *p)
{
    if (!out || !p || !p->sol || !p->scenario || !p->scenario->model)
        return CR_ERR_INVALID_ARGUMENT;
    *out = cr_check_plan(p->scenario->model, p->sol);
    return CR_OK;
}

CR_API void cr_check_free(cr_check *c)
{
    if (!c)
        return;
    for (guint i = 0; i < c->violations->len; i++)
        g_free(g_array_index(c->violations, cr_violation, i).message);
    g_array_free(c->violations, TRUE);
    g_free(c->route_figures);
    g_free(c->client_carers);
    g_free(c);
}

CR_API bool cr_check_feasible(const cr_check *c)
{
    return c && c->violations->len == 0;
}

CR_API size_t cr_check_n_violations(const cr_check *c)
{
    return c ? c->violations->len : 0;
}

CR_API int cr_check_violation_kind(const cr_check *c, size_t i)
{
    return c && i < c->violations->len ? g_array_index(c->violations, cr_violation, i).kind : 0;
}

CR_API const char *cr_check_violation_message(const cr_check *c, size_t i)
{
    return c && i < c->violations->len ? g_array_index(c->violations, cr_violation, i).message : NULL;
}

CR_API size_t cr_check_routes(const cr_check *c)
{
    return c ? c->routes : 0;
}

CR_API double cr_check_distance(const cr_check *c)
{
    return c ? c->distance : NAN;
}

CR_API double cr_check_travel_time(const cr_check *c)
{
    return c ? c->travel_time : NAN;
}

CR_API size_t cr_check_unassigned(const cr_check *c)
{
    return c ? c->unassigned : 0;
}

CR_API double cr_check_tardiness(const cr_check *c)
{
    return c ? c->tardiness : NAN;
}

CR_API double cr_check_max_tardiness(const cr_check *c)
{
    return c ? c->max_tardiness : NAN;
}

CR_API double cr_check_objective(const cr_check *c)
{
    return c ? c->objective : NAN;
}

CR_API double cr_check_carers_per_client(const cr_check *c)
{
    return c ? c->carers_per_client : NAN;
}

CR_API size_t cr_check_max_carers_per_client(const cr_check *c)
{
    return c ? c->max_carers_per_client : 0;
}

CR_API double cr_check_route_figure(const cr_check *c, size_t r, int key)
{
    if (!c || r >= c->n_routes || key < CR_CHECK_ROUTE_TRAVEL_TIME || key > CR_CHECK_ROUTE_OWN_TIME)
        return NAN;
    return c->route_figures[r * N_ROUTE_FIGURES + (size_t)(key - 1)];
}

CR_API size_t cr_check_client_carers(const cr_check *c, size_t client)
{
    return c && client < c->n_clients ? c->client_carers[client] : 0;
}
