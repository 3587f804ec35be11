/* The fewest carers who could make a client's visits: how low continuity
 * could go for that client whatever the routes, given who may serve each
 * visit (provider, zone, skills, gender, exclusions) and on which days and
 * hours the carers work. Travel, weekly hours and the other clients are
 * left out, so this is a lower bound on the distinct carers any plan gives
 * the client: a client with a daily double-up whose carers work five days
 * in seven needs at least three. Where the plan chooses carers' days off
 * (max_working_days below the days offered), the floor also counts the
 * days: no carer works more than their limit. */
#ifndef CR_REPORT_CARER_FLOOR_H
#define CR_REPORT_CARER_FLOOR_H

#include "model/model.h"

/* A lower bound on the distinct carers who could make visits[0..n) (of one
 * client; the two halves of a double-up both among them, or neither),
 * searched up to `ceiling` carers: the exact fewest when that is at most
 * ceiling, else ceiling + 1. 0 for no visits; -1 when some visit has no
 * carer who could make it. Exponential in the bound in the worst case:
 * O(candidates^bound x visits), with candidates the carers who could make
 * at least one of the visits; with more than 64 of them the search is not
 * made and the bound is 1 (2 with a double-up). The search stops at
 * 200,000 nodes, and the bound is then the depth it had proved. */
int cr_carer_floor(const cr_model *m, const int *visits, int n, int ceiling);

#endif
