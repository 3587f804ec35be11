/* Public API: geographic zones (cr_zones). */
#include "careroute.h"
#include "error.h"
#include "handles.h"
#include "geo/zones.h"
#include "io/io.h"

#include <math.h>
#include <string.h>

struct cr_zones {
    cr_zone_set *set;
    char errmsg[CR_ERRMSG_SIZE];
};

cr_status cr_zones_new(cr_zones **out)
{
    if (!out)
        return CR_ERR_INVALID_ARGUMENT;
    cr_zones *z = g_new0(cr_zones, 1);
    z->set = cr_zone_set_new();
    *out = z;
    return CR_OK;
}

void cr_zones_free(cr_zones *z)
{
    if (!z)
        return;
    cr_zone_set_free(z->set);
    g_free(z);
}

const char *cr_zones_errmsg(const cr_zones *z)
{
    return z ? z->errmsg : "no zones (NULL handle)";
}

#define from_gerror(z, err) ((cr_status)cr_errmsg_take((z)->errmsg, (err)))

cr_status cr_zones_load_file(cr_zones *z, const char *path)
{
    if (!z)
        return CR_ERR_INVALID_ARGUMENT;
    if (!path) {
        cr_errmsg_set(z->errmsg, "no zones path given");
        return CR_ERR_INVALID_ARGUMENT;
    }
    GError *err = NULL;
    if (!cr_zone_set_load(z->set, path, &err))
        return from_gerror(z, err);
    return CR_OK;
}

size_t cr_zones_count(const cr_zones *z)
{
    return z ? z->set->zones->len : 0;
}

const char *cr_zones_name(const cr_zones *z, size_t i)
{
    return i < cr_zones_count(z) ? ((const cr_zone *)z->set->zones->pdata[i])->name : NULL;
}

double cr_zones_hours(const cr_zones *z, size_t i)
{
    return i < cr_zones_count(z) ? ((const cr_zone *)z->set->zones->pdata[i])->hours : NAN;
}

int64_t cr_zones_locate(const cr_zones *z, double lon, double lat)
{
    if (!z || !isfinite(lon) || !isfinite(lat))
        return -1;
    return cr_zone_set_locate(z->set, lon, lat);
}

static bool valid_points(cr_zones *z, size_t n, const double *lon, const double *lat)
{
    if (n == 0 || !lon || !lat) {
        cr_errmsg_set(z->errmsg, "expected at least one point with a longitude and latitude");
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (!(lon[i] >= -180 && lon[i] <= 180 && lat[i] >= -90 && lat[i] <= 90)) {
            cr_errmsg_setf(z->errmsg, "point %zu: lon %g, lat %g is not on the globe", i + 1, lon[i], lat[i]);
            return false;
        }
    return true;
}

cr_status cr_zones_assign(cr_zones *z, size_t n, const char *const *ids, const double *lon,
                          const double *lat, int64_t *zone_out)
{
    if (!z)
        return CR_ERR_INVALID_ARGUMENT;
    if (!zone_out || !valid_points(z, n, lon, lat))
        return CR_ERR_INVALID_ARGUMENT;
    if (cr_zones_count(z) == 0) {
        cr_errmsg_set(z->errmsg, "no zones loaded");
        return CR_ERR_INVALID_ARGUMENT;
    }
    for (size_t i = 0; i < n; i++) {
        zone_out[i] = cr_zone_set_locate(z->set, lon[i], lat[i]);
        if (zone_out[i] < 0) {
            char label[64];
            g_snprintf(label, sizeof label, "%zu", i + 1);
            cr_errmsg_setf(z->errmsg, "point \"%.40s\" (lon %.6f, lat %.6f) is in no zone (%u zones loaded)",
                           ids && ids[i] ? ids[i] : label, lon[i], lat[i], z->set->zones->len);
            return CR_ERR_INVALID_DATA;
        }
    }
    return CR_OK;
}

cr_status cr_zones_design(cr_zones *z, size_t n, const double *lon, const double *lat, const double *hours,
                          size_t k, uint64_t seed, int64_t *zone_out)
{
    if (!z)
        return CR_ERR_INVALID_ARGUMENT;
    if (!zone_out || !valid_points(z, n, lon, lat))
        return CR_ERR_INVALID_ARGUMENT;
    if (k < 1 || k > 1000 || k > n) {
        cr_errmsg_setf(z->errmsg, "cannot design %zu zones over %zu points: expected 1 <= k <= points (and k <= 1000)", k, n);
        return CR_ERR_INVALID_ARGUMENT;
    }
    for (size_t i = 0; hours && i < n; i++)
        if (!(hours[i] >= 0) || !isfinite(hours[i])) {
            cr_errmsg_setf(z->errmsg, "point %zu: weekly hours must be a number >= 0, got %g", i + 1, hours[i]);
            return CR_ERR_INVALID_ARGUMENT;
        }
    cr_zone_set_design(z->set, n, lon, lat, hours, k, seed, zone_out);
    return CR_OK;
}

cr_status cr_zones_write_geojson(const cr_zones *z, const char *path)
{
    if (!z || !path)
        return CR_ERR_INVALID_ARGUMENT;
    char *text = cr_zone_set_geojson(z->set);
    GError *err = NULL;
    bool ok = cr_io_write_atomic(path, text, strlen(text), &err);
    g_free(text);
    if (!ok)
        return from_gerror((cr_zones *)z, err);
    return CR_OK;
}

cr_status cr_scenario_zones_apply(cr_model *m, const cr_zone_set *set, char *errmsg);

CR_API cr_status cr_scenario_use_zones(cr_scenario *s, const cr_zones *z)
{
    if (!s || !z)
        return CR_ERR_INVALID_ARGUMENT;
    cr_status st = cr_scenario_check_mutable(s);
    if (st != CR_OK)
        return st;
    if (!cr_zones_count(z)) {
        cr_errmsg_set(s->errmsg, "no zones loaded");
        return CR_ERR_INVALID_ARGUMENT;
    }
    if (!s->model->lonlat) {
        cr_errmsg_set(s->errmsg, "zone polygons need lat/lon locations; this scenario uses x/y");
        return CR_ERR_INVALID_DATA;
    }
    return cr_scenario_zones_apply(s->model, z->set, s->errmsg);
}

CR_API size_t cr_scenario_n_clients(const cr_scenario *s)
{
    return s && s->model ? (size_t)s->model->n_clients : 0;
}

CR_API const char *cr_scenario_client_id(const cr_scenario *s, size_t i)
{
    return i < cr_scenario_n_clients(s) ? s->model->clients[i].id : NULL;
}

CR_API cr_status cr_scenario_client_location(const cr_scenario *s, size_t i, double *x, double *y)
{
    if (i >= cr_scenario_n_clients(s) || !x || !y)
        return CR_ERR_INVALID_ARGUMENT;
    const cr_point *p = &s->model->points[s->model->clients[i].point];
    *x = p->x;
    *y = p->y;
    return CR_OK;
}

CR_API cr_status cr_scenario_carer_location(const cr_scenario *s, size_t i, double *x, double *y)
{
    if (!s || !s->model || i >= (size_t)s->model->n_carers || !x || !y)
        return CR_ERR_INVALID_ARGUMENT;
    const cr_point *p = &s->model->points[s->model->carers[i].start_point];
    *x = p->x;
    *y = p->y;
    return CR_OK;
}

CR_API const char *cr_scenario_client_zone(const cr_scenario *s, size_t i)
{
    if (i >= cr_scenario_n_clients(s) || s->model->clients[i].zone < 0)
        return NULL;
    return s->model->zones[s->model->clients[i].zone];
}

CR_API size_t cr_scenario_n_zones(const cr_scenario *s)
{
    return s && s->model ? (size_t)s->model->n_zones : 0;
}

CR_API const char *cr_scenario_zone_id(const cr_scenario *s, size_t i)
{
    return i < cr_scenario_n_zones(s) ? s->model->zones[i] : NULL;
}

CR_API double cr_scenario_client_hours(const cr_scenario *s, size_t i)
{
    if (i >= cr_scenario_n_clients(s))
        return NAN;
    return s->client_hours[i];
}
