/* Public API: reports on a plan (cr_report). */
#include "careroute.h"
#include "error.h"
#include "geo_handles.h"
#include "handles.h"
#include "io/io.h"
#include "report/report_html.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* The National Living Wage for workers aged 21 and over, from April 2026. */
#define DEFAULT_LIVING_WAGE 12.71

struct cr_report {
    const cr_plan *plan;
    cr_report_data *data;
    double living_wage;
    cr_map *map;              /* borrowed: roads under the route maps */
    /* Trade-off points, one array per coordinate as the plot takes them. */
    GArray *weight, *travel_hours, *carers_per_client;
    char *json;
    char errmsg[CR_ERRMSG_SIZE];
};

static cr_status fail(cr_report *r, cr_status st, const char *msg)
{
    cr_errmsg_set(r->errmsg, msg);
    return st;
}

cr_status cr_report_new(cr_report **out, const cr_plan *p)
{
    if (!out || !p || !p->sol || !p->scenario || !p->scenario->model)
        return CR_ERR_INVALID_ARGUMENT;
    cr_report *r = g_new0(cr_report, 1);
    r->plan = p;
    r->living_wage = DEFAULT_LIVING_WAGE;
    r->data = cr_report_compute(p->scenario->model, p->sol, r->living_wage);
    r->weight = g_array_new(FALSE, FALSE, sizeof(double));
    r->travel_hours = g_array_new(FALSE, FALSE, sizeof(double));
    r->carers_per_client = g_array_new(FALSE, FALSE, sizeof(double));
    *out = r;
    return CR_OK;
}

void cr_report_free(cr_report *r)
{
    if (!r)
        return;
    cr_report_data_free(r->data);
    g_array_free(r->weight, TRUE);
    g_array_free(r->travel_hours, TRUE);
    g_array_free(r->carers_per_client, TRUE);
    g_free(r->json);
    g_free(r);
}

const char *cr_report_errmsg(const cr_report *r)
{
    return r ? r->errmsg : "no report (NULL handle)";
}

cr_status cr_report_set_living_wage(cr_report *r, double per_hour)
{
    if (!r)
        return CR_ERR_INVALID_ARGUMENT;
    if (!isfinite(per_hour) || per_hour < 0 || per_hour > 1000)
        return fail(r, CR_ERR_INVALID_ARGUMENT, "living wage: expected an hourly amount from 0 to 1000");
    r->living_wage = per_hour;
    cr_report_data_free(r->data);
    r->data = cr_report_compute(r->plan->scenario->model, r->plan->sol, per_hour);
    g_clear_pointer(&r->json, g_free);
    return CR_OK;
}

cr_status cr_report_use_map(cr_report *r, cr_map *m)
{
    if (!r)
        return CR_ERR_INVALID_ARGUMENT;
    if (m && !m->g)
        return fail(r, CR_ERR_INVALID_ARGUMENT, "the map is not loaded: call cr_map_load_file() first");
    if (m && !r->plan->scenario->model->lonlat)
        return fail(r, CR_ERR_INVALID_ARGUMENT, "the scenario's locations are not longitude/latitude, so no map fits");
    r->map = m;
    return CR_OK;
}

cr_status cr_report_add_tradeoff(cr_report *r, double weight, double travel_hours, double carers_per_client)
{
    if (!r)
        return CR_ERR_INVALID_ARGUMENT;
    if (!isfinite(weight) || !isfinite(travel_hours) || !isfinite(carers_per_client))
        return fail(r, CR_ERR_INVALID_ARGUMENT, "trade-off point: every value must be a finite number");
    g_array_append_val(r->weight, weight);
    g_array_append_val(r->travel_hours, travel_hours);
    g_array_append_val(r->carers_per_client, carers_per_client);
    return CR_OK;
}

static cr_tradeoff tradeoff_of(const cr_report *r)
{
    return (cr_tradeoff){r->weight->len, (const double *)(void *)r->weight->data,
                         (const double *)(void *)r->travel_hours->data,
                         (const double *)(void *)r->carers_per_client->data};
}

const char *cr_report_json(cr_report *r)
{
    if (!r)
        return NULL;
    if (!r->json)
        r->json = cr_report_to_json(r->data);
    return r->json;
}

static cr_status write_text(cr_report *r, const char *path, const char *text)
{
    GError *err = NULL;
    if (!cr_io_write_atomic(path, text, strlen(text), &err))
        return (cr_status)cr_errmsg_take(r->errmsg, err);
    return CR_OK;
}

cr_status cr_report_write_json(cr_report *r, const char *path)
{
    if (!r)
        return CR_ERR_INVALID_ARGUMENT;
    if (!path)
        return fail(r, CR_ERR_INVALID_ARGUMENT, "no output path given");
    return write_text(r, path, cr_report_json(r));
}

cr_status cr_report_write_csv(cr_report *r, const char *dir)
{
    if (!r)
        return CR_ERR_INVALID_ARGUMENT;
    if (!dir || !g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        cr_errmsg_setf(r->errmsg, "%s: not an existing folder", dir ? dir : "(none)");
        return CR_ERR_IO;
    }
    for (int t = 0; cr_report_csv_tables[t]; t++) {
        char *name = g_strdup_printf("%s.csv", cr_report_csv_tables[t]);
        char *path = g_build_filename(dir, name, NULL);
        char *csv = cr_report_csv(r->data, cr_report_csv_tables[t]);
        cr_status st = write_text(r, path, csv);
        g_free(csv);
        g_free(path);
        g_free(name);
        if (st != CR_OK)
            return st;
    }
    return CR_OK;
}

cr_status cr_report_write_html(cr_report *r, const char *path)
{
    if (!r)
        return CR_ERR_INVALID_ARGUMENT;
    if (!path)
        return fail(r, CR_ERR_INVALID_ARGUMENT, "no output path given");
    cr_tradeoff t = tradeoff_of(r);
    cr_html_extras x = {r->map ? r->map->g : NULL, &t};
    char *html = cr_report_html(r->data, &x);
    cr_status st = write_text(r, path, html);
    g_free(html);
    return st;
}

cr_status cr_report_write_picture(cr_report *r, int kind, int64_t zone, int64_t day, const char *path)
{
    if (!r)
        return CR_ERR_INVALID_ARGUMENT;
    const cr_model *m = r->plan->scenario->model;
    if (!path)
        return fail(r, CR_ERR_INVALID_ARGUMENT, "no output path given");
    if (zone < -1 || zone >= m->n_zones) {
        cr_errmsg_setf(r->errmsg, "zone %" G_GINT64_FORMAT " does not exist (the scenario has %d; -1 for all)", zone,
                       m->n_zones);
        return CR_ERR_INVALID_ARGUMENT;
    }
    if ((kind == CR_PICTURE_MAP || kind == CR_PICTURE_ROTA) && (day < 0 || day >= m->n_days)) {
        cr_errmsg_setf(r->errmsg, "day %" G_GINT64_FORMAT " does not exist (the plan has %d days, from 0)", day,
                       m->n_days);
        return CR_ERR_INVALID_ARGUMENT;
    }
    cr_pic_day ctx = {.r = r->data, .zone = (int)zone, .day = (int)day, .roads = r->map ? r->map->g : NULL};
    cr_tradeoff t = tradeoff_of(r);
    cr_picture p;
    switch (kind) {
    case CR_PICTURE_MAP: p = cr_picture_map(&ctx); break;
    case CR_PICTURE_ROTA: p = cr_picture_rota(&ctx); break;
    case CR_PICTURE_CONTINUITY: p = cr_picture_continuity(&ctx); break;
    case CR_PICTURE_TRADEOFF:
        if (t.n == 0)
            return fail(r, CR_ERR_INVALID_ARGUMENT, "no trade-off points: add them with cr_report_add_tradeoff()");
        p = cr_picture_tradeoff(&t);
        break;
    default:
        cr_errmsg_setf(r->errmsg, "unknown picture kind %d", kind);
        return CR_ERR_INVALID_ARGUMENT;
    }
    GError *err = NULL;
    if (!cr_picture_write(&p, path, &err))
        return (cr_status)cr_errmsg_take(r->errmsg, err);
    return CR_OK;
}
