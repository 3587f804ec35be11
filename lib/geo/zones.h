/* Geographic zones: named (multi)polygons read from GeoJSON or Osmosis
 * .poly files, point-in-polygon lookup, and automatic design of compact zones
 * balanced by care hours. */
#ifndef CR_GEO_ZONES_H
#define CR_GEO_ZONES_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* One ring: n closed lon/lat vertices (first != last is allowed). */
typedef struct {
    double *lonlat;  /* 2n values */
    uint32_t n;
    uint32_t polygon; /* which polygon of the zone it belongs to (for writing) */
} cr_ring;

/* A polygon is rings; the even-odd rule makes the later ones holes. */
typedef struct {
    char *name;
    GArray *rings;   /* cr_ring, over all the zone's polygons */
    double min_lon, min_lat, max_lon, max_lat;
    double hours;    /* from a design; NAN otherwise */
} cr_zone;

typedef struct {
    GPtrArray *zones; /* cr_zone* */
} cr_zone_set;

cr_zone *cr_zone_new(const char *name);
/* Append a ring (takes the array of lon, lat pairs) to polygon number `polygon`. */
void cr_zone_add_ring(cr_zone *z, GArray *lonlat, uint32_t polygon);

cr_zone_set *cr_zone_set_new(void);
void cr_zone_set_free(cr_zone_set *z);
/* Add the zones of a GeoJSON or .poly file (chosen by content). */
bool cr_zone_set_load(cr_zone_set *z, const char *path, GError **err);
/* Index of the first zone containing the point, -1 if none. */
int64_t cr_zone_set_locate(const cr_zone_set *z, double lon, double lat);
/* Replace the zones by a design over the points (see cr_zones_design()). */
void cr_zone_set_design(cr_zone_set *z, size_t n, const double *lon, const double *lat,
                        const double *hours, size_t k, uint64_t seed, int64_t *zone_out);
char *cr_zone_set_geojson(const cr_zone_set *z);

#endif
