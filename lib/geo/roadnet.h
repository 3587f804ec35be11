/* The road network of one travel profile: nodes, road segments and the
 * directed graph (CSR) they make. Plain data built by osm_import.c and
 * read by snapping and the shortest-path methods. */
#ifndef CR_GEO_ROADNET_H
#define CR_GEO_ROADNET_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* Travel times are whole milliseconds so that every method adds the same
 * integers and exact equality between methods is meaningful. */
#define CR_GEO_UNREACHABLE UINT32_MAX

typedef enum { CR_GEO_CAR = 0, CR_GEO_WALK = 1, CR_GEO_BIKE = 2 } cr_geo_profile_kind;

/* Speeds by OSM highway class for one profile, km/h; 0 = not usable. */
typedef struct {
    cr_geo_profile_kind kind;
    GHashTable *kmh;        /* class name -> double* (owned) */
    bool obey_oneway;
    bool use_maxspeed;      /* cap the class speed by a lower maxspeed tag */
} cr_geo_profile;

cr_geo_profile *cr_geo_profile_new(cr_geo_profile_kind kind);
void cr_geo_profile_free(cr_geo_profile *p);
/* Parse "car", "walk", "bike"; false if unknown. */
bool cr_geo_profile_kind_parse(const char *name, cr_geo_profile_kind *out);
const char *cr_geo_profile_kind_name(cr_geo_profile_kind kind);
/* Set a class speed; kmh 0 makes the class unusable. False for an unknown class. */
bool cr_geo_profile_set_speed(cr_geo_profile *p, const char *highway, double kmh);
/* A stable text describing the profile (kind and every speed), for cache keys. */
char *cr_geo_profile_describe(const cr_geo_profile *p);

/* What a profile makes of one way's tags. */
typedef struct {
    bool usable;
    bool forward, backward; /* directions allowed along the node order */
    double kmh;
} cr_geo_way_rule;
cr_geo_way_rule cr_geo_profile_judge(const cr_geo_profile *p, int n_tags,
                                     const char *const *keys, const char *const *values);

/* A road segment between two consecutive nodes of a way. */
typedef struct {
    uint32_t u, v;          /* node indices */
    uint32_t fwd_ms;        /* u -> v travel time; CR_GEO_UNREACHABLE if not allowed */
    uint32_t bwd_ms;        /* v -> u */
    double metres;
} cr_geo_segment;

typedef struct {
    uint32_t head;
    uint32_t ms;
    uint32_t seg;           /* the segment this arc runs along */
} cr_geo_arc;

typedef struct {
    uint32_t n_nodes;
    double *lat, *lon;      /* degrees */
    double *x, *y;          /* metres, equirectangular about lat0 */
    double lat0;
    uint32_t n_segments;
    cr_geo_segment *segments;
    /* Forward and reverse adjacency (CSR). */
    uint32_t *out_first, *in_first; /* n_nodes + 1 */
    cr_geo_arc *out, *in;           /* in[]: head is the tail of the arc */
    uint32_t n_arcs;
    /* From the import, for reports. */
    uint64_t osm_nodes, osm_ways, usable_ways;
    uint32_t dropped_nodes;         /* outside the largest strongly connected component */
} cr_roadnet;

/* Build from nodes and segments (takes ownership of the arrays); keeps only
 * the largest strongly connected component when `largest_only`. */
cr_roadnet *cr_roadnet_build(uint32_t n_nodes, double *lat, double *lon,
                             GArray *segments, bool largest_only);
void cr_roadnet_free(cr_roadnet *g);

/* n points spread uniformly along the roads (by length), drawn from rng. */
void cr_roadnet_sample_points(const cr_roadnet *g, size_t n, GRand *rng, double *lon, double *lat);

/* Great-circle metres between two lon/lat points. */
double cr_geo_haversine_m(double lat1, double lon1, double lat2, double lon2);

/* Read an OpenStreetMap file (.osm or .osm.pbf) into a road network for the
 * profile. Errors name the file and what was wrong. */
cr_roadnet *cr_osm_import(const char *path, const cr_geo_profile *profile,
                          bool largest_only, GError **err);

#endif
