/* Travel profiles: which OpenStreetMap ways a carer can use by car, on foot
 * or by bike, in which directions, and how fast.
 *
 * The car speeds are typical door-to-door speeds on British roads of each
 * class (not the limits: junctions, parking and traffic are in them); walk
 * and bike are steady paces. All can be overridden per class. */
#include "roadnet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *highway;
    double car, walk, bike;
} class_speed;

static const class_speed default_speeds[] = {
    {"motorway", 96, 0, 0},        {"motorway_link", 64, 0, 0},
    {"trunk", 80, 5, 16},          {"trunk_link", 56, 5, 16},
    {"primary", 56, 5, 16},        {"primary_link", 48, 5, 16},
    {"secondary", 48, 5, 16},      {"secondary_link", 40, 5, 16},
    {"tertiary", 40, 5, 16},       {"tertiary_link", 32, 5, 16},
    {"unclassified", 32, 5, 16},   {"residential", 24, 5, 16},
    {"living_street", 10, 5, 12},  {"service", 16, 5, 12},
    {"road", 24, 5, 14},           {"track", 0, 4.5, 10},
    {"cycleway", 0, 5, 18},        {"path", 0, 4.5, 0},
    {"footway", 0, 5, 0},          {"pedestrian", 0, 5, 0},
    {"bridleway", 0, 4.5, 10},     {"steps", 0, 2, 0},
};

bool cr_geo_profile_kind_parse(const char *name, cr_geo_profile_kind *out)
{
    static const char *const names[] = {"car", "walk", "bike"};
    for (int i = 0; i < 3; i++)
        if (name && strcmp(name, names[i]) == 0) {
            *out = (cr_geo_profile_kind)i;
            return true;
        }
    return false;
}

const char *cr_geo_profile_kind_name(cr_geo_profile_kind kind)
{
    return kind == CR_GEO_WALK ? "walk" : kind == CR_GEO_BIKE ? "bike" : "car";
}

cr_geo_profile *cr_geo_profile_new(cr_geo_profile_kind kind)
{
    cr_geo_profile *p = g_new0(cr_geo_profile, 1);
    p->kind = kind;
    p->kmh = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    p->obey_oneway = kind != CR_GEO_WALK;
    p->use_maxspeed = kind == CR_GEO_CAR;
    for (size_t i = 0; i < G_N_ELEMENTS(default_speeds); i++) {
        const class_speed *c = &default_speeds[i];
        double v = kind == CR_GEO_CAR ? c->car : kind == CR_GEO_WALK ? c->walk : c->bike;
        g_hash_table_insert(p->kmh, g_strdup(c->highway), g_memdup2(&v, sizeof v));
    }
    return p;
}

void cr_geo_profile_free(cr_geo_profile *p)
{
    if (!p)
        return;
    g_hash_table_destroy(p->kmh);
    g_free(p);
}

bool cr_geo_profile_set_speed(cr_geo_profile *p, const char *highway, double kmh)
{
    if (!g_hash_table_contains(p->kmh, highway) || !(kmh >= 0) || kmh > 300)
        return false;
    g_hash_table_insert(p->kmh, g_strdup(highway), g_memdup2(&kmh, sizeof kmh));
    return true;
}

char *cr_geo_profile_describe(const cr_geo_profile *p)
{
    GString *s = g_string_new(cr_geo_profile_kind_name(p->kind));
    for (size_t i = 0; i < G_N_ELEMENTS(default_speeds); i++) {
        const double *v = g_hash_table_lookup(p->kmh, default_speeds[i].highway);
        g_string_append_printf(s, " %s=%.6g", default_speeds[i].highway, *v);
    }
    return g_string_free(s, FALSE);
}

static const char *tag(int n, const char *const *keys, const char *const *values, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(keys[i], key) == 0)
            return values[i];
    return NULL;
}

static bool is_no(const char *v)
{
    return v && (strcmp(v, "no") == 0 || strcmp(v, "private") == 0 ||
                 strcmp(v, "agricultural") == 0 || strcmp(v, "forestry") == 0 ||
                 strcmp(v, "delivery") == 0 || strcmp(v, "discouraged") == 0);
}

static bool is_yes(const char *v)
{
    return v && (strcmp(v, "yes") == 0 || strcmp(v, "designated") == 0 ||
                 strcmp(v, "permissive") == 0 || strcmp(v, "destination") == 0);
}

/* The most specific access tag present decides (OSM's access hierarchy). */
static const char *access_value(const cr_geo_profile *p, int n, const char *const *k,
                                const char *const *v)
{
    static const char *const car[] = {"motorcar", "motor_vehicle", "vehicle", "access"};
    static const char *const bike[] = {"bicycle", "vehicle", "access"};
    static const char *const foot[] = {"foot", "access"};
    const char *const *chain = p->kind == CR_GEO_CAR ? car : p->kind == CR_GEO_BIKE ? bike : foot;
    size_t len = p->kind == CR_GEO_CAR ? 4 : p->kind == CR_GEO_BIKE ? 3 : 2;
    for (size_t i = 0; i < len; i++) {
        const char *a = tag(n, k, v, chain[i]);
        if (a)
            return a;
    }
    return NULL;
}

/* "30", "30 mph", "50 km/h", "GB:nsl_single"; NAN when not understood. */
static double parse_maxspeed(const char *v)
{
    if (!v)
        return NAN;
    if (strcmp(v, "GB:nsl_single") == 0 || strcmp(v, "GB:nsl_dual") == 0)
        return strcmp(v, "GB:nsl_dual") == 0 ? 112.0 : 96.0;
    if (strcmp(v, "GB:motorway") == 0)
        return 112.0;
    char *end;
    double x = strtod(v, &end);
    if (end == v || !(x > 0) || x > 300)
        return NAN;
    while (*end == ' ')
        end++;
    if (strcmp(end, "mph") == 0)
        return x * 1.609344;
    if (*end == '\0' || strcmp(end, "km/h") == 0 || strcmp(end, "kmh") == 0)
        return x;
    return NAN;
}

cr_geo_way_rule cr_geo_profile_judge(const cr_geo_profile *p, int n, const char *const *k,
                                     const char *const *v)
{
    cr_geo_way_rule r = {false, false, false, 0};
    const char *highway = tag(n, k, v, "highway");
    if (!highway)
        return r;
    const double *kmh = g_hash_table_lookup(p->kmh, highway);
    const char *area = tag(n, k, v, "area");
    if (area && strcmp(area, "yes") == 0)
        return r;
    const char *access = access_value(p, n, k, v);
    double speed = kmh ? *kmh : 0;
    /* Footways and paths open to bikes by a tag are usable at a slow pace. */
    if (speed == 0 && p->kind == CR_GEO_BIKE && is_yes(access) &&
        (strcmp(highway, "footway") == 0 || strcmp(highway, "pedestrian") == 0 ||
         strcmp(highway, "path") == 0))
        speed = 10;
    if (speed <= 0 || is_no(access))
        return r;
    if (p->use_maxspeed) {
        double cap = parse_maxspeed(tag(n, k, v, "maxspeed"));
        if (cap > 0 && cap < speed)
            speed = cap;
    }
    r.usable = true;
    r.kmh = speed;
    r.forward = r.backward = true;
    if (!p->obey_oneway)
        return r;
    const char *oneway = tag(n, k, v, "oneway");
    const char *junction = tag(n, k, v, "junction");
    if (p->kind == CR_GEO_BIKE) {
        const char *ob = tag(n, k, v, "oneway:bicycle");
        const char *cw = tag(n, k, v, "cycleway");
        if ((ob && strcmp(ob, "no") == 0) || (cw && g_str_has_prefix(cw, "opposite")))
            return r;
    }
    bool implied = (junction && (strcmp(junction, "roundabout") == 0 ||
                                 strcmp(junction, "circular") == 0)) ||
                   strcmp(highway, "motorway") == 0 || strcmp(highway, "motorway_link") == 0;
    if (oneway && (strcmp(oneway, "-1") == 0 || strcmp(oneway, "reverse") == 0))
        r.forward = false;
    else if (oneway && (strcmp(oneway, "yes") == 0 || strcmp(oneway, "true") == 0 ||
                        strcmp(oneway, "1") == 0))
        r.backward = false;
    else if (implied && !(oneway && strcmp(oneway, "no") == 0))
        r.backward = false;
    return r;
}
