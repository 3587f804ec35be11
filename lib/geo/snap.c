/* The snapping grid: square cells over the network's bounding box, each
 * listing the segments whose bounding box touches it. A query scans rings of
 * cells outwards from the point and stops once no unseen cell can hold a
 * nearer segment. */
#include "snap.h"

#include <math.h>

struct cr_snap_index {
    const cr_roadnet *g;
    double x0, y0, cell;
    int nx, ny;
    uint32_t *first;  /* nx*ny + 1 */
    uint32_t *segs;
};

static int clampi(double v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : (int)v;
}

cr_snap_index *cr_snap_index_new(const cr_roadnet *g)
{
    cr_snap_index *ix = g_new0(cr_snap_index, 1);
    ix->g = g;
    double x1 = -INFINITY, y1 = -INFINITY;
    ix->x0 = ix->y0 = INFINITY;
    for (uint32_t i = 0; i < g->n_nodes; i++) {
        ix->x0 = fmin(ix->x0, g->x[i]);
        ix->y0 = fmin(ix->y0, g->y[i]);
        x1 = fmax(x1, g->x[i]);
        y1 = fmax(y1, g->y[i]);
    }
    if (g->n_nodes == 0)
        ix->x0 = ix->y0 = x1 = y1 = 0;
    /* About 100 m cells, fewer for a huge map so the grid stays small. */
    ix->cell = 100.0;
    while (((x1 - ix->x0) / ix->cell + 1) * ((y1 - ix->y0) / ix->cell + 1) > 4e6)
        ix->cell *= 2;
    ix->nx = (int)((x1 - ix->x0) / ix->cell) + 1;
    ix->ny = (int)((y1 - ix->y0) / ix->cell) + 1;
    size_t cells = (size_t)ix->nx * ix->ny;
    ix->first = g_new0(uint32_t, cells + 1);
    for (int pass = 0; pass < 2; pass++) {
        uint32_t *fill = pass ? g_memdup2(ix->first, sizeof(uint32_t) * cells) : NULL;
        for (uint32_t s = 0; s < g->n_segments; s++) {
            const cr_geo_segment *e = &g->segments[s];
            int cx0 = clampi((fmin(g->x[e->u], g->x[e->v]) - ix->x0) / ix->cell, 0, ix->nx - 1);
            int cx1 = clampi((fmax(g->x[e->u], g->x[e->v]) - ix->x0) / ix->cell, 0, ix->nx - 1);
            int cy0 = clampi((fmin(g->y[e->u], g->y[e->v]) - ix->y0) / ix->cell, 0, ix->ny - 1);
            int cy1 = clampi((fmax(g->y[e->u], g->y[e->v]) - ix->y0) / ix->cell, 0, ix->ny - 1);
            for (int cy = cy0; cy <= cy1; cy++)
                for (int cx = cx0; cx <= cx1; cx++) {
                    size_t c = (size_t)cy * ix->nx + cx;
                    if (pass)
                        ix->segs[fill[c]++] = s;
                    else
                        ix->first[c + 1]++;
                }
        }
        if (!pass) {
            for (size_t c = 0; c < cells; c++)
                ix->first[c + 1] += ix->first[c];
            ix->segs = g_new(uint32_t, ix->first[cells] ? ix->first[cells] : 1);
        }
        g_free(fill);
    }
    return ix;
}

void cr_snap_index_free(cr_snap_index *ix)
{
    if (!ix)
        return;
    g_free(ix->first);
    g_free(ix->segs);
    g_free(ix);
}

static void consider(const cr_snap_index *ix, size_t cell, double px, double py, double *best,
                     cr_geo_snap *out)
{
    const cr_roadnet *g = ix->g;
    for (uint32_t k = ix->first[cell]; k < ix->first[cell + 1]; k++) {
        uint32_t s = ix->segs[k];
        const cr_geo_segment *e = &g->segments[s];
        double ax = g->x[e->u], ay = g->y[e->u];
        double dx = g->x[e->v] - ax, dy = g->y[e->v] - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double d = hypot(px - (ax + t * dx), py - (ay + t * dy));
        /* Ties go to the lower segment number so answers never depend on
         * the order cells are visited. */
        if (d < *best || (d == *best && s < out->seg)) {
            *best = d;
            out->seg = s;
            out->t = t;
            out->offroad_m = d;
        }
    }
}

bool cr_snap_point(const cr_snap_index *ix, double lat, double lon, double max_m, cr_geo_snap *out)
{
    const cr_roadnet *g = ix->g;
    double k = 6371008.8 * G_PI / 180;
    double px = lon * k * cos(g->lat0 * G_PI / 180), py = lat * k;
    int cx = (int)floor((px - ix->x0) / ix->cell), cy = (int)floor((py - ix->y0) / ix->cell);
    /* The first ring that touches the grid, and the last worth scanning. */
    int gap_x = cx < 0 ? -cx : cx >= ix->nx ? cx - ix->nx + 1 : 0;
    int gap_y = cy < 0 ? -cy : cy >= ix->ny ? cy - ix->ny + 1 : 0;
    int r0 = gap_x > gap_y ? gap_x : gap_y;
    int far_x = cx < 0 ? ix->nx - cx : cx >= ix->nx ? cx + 1 : (cx > ix->nx - cx ? cx : ix->nx - cx);
    int far_y = cy < 0 ? ix->ny - cy : cy >= ix->ny ? cy + 1 : (cy > ix->ny - cy ? cy : ix->ny - cy);
    int r_last = far_x > far_y ? far_x : far_y;
    double limit_rings = ceil(max_m / ix->cell) + 1;
    if (limit_rings < r_last)
        r_last = (int)limit_rings;
    double best = INFINITY;
    out->seg = UINT32_MAX;
    for (int r = r0; r <= r_last; r++) {
        if ((r - 1) * ix->cell > fmin(best, max_m))
            break;
        for (int y = cy - r; y <= cy + r; y++) {
            if (y < 0 || y >= ix->ny)
                continue;
            bool edge_row = y == cy - r || y == cy + r;
            for (int x = cx - r; x <= cx + r; x += edge_row ? 1 : 2 * r) {
                if (x >= 0 && x < ix->nx)
                    consider(ix, (size_t)y * ix->nx + x, px, py, &best, out);
                if (r == 0)
                    break;
            }
        }
    }
    return out->seg != UINT32_MAX && best <= max_m;
}

static uint32_t part_ms(uint32_t ms, double fraction)
{
    return (uint32_t)(ms * fraction + 0.5);
}

int cr_snap_exits(const cr_roadnet *g, const cr_geo_snap *s, cr_geo_access out[2])
{
    const cr_geo_segment *e = &g->segments[s->seg];
    int n = 0;
    if (e->fwd_ms != CR_GEO_UNREACHABLE)
        out[n++] = (cr_geo_access){e->v, part_ms(e->fwd_ms, 1 - s->t), e->metres * (1 - s->t)};
    if (e->bwd_ms != CR_GEO_UNREACHABLE)
        out[n++] = (cr_geo_access){e->u, part_ms(e->bwd_ms, s->t), e->metres * s->t};
    return n;
}

int cr_snap_entries(const cr_roadnet *g, const cr_geo_snap *s, cr_geo_access out[2])
{
    const cr_geo_segment *e = &g->segments[s->seg];
    int n = 0;
    if (e->fwd_ms != CR_GEO_UNREACHABLE)
        out[n++] = (cr_geo_access){e->u, part_ms(e->fwd_ms, s->t), e->metres * s->t};
    if (e->bwd_ms != CR_GEO_UNREACHABLE)
        out[n++] = (cr_geo_access){e->v, part_ms(e->bwd_ms, 1 - s->t), e->metres * (1 - s->t)};
    return n;
}

bool cr_snap_direct(const cr_roadnet *g, const cr_geo_snap *a, const cr_geo_snap *b, uint32_t *ms,
                    double *metres)
{
    if (a->seg != b->seg)
        return false;
    const cr_geo_segment *e = &g->segments[a->seg];
    if (b->t >= a->t && e->fwd_ms != CR_GEO_UNREACHABLE) {
        *ms = part_ms(e->fwd_ms, b->t - a->t);
        *metres = e->metres * (b->t - a->t);
        return true;
    }
    if (b->t <= a->t && e->bwd_ms != CR_GEO_UNREACHABLE) {
        *ms = part_ms(e->bwd_ms, a->t - b->t);
        *metres = e->metres * (a->t - b->t);
        return true;
    }
    return false;
}
