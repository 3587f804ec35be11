/* Computing the report figures (see report.h). Travel comes from the
 * model's travel measure and times from the plan's start times, as the
 * carers would follow them; the checker recomputes the same independently
 * and the tests compare the two. */
#include "report.h"

#include "carer_floor.h"

#include <math.h>
#include <string.h>

const char *const cr_report_funders[4] = {"council", "nhs-chc", "self", "not given"};

static int funder_index(const char *funder)
{
    for (int k = 0; k < 3; k++)
        if (funder && !strcmp(funder, cr_report_funders[k]))
            return k;
    return 3;
}

static cr_rep_group *group_of(GArray *groups, int provider, int zone)
{
    for (guint i = 0; i < groups->len; i++) {
        cr_rep_group *g = &g_array_index(groups, cr_rep_group, i);
        if (g->provider == provider && g->zone == zone)
            return g;
    }
    cr_rep_group fresh = {.provider = provider, .zone = zone};
    g_array_append_val(groups, fresh);
    return &g_array_index(groups, cr_rep_group, groups->len - 1);
}

static int compare_groups(gconstpointer a, gconstpointer b)
{
    const cr_rep_group *x = a, *y = b;
    if (x->provider != y->provider)
        return x->provider < y->provider ? -1 : 1;
    return x->zone < y->zone ? -1 : x->zone > y->zone;
}

static void add_group(cr_rep_group *to, const cr_rep_group *g)
{
    to->clients += g->clients;
    to->carers += g->carers;
    to->visits += g->visits;
    to->unassigned += g->unassigned;
    to->care_hours += g->care_hours;
    to->travel_hours += g->travel_hours;
    to->paid_travel_hours += g->paid_travel_hours;
    to->cost += g->cost;
    for (int k = 0; k < 4; k++)
        to->funder_hours[k] += g->funder_hours[k];
}

/* One carer's day: the carer leaves home in time for the first visit and
 * goes home after the last; travel and contact are charged to the group
 * (provider, zone) of the client visited. */
static void follow_route(cr_report_data *r, int ri, GArray *groups, bool **carer_in_group)
{
    const cr_model *m = r->m;
    const cr_route *rt = &r->s->routes[ri];
    const cr_carer *c = &m->carers[rt->carer];
    cr_rep_day d = {.route = ri, .carer = rt->carer, .day = rt->day, .n_visits = rt->n};
    int at = c->start_point;
    double t = NAN;
    cr_rep_group *g = NULL;
    for (int i = 0; i < rt->n; i++) {
        int vi = rt->visits[i];
        const cr_visit *v = &m->visits[vi];
        const cr_client *cl = &m->clients[v->client];
        double leg = cr_model_carer_travel_time(m, rt->carer, at, v->point);
        d.distance += cr_model_distance(m, at, v->point);
        double arrival = i == 0 ? NAN : t + leg;
        double start = !isnan(rt->starts[i]) ? rt->starts[i] : i == 0 ? fmax(v->ready, 0) : fmax(arrival, v->ready);
        if (i == 0) {
            d.leave = start - leg;
            d.home_travel += leg;
        } else {
            double gap = fmax(0.0, start - arrival);
            if (gap >= CR_MODEL_OWN_TIME_GAP)
                d.own_time += gap;
            else
                d.waiting += gap;
        }
        double duration = cr_model_duration(m, vi, rt->carer);
        d.travel += leg;
        d.contact += duration;
        t = start + duration;
        at = v->point;
        r->visit_start[vi] = start;
        r->visit_carer[vi] = rt->carer;
        if (duration < m->rules.min_visit_minutes)
            r->short_visits++;

        g = group_of(groups, cl->provider, cl->zone);
        bool paid = i > 0 || m->rules.paid_home_travel;
        g->travel_hours += leg / 60;
        g->paid_travel_hours += paid ? leg / 60 : 0;
        g->care_hours += duration / 60;
        g->funder_hours[funder_index(cl->funder)] += duration / 60;
        g->cost += c->hourly_rate * (duration + (paid ? leg : 0)) / 60;
        g->visits++;
        int gi = (int)(g - &g_array_index(groups, cr_rep_group, 0));
        if (!carer_in_group[gi][rt->carer]) {
            carer_in_group[gi][rt->carer] = true;
            g->carers++;
        }
    }
    if (rt->n > 0) {
        double leg = cr_model_carer_travel_time(m, rt->carer, at, c->end_point);
        d.distance += cr_model_distance(m, at, c->end_point);
        d.travel += leg;
        d.home_travel += leg;
        d.back = t + leg;
        g->travel_hours += leg / 60;
        g->paid_travel_hours += m->rules.paid_home_travel ? leg / 60 : 0;
        g->cost += m->rules.paid_home_travel ? c->hourly_rate * leg / 60 : 0;
    }
    double paid_travel = d.travel - (m->rules.paid_home_travel ? 0 : d.home_travel);
    d.paid_minutes = d.contact + paid_travel;
    g_array_append_val(r->days, d);

    cr_rep_carer *k = &r->carers[rt->carer];
    k->days += rt->n > 0;
    k->contact += d.contact;
    k->travel += d.travel;
    k->paid_travel += paid_travel;
    k->unpaid_travel += d.travel - paid_travel;
    k->waiting += d.waiting;
    k->own_time += d.own_time;
    k->distance += d.distance;
}

/* Groups are created as routes meet them; a fixed upper bound on their
 * number keeps the carer-seen table simple. */
static int max_groups(const cr_model *m)
{
    return (m->n_providers + 1) * (m->n_zones + 1);
}

cr_report_data *cr_report_compute(const cr_model *m, const cr_solution *s, double living_wage)
{
    cr_report_data *r = g_new0(cr_report_data, 1);
    r->m = m;
    r->s = s;
    r->living_wage = living_wage;
    r->week_scale = m->n_days < 7 ? 7.0 / m->n_days : 1.0;
    r->days = g_array_new(FALSE, FALSE, sizeof(cr_rep_day));
    r->carers = g_new0(cr_rep_carer, m->n_carers ? m->n_carers : 1);
    r->clients = g_new0(cr_rep_client, m->n_clients ? m->n_clients : 1);
    r->visit_start = g_new(double, m->n_visits ? m->n_visits : 1);
    r->visit_carer = g_new(int, m->n_visits ? m->n_visits : 1);
    for (int v = 0; v < m->n_visits; v++) {
        r->visit_start[v] = NAN;
        r->visit_carer[v] = -1;
    }
    r->groups = g_array_sized_new(FALSE, FALSE, sizeof(cr_rep_group), (guint)max_groups(m));
    int n_groups = max_groups(m);
    bool **carer_in_group = g_new(bool *, n_groups);
    for (int i = 0; i < n_groups; i++)
        carer_in_group[i] = g_new0(bool, m->n_carers ? m->n_carers : 1);
    for (int ri = 0; ri < s->n_routes; ri++)
        follow_route(r, ri, r->groups, carer_in_group);

    /* Clients: who came, how often, and whether they were preferred. */
    for (int ci = 0; ci < m->n_clients; ci++)
        r->clients[ci].carers = g_array_new(FALSE, FALSE, sizeof(int) * 2);
    for (int v = 0; v < m->n_visits; v++) {
        const cr_visit *vis = &m->visits[v];
        cr_rep_client *c = &r->clients[vis->client];
        int carer = r->visit_carer[v];
        if (carer < 0) {
            c->unassigned++;
            group_of(r->groups, m->clients[vis->client].provider, m->clients[vis->client].zone)->unassigned++;
            continue;
        }
        c->visits++;
        c->hours += cr_model_duration(m, v, carer) / 60;
        const cr_client *cl = &m->clients[vis->client];
        for (int k = 0; k < cl->n_preferred; k++)
            c->by_preferred += cl->preferred[k] == carer;
        bool seen = false;
        for (guint k = 0; k < c->carers->len; k++) {
            int *pair = &g_array_index(c->carers, int, 2 * k);
            if (pair[0] == carer) {
                pair[1]++;
                seen = true;
            }
        }
        if (!seen) {
            int pair[2] = {carer, 1};
            g_array_append_vals(c->carers, pair, 1);
            c->distinct++;
        }
    }
    /* How few carers could have made each client's planned visits. */
    int *planned = g_new(int, m->n_visits ? m->n_visits : 1), *first = g_new0(int, m->n_clients + 1);
    for (int v = 0; v < m->n_visits; v++)
        if (r->visit_carer[v] >= 0)
            first[m->visits[v].client + 1]++;
    for (int ci = 0; ci < m->n_clients; ci++)
        first[ci + 1] += first[ci];
    int *fill = g_memdup2(first, sizeof(int) * (size_t)m->n_clients + sizeof(int));
    for (int v = 0; v < m->n_visits; v++)
        if (r->visit_carer[v] >= 0)
            planned[fill[m->visits[v].client]++] = v;
    for (int ci = 0; ci < m->n_clients; ci++) {
        cr_rep_client *c = &r->clients[ci];
        c->floor = cr_carer_floor(m, &planned[first[ci]], first[ci + 1] - first[ci], c->distinct - 1);
    }
    g_free(planned);
    g_free(first);
    g_free(fill);
    for (int ci = 0; ci < m->n_clients; ci++) {
        const cr_client *cl = &m->clients[ci];
        if (r->clients[ci].visits + r->clients[ci].unassigned > 0)
            group_of(r->groups, cl->provider, cl->zone)->clients++;
    }

    /* Carers over the plan: pay at their rate for contact and paid travel,
     * against the hours they give (short waits between visits included;
     * a split shift's break of an hour or more is the carer's own time). */
    for (int k = 0; k < m->n_carers; k++) {
        cr_rep_carer *c = &r->carers[k];
        c->hours_worked = (c->contact + c->travel + c->waiting) / 60;
        c->pay = m->carers[k].hourly_rate * (c->contact + c->paid_travel) / 60;
        c->pay_per_hour = c->hours_worked > 0 ? c->pay / c->hours_worked : NAN;
        c->below_wage = c->hours_worked > 0 && m->carers[k].hourly_rate > 0 && c->pay_per_hour < living_wage - 1e-9;
        /* the weekly hours rule counts contact and travel, as the solver */
        double limit = cr_model_work_limit(m, k);
        c->max_hours = isfinite(limit) && limit > 0 ? limit / 60 : 0;
        c->over_hours = c->max_hours > 0 && (c->contact + c->travel) / 60 > c->max_hours + 1e-9;
        double contracted = cr_model_contracted_minutes(m, k);
        c->contracted_hours = isfinite(contracted) ? contracted / 60 : NAN;
        c->overtime_hours = isfinite(contracted) ? fmax(0.0, (c->contact + c->travel - contracted) / 60) : 0.0;
        r->carers_below_wage += c->below_wage;
        r->unpaid_travel += c->unpaid_travel;
    }
    g_array_sort(r->groups, compare_groups);
    for (guint i = 0; i < r->groups->len; i++)
        add_group(&r->total, &g_array_index(r->groups, cr_rep_group, i));
    r->total.provider = r->total.zone = -1;
    /* A carer working in several groups counts once in the total. */
    r->total.carers = 0;
    for (int k = 0; k < m->n_carers; k++)
        r->total.carers += r->carers[k].days > 0;
    for (int i = 0; i < n_groups; i++)
        g_free(carer_in_group[i]);
    g_free(carer_in_group);
    return r;
}

void cr_report_data_free(cr_report_data *r)
{
    if (!r)
        return;
    g_array_free(r->days, TRUE);
    for (int ci = 0; ci < r->m->n_clients; ci++)
        g_array_free(r->clients[ci].carers, TRUE);
    g_free(r->clients);
    g_free(r->carers);
    g_array_free(r->groups, TRUE);
    g_free(r->visit_start);
    g_free(r->visit_carer);
    g_free(r);
}

/* The mean of distinct carers (or of their floor) over the clients with at
 * least min_visits planned visits: one choice of clients for both. */
static double mean_over_clients(const cr_report_data *r, int min_visits, bool floor, int *n_out)
{
    double sum = 0;
    int n = 0;
    for (int c = 0; c < r->m->n_clients; c++)
        if (r->clients[c].visits >= MAX(1, min_visits)) {
            sum += floor ? r->clients[c].floor : r->clients[c].distinct;
            n++;
        }
    if (n_out)
        *n_out = n;
    return n ? sum / n : 0;
}

double cr_report_mean_distinct(const cr_report_data *r, int min_visits, int *n_out)
{
    return mean_over_clients(r, min_visits, false, n_out);
}

double cr_report_mean_floor(const cr_report_data *r, int min_visits)
{
    return mean_over_clients(r, min_visits, true, NULL);
}
