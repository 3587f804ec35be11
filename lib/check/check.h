/* The independent checker: recomputes a plan from the scenario data alone.
 * It deliberately shares no code with lib/solve (nor the model's travel
 * functions): distances and times are recomputed here from raw coordinates,
 * so a bug in the solver's bookkeeping cannot hide itself. */
#ifndef CR_CHECK_H
#define CR_CHECK_H

#include "model/model.h"

typedef struct {
    int kind; /* cr_violation_kind */
    char *message;
} cr_violation;

struct cr_check {
    GArray *violations; /* cr_violation */
    size_t routes;
    double distance;
    double travel_time;
    size_t unassigned;
    double tardiness, max_tardiness, objective;
    double carers_per_client;   /* mean distinct carers over clients with a planned visit */
    size_t max_carers_per_client;
    size_t *client_carers;      /* distinct carers per client */
    size_t n_clients;
    /* Per route of the plan: travel, distance, contact, waiting, home legs
     * (CR_CHECK_ROUTE_* - 1 indexes the six values); NaN for a route that
     * could not be followed. */
    double *route_figures;
    size_t n_routes;
};

struct cr_check *cr_check_plan(const cr_model *m, const cr_solution *s);

#endif
