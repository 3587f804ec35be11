/* Public API: the scenario generator handle (cr_generator). */
#include "careroute.h"
#include "error.h"
#include "geo_handles.h"
#include "generate/generate.h"
#include "io/io.h"

#include <math.h>
#include <string.h>

struct cr_generator {
    cr_gen_params params;
    cr_map *map;          /* borrowed, see cr_generator_use_map() */
    char *map_path;       /* absolute */
    char *json;
    char errmsg[CR_ERRMSG_SIZE];
};

typedef struct {
    int key;
    const char *name;
    bool is_int;
    double min, max;
} param_spec;

static const param_spec specs[] = {
    {CR_GEN_SEED, "seed", true, 0, 4294967295.0},
    {CR_GEN_CLIENTS, "clients", true, 1, 100000},
    {CR_GEN_CARERS, "carers", true, 0, 100000},
    {CR_GEN_PROVIDERS, "providers", true, 1, 64},
    {CR_GEN_ZONES, "zones", true, 1, 64},
    {CR_GEN_DAYS, "days", true, 1, 31},
    {CR_GEN_VISITS_PER_DAY, "visits per day", false, 1, 4},
    {CR_GEN_DOUBLE_UP_SHARE, "double-up share", false, 0, 0.5},
    {CR_GEN_RURAL_SHARE, "rural share", false, 0, 1},
    {CR_GEN_CENTRE_LAT, "centre latitude", false, -80, 80},
    {CR_GEN_CENTRE_LON, "centre longitude", false, -180, 180},
    {CR_GEN_CHOSEN_DAYS_OFF, "chosen days off", true, 0, 2},
};

cr_status cr_generator_new(cr_generator **out)
{
    if (!out)
        return CR_ERR_INVALID_ARGUMENT;
    cr_generator *g = g_new0(cr_generator, 1);
    cr_gen_params_default(&g->params);
    *out = g;
    return CR_OK;
}

void cr_generator_free(cr_generator *g)
{
    if (!g)
        return;
    g_free(g->map_path);
    g_free(g->json);
    g_free(g);
}

const char *cr_generator_errmsg(const cr_generator *g)
{
    return g ? g->errmsg : "no generator (NULL handle)";
}

cr_status cr_generator_set_double(cr_generator *g, int key, double value)
{
    if (!g)
        return CR_ERR_INVALID_ARGUMENT;
    const param_spec *sp = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(specs); i++)
        if (specs[i].key == key)
            sp = &specs[i];
    if (!sp) {
        cr_errmsg_setf(g->errmsg, "unknown generator key %d", key);
        return CR_ERR_INVALID_ARGUMENT;
    }
    if (isnan(value) || value < sp->min || value > sp->max) {
        cr_errmsg_setf(g->errmsg, "%s: %.15g is out of range, expected %.15g to %.15g", sp->name, value, sp->min, sp->max);
        return CR_ERR_INVALID_ARGUMENT;
    }
    if (sp->is_int && value != floor(value)) {
        cr_errmsg_setf(g->errmsg, "%s: expected a whole number, got %g", sp->name, value);
        return CR_ERR_INVALID_ARGUMENT;
    }
    cr_gen_params *p = &g->params;
    switch (key) {
    case CR_GEN_SEED: p->seed = (uint64_t)value; break;
    case CR_GEN_CLIENTS: p->clients = (int)value; break;
    case CR_GEN_CARERS: p->carers = (int)value; break;
    case CR_GEN_PROVIDERS: p->providers = (int)value; break;
    case CR_GEN_ZONES: p->zones = (int)value; break;
    case CR_GEN_DAYS: p->days = (int)value; break;
    case CR_GEN_VISITS_PER_DAY: p->visits_per_day = value; break;
    case CR_GEN_DOUBLE_UP_SHARE: p->double_up_share = value; break;
    case CR_GEN_RURAL_SHARE: p->rural_share = value; break;
    case CR_GEN_CENTRE_LAT: p->centre_lat = value; break;
    case CR_GEN_CENTRE_LON: p->centre_lon = value; break;
    case CR_GEN_CHOSEN_DAYS_OFF:
        p->chosen_days_off = value != 0;
        p->days_off_in_a_row = value == 2;
        break;
    default: break;
    }
    g->errmsg[0] = '\0';
    return CR_OK;
}

cr_status cr_generator_set_int(cr_generator *g, int key, int64_t value)
{
    return cr_generator_set_double(g, key, (double)value);
}

cr_status cr_generator_use_map(cr_generator *g, cr_map *m)
{
    if (!g)
        return CR_ERR_INVALID_ARGUMENT;
    g_clear_pointer(&g->map_path, g_free);
    g->map = NULL;
    if (!m)
        return CR_OK;
    if (!m->g || !m->path) {
        cr_errmsg_set(g->errmsg, "the map is not loaded: call cr_map_load_file() first");
        return CR_ERR_INVALID_ARGUMENT;
    }
    g->map = m;
    g->map_path = g_canonicalize_filename(m->path, NULL);
    return CR_OK;
}

const char *cr_generator_json(cr_generator *g)
{
    if (!g)
        return NULL;
    g_clear_pointer(&g->json, g_free);
    cr_gen_params p = g->params;
    if (p.zones > p.clients) {
        cr_errmsg_setf(g->errmsg, "zones: %d zones need at least as many clients (there are %d)", p.zones,
                       p.clients);
        return NULL;
    }
    if (g->map) {
        p.roads = g->map->g;
        p.map_path = g->map_path;
        p.profile = cr_geo_profile_kind_name(g->map->profile->kind);
    }
    GError *err = NULL;
    g->json = cr_generate_scenario(&p, &err);
    if (!g->json) {
        cr_errmsg_take(g->errmsg, err);
        return NULL;
    }
    g->errmsg[0] = '\0';
    return g->json;
}

cr_status cr_generator_write(cr_generator *g, const char *path)
{
    if (!g)
        return CR_ERR_INVALID_ARGUMENT;
    if (!path) {
        cr_errmsg_set(g->errmsg, "no output path given");
        return CR_ERR_INVALID_ARGUMENT;
    }
    const char *json = cr_generator_json(g);
    if (!json)
        return CR_ERR_INVALID_ARGUMENT;
    GError *err = NULL;
    if (!cr_io_write_atomic(path, json, strlen(json), &err))
        return (cr_status)cr_errmsg_take(g->errmsg, err);
    return CR_OK;
}
