/* The Hungarian method (see assignment.h). Rows are added one at a time;
 * each addition grows a tree of tight edges from the new row with Dijkstra
 * on reduced costs until it reaches a free column, then flips the path.
 * Potentials u (rows) and v (columns) keep every reduced cost
 * cost - u - v at least zero and zero on the matching. */
#include "assignment.h"

#include <glib.h>
#include <math.h>

double cr_assign(int n_rows, int n_cols, const double *cost, int *col_of_row)
{
    g_return_val_if_fail(n_rows <= n_cols, NAN);
    /* 1-based, with column 0 the root of each search */
    double *u = g_new0(double, (size_t)n_rows + 1), *v = g_new0(double, (size_t)n_cols + 1);
    double *min_to = g_new(double, (size_t)n_cols + 1);
    int *row_at = g_new0(int, (size_t)n_cols + 1), *came_from = g_new0(int, (size_t)n_cols + 1);
    gboolean *in_tree = g_new(gboolean, (size_t)n_cols + 1);
    for (int r = 1; r <= n_rows; r++) {
        row_at[0] = r;
        int col = 0;
        for (int c = 0; c <= n_cols; c++) {
            min_to[c] = INFINITY;
            in_tree[c] = FALSE;
        }
        do {
            in_tree[col] = TRUE;
            int row = row_at[col], next = 0;
            double delta = INFINITY;
            for (int c = 1; c <= n_cols; c++) {
                if (in_tree[c])
                    continue;
                double reduced = cost[(size_t)(row - 1) * n_cols + (c - 1)] - u[row] - v[c];
                if (reduced < min_to[c]) {
                    min_to[c] = reduced;
                    came_from[c] = col;
                }
                if (min_to[c] < delta) {
                    delta = min_to[c];
                    next = c;
                }
            }
            for (int c = 0; c <= n_cols; c++) {
                if (in_tree[c]) {
                    u[row_at[c]] += delta;
                    v[c] -= delta;
                } else {
                    min_to[c] -= delta;
                }
            }
            col = next;
        } while (row_at[col] != 0);
        /* flip the augmenting path back to the root */
        do {
            int prev = came_from[col];
            row_at[col] = row_at[prev];
            col = prev;
        } while (col != 0);
    }
    double total = 0;
    for (int c = 1; c <= n_cols; c++)
        if (row_at[c] > 0) {
            col_of_row[row_at[c] - 1] = c - 1;
            total += cost[(size_t)(row_at[c] - 1) * n_cols + (c - 1)];
        }
    g_free(u);
    g_free(v);
    g_free(min_to);
    g_free(row_at);
    g_free(came_from);
    g_free(in_tree);
    return total;
}
