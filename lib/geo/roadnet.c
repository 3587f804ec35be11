/* Turning nodes and road segments into the directed graph (CSR arrays),
 * restricted to the largest strongly connected component so that every
 * snapped location can reach every other one. */
#include "roadnet.h"

#include <math.h>
#include <string.h>

#define EARTH_RADIUS_M 6371008.8

double cr_geo_haversine_m(double lat1, double lon1, double lat2, double lon2)
{
    double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
    double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * EARTH_RADIUS_M * asin(fmin(1.0, sqrt(a)));
}

/* Forward CSR (out) and reverse CSR (in) of the allowed directions. */
static void build_csr(cr_roadnet *g)
{
    uint32_t n = g->n_nodes;
    g->out_first = g_new0(uint32_t, n + 1);
    g->in_first = g_new0(uint32_t, n + 1);
    for (uint32_t s = 0; s < g->n_segments; s++) {
        const cr_geo_segment *e = &g->segments[s];
        if (e->fwd_ms != CR_GEO_UNREACHABLE) {
            g->out_first[e->u + 1]++;
            g->in_first[e->v + 1]++;
        }
        if (e->bwd_ms != CR_GEO_UNREACHABLE) {
            g->out_first[e->v + 1]++;
            g->in_first[e->u + 1]++;
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        g->out_first[i + 1] += g->out_first[i];
        g->in_first[i + 1] += g->in_first[i];
    }
    g->n_arcs = g->out_first[n];
    g->out = g_new(cr_geo_arc, g->n_arcs ? g->n_arcs : 1);
    g->in = g_new(cr_geo_arc, g->n_arcs ? g->n_arcs : 1);
    uint32_t *po = g_memdup2(g->out_first, sizeof(uint32_t) * n);
    uint32_t *pi = g_memdup2(g->in_first, sizeof(uint32_t) * n);
    for (uint32_t s = 0; s < g->n_segments; s++) {
        const cr_geo_segment *e = &g->segments[s];
        if (e->fwd_ms != CR_GEO_UNREACHABLE) {
            g->out[po[e->u]++] = (cr_geo_arc){e->v, e->fwd_ms, s};
            g->in[pi[e->v]++] = (cr_geo_arc){e->u, e->fwd_ms, s};
        }
        if (e->bwd_ms != CR_GEO_UNREACHABLE) {
            g->out[po[e->v]++] = (cr_geo_arc){e->u, e->bwd_ms, s};
            g->in[pi[e->u]++] = (cr_geo_arc){e->v, e->bwd_ms, s};
        }
    }
    g_free(po);
    g_free(pi);
}

/* Component number of every node (Tarjan's algorithm, iterative so that
 * long roads cannot overflow the stack). Returns the number of components. */
static uint32_t strong_components(const cr_roadnet *g, uint32_t *comp)
{
    uint32_t n = g->n_nodes, counter = 0, n_comp = 0;
    uint32_t *index = g_new(uint32_t, n), *low = g_new(uint32_t, n);
    uint32_t *stack = g_new(uint32_t, n), *call = g_new(uint32_t, n), *edge = g_new(uint32_t, n);
    bool *on_stack = g_new0(bool, n);
    uint32_t sp = 0;
    memset(index, 0xff, sizeof(uint32_t) * n);
    for (uint32_t root = 0; root < n; root++) {
        if (index[root] != UINT32_MAX)
            continue;
        uint32_t depth = 0;
        call[depth] = root;
        edge[depth] = g->out_first[root];
        index[root] = low[root] = counter++;
        stack[sp++] = root;
        on_stack[root] = true;
        while (true) {
            uint32_t v = call[depth];
            if (edge[depth] < g->out_first[v + 1]) {
                uint32_t w = g->out[edge[depth]++].head;
                if (index[w] == UINT32_MAX) {
                    index[w] = low[w] = counter++;
                    stack[sp++] = w;
                    on_stack[w] = true;
                    call[++depth] = w;
                    edge[depth] = g->out_first[w];
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                uint32_t w;
                do {
                    w = stack[--sp];
                    on_stack[w] = false;
                    comp[w] = n_comp;
                } while (w != v);
                n_comp++;
            }
            if (depth == 0)
                break;
            uint32_t parent = call[--depth];
            if (low[v] < low[parent])
                low[parent] = low[v];
        }
    }
    g_free(index);
    g_free(low);
    g_free(stack);
    g_free(call);
    g_free(edge);
    g_free(on_stack);
    return n_comp;
}

static void free_csr(cr_roadnet *g)
{
    g_clear_pointer(&g->out_first, g_free);
    g_clear_pointer(&g->in_first, g_free);
    g_clear_pointer(&g->out, g_free);
    g_clear_pointer(&g->in, g_free);
}

/* Keep only the nodes with keep[i] set, renumbered in order. */
static void restrict_nodes(cr_roadnet *g, const bool *keep)
{
    uint32_t *to = g_new(uint32_t, g->n_nodes), m = 0;
    for (uint32_t i = 0; i < g->n_nodes; i++) {
        to[i] = keep[i] ? m : UINT32_MAX;
        if (keep[i]) {
            g->lat[m] = g->lat[i];
            g->lon[m] = g->lon[i];
            m++;
        }
    }
    uint32_t k = 0;
    for (uint32_t s = 0; s < g->n_segments; s++) {
        cr_geo_segment e = g->segments[s];
        if (to[e.u] == UINT32_MAX || to[e.v] == UINT32_MAX)
            continue;
        e.u = to[e.u];
        e.v = to[e.v];
        g->segments[k++] = e;
    }
    g->dropped_nodes += g->n_nodes - m;
    g->n_nodes = m;
    g->n_segments = k;
    g_free(to);
}

cr_roadnet *cr_roadnet_build(uint32_t n_nodes, double *lat, double *lon, GArray *segments,
                             bool largest_only)
{
    cr_roadnet *g = g_new0(cr_roadnet, 1);
    g->n_nodes = n_nodes;
    g->lat = lat;
    g->lon = lon;
    g->n_segments = segments->len;
    g->segments = (cr_geo_segment *)(void *)g_array_free(segments, FALSE);
    build_csr(g);
    if (largest_only && n_nodes > 0) {
        uint32_t *comp = g_new(uint32_t, n_nodes);
        uint32_t n_comp = strong_components(g, comp);
        if (n_comp > 1) {
            uint32_t *size = g_new0(uint32_t, n_comp), best = 0;
            for (uint32_t i = 0; i < n_nodes; i++)
                size[comp[i]]++;
            for (uint32_t c = 1; c < n_comp; c++)
                if (size[c] > size[best])
                    best = c;
            bool *keep = g_new(bool, n_nodes);
            for (uint32_t i = 0; i < n_nodes; i++)
                keep[i] = comp[i] == best;
            restrict_nodes(g, keep);
            free_csr(g);
            build_csr(g);
            g_free(keep);
            g_free(size);
        }
        g_free(comp);
    }
    /* Planar metres about the mean latitude: exact enough within a zone,
     * and what the snapping grid and nearest-point search need. */
    double sum = 0;
    for (uint32_t i = 0; i < g->n_nodes; i++)
        sum += g->lat[i];
    g->lat0 = g->n_nodes ? sum / g->n_nodes : 0;
    g->x = g_new(double, g->n_nodes ? g->n_nodes : 1);
    g->y = g_new(double, g->n_nodes ? g->n_nodes : 1);
    double k = EARTH_RADIUS_M * G_PI / 180;
    for (uint32_t i = 0; i < g->n_nodes; i++) {
        g->x[i] = g->lon[i] * k * cos(g->lat0 * G_PI / 180);
        g->y[i] = g->lat[i] * k;
    }
    return g;
}

void cr_roadnet_free(cr_roadnet *g)
{
    if (!g)
        return;
    free_csr(g);
    g_free(g->lat);
    g_free(g->lon);
    g_free(g->x);
    g_free(g->y);
    g_free(g->segments);
    g_free(g);
}

void cr_roadnet_sample_points(const cr_roadnet *g, size_t n, GRand *rng, double *lon, double *lat)
{
    /* Cumulative segment lengths; a point falls on a segment in proportion. */
    double *cum = g_new(double, g->n_segments + 1);
    cum[0] = 0;
    for (uint32_t s = 0; s < g->n_segments; s++)
        cum[s + 1] = cum[s] + g->segments[s].metres;
    for (size_t i = 0; i < n; i++) {
        double at = g_rand_double(rng) * cum[g->n_segments];
        uint32_t lo = 0, hi = g->n_segments - 1;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (cum[mid + 1] <= at)
                lo = mid + 1;
            else
                hi = mid;
        }
        const cr_geo_segment *e = &g->segments[lo];
        double t = e->metres > 0 ? (at - cum[lo]) / e->metres : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        lon[i] = g->lon[e->u] + t * (g->lon[e->v] - g->lon[e->u]);
        lat[i] = g->lat[e->u] + t * (g->lat[e->v] - g->lat[e->u]);
    }
    g_free(cum);
}
