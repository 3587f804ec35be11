/* The baseline: one Dijkstra search per origin over the whole road graph.
 * Simple enough to trust, and the reference the fast method is tested and
 * benchmarked against. */
#include "shortest.h"
#include "heap.h"

#include <string.h>

cr_geo_table *cr_geo_table_new(uint32_t n_from, uint32_t n_to)
{
    cr_geo_table *t = g_new0(cr_geo_table, 1);
    size_t cells = (size_t)n_from * n_to;
    t->n_from = n_from;
    t->n_to = n_to;
    /* may be far too big (a file's header can name any number of points):
     * fail, and let the caller say so, rather than abort the program */
    t->ms = g_try_new(uint32_t, cells ? cells : 1);
    t->metres = g_try_new0(float, cells ? cells : 1);
    if (!t->ms || !t->metres) {
        cr_geo_table_free(t);
        return NULL;
    }
    memset(t->ms, 0xff, sizeof(uint32_t) * cells); /* CR_GEO_UNREACHABLE */
    return t;
}

void cr_geo_table_free(cr_geo_table *t)
{
    if (!t)
        return;
    g_free(t->ms);
    g_free(t->metres);
    g_free(t);
}

/* Only pairs on the same segment can travel directly, so group the
 * destinations by segment rather than testing every pair. */
void cr_geo_table_direct(const cr_roadnet *g, const cr_geo_snap *from, const cr_geo_snap *to,
                         cr_geo_table *t)
{
    GHashTable *by_seg = g_hash_table_new(g_direct_hash, g_direct_equal);
    uint32_t *next = g_new(uint32_t, t->n_to ? t->n_to : 1); /* chain of destinations, +1 */
    for (uint32_t j = 0; j < t->n_to; j++) {
        gpointer key = GUINT_TO_POINTER(to[j].seg + 1);
        next[j] = GPOINTER_TO_UINT(g_hash_table_lookup(by_seg, key));
        g_hash_table_insert(by_seg, key, GUINT_TO_POINTER(j + 1));
    }
    for (uint32_t i = 0; i < t->n_from; i++) {
        if (from == to && i < t->n_to) {
            t->ms[(size_t)i * t->n_to + i] = 0;
            t->metres[(size_t)i * t->n_to + i] = 0;
        }
        uint32_t j1 = GPOINTER_TO_UINT(g_hash_table_lookup(by_seg, GUINT_TO_POINTER(from[i].seg + 1)));
        for (; j1; j1 = next[j1 - 1]) {
            size_t c = (size_t)i * t->n_to + (j1 - 1);
            uint32_t ms;
            double m;
            if (!(from == to && i == j1 - 1) && cr_snap_direct(g, &from[i], &to[j1 - 1], &ms, &m) &&
                ms <= t->ms[c]) {
                t->ms[c] = ms;
                t->metres[c] = (float)m;
            }
        }
    }
    g_free(next);
    g_hash_table_destroy(by_seg);
}

void cr_geo_dijkstra_table(const cr_roadnet *g, const cr_geo_snap *from, uint32_t n_from,
                           const cr_geo_snap *to, uint32_t n_to, cr_geo_table *out)
{
    uint32_t n = g->n_nodes;
    uint32_t *dist = g_new(uint32_t, n);
    double *metres = g_new(double, n);
    uint32_t *stamp = g_new0(uint32_t, n);  /* search number that set dist */
    uint32_t *done = g_new0(uint32_t, n);   /* search number that settled it */
    uint32_t *want = g_new0(uint32_t, n);   /* how many destination entries wait here */
    uint32_t n_wanted = 0;
    for (uint32_t j = 0; j < n_to; j++) {
        cr_geo_access e[2];
        int k = cr_snap_entries(g, &to[j], e);
        for (int a = 0; a < k; a++)
            if (want[e[a].node]++ == 0)
                n_wanted++;
    }
    cr_heap heap = {0};
    for (uint32_t i = 0; i < n_from; i++) {
        uint32_t search = i + 1, left = n_wanted;
        cr_heap_clear(&heap);
        cr_geo_access x[2];
        int k = cr_snap_exits(g, &from[i], x);
        for (int a = 0; a < k; a++) {
            uint32_t v = x[a].node;
            if (stamp[v] != search || x[a].ms < dist[v]) {
                stamp[v] = search;
                dist[v] = x[a].ms;
                metres[v] = x[a].metres;
                cr_heap_push(&heap, x[a].ms, v);
            }
        }
        while (heap.len && left) {
            cr_heap_item it = cr_heap_pop(&heap);
            uint32_t v = it.node;
            if (done[v] == search || (uint32_t)it.key != dist[v])
                continue;
            done[v] = search;
            if (want[v])
                left--;
            for (uint32_t a = g->out_first[v]; a < g->out_first[v + 1]; a++) {
                uint32_t w = g->out[a].head, d = dist[v] + g->out[a].ms;
                if (stamp[w] != search || d < dist[w]) {
                    stamp[w] = search;
                    dist[w] = d;
                    metres[w] = metres[v] + g->segments[g->out[a].seg].metres;
                    cr_heap_push(&heap, d, w);
                }
            }
        }
        for (uint32_t j = 0; j < n_to; j++) {
            cr_geo_access e[2];
            int ke = cr_snap_entries(g, &to[j], e);
            size_t c = (size_t)i * n_to + j;
            for (int a = 0; a < ke; a++) {
                uint32_t v = e[a].node;
                if (done[v] != search)
                    continue;
                uint32_t d = dist[v] + e[a].ms;
                if (d < out->ms[c]) {
                    out->ms[c] = d;
                    out->metres[c] = (float)(metres[v] + e[a].metres);
                }
            }
        }
    }
    cr_heap_free(&heap);
    g_free(dist);
    g_free(metres);
    g_free(stamp);
    g_free(done);
    g_free(want);
    cr_geo_table_direct(g, from, to, out);
}
