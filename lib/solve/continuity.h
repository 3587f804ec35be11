/* Continuity of care: moving all of a client's visits to one carer. */
#ifndef CR_SOLVE_CONTINUITY_H
#define CR_SOLVE_CONTINUITY_H

#include "search.h"

/* For each client seen by several carers, or by carers it did not prefer,
 * move all its visits to one carer (one already there, or a preferred one)
 * when the extra travel is below what it gains: `weight` per carer saved
 * plus `preference_weight` per visit moved to a preferred carer. Returns the
 * clients changed. O(clients x carers x visits x route length). */
int cr_continuity_improve(const cr_problem *p, cr_ssol *s, double weight, double preference_weight);

#endif
