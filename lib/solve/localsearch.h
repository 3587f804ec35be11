/* Local search between routes: relocate, swap and 2-opt*, over granular
 * neighbourhoods, first improvement. Every move's feasibility and cost
 * change are evaluated in O(1) by concatenating route segments
 * (Vidal et al. 2013, "A hybrid genetic algorithm with adaptive diversity
 * management", time-window segment algebra): each route keeps the segment
 * data of all its prefixes and suffixes. */
#ifndef CR_SOLVE_LOCALSEARCH_H
#define CR_SOLVE_LOCALSEARCH_H

#include "search.h"

typedef struct cr_ls cr_ls;

cr_ls *cr_ls_new(const cr_problem *p);
void cr_ls_free(cr_ls *ls);

/* Improve s in place until no move improves it; routes are never opened,
 * only emptied. Returns the number of moves evaluated. */
int64_t cr_ls_run(cr_ls *ls, cr_ssol *s, GRand *rng);

#endif
