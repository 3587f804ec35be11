/* Independent parts of a problem. Visits and carers are linked when the
 * carer may serve the visit (and the two visits of a double-up are linked);
 * each connected set is a problem of its own: no move can cross from one
 * to another, and no rule (a carer's week, a client's continuity) spans
 * two. Zones with their own carers are the usual case. */
#ifndef CR_SOLVE_COMPONENTS_H
#define CR_SOLVE_COMPONENTS_H

#include "problem.h"

/* A part: one or more connected sets ("pieces"), its visits and vehicles
 * listed piece by piece; piece c holds visits[visit_first[c] ..
 * visit_first[c + 1]) and vehicles[vehicle_first[c] .. vehicle_first[c + 1]). */
typedef struct {
    int *visits, n_visits;
    int *vehicles, n_vehicles;
    int n_pieces;
    int *visit_first, *vehicle_first;
} cr_part;

/* The connected sets, packed into at most max_parts parts balanced by
 * visits (largest first, each to the part with the fewest visits so far;
 * within a part, pieces come largest first).
 * Returns the number of parts (at least 1), and the number of connected
 * sets in *n_components. O((visits + vehicles) x eligible vehicles per
 * visit x alpha). */
int cr_problem_parts(const cr_problem *p, int max_parts, cr_part **out, int *n_components);
void cr_parts_free(cr_part *parts, int n);

/* Each visit's and carer's connected set, named by its smallest member:
 * a new array over the visits (0 .. n-1) and then the carers (n ..
 * n + carers - 1). Two visits with different roots can never share a
 * route. cr_problem_new keeps it as p->component_root, which the
 * neighbour lists and cr_problem_parts read. O((visits + carers) x
 * eligible vehicles per visit x alpha). */
int *cr_problem_component_roots(const cr_problem *p);

#endif
