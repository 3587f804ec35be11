/* Snapping locations to the nearest point on a usable road segment, through
 * a uniform grid of segment buckets (each query looks at a few cells). */
#ifndef CR_GEO_SNAP_H
#define CR_GEO_SNAP_H

#include "roadnet.h"

/* A location placed on the network: a fraction t along segment seg (from u
 * towards v) and how far the location itself is from that point. */
typedef struct {
    uint32_t seg;
    double t;
    double offroad_m;
} cr_geo_snap;

typedef struct cr_snap_index cr_snap_index;

/* O(segments x cells each spans) to build. */
cr_snap_index *cr_snap_index_new(const cr_roadnet *g);
void cr_snap_index_free(cr_snap_index *ix);

/* The nearest point within max_m metres; false when there is none. */
bool cr_snap_point(const cr_snap_index *ix, double lat, double lon, double max_m,
                   cr_geo_snap *out);

/* Where a snapped location leaves the graph (towards nodes, with the cost in
 * ms and metres of the part of the segment it covers) and where it is reached
 * from. Up to two each; returns how many. */
typedef struct {
    uint32_t node;
    uint32_t ms;
    double metres;
} cr_geo_access;
int cr_snap_exits(const cr_roadnet *g, const cr_geo_snap *s, cr_geo_access out[2]);
int cr_snap_entries(const cr_roadnet *g, const cr_geo_snap *s, cr_geo_access out[2]);

/* Travel directly along a shared segment from a to b, without reaching a node;
 * false if they are on different segments or the direction is not allowed. */
bool cr_snap_direct(const cr_roadnet *g, const cr_geo_snap *a, const cr_geo_snap *b,
                    uint32_t *ms, double *metres);

#endif
