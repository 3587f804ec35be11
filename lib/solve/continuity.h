/* Continuity of care: moving all of a client's visits to one carer. */
#ifndef CR_SOLVE_CONTINUITY_H
#define CR_SOLVE_CONTINUITY_H

#include "search.h"

/* For each client seen by several carers, move all its visits to the one of
 * those carers for whom the extra travel is least, when that is below
 * `weight` times the number of carers saved. Returns the clients changed.
 * O(clients x carers x visits x route length). */
int cr_continuity_improve(const cr_problem *p, cr_ssol *s, double weight);

#endif
