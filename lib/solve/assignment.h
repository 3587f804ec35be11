/* The assignment problem: give each row its own column at the least total
 * cost (the Hungarian method with potentials, as shortest augmenting
 * paths; Kuhn 1955, Jonker and Volgenant 1987). The rota search uses it to
 * hand a day's runs to that day's carers. */
#ifndef CR_SOLVE_ASSIGNMENT_H
#define CR_SOLVE_ASSIGNMENT_H

/* cost is n_rows x n_cols, row-major, finite (a large finite cost stands
 * for "not allowed"); n_rows <= n_cols. Fills col_of_row and returns the
 * least total cost. O(n_rows^2 x n_cols) time, O(n_cols) extra space. */
double cr_assign(int n_rows, int n_cols, const double *cost, int *col_of_row);

#endif
