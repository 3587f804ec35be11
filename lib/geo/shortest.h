/* Many-to-many fastest travel between snapped locations: the plain Dijkstra
 * baseline and contraction hierarchies with bucket queries. Both fill the
 * same table and give identical times (whole milliseconds); distances are
 * those of the fastest path each method found (equal unless two paths tie). */
#ifndef CR_GEO_SHORTEST_H
#define CR_GEO_SHORTEST_H

#include "snap.h"

typedef struct {
    uint32_t n_from, n_to;
    uint32_t *ms;      /* n_from x n_to, row-major; CR_GEO_UNREACHABLE if none */
    float *metres;     /* valid where ms is not CR_GEO_UNREACHABLE */
} cr_geo_table;

cr_geo_table *cr_geo_table_new(uint32_t n_from, uint32_t n_to);
void cr_geo_table_free(cr_geo_table *t);

/* One Dijkstra per origin, stopped when every destination is settled.
 * O(n_from x (E + V log V)) in the worst case. */
void cr_geo_dijkstra_table(const cr_roadnet *g, const cr_geo_snap *from, uint32_t n_from,
                           const cr_geo_snap *to, uint32_t n_to, cr_geo_table *out);

typedef struct cr_ch cr_ch;

/* Contract every node (lazy priority updates, bounded witness searches).
 * Typically O(V log V) work with a few shortcuts per node on road networks. */
cr_ch *cr_ch_build(const cr_roadnet *g);
void cr_ch_free(cr_ch *ch);
uint32_t cr_ch_n_shortcuts(const cr_ch *ch);

/* Bucket-based many-to-many: one upward search per destination fills buckets,
 * one upward search per origin scans them. */
void cr_ch_table(const cr_ch *ch, const cr_roadnet *g, const cr_geo_snap *from, uint32_t n_from,
                 const cr_geo_snap *to, uint32_t n_to, cr_geo_table *out);

/* Both methods end with this: travel along a shared segment, and 0 on the
 * diagonal when from and to are the same list. */
void cr_geo_table_direct(const cr_roadnet *g, const cr_geo_snap *from, const cr_geo_snap *to,
                         cr_geo_table *t);

#endif
