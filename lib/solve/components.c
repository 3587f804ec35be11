/* Connected sets of visits and carers (see components.h), by union-find. */
#include "components.h"

#include <string.h>

static int find(int *parent, int x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]]; /* path halving */
        x = parent[x];
    }
    return x;
}

static void unite(int *parent, int a, int b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a != b)
        parent[a < b ? b : a] = a < b ? a : b; /* the smaller root: deterministic */
}

typedef struct {
    int root, size;
} component;

static int by_size_desc(const void *a, const void *b)
{
    const component *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->root - y->root;
}

int *cr_problem_component_roots(const cr_problem *p)
{
    const cr_model *m = p->model;
    int n = p->n, n_nodes = p->n + m->n_carers;
    int *parent = g_new(int, n_nodes > 0 ? n_nodes : 1);
    for (int x = 0; x < n_nodes; x++)
        parent[x] = x;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < p->n_vehicles_of[i]; k++)
            unite(parent, i, n + p->v_carer[p->vehicles_of[i][k]]);
        int sync = m->visits[i].sync;
        if (sync >= 0)
            unite(parent, m->syncs[sync].first, m->syncs[sync].second);
    }
    for (int x = 0; x < n_nodes; x++)
        parent[x] = find(parent, x);
    return parent;
}

int cr_problem_parts(const cr_problem *p, int max_parts, cr_part **out, int *n_components)
{
    int n = p->n, n_nodes = p->n + p->model->n_carers;
    const int *root_of = p->component_root;
    /* components holding visits, by size */
    int *size = g_new0(int, n_nodes > 0 ? n_nodes : 1);
    for (int i = 0; i < n; i++)
        size[root_of[i]]++;
    component *comps = g_new(component, n > 0 ? n : 1);
    int n_comps = 0;
    for (int x = 0; x < n_nodes; x++)
        if (size[x] > 0)
            comps[n_comps++] = (component){x, size[x]};
    qsort(comps, (size_t)n_comps, sizeof *comps, by_size_desc);
    int n_parts = n_comps < max_parts ? n_comps : max_parts;
    if (n_parts < 1)
        n_parts = 1;
    /* largest first, each to the lightest part */
    int *part_of_root = g_new(int, n_nodes > 0 ? n_nodes : 1);
    int *piece_of_root = g_new(int, n_nodes > 0 ? n_nodes : 1);
    int *load = g_new0(int, n_parts);
    cr_part *parts = g_new0(cr_part, n_parts);
    for (int c = 0; c < n_comps; c++) {
        int best = 0;
        for (int q = 1; q < n_parts; q++)
            if (load[q] < load[best])
                best = q;
        load[best] += comps[c].size;
        part_of_root[comps[c].root] = best;
        piece_of_root[comps[c].root] = parts[best].n_pieces++;
    }
    for (int q = 0; q < n_parts; q++) {
        parts[q].visits = g_new(int, load[q] > 0 ? load[q] : 1);
        parts[q].vehicles = g_new(int, p->n_vehicles > 0 ? p->n_vehicles : 1);
        parts[q].visit_first = g_new0(int, (size_t)parts[q].n_pieces + 1);
        parts[q].vehicle_first = g_new0(int, (size_t)parts[q].n_pieces + 1);
    }
    /* counts per piece, offsets, then the lists in index order within a piece */
    for (int i = 0; i < n; i++) {
        int root = root_of[i];
        parts[part_of_root[root]].visit_first[piece_of_root[root] + 1]++;
    }
    for (int v = 0; v < p->n_vehicles; v++) {
        int root = root_of[n + p->v_carer[v]];
        if (size[root] > 0) /* else a carer no visit can use */
            parts[part_of_root[root]].vehicle_first[piece_of_root[root] + 1]++;
    }
    for (int q = 0; q < n_parts; q++)
        for (int c = 0; c < parts[q].n_pieces; c++) {
            parts[q].visit_first[c + 1] += parts[q].visit_first[c];
            parts[q].vehicle_first[c + 1] += parts[q].vehicle_first[c];
        }
    for (int q = 0; q < n_parts; q++) { /* the lists fill from the pieces' starts */
        parts[q].n_visits = parts[q].visit_first[parts[q].n_pieces];
        parts[q].n_vehicles = parts[q].vehicle_first[parts[q].n_pieces];
    }
    int **visit_at = g_new(int *, n_parts), **vehicle_at = g_new(int *, n_parts);
    for (int q = 0; q < n_parts; q++) {
        visit_at[q] = g_memdup2(parts[q].visit_first, sizeof(int) * ((size_t)parts[q].n_pieces + 1));
        vehicle_at[q] = g_memdup2(parts[q].vehicle_first, sizeof(int) * ((size_t)parts[q].n_pieces + 1));
    }
    for (int i = 0; i < n; i++) {
        int root = root_of[i], q = part_of_root[root];
        parts[q].visits[visit_at[q][piece_of_root[root]]++] = i;
    }
    for (int v = 0; v < p->n_vehicles; v++) {
        int root = root_of[n + p->v_carer[v]];
        if (size[root] == 0)
            continue;
        int q = part_of_root[root];
        parts[q].vehicles[vehicle_at[q][piece_of_root[root]]++] = v;
    }
    for (int q = 0; q < n_parts; q++) {
        g_free(visit_at[q]);
        g_free(vehicle_at[q]);
    }
    g_free(visit_at);
    g_free(vehicle_at);
    *n_components = n_comps;
    *out = parts;
    g_free(size);
    g_free(comps);
    g_free(part_of_root);
    g_free(piece_of_root);
    g_free(load);
    return n_parts;
}

void cr_parts_free(cr_part *parts, int n)
{
    for (int q = 0; q < n; q++) {
        g_free(parts[q].visits);
        g_free(parts[q].vehicles);
        g_free(parts[q].visit_first);
        g_free(parts[q].vehicle_first);
    }
    g_free(parts);
}
