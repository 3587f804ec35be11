#include "model.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>

cr_model *cr_model_new(void)
{
    cr_model *m = g_new0(cr_model, 1);
    m->n_days = 1;
    m->travel.kind = CR_TRAVEL_EUCLIDEAN;
    m->travel.speed_kmh = 30.0;
    m->travel.detour_factor = 1.3;
    m->rules.min_visit_minutes = 30.0;
    m->rules.tardiness_weight = 1.0;
    m->rules.max_tardiness_weight = 0.0;
    m->rules.objective_scale = 1.0;
    m->rules.continuity_weight = 15.0;
    m->rules.preference_weight = 5.0;
    m->rules.max_shift_minutes = INFINITY;
    m->rules.overtime_weight = 1.0;
    m->rules.break_after = INFINITY;
    m->rules.break_to = 24 * 60;
    return m;
}

static void free_strv_n(char **v, int n)
{
    if (!v)
        return;
    for (int i = 0; i < n; i++)
        g_free(v[i]);
    g_free(v);
}

void cr_model_free(cr_model *m)
{
    if (!m)
        return;
    g_free(m->name);
    free_strv_n(m->day_names, m->n_days);
    g_free(m->points);
    for (int i = 0; i < m->n_carers; i++) {
        g_free(m->carers[i].id);
        g_free(m->carers[i].shifts);
    }
    g_free(m->carers);
    for (int i = 0; i < m->n_clients; i++) {
        g_free(m->clients[i].id);
        g_free(m->clients[i].excluded);
        g_free(m->clients[i].preferred);
        g_free(m->clients[i].funder);
    }
    g_free(m->clients);
    for (int i = 0; i < m->n_visits; i++)
        g_free(m->visits[i].id);
    g_free(m->visits);
    free_strv_n(m->providers, m->n_providers);
    free_strv_n(m->zones, m->n_zones);
    free_strv_n(m->skills, m->n_skills);
    g_free(m->travel.times);
    g_free(m->travel.distances);
    g_free(m->travel.map_path);
    g_free(m->travel.profile);
    g_strfreev(m->travel.speeds);
    g_free(m->travel.matrix_path);
    g_free(m->travel.source);
    g_free(m->zone_areas_path);
    g_free(m->syncs);
    g_free(m->carer_duration);
    g_free(m);
}

#define EARTH_RADIUS_KM 6371.0088

static double great_circle_km(cr_point a, cr_point b)
{
    const double rad = G_PI / 180.0;
    double dlat = (b.y - a.y) * rad, dlon = (b.x - a.x) * rad;
    double s = sin(dlat / 2) * sin(dlat / 2) +
               cos(a.y * rad) * cos(b.y * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2.0 * EARTH_RADIUS_KM * asin(fmin(1.0, sqrt(s)));
}

double cr_model_distance(const cr_model *m, int from, int to)
{
    const cr_point a = m->points[from], b = m->points[to];
    switch (m->travel.kind) {
    case CR_TRAVEL_EUCLIDEAN:
        return sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
    case CR_TRAVEL_STRAIGHT_LINE:
        return great_circle_km(a, b) * m->travel.detour_factor;
    case CR_TRAVEL_MATRIX:
        return m->travel.distances[(size_t)from * m->n_points + to];
    }
    return NAN;
}

double cr_model_travel_time(const cr_model *m, int from, int to)
{
    switch (m->travel.kind) {
    case CR_TRAVEL_EUCLIDEAN:
        return cr_model_distance(m, from, to);
    case CR_TRAVEL_STRAIGHT_LINE:
        return cr_model_distance(m, from, to) / m->travel.speed_kmh * 60.0;
    case CR_TRAVEL_MATRIX:
        return m->travel.times[(size_t)from * m->n_points + to];
    }
    return NAN;
}

const char *cr_gender_name(cr_gender g)
{
    switch (g) {
    case CR_GENDER_FEMALE:
        return "female";
    case CR_GENDER_MALE:
        return "male";
    case CR_GENDER_OTHER:
        return "other";
    case CR_GENDER_UNSTATED:
        break;
    }
    return "not recorded";
}

const char *cr_model_day_name(const cr_model *m, int day)
{
    if (m->day_names && day >= 0 && day < m->n_days)
        return m->day_names[day];
    return "day";
}

const char *cr_model_format_time(const cr_model *m, double t, char *buf, size_t size)
{
    if (m->is_vrptw || !isfinite(t)) {
        snprintf(buf, size, "%g", t);
    } else {
        long mins = lround(t);
        snprintf(buf, size, "%02ld:%02ld", mins / 60, mins % 60);
    }
    return buf;
}

cr_solution *cr_solution_new(void)
{
    cr_solution *s = g_new0(cr_solution, 1);
    s->first_complete_seconds = NAN;
    s->best_found_seconds = NAN;
    return s;
}

void cr_solution_free(cr_solution *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n_routes; i++) {
        g_free(s->routes[i].visits);
        g_free(s->routes[i].starts);
    }
    g_free(s->routes);
    g_free(s->unassigned);
    for (int i = 0; i < s->n_unassigned; i++)
        g_free(s->reasons[i]);
    g_free(s->reasons);
    g_free(s);
}

void cr_solution_add_route(cr_solution *s, int carer, int day, int n,
                           const int *visits, const double *starts)
{
    s->routes = g_renew(cr_route, s->routes, s->n_routes + 1);
    cr_route *r = &s->routes[s->n_routes++];
    r->carer = carer;
    r->day = day;
    r->n = n;
    r->visits = g_memdup2(visits, sizeof(int) * (size_t)n);
    r->starts = g_new(double, n > 0 ? n : 1);
    for (int i = 0; i < n; i++)
        r->starts[i] = starts ? starts[i] : NAN;
}

void cr_solution_add_unassigned(cr_solution *s, int visit, const char *reason)
{
    s->unassigned = g_renew(int, s->unassigned, s->n_unassigned + 1);
    s->reasons = g_renew(char *, s->reasons, s->n_unassigned + 1);
    s->unassigned[s->n_unassigned] = visit;
    s->reasons[s->n_unassigned] = g_strdup(reason);
    s->n_unassigned++;
}

static double route_sum(const cr_model *m, const cr_route *r, bool time)
{
    if (r->n == 0)
        return 0.0;
    const cr_carer *c = &m->carers[r->carer];
    double sum = 0.0;
    int prev = c->start_point;
    for (int i = 0; i < r->n; i++) {
        int p = m->visits[r->visits[i]].point;
        sum += time ? cr_model_carer_travel_time(m, r->carer, prev, p) : cr_model_distance(m, prev, p);
        prev = p;
    }
    sum += time ? cr_model_carer_travel_time(m, r->carer, prev, c->end_point) : cr_model_distance(m, prev, c->end_point);
    return sum;
}

double cr_route_distance(const cr_model *m, const cr_route *r)
{
    return route_sum(m, r, false);
}

double cr_route_travel_time(const cr_model *m, const cr_route *r)
{
    return route_sum(m, r, true);
}

void cr_solution_compute_totals(const cr_model *m, cr_solution *s)
{
    s->distance = s->travel_time = 0.0;
    for (int i = 0; i < s->n_routes; i++) {
        s->distance += cr_route_distance(m, &s->routes[i]);
        s->travel_time += cr_route_travel_time(m, &s->routes[i]);
    }
    s->has_totals = true;
}

double cr_model_work_limit(const cr_model *m, int c)
{
    double week = m->carers[c].max_week_minutes;
    return isfinite(week) ? week * m->n_days / 7.0 : INFINITY;
}

double cr_model_contracted_minutes(const cr_model *m, int c)
{
    /* 0 (a zero-hours contract, or a loader that leaves it unset) and
     * INFINITY both mean no threshold */
    double week = m->carers[c].contracted_week_minutes;
    return isfinite(week) && week > 0 ? week * m->n_days / 7.0 : INFINITY;
}

int cr_model_day_limit(const cr_model *m, int c)
{
    int k = m->carers[c].max_working_days;
    if (k <= 0)
        return INT_MAX;
    return (int)ceil(k * (double)m->n_days / 7.0 - 1e-9);
}

bool cr_model_two_days_off(uint32_t worked, int n_days)
{
    for (int w = 0; w + 7 <= n_days; w += 7) {
        uint32_t week = (worked >> w) & 0x7fu, off = ~week & 0x7fu;
        /* a day off whose next day (Sunday's: Monday) is off too */
        uint32_t next = ((off >> 1) | (off << 6)) & 0x7fu;
        if ((off & next) == 0)
            return false;
    }
    return true;
}

bool cr_model_days_off_chosen(const cr_model *m)
{
    for (int c = 0; c < m->n_carers; c++) {
        int limit = cr_model_day_limit(m, c), offered = 0;
        if (limit == INT_MAX)
            continue;
        for (int d = 0; d < m->n_days; d++)
            offered += m->carers[c].shifts[d].present;
        if (offered > limit)
            return true;
    }
    return false;
}

double cr_model_carer_factor(const cr_model *m, int c)
{
    double f = c >= 0 && c < m->n_carers ? m->carers[c].travel_factor : 1.0;
    return f > 0 ? f : 1.0;
}

double cr_model_carer_travel_time(const cr_model *m, int c, int from, int to)
{
    return cr_model_travel_time(m, from, to) * cr_model_carer_factor(m, c);
}

bool cr_model_gap_holds_break(const cr_model *m, double from, double to)
{
    const cr_rules *r = &m->rules;
    double a = from > r->break_from ? from : r->break_from, b = to < r->break_to ? to : r->break_to;
    return b - a >= r->break_minutes - 1e-6;
}

int cr_model_client_cap(const cr_model *m, int c)
{
    int own = m->clients[c].max_carers;
    return own > 0 ? own : m->rules.max_carers_per_client;
}

cr_unfit cr_model_unfit(const cr_model *m, int v, int k)
{
    const cr_visit *vis = &m->visits[v];
    const cr_client *cl = &m->clients[vis->client];
    const cr_carer *c = &m->carers[k];
    if (cl->provider >= 0 && c->provider != cl->provider)
        return CR_UNFIT_PROVIDER;
    if (cl->zone >= 0 && c->zones && !(c->zones & (UINT64_C(1) << cl->zone)))
        return CR_UNFIT_ZONE;
    if (vis->skills & ~c->skills)
        return CR_UNFIT_SKILL;
    if (cl->carer_gender != CR_GENDER_UNSTATED && c->gender != cl->carer_gender)
        return CR_UNFIT_GENDER;
    for (int e = 0; e < cl->n_excluded; e++)
        if (cl->excluded[e] == k)
            return CR_UNFIT_EXCLUDED;
    return CR_UNFIT_NONE;
}

bool cr_model_needs_sync_search(const cr_model *m)
{
    if (m->n_syncs > 0 || m->carer_duration)
        return true;
    if (isfinite(m->rules.max_shift_minutes) || m->rules.min_rest_minutes > 0 ||
        isfinite(m->rules.break_after)) /* a day's span, rest between days, breaks */
        return true;
    for (int c = 0; c < m->n_clients; c++) /* a cap links the days too */
        if (cr_model_client_cap(m, c) > 0)
            return true;
    if (cr_model_days_off_chosen(m)) /* so do days off to choose */
        return true;
    for (int c = 0; c < m->n_carers; c++) /* a carer's week links the days */
        if (isfinite(m->carers[c].max_week_minutes) || isfinite(cr_model_contracted_minutes(m, c)) ||
            cr_model_carer_factor(m, c) != 1.0) /* the first search has one speed for all */
            return true;
    for (int i = 0; i < m->n_visits; i++)
        if (m->visits[i].soft_due)
            return true;
    return false;
}
