/* Zones of a scenario from polygons: clients are placed in the zone their
 * home lies in, and carers without listed zones work in the zone of their
 * home. Zones named by the polygons join the scenario's zone list. */
#include "handles.h"
#include "geo/zones.h"

#include <string.h>

#define MAX_ZONES 64

/* Index of zone `name` in the model, adding it when new; -1 when full. */
static int zone_index(cr_model *m, const char *name)
{
    for (int i = 0; i < m->n_zones; i++)
        if (strcmp(m->zones[i], name) == 0)
            return i;
    if (m->n_zones >= MAX_ZONES)
        return -1;
    m->zones = g_renew(char *, m->zones, m->n_zones + 1);
    m->zones[m->n_zones] = g_strdup(name);
    return m->n_zones++;
}

static cr_status apply(cr_model *m, const cr_zone_set *set, const char *what, char *errmsg)
{
    int *index = g_new(int, set->zones->len ? set->zones->len : 1);
    cr_status st = CR_OK;
    for (guint z = 0; z < set->zones->len && st == CR_OK; z++) {
        index[z] = zone_index(m, ((const cr_zone *)set->zones->pdata[z])->name);
        if (index[z] < 0) {
            cr_errmsg_setf(errmsg, "%s: more than %d zones", what, MAX_ZONES);
            st = CR_ERR_UNSUPPORTED;
        }
    }
    for (int i = 0; i < m->n_clients && st == CR_OK; i++) {
        cr_client *cl = &m->clients[i];
        const cr_point *p = &m->points[cl->point];
        int64_t z = cr_zone_set_locate(set, p->x, p->y);
        if (z < 0) {
            cr_errmsg_setf(errmsg, "client %s (lon %.6f, lat %.6f) is in no zone of %s", cl->id, p->x, p->y, what);
            st = CR_ERR_INVALID_DATA;
        } else if (cl->zone >= 0 && cl->zone != index[z]) {
            cr_errmsg_setf(errmsg, "client %s is given zone %s, but lives in zone %s of %s", cl->id,
                           m->zones[cl->zone], m->zones[index[z]], what);
            st = CR_ERR_INVALID_DATA;
        } else {
            cl->zone = index[z];
        }
    }
    for (int i = 0; i < m->n_carers && st == CR_OK; i++) {
        cr_carer *c = &m->carers[i];
        if (c->zones)
            continue;
        const cr_point *p = &m->points[c->start_point];
        int64_t z = cr_zone_set_locate(set, p->x, p->y);
        if (z < 0) {
            cr_errmsg_setf(errmsg, "carer %s lives in no zone of %s: list the zones they work in (\"zones\")",
                           c->id, what);
            st = CR_ERR_INVALID_DATA;
        } else {
            c->zones = UINT64_C(1) << index[z];
        }
    }
    g_free(index);
    return st;
}

cr_status cr_scenario_zones_resolve(cr_model *m, char *errmsg)
{
    if (!m->zone_areas_path)
        return CR_OK;
    cr_zone_set *set = cr_zone_set_new();
    GError *err = NULL;
    cr_status st;
    if (!cr_zone_set_load(set, m->zone_areas_path, &err)) {
        g_prefix_error(&err, "$.zone_areas: ");
        st = cr_errmsg_take(errmsg, err);
    } else {
        st = apply(m, set, m->zone_areas_path, errmsg);
    }
    cr_zone_set_free(set);
    return st;
}

/* For cr_scenario_use_zones(), in core/zones.c, which owns the cr_zones struct. */
cr_status cr_scenario_zones_apply(cr_model *m, const cr_zone_set *set, char *errmsg)
{
    return apply(m, set, "the zones", errmsg);
}
