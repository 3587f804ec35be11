/* Contraction hierarchies (Geisberger et al. 2008) with bucket-based
 * many-to-many queries (Knopp et al. 2007).
 *
 * Nodes are contracted one by one, least important first (edge difference
 * plus contracted neighbours, updated lazily); contracting v adds a shortcut
 * u->x for every pair of its remaining neighbours whose fastest connection
 * runs through v, unless a bounded local search finds a witness path that
 * avoids v. Every fastest path then has an "up then down" form, found by two
 * searches that only climb in the order. */
#include "shortest.h"
#include "heap.h"

#include <string.h>

#define WITNESS_SETTLE_LIMIT 500

typedef struct {
    uint32_t other;
    uint32_t ms;
    double metres;
} ch_edge;

typedef struct {
    ch_edge *e;
    uint32_t len, cap;
} edge_list;

typedef struct {
    uint32_t head; /* a rank */
    uint32_t ms;
    double metres;
} up_edge;

struct cr_ch {
    uint32_t n;
    uint32_t *rank;           /* node -> rank (contraction order) */
    uint32_t *fwd_first;      /* by rank: edges to higher ranks */
    up_edge *fwd;
    uint32_t *bwd_first;      /* by rank: edges from higher ranks, reversed */
    up_edge *bwd;
    uint32_t n_shortcuts;
};

typedef struct {
    uint32_t n;
    edge_list *out, *in;
    bool *contracted;
    uint32_t *deleted_neighbours;
    int64_t *priority;
    /* witness search */
    uint32_t *dist, *stamp, search;
    cr_heap heap;
} builder;

static void list_push(edge_list *l, ch_edge e)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4;
        l->e = g_renew(ch_edge, l->e, l->cap);
    }
    l->e[l->len++] = e;
}

static void list_remove(edge_list *l, uint32_t other)
{
    for (uint32_t i = 0; i < l->len;)
        if (l->e[i].other == other)
            l->e[i] = l->e[--l->len];
        else
            i++;
}

/* Add u->x or lower an existing one; returns whether the graph changed. */
static bool add_edge(builder *b, uint32_t u, uint32_t x, uint32_t ms, double metres)
{
    edge_list *o = &b->out[u];
    for (uint32_t i = 0; i < o->len; i++)
        if (o->e[i].other == x) {
            if (o->e[i].ms <= ms)
                return false;
            o->e[i].ms = ms;
            o->e[i].metres = metres;
            edge_list *in = &b->in[x];
            for (uint32_t k = 0; k < in->len; k++)
                if (in->e[k].other == u) {
                    in->e[k].ms = ms;
                    in->e[k].metres = metres;
                }
            return true;
        }
    list_push(o, (ch_edge){x, ms, metres});
    list_push(&b->in[x], (ch_edge){u, ms, metres});
    return true;
}

/* Fastest u->* among remaining nodes without going through `avoid`, up to
 * `limit` ms and a bounded number of settled nodes. Unsettled nodes keep an
 * upper bound, which only errs towards adding a shortcut (always safe). */
static void witness_search(builder *b, uint32_t u, uint32_t avoid, uint32_t limit)
{
    uint32_t s = ++b->search, settled = 0;
    cr_heap_clear(&b->heap);
    b->stamp[u] = s;
    b->dist[u] = 0;
    cr_heap_push(&b->heap, 0, u);
    while (b->heap.len && settled < WITNESS_SETTLE_LIMIT) {
        cr_heap_item it = cr_heap_pop(&b->heap);
        uint32_t v = it.node;
        if ((uint32_t)it.key != b->dist[v])
            continue;
        if (it.key > limit)
            break;
        settled++;
        const edge_list *o = &b->out[v];
        for (uint32_t i = 0; i < o->len; i++) {
            uint32_t w = o->e[i].other;
            if (w == avoid)
                continue;
            uint32_t d = b->dist[v] + o->e[i].ms;
            if (b->stamp[w] != s || d < b->dist[w]) {
                b->stamp[w] = s;
                b->dist[w] = d;
                cr_heap_push(&b->heap, d, w);
            }
        }
    }
}

/* Shortcuts contracting v needs; adds them unless simulating. */
static int contract(builder *b, uint32_t v, bool simulate)
{
    int added = 0;
    const edge_list *in = &b->in[v], *out = &b->out[v];
    for (uint32_t i = 0; i < in->len; i++) {
        uint32_t u = in->e[i].other, w1 = in->e[i].ms, max_w2 = 0;
        for (uint32_t k = 0; k < out->len; k++)
            if (out->e[k].other != u && out->e[k].ms > max_w2)
                max_w2 = out->e[k].ms;
        if (max_w2 == 0 && out->len <= 1)
            continue;
        witness_search(b, u, v, w1 + max_w2);
        for (uint32_t k = 0; k < out->len; k++) {
            uint32_t x = out->e[k].other;
            if (x == u)
                continue;
            uint32_t via = w1 + out->e[k].ms;
            if (b->stamp[x] == b->search && b->dist[x] <= via)
                continue;
            added++;
            if (!simulate)
                add_edge(b, u, x, via, in->e[i].metres + out->e[k].metres);
        }
    }
    return added;
}

static int64_t priority(builder *b, uint32_t v)
{
    int added = contract(b, v, true);
    int64_t removed = (int64_t)b->in[v].len + b->out[v].len;
    return 2 * ((int64_t)added - removed) + b->deleted_neighbours[v];
}

cr_ch *cr_ch_build(const cr_roadnet *g)
{
    uint32_t n = g->n_nodes;
    builder b = {0};
    b.n = n;
    b.out = g_new0(edge_list, n);
    b.in = g_new0(edge_list, n);
    b.contracted = g_new0(bool, n);
    b.deleted_neighbours = g_new0(uint32_t, n);
    b.priority = g_new(int64_t, n);
    b.dist = g_new(uint32_t, n);
    b.stamp = g_new0(uint32_t, n);
    for (uint32_t v = 0; v < n; v++)
        for (uint32_t a = g->out_first[v]; a < g->out_first[v + 1]; a++) {
            const cr_geo_arc *arc = &g->out[a];
            if (arc->head != v)
                add_edge(&b, v, arc->head, arc->ms, g->segments[arc->seg].metres);
        }

    cr_ch *ch = g_new0(cr_ch, 1);
    ch->n = n;
    ch->rank = g_new(uint32_t, n);
    /* Upward edges by node, collected as each node is contracted. */
    GArray *up_f = g_array_new(FALSE, FALSE, sizeof(ch_edge)), *up_b = g_array_new(FALSE, FALSE, sizeof(ch_edge));
    uint32_t *f_start = g_new(uint32_t, n + 1), *b_start = g_new(uint32_t, n + 1);
    uint32_t *order = g_new(uint32_t, n);
    uint32_t n_original = 0;
    for (uint32_t v = 0; v < n; v++)
        n_original += b.out[v].len;

    cr_heap queue = {0};
    for (uint32_t v = 0; v < n; v++) {
        b.priority[v] = priority(&b, v);
        cr_heap_push(&queue, b.priority[v], v);
    }
    uint32_t next_rank = 0, n_edges_added = 0;
    while (queue.len) {
        cr_heap_item it = cr_heap_pop(&queue);
        uint32_t v = it.node;
        if (b.contracted[v] || it.key != b.priority[v])
            continue;
        int64_t p = priority(&b, v);
        if (queue.len && p > queue.items[0].key) {
            b.priority[v] = p;
            cr_heap_push(&queue, p, v);
            continue;
        }
        contract(&b, v, false);
        b.contracted[v] = true;
        ch->rank[v] = next_rank;
        order[next_rank++] = v;
        f_start[v] = up_f->len;
        b_start[v] = up_b->len;
        g_array_append_vals(up_f, b.out[v].e, b.out[v].len);
        g_array_append_vals(up_b, b.in[v].e, b.in[v].len);
        /* Detach v; its neighbours' priorities change. */
        for (uint32_t k = 0; k < b.out[v].len; k++) {
            uint32_t x = b.out[v].e[k].other;
            list_remove(&b.in[x], v);
        }
        for (uint32_t k = 0; k < b.in[v].len; k++) {
            uint32_t u = b.in[v].e[k].other;
            list_remove(&b.out[u], v);
        }
        for (int side = 0; side < 2; side++) {
            const edge_list *l = side ? &b.in[v] : &b.out[v];
            for (uint32_t k = 0; k < l->len; k++) {
                uint32_t w = l->e[k].other;
                b.deleted_neighbours[w]++;
                b.priority[w] = priority(&b, w);
                cr_heap_push(&queue, b.priority[w], w);
            }
        }
        g_free(b.out[v].e);
        g_free(b.in[v].e);
        b.out[v] = b.in[v] = (edge_list){0};
    }
    cr_heap_free(&queue);
    n_edges_added = up_f->len + up_b->len;
    ch->n_shortcuts = n_edges_added > n_original ? n_edges_added - n_original : 0;

    /* Re-index by rank so the query's searches walk memory in order. */
    ch->fwd_first = g_new0(uint32_t, n + 1);
    ch->bwd_first = g_new0(uint32_t, n + 1);
    ch->fwd = g_new(up_edge, up_f->len ? up_f->len : 1);
    ch->bwd = g_new(up_edge, up_b->len ? up_b->len : 1);
    uint32_t fo = 0, bo = 0;
    for (uint32_t r = 0; r < n; r++) {
        uint32_t v = order[r];
        uint32_t fe = r + 1 < n ? f_start[order[r + 1]] : up_f->len;
        uint32_t be = r + 1 < n ? b_start[order[r + 1]] : up_b->len;
        ch->fwd_first[r] = fo;
        ch->bwd_first[r] = bo;
        for (uint32_t k = f_start[v]; k < fe; k++) {
            const ch_edge *e = &g_array_index(up_f, ch_edge, k);
            ch->fwd[fo++] = (up_edge){ch->rank[e->other], e->ms, e->metres};
        }
        for (uint32_t k = b_start[v]; k < be; k++) {
            const ch_edge *e = &g_array_index(up_b, ch_edge, k);
            ch->bwd[bo++] = (up_edge){ch->rank[e->other], e->ms, e->metres};
        }
    }
    ch->fwd_first[n] = fo;
    ch->bwd_first[n] = bo;

    g_array_free(up_f, TRUE);
    g_array_free(up_b, TRUE);
    g_free(f_start);
    g_free(b_start);
    g_free(order);
    for (uint32_t v = 0; v < n; v++) {
        g_free(b.out[v].e);
        g_free(b.in[v].e);
    }
    g_free(b.out);
    g_free(b.in);
    g_free(b.contracted);
    g_free(b.deleted_neighbours);
    g_free(b.priority);
    g_free(b.dist);
    g_free(b.stamp);
    cr_heap_free(&b.heap);
    return ch;
}

void cr_ch_free(cr_ch *ch)
{
    if (!ch)
        return;
    g_free(ch->rank);
    g_free(ch->fwd_first);
    g_free(ch->fwd);
    g_free(ch->bwd_first);
    g_free(ch->bwd);
    g_free(ch);
}

uint32_t cr_ch_n_shortcuts(const cr_ch *ch)
{
    return ch->n_shortcuts;
}

/* ---- queries ---- */

typedef struct {
    uint32_t *dist, *stamp, search;
    double *metres;
    uint32_t *settled;    /* ranks settled by the last search */
    uint32_t n_settled;
    cr_heap heap;
} searcher;

/* All nodes reachable upwards from the seeds, with their distances. */
/* Stall-on-demand: a node that a settled higher node reaches more cheaply
 * than this search did is not on any fastest up-down path, so it is neither
 * expanded nor used as a meeting point (checked through the arcs of the
 * other direction, stall_first/stall_edges). */
static void upward(const cr_ch *ch, const uint32_t *first, const up_edge *edges,
                   const uint32_t *stall_first, const up_edge *stall_edges, searcher *s,
                   const cr_geo_access *seeds, int n_seeds)
{
    uint32_t id = ++s->search;
    s->n_settled = 0;
    cr_heap_clear(&s->heap);
    for (int a = 0; a < n_seeds; a++) {
        uint32_t r = ch->rank[seeds[a].node];
        if (s->stamp[r] != id || seeds[a].ms < s->dist[r]) {
            s->stamp[r] = id;
            s->dist[r] = seeds[a].ms;
            s->metres[r] = seeds[a].metres;
            cr_heap_push(&s->heap, seeds[a].ms, r);
        }
    }
    while (s->heap.len) {
        cr_heap_item it = cr_heap_pop(&s->heap);
        uint32_t r = it.node;
        if ((uint32_t)it.key != s->dist[r])
            continue;
        bool stalled = false;
        for (uint32_t k = stall_first[r]; k < stall_first[r + 1] && !stalled; k++) {
            uint32_t w = stall_edges[k].head;
            stalled = s->stamp[w] == id && s->dist[w] + stall_edges[k].ms < it.key;
        }
        if (stalled)
            continue;
        s->settled[s->n_settled++] = r;
        for (uint32_t k = first[r]; k < first[r + 1]; k++) {
            uint32_t w = edges[k].head, d = (uint32_t)it.key + edges[k].ms;
            if (s->stamp[w] != id || d < s->dist[w]) {
                s->stamp[w] = id;
                s->dist[w] = d;
                s->metres[w] = s->metres[r] + edges[k].metres;
                cr_heap_push(&s->heap, d, w);
            }
        }
    }
}

typedef struct {
    uint32_t to;
    uint32_t ms;
    double metres;
} bucket_entry;

void cr_ch_table(const cr_ch *ch, const cr_roadnet *g, const cr_geo_snap *from, uint32_t n_from,
                 const cr_geo_snap *to, uint32_t n_to, cr_geo_table *out)
{
    uint32_t n = ch->n;
    searcher s = {0};
    s.dist = g_new(uint32_t, n);
    s.stamp = g_new0(uint32_t, n);
    s.metres = g_new(double, n);
    s.settled = g_new(uint32_t, n);

    /* Backward searches: every node a destination is reached from, upwards. */
    GArray *raw_rank = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    GArray *raw = g_array_new(FALSE, FALSE, sizeof(bucket_entry));
    for (uint32_t j = 0; j < n_to; j++) {
        cr_geo_access e[2];
        int k = cr_snap_entries(g, &to[j], e);
        upward(ch, ch->bwd_first, ch->bwd, ch->fwd_first, ch->fwd, &s, e, k);
        for (uint32_t q = 0; q < s.n_settled; q++) {
            uint32_t r = s.settled[q];
            bucket_entry b = {j, s.dist[r], s.metres[r]};
            g_array_append_val(raw_rank, r);
            g_array_append_val(raw, b);
        }
    }
    /* Counting sort of the entries into one bucket per node. */
    uint32_t *first = g_new0(uint32_t, n + 1);
    const uint32_t *rr = (const uint32_t *)(void *)raw_rank->data;
    for (guint q = 0; q < raw_rank->len; q++)
        first[rr[q] + 1]++;
    for (uint32_t r = 0; r < n; r++)
        first[r + 1] += first[r];
    bucket_entry *buckets = g_new(bucket_entry, raw->len ? raw->len : 1);
    uint32_t *fill = g_memdup2(first, sizeof(uint32_t) * n);
    for (guint q = 0; q < raw->len; q++)
        buckets[fill[rr[q]]++] = g_array_index(raw, bucket_entry, q);
    g_free(fill);
    g_array_free(raw_rank, TRUE);
    g_array_free(raw, TRUE);

    /* Forward searches scan the buckets of every node they settle. */
    for (uint32_t i = 0; i < n_from; i++) {
        cr_geo_access x[2];
        int k = cr_snap_exits(g, &from[i], x);
        upward(ch, ch->fwd_first, ch->fwd, ch->bwd_first, ch->bwd, &s, x, k);
        uint32_t *row = out->ms + (size_t)i * n_to;
        float *row_m = out->metres + (size_t)i * n_to;
        for (uint32_t q = 0; q < s.n_settled; q++) {
            uint32_t r = s.settled[q], d = s.dist[r];
            for (uint32_t e = first[r]; e < first[r + 1]; e++) {
                uint32_t total = d + buckets[e].ms;
                if (total < row[buckets[e].to]) {
                    row[buckets[e].to] = total;
                    row_m[buckets[e].to] = (float)(s.metres[r] + buckets[e].metres);
                }
            }
        }
    }
    g_free(first);
    g_free(buckets);
    g_free(s.dist);
    g_free(s.stamp);
    g_free(s.metres);
    g_free(s.settled);
    cr_heap_free(&s.heap);
    cr_geo_table_direct(g, from, to, out);
}
