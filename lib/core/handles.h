/* The structs behind the public opaque handles. */
#ifndef CR_CORE_HANDLES_H
#define CR_CORE_HANDLES_H

#include "careroute.h"
#include "error.h"
#include "model/model.h"

struct cr_scenario {
    gint refs;
    cr_model *model; /* NULL until loaded */
    double *client_hours; /* per client, made at loading: callers ask for every client in turn */
    char errmsg[CR_ERRMSG_SIZE];
};

struct cr_options {
    double time_limit;
    int64_t iteration_limit;
    int64_t seed;
    int64_t threads;
    int64_t objective;
    double continuity_weight; /* < 0: the scenario's rule */
    double preference_weight; /* < 0: the scenario's rule */
    char errmsg[CR_ERRMSG_SIZE];
};

struct cr_plan {
    cr_scenario *scenario; /* a reference */
    cr_solution *sol;
    char *json;            /* cached cr_plan_json() text */
    char errmsg[CR_ERRMSG_SIZE];
};

struct cr_solver {
    cr_progress_fn progress;
    void *progress_user;
    volatile gint cancel;
    char errmsg[CR_ERRMSG_SIZE];
};

cr_scenario *cr_scenario_ref(cr_scenario *s);

/* Turn the travel a scenario file asked for ("road" over a map, or a
 * "matrix" file) into the model's travel matrix; message into errmsg. */
cr_status cr_scenario_travel_resolve(cr_model *m, char *errmsg);

/* Place clients (and carers without listed zones) in the zone polygons the
 * scenario file names ("zone_areas"). */
cr_status cr_scenario_zones_resolve(cr_model *m, char *errmsg);

/* CR_OK when s is loaded and no plan holds it, so its travel and zones may
 * still change; otherwise sets the message. */
cr_status cr_scenario_check_mutable(cr_scenario *s);

#endif
