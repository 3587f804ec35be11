/* Realistic synthetic home care weeks: clients with care packages (morning,
 * lunch, tea and bed calls on some or all days), carers on split shifts
 * five days in seven within weekly hours, providers, zones designed over the clients, double-ups, skills,
 * funders, preferences. The output is scenario JSON text, so a generated
 * week can be saved, read, edited and loaded like any other. */
#ifndef CR_GENERATE_H
#define CR_GENERATE_H

#include <glib.h>
#include <stdint.h>

#include "geo/roadnet.h"

typedef struct {
    uint64_t seed;
    int clients;
    int carers;            /* 0 = as many as the work needs */
    int providers;
    int zones;
    int days;
    double visits_per_day; /* mean calls per client on a day with care, 1..4 */
    double double_up_share;/* share of calls needing two carers */
    double rural_share;    /* share of clients in villages (without a map) */
    double centre_lat, centre_lon;
    /* Carers offer every day and work at most five in seven: the plan
     * chooses their days off (else two in a row, fixed). */
    bool chosen_days_off;
    bool days_off_in_a_row; /* and the rules keep two of them in a row */
    /* With a road network: every location lies on its roads and travel is
     * "road" over map_path with this profile. */
    const cr_roadnet *roads;
    const char *map_path;
    const char *profile;
} cr_gen_params;

void cr_gen_params_default(cr_gen_params *p);

/* The scenario JSON (g_free), or NULL with err set (CR_ERROR domain). */
char *cr_generate_scenario(const cr_gen_params *p, GError **err);

#endif
