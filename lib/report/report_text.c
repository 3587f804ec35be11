/* The report as JSON (every figure) and as CSV tables (one per kind of row). */
#include "report.h"

#include "io/json_write.h"
#include <math.h>
#include <string.h>

const char *const cr_report_csv_tables[] = {"carer_days", "carers", "clients", "providers", "unassigned", "charter",
                                            NULL};

/* Providers say 700 to 2,000 care hours a week keep them viable. */
static const char *viability(double weekly_hours)
{
    return weekly_hours < 700 ? "below 700 h/week" : weekly_hours > 2000 ? "above 2000 h/week" : "700-2000 h/week";
}

static const char *provider_name(const cr_model *m, int p)
{
    return p >= 0 ? m->providers[p] : "";
}

static const char *zone_name(const cr_model *m, int z)
{
    return z >= 0 ? m->zones[z] : "";
}

static double share(double part, double whole)
{
    return whole > 0 ? part / whole : 0;
}

/* ---- JSON ---- */

static void member_double(JsonBuilder *b, const char *name, double v)
{
    json_builder_set_member_name(b, name);
    if (isfinite(v))
        json_builder_add_double_value(b, round(v * 1e4) / 1e4);
    else
        json_builder_add_null_value(b);
}

static void member_time(JsonBuilder *b, const cr_model *m, const char *name, double t)
{
    char buf[32];
    cr_json_member_string(b, name, isfinite(t) ? cr_model_format_time(m, t, buf, sizeof buf) : NULL);
}

static void group_json(JsonBuilder *b, const cr_report_data *r, const cr_rep_group *g)
{
    const cr_model *m = r->m;
    json_builder_begin_object(b);
    cr_json_member_string(b, "provider", g->provider >= 0 ? m->providers[g->provider] : NULL);
    cr_json_member_string(b, "zone", g->zone >= 0 ? m->zones[g->zone] : NULL);
    cr_json_member_int(b, "clients", g->clients);
    cr_json_member_int(b, "carers", g->carers);
    cr_json_member_int(b, "visits", g->visits);
    cr_json_member_int(b, "unassigned", g->unassigned);
    member_double(b, "care_hours", g->care_hours);
    member_double(b, "weekly_care_hours", g->care_hours * r->week_scale);
    cr_json_member_string(b, "viability", viability(g->care_hours * r->week_scale));
    member_double(b, "travel_hours", g->travel_hours);
    member_double(b, "paid_travel_hours", g->paid_travel_hours);
    member_double(b, "travel_share", share(g->travel_hours, g->travel_hours + g->care_hours));
    member_double(b, "cost", g->cost);
    member_double(b, "cost_per_care_hour", g->care_hours > 0 ? g->cost / g->care_hours : NAN);
    json_builder_set_member_name(b, "hours_by_funder");
    json_builder_begin_object(b);
    for (int k = 0; k < 4; k++)
        member_double(b, cr_report_funders[k], g->funder_hours[k]);
    json_builder_end_object(b);
    json_builder_end_object(b);
}

static void summary_json(JsonBuilder *b, const cr_report_data *r)
{
    int n7 = 0;
    json_builder_set_member_name(b, "summary");
    json_builder_begin_object(b);
    cr_json_member_int(b, "visits", r->total.visits);
    cr_json_member_int(b, "unassigned", r->total.unassigned);
    cr_json_member_int(b, "carers_working", r->total.carers);
    cr_json_member_int(b, "clients", r->total.clients);
    member_double(b, "care_hours", r->total.care_hours);
    member_double(b, "travel_hours", r->total.travel_hours);
    member_double(b, "travel_share", share(r->total.travel_hours, r->total.travel_hours + r->total.care_hours));
    member_double(b, "cost", r->total.cost);
    double distance = 0, waiting = 0;
    for (guint i = 0; i < r->days->len; i++) {
        distance += g_array_index(r->days, cr_rep_day, i).distance;
        waiting += g_array_index(r->days, cr_rep_day, i).waiting;
    }
    member_double(b, "distance_km", distance);
    member_double(b, "waiting_hours", waiting / 60);
    member_double(b, "carers_per_client", cr_report_mean_distinct(r, 1, NULL));
    double m7 = cr_report_mean_distinct(r, 7, &n7);
    member_double(b, "carers_per_client_7_plus_visits", n7 ? m7 : NAN);
    member_double(b, "carers_per_client_7_plus_visits_floor", n7 ? cr_report_mean_floor(r, 7) : NAN);
    cr_json_member_int(b, "clients_7_plus_visits", n7);
    int with_pref = 0, pref_visits = 0, by_pref = 0;
    for (int c = 0; c < r->m->n_clients; c++)
        if (r->m->clients[c].n_preferred > 0) {
            with_pref++;
            pref_visits += r->clients[c].visits;
            by_pref += r->clients[c].by_preferred;
        }
    cr_json_member_int(b, "clients_with_preferred_carers", with_pref);
    member_double(b, "preferred_share", pref_visits ? (double)by_pref / pref_visits : NAN);
    json_builder_end_object(b);
}

char *cr_report_to_json(const cr_report_data *r)
{
    const cr_model *m = r->m;
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    cr_json_member_string(b, "format", "careroute-report-1");
    cr_json_member_string(b, "scenario", m->name);
    cr_json_member_int(b, "days", m->n_days);
    summary_json(b, r);

    json_builder_set_member_name(b, "carer_days");
    json_builder_begin_array(b);
    for (guint i = 0; i < r->days->len; i++) {
        const cr_rep_day *d = &g_array_index(r->days, cr_rep_day, i);
        const cr_route *rt = &r->s->routes[d->route];
        json_builder_begin_object(b);
        cr_json_member_string(b, "carer", m->carers[d->carer].id);
        cr_json_member_string(b, "day", cr_model_day_name(m, d->day));
        member_time(b, m, "leave_home", d->n_visits ? d->leave : NAN);
        member_time(b, m, "back_home", d->n_visits ? d->back : NAN);
        member_double(b, "contact_minutes", d->contact);
        member_double(b, "travel_minutes", d->travel);
        member_double(b, "paid_travel_minutes", d->paid_minutes - d->contact);
        member_double(b, "waiting_minutes", d->waiting);
        member_double(b, "own_time_minutes", d->own_time);
        member_double(b, "distance_km", d->distance);
        json_builder_set_member_name(b, "visits");
        json_builder_begin_array(b);
        for (int k = 0; k < rt->n; k++) {
            int v = rt->visits[k];
            json_builder_begin_object(b);
            cr_json_member_string(b, "visit", m->visits[v].id);
            cr_json_member_string(b, "client", m->clients[m->visits[v].client].id);
            member_time(b, m, "start", r->visit_start[v]);
            member_time(b, m, "end", r->visit_start[v] + cr_model_duration(m, v, d->carer));
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);

    json_builder_set_member_name(b, "carers");
    json_builder_begin_array(b);
    for (int k = 0; k < m->n_carers; k++) {
        const cr_rep_carer *c = &r->carers[k];
        json_builder_begin_object(b);
        cr_json_member_string(b, "carer", m->carers[k].id);
        cr_json_member_string(b, "provider", m->carers[k].provider >= 0 ? m->providers[m->carers[k].provider] : NULL);
        cr_json_member_int(b, "days_worked", c->days);
        member_double(b, "contact_hours", c->contact / 60);
        member_double(b, "travel_hours", c->travel / 60);
        member_double(b, "paid_travel_hours", c->paid_travel / 60);
        member_double(b, "unpaid_travel_hours", c->unpaid_travel / 60);
        member_double(b, "waiting_hours", c->waiting / 60);
        member_double(b, "own_time_hours", c->own_time / 60);
        member_double(b, "hours_worked", c->hours_worked);
        member_double(b, "max_hours", c->max_hours > 0 ? c->max_hours : NAN);
        cr_json_member_bool(b, "over_hours", c->over_hours);
        member_double(b, "contracted_hours", c->contracted_hours);
        member_double(b, "overtime_hours", c->overtime_hours);
        member_double(b, "hourly_rate", m->carers[k].hourly_rate);
        member_double(b, "pay", c->pay);
        member_double(b, "pay_per_hour_worked", c->pay_per_hour);
        cr_json_member_bool(b, "below_living_wage", c->below_wage);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);

    json_builder_set_member_name(b, "clients");
    json_builder_begin_array(b);
    for (int ci = 0; ci < m->n_clients; ci++) {
        const cr_rep_client *c = &r->clients[ci];
        const cr_client *cl = &m->clients[ci];
        json_builder_begin_object(b);
        cr_json_member_string(b, "client", cl->id);
        cr_json_member_string(b, "provider", cl->provider >= 0 ? m->providers[cl->provider] : NULL);
        cr_json_member_string(b, "zone", cl->zone >= 0 ? m->zones[cl->zone] : NULL);
        cr_json_member_string(b, "funder", cl->funder);
        cr_json_member_int(b, "visits", c->visits);
        cr_json_member_int(b, "unassigned", c->unassigned);
        member_double(b, "care_hours", c->hours);
        cr_json_member_int(b, "distinct_carers", c->distinct);
        cr_json_member_int(b, "fewest_possible_carers", c->floor);
        json_builder_set_member_name(b, "carers");
        json_builder_begin_array(b);
        for (guint k = 0; k < c->carers->len; k++) {
            const int *pair = &g_array_index(c->carers, int, 2 * k);
            json_builder_begin_object(b);
            cr_json_member_string(b, "carer", m->carers[pair[0]].id);
            cr_json_member_int(b, "visits", pair[1]);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        cr_json_member_int(b, "preferred_carers", cl->n_preferred);
        cr_json_member_int(b, "visits_by_preferred", c->by_preferred);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);

    json_builder_set_member_name(b, "providers");
    json_builder_begin_array(b);
    for (guint i = 0; i < r->groups->len; i++)
        group_json(b, r, &g_array_index(r->groups, cr_rep_group, i));
    json_builder_end_array(b);
    json_builder_set_member_name(b, "total");
    group_json(b, r, &r->total);

    json_builder_set_member_name(b, "charter");
    json_builder_begin_object(b);
    member_double(b, "min_visit_minutes", m->rules.min_visit_minutes);
    cr_json_member_int(b, "short_visits", r->short_visits);
    cr_json_member_bool(b, "paid_home_travel", m->rules.paid_home_travel);
    member_double(b, "unpaid_travel_hours", r->unpaid_travel / 60);
    member_double(b, "living_wage", r->living_wage);
    json_builder_set_member_name(b, "carers_below_living_wage");
    json_builder_begin_array(b);
    for (int k = 0; k < m->n_carers; k++)
        if (r->carers[k].below_wage) {
            json_builder_begin_object(b);
            cr_json_member_string(b, "carer", m->carers[k].id);
            member_double(b, "pay_per_hour_worked", r->carers[k].pay_per_hour);
            json_builder_end_object(b);
        }
    json_builder_end_array(b);
    json_builder_end_object(b);

    json_builder_set_member_name(b, "unassigned");
    json_builder_begin_array(b);
    for (int i = 0; i < r->s->n_unassigned; i++) {
        const cr_visit *v = &m->visits[r->s->unassigned[i]];
        json_builder_begin_object(b);
        cr_json_member_string(b, "visit", v->id);
        cr_json_member_string(b, "client", m->clients[v->client].id);
        cr_json_member_string(b, "day", cr_model_day_name(m, v->day));
        member_time(b, m, "window_start", v->ready);
        member_time(b, m, "window_end", v->due);
        cr_json_member_int(b, "priority", v->priority);
        cr_json_member_string(b, "reason", r->s->reasons && r->s->reasons[i] ? r->s->reasons[i] : "");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);

    return cr_json_builder_finish(b);
}

/* ---- CSV ---- */

/* RFC 4180 quoting where needed. */
static void cell(GString *out, const char *text, bool last)
{
    text = text ? text : "";
    if (strpbrk(text, ",\"\n\r")) {
        g_string_append_c(out, '"');
        for (const char *p = text; *p; p++) {
            if (*p == '"')
                g_string_append_c(out, '"');
            g_string_append_c(out, *p);
        }
        g_string_append_c(out, '"');
    } else {
        g_string_append(out, text);
    }
    g_string_append_c(out, last ? '\n' : ',');
}

static void num(GString *out, double v, bool last)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    cell(out, isfinite(v) ? g_ascii_formatd(buf, sizeof buf, "%.4f", v) : "", last);
}

static void inum(GString *out, int64_t v, bool last)
{
    char buf[32];
    g_snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT, v);
    cell(out, buf, last);
}

static void tm(GString *out, const cr_model *m, double t, bool last)
{
    char buf[32];
    cell(out, isfinite(t) ? cr_model_format_time(m, t, buf, sizeof buf) : "", last);
}

static void csv_carer_days(GString *o, const cr_report_data *r)
{
    const cr_model *m = r->m;
    g_string_append(o, "carer,day,leave_home,back_home,visits,contact_minutes,travel_minutes,paid_travel_minutes,"
                       "waiting_minutes,own_time_minutes,distance_km,route\n");
    for (guint i = 0; i < r->days->len; i++) {
        const cr_rep_day *d = &g_array_index(r->days, cr_rep_day, i);
        const cr_route *rt = &r->s->routes[d->route];
        cell(o, m->carers[d->carer].id, false);
        cell(o, cr_model_day_name(m, d->day), false);
        tm(o, m, d->n_visits ? d->leave : NAN, false);
        tm(o, m, d->n_visits ? d->back : NAN, false);
        inum(o, d->n_visits, false);
        num(o, d->contact, false);
        num(o, d->travel, false);
        num(o, d->paid_minutes - d->contact, false);
        num(o, d->waiting, false);
        num(o, d->own_time, false);
        num(o, d->distance, false);
        /* The visits in order with their start times: "k001-am@mon 07:30; ..." */
        GString *seq = g_string_new(NULL);
        for (int k = 0; k < rt->n; k++) {
            char buf[32];
            g_string_append_printf(seq, "%s%s %s", k ? "; " : "", m->visits[rt->visits[k]].id,
                                   cr_model_format_time(m, r->visit_start[rt->visits[k]], buf, sizeof buf));
        }
        cell(o, seq->str, true);
        g_string_free(seq, TRUE);
    }
}

static void csv_carers(GString *o, const cr_report_data *r)
{
    const cr_model *m = r->m;
    g_string_append(o, "carer,provider,days_worked,contact_hours,travel_hours,paid_travel_hours,unpaid_travel_hours,"
                       "waiting_hours,own_time_hours,hours_worked,max_hours,over_hours,contracted_hours,overtime_hours,"
                       "hourly_rate,pay,"
                       "pay_per_hour_worked,"
                       "below_living_wage\n");
    for (int k = 0; k < m->n_carers; k++) {
        const cr_rep_carer *c = &r->carers[k];
        cell(o, m->carers[k].id, false);
        cell(o, provider_name(m, m->carers[k].provider), false);
        inum(o, c->days, false);
        num(o, c->contact / 60, false);
        num(o, c->travel / 60, false);
        num(o, c->paid_travel / 60, false);
        num(o, c->unpaid_travel / 60, false);
        num(o, c->waiting / 60, false);
        num(o, c->own_time / 60, false);
        num(o, c->hours_worked, false);
        num(o, c->max_hours > 0 ? c->max_hours : NAN, false);
        cell(o, c->over_hours ? "yes" : "no", false);
        num(o, c->contracted_hours, false);
        num(o, c->overtime_hours, false);
        num(o, m->carers[k].hourly_rate, false);
        num(o, c->pay, false);
        num(o, c->pay_per_hour, false);
        cell(o, c->below_wage ? "yes" : "no", true);
    }
}

static void csv_clients(GString *o, const cr_report_data *r)
{
    const cr_model *m = r->m;
    g_string_append(o, "client,provider,zone,funder,visits,unassigned,care_hours,distinct_carers,carers,"
                       "preferred_carers,visits_by_preferred,fewest_possible_carers\n");
    for (int ci = 0; ci < m->n_clients; ci++) {
        const cr_rep_client *c = &r->clients[ci];
        const cr_client *cl = &m->clients[ci];
        cell(o, cl->id, false);
        cell(o, provider_name(m, cl->provider), false);
        cell(o, zone_name(m, cl->zone), false);
        cell(o, cl->funder, false);
        inum(o, c->visits, false);
        inum(o, c->unassigned, false);
        num(o, c->hours, false);
        inum(o, c->distinct, false);
        GString *who = g_string_new(NULL);
        for (guint k = 0; k < c->carers->len; k++) {
            const int *pair = &g_array_index(c->carers, int, 2 * k);
            g_string_append_printf(who, "%s%s x%d", k ? "; " : "", m->carers[pair[0]].id, pair[1]);
        }
        cell(o, who->str, false);
        g_string_free(who, TRUE);
        inum(o, cl->n_preferred, false);
        inum(o, c->by_preferred, false);
        inum(o, c->floor, true);
    }
}

static void csv_group(GString *o, const cr_report_data *r, const cr_rep_group *g, bool total)
{
    const cr_model *m = r->m;
    cell(o, total ? "all" : provider_name(m, g->provider), false);
    cell(o, total ? "all" : zone_name(m, g->zone), false);
    inum(o, g->clients, false);
    inum(o, g->carers, false);
    inum(o, g->visits, false);
    inum(o, g->unassigned, false);
    num(o, g->care_hours, false);
    num(o, g->care_hours * r->week_scale, false);
    cell(o, viability(g->care_hours * r->week_scale), false);
    num(o, g->travel_hours, false);
    num(o, g->paid_travel_hours, false);
    num(o, share(g->travel_hours, g->travel_hours + g->care_hours), false);
    num(o, g->cost, false);
    num(o, g->care_hours > 0 ? g->cost / g->care_hours : NAN, false);
    for (int k = 0; k < 4; k++)
        num(o, g->funder_hours[k], k == 3);
}

static void csv_providers(GString *o, const cr_report_data *r)
{
    g_string_append(o, "provider,zone,clients,carers,visits,unassigned,care_hours,weekly_care_hours,viability,"
                       "travel_hours,paid_travel_hours,travel_share,cost,cost_per_care_hour,council_hours,"
                       "nhs_chc_hours,self_funded_hours,funder_not_given_hours\n");
    for (guint i = 0; i < r->groups->len; i++)
        csv_group(o, r, &g_array_index(r->groups, cr_rep_group, i), false);
    csv_group(o, r, &r->total, true);
}

static void csv_unassigned(GString *o, const cr_report_data *r)
{
    const cr_model *m = r->m;
    g_string_append(o, "visit,client,day,window_start,window_end,priority,reason\n");
    for (int i = 0; i < r->s->n_unassigned; i++) {
        const cr_visit *v = &m->visits[r->s->unassigned[i]];
        cell(o, v->id, false);
        cell(o, m->clients[v->client].id, false);
        cell(o, cr_model_day_name(m, v->day), false);
        tm(o, m, v->ready, false);
        tm(o, m, v->due, false);
        inum(o, v->priority, false);
        cell(o, r->s->reasons && r->s->reasons[i] ? r->s->reasons[i] : "", true);
    }
}

static void csv_charter(GString *o, const cr_report_data *r)
{
    const cr_model *m = r->m;
    g_string_append(o, "check,value,detail\n");
    char detail[128];
    g_snprintf(detail, sizeof detail, "planned visits shorter than %g minutes", m->rules.min_visit_minutes);
    cell(o, "short_visits", false);
    inum(o, r->short_visits, false);
    cell(o, detail, true);
    cell(o, "unpaid_travel_hours", false);
    num(o, r->unpaid_travel / 60, false);
    cell(o, m->rules.paid_home_travel ? "all travel is paid" : "travel from home to the first visit and back is unpaid",
         true);
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_snprintf(detail, sizeof detail, "pay per hour worked (all travel and waits under an hour counted) below %s",
               g_ascii_formatd(buf, sizeof buf, "%.2f", r->living_wage));
    cell(o, "carers_below_living_wage", false);
    inum(o, r->carers_below_wage, false);
    cell(o, detail, true);
}

char *cr_report_csv(const cr_report_data *r, const char *table)
{
    GString *o = g_string_new(NULL);
    if (!strcmp(table, "carer_days"))
        csv_carer_days(o, r);
    else if (!strcmp(table, "carers"))
        csv_carers(o, r);
    else if (!strcmp(table, "clients"))
        csv_clients(o, r);
    else if (!strcmp(table, "providers"))
        csv_providers(o, r);
    else if (!strcmp(table, "unassigned"))
        csv_unassigned(o, r);
    else if (!strcmp(table, "charter"))
        csv_charter(o, r);
    else {
        g_string_free(o, TRUE);
        return NULL;
    }
    return g_string_free(o, FALSE);
}
