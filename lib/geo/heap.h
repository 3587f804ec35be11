/* A binary min-heap of (key, node) pairs with lazy deletion: a node may be
 * pushed again with a smaller key and stale entries are skipped by the
 * caller (who knows each node's current key). Shared by the shortest-path
 * searches and the contraction order. */
#ifndef CR_GEO_HEAP_H
#define CR_GEO_HEAP_H

#include <glib.h>
#include <stdint.h>

typedef struct {
    int64_t key;
    uint32_t node;
} cr_heap_item;

typedef struct {
    cr_heap_item *items;
    size_t len, cap;
} cr_heap;

static inline void cr_heap_clear(cr_heap *h) { h->len = 0; }

static inline void cr_heap_free(cr_heap *h)
{
    g_free(h->items);
    h->items = NULL;
    h->len = h->cap = 0;
}

static inline void cr_heap_push(cr_heap *h, int64_t key, uint32_t node)
{
    if (h->len == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 256;
        h->items = g_renew(cr_heap_item, h->items, h->cap);
    }
    size_t i = h->len++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (h->items[parent].key <= key)
            break;
        h->items[i] = h->items[parent];
        i = parent;
    }
    h->items[i] = (cr_heap_item){key, node};
}

/* The smallest item; the heap must not be empty. */
static inline cr_heap_item cr_heap_pop(cr_heap *h)
{
    cr_heap_item top = h->items[0], last = h->items[--h->len];
    size_t i = 0, n = h->len;
    while (true) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && h->items[c + 1].key < h->items[c].key)
            c++;
        if (h->items[c].key >= last.key)
            break;
        h->items[i] = h->items[c];
        i = c;
    }
    if (n)
        h->items[i] = last;
    return top;
}

#endif
