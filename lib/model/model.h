/* The scenario model: plain data describing what is to be planned, and the
 * plan (solution) data. No I/O and no solving here. */
#ifndef CR_MODEL_H
#define CR_MODEL_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* How travel between two points is measured. */
typedef enum {
    CR_TRAVEL_EUCLIDEAN = 0,     /* planar coordinates; time = distance (VRPTW files) */
    CR_TRAVEL_STRAIGHT_LINE = 1, /* lon/lat; great-circle km x detour factor, at a speed */
    CR_TRAVEL_MATRIX = 2         /* times and distances given per pair of points */
} cr_travel_kind;

typedef struct {
    cr_travel_kind kind;
    double speed_kmh;     /* straight-line: average speed */
    double detour_factor; /* straight-line: road km per great-circle km */
    double *times;        /* matrix: n_points x n_points, minutes */
    double *distances;    /* matrix: n_points x n_points, km */
    /* Asked for by the scenario file, turned into a matrix after loading: */
    char *map_path;       /* road travel over this OpenStreetMap extract */
    char *profile;        /* "car", "walk" or "bike"; NULL = car */
    char **speeds;        /* "class=kmh" overrides, NULL-terminated */
    double snap_m;        /* 0 = the map's default */
    char *matrix_path;    /* a user's matrix file (CSV or JSON) */
    char *source;         /* description for reports: "road car map.osm.pbf", ... */
} cr_travel;

/* A place: planar (x, y) or geographic (x = longitude, y = latitude). */
typedef struct {
    double x, y;
} cr_point;

/* How a carer travels; the scenario's travel is by car. */
enum { CR_MODE_CAR = 0, CR_MODE_WALK, CR_MODE_BIKE };
/* Speeds (km/h) of walking and cycling in town, for straight-line travel. */
#define CR_WALK_KMH 5.0
#define CR_BIKE_KMH 15.0

/* A carer's gender, and the one a client asks its carers to be. */
typedef enum {
    CR_GENDER_UNSTATED = 0, /* carer: not recorded; client: any carer */
    CR_GENDER_FEMALE,
    CR_GENDER_MALE,
    CR_GENDER_OTHER         /* carers only */
} cr_gender;

const char *cr_gender_name(cr_gender g);

typedef struct {
    bool present;
    double start, end; /* the carer leaves the start point no earlier than
                          start and is back at the end point by end */
} cr_shift;

typedef struct {
    char *id;
    int provider;       /* index into providers, -1 if none given */
    uint64_t zones;     /* bit i = zones[i]; 0 = none given */
    int start_point;    /* index into points */
    int end_point;
    double capacity;    /* load limit (VRPTW); INFINITY for carers */
    uint64_t skills;    /* bit i = skills[i] */
    cr_shift *shifts;   /* one per day */
    double max_week_minutes; /* contact + travel a week; INFINITY: no limit */
    double contracted_week_minutes; /* beyond this is overtime; 0 or INFINITY: none */
    /* Most days a week with any visit (0: no limit). Below the days the
     * shifts offer, the plan chooses the days off. */
    int max_working_days;
    double hourly_rate;
    cr_gender gender;
    int travel_mode;       /* CR_MODE_*: how the carer gets about */
    double travel_factor;  /* their travel time over the scenario's; 0 or 1: the same */
} cr_carer;

typedef struct {
    char *id;
    int provider;    /* -1: any provider */
    int zone;        /* -1: none given */
    int point;
    int *excluded;   /* carer indices never to be sent */
    int n_excluded;
    int *preferred;  /* carer indices the client prefers */
    int n_preferred;
    char *funder;    /* "council", "nhs-chc", "self" or NULL */
    cr_gender carer_gender; /* only carers of this gender (personal care); UNSTATED: any */
    int max_carers;  /* most distinct carers over the plan; 0: the rules' default */
} cr_client;

typedef struct {
    char *id;
    int client;      /* index into clients */
    int point;       /* the client's point */
    int day;
    double ready;    /* earliest start */
    double due;      /* latest start */
    double duration;
    double demand;   /* VRPTW load; 0 for care visits */
    int n_carers;    /* 1; a two-carer visit is two visits tied by a sync */
    uint64_t skills; /* required skills */
    int priority;    /* 1 (low) .. 5 (high) */
    bool soft_due;   /* starting after `due` is allowed, at a tardiness cost */
    int sync;        /* index into the model's syncs, -1 if none */
} cr_visit;

/* Two visits served by two different carers with start times related:
 * start(second) - start(first) in [min_gap, max_gap]; 0, 0 = together. */
typedef struct {
    int first, second;
    double min_gap, max_gap;
} cr_sync;

typedef struct {
    double min_visit_minutes;
    bool allow_short_visits;
    /* Objective terms besides travel (Mankowska et al. 2014: all 1, and the
     * instance's objective is (travel + total + max tardiness) / 3). */
    double tardiness_weight, max_tardiness_weight, objective_scale;
    /* Travel (minutes, or file units) worth one carer fewer for a client
     * over the plan; 0 turns the continuity step off. */
    double continuity_weight;
    /* Travel worth one visit by a preferred carer instead of another one. */
    double preference_weight;
    /* Whether travel from home to the first visit and back is paid (reports);
     * travel between visits always is (Ethical Care Charter). */
    bool paid_home_travel;
    /* Most distinct carers a client may see over the plan, a hard rule
     * (a client's own max_carers overrides it); 0: no cap. */
    int max_carers_per_client;
    /* Longest a carer's day may be, from leaving for the first visit to
     * getting back (minutes; the spread-over of a split shift, breaks
     * included); INFINITY: no limit beyond the shift. */
    double max_shift_minutes;
    /* Least time between getting back one day and leaving the next
     * (minutes; the Working Time Regulations' 11 hours); 0: none. */
    double min_rest_minutes;
    /* Carers with max_working_days get two days in a row without visits in
     * every full week of the plan (Sunday and Monday count as in a row). */
    bool two_days_off_in_a_row;
    /* Travel minutes one minute of overtime (work beyond a carer's
     * contracted hours) is worth in the objective. */
    double overtime_weight;
    /* A break: a day longer than break_after (minutes, leaving to getting
     * back; INFINITY: no rule) must have a gap between two visits holding
     * break_minutes inside [break_from, break_to]. */
    double break_after, break_minutes, break_from, break_to;
} cr_rules;

/* A gap between visits this long or longer (the middle of a split shift) is
 * the carer's own time, not waiting at work: it does not count as hours
 * worked when pay per hour is judged. An hour is what UK providers and
 * HMRC's minimum wage guidance treat as time the carer is free to use. */
#define CR_MODEL_OWN_TIME_GAP 60.0

typedef struct {
    char *name;
    int format;            /* a cr_format */
    bool is_vrptw;         /* loaded from a VRPTW benchmark file */
    int n_days;
    char **day_names;      /* n_days strings */
    cr_point *points;
    int n_points;
    bool lonlat;           /* points are longitude/latitude (else planar x/y) */
    cr_carer *carers;
    int n_carers;
    cr_client *clients;
    int n_clients;
    cr_visit *visits;
    int n_visits;
    char **providers;
    int n_providers;
    char **zones;
    int n_zones;
    char *zone_areas_path; /* polygons naming the zones; applied after loading */
    cr_sync *syncs;
    int n_syncs;
    double *carer_duration; /* n_visits x n_carers, or NULL: duration by who serves */
    char **skills;
    int n_skills;
    cr_travel travel;
    cr_rules rules;
} cr_model;

cr_model *cr_model_new(void);
void cr_model_free(cr_model *m);

/* Whether a visit by carer c is one client cl did not ask for: cl named
 * preferred carers and c is not among them (a client who named none
 * prefers no one over anyone). O(preferred carers). */
static inline bool cr_client_unpreferred(const cr_client *cl, int c)
{
    if (cl->n_preferred == 0)
        return false;
    for (int k = 0; k < cl->n_preferred; k++)
        if (cl->preferred[k] == c)
            return false;
    return true;
}

/* How long carer c takes for visit v. */
static inline double cr_model_duration(const cr_model *m, int v, int c)
{
    return m->carer_duration ? m->carer_duration[(size_t)v * m->n_carers + c] : m->visits[v].duration;
}

/* The most minutes (contact + travel) carer c may work over the plan: the
 * weekly hours pro rata to the plan's days; INFINITY without a limit. */
double cr_model_work_limit(const cr_model *m, int c);

/* The most distinct carers client c may see over the plan (its own cap,
 * else the rules'), or 0 for no cap. */
/* Carer c's contracted working minutes over the plan (pro rata, as the
 * weekly limit), INFINITY when none is given. */
double cr_model_contracted_minutes(const cr_model *m, int c);
/* Most days with visits carer c may work over the plan: max_working_days
 * pro rata for plans longer or shorter than a week (rounded up); INT_MAX
 * when there is no limit. */
int cr_model_day_limit(const cr_model *m, int c);
/* Whether the plan chooses some carer's days off: their day limit is below
 * the days their shifts offer. */
bool cr_model_days_off_chosen(const cr_model *m);
/* Whether a carer working on the days of bitmask `worked` (bit d: day d of
 * the plan) has two days in a row off in every full week (days 7w to
 * 7w + 6, read as a cycle). O(days). */
bool cr_model_two_days_off(uint32_t worked, int n_days);

/* How much longer carer c takes over any leg than the scenario's travel
 * (1 for car; walkers and cyclists on straight-line travel are slower). */
double cr_model_carer_factor(const cr_model *m, int c);
/* Carer c's travel time between two points (minutes). */
double cr_model_carer_travel_time(const cr_model *m, int c, int from, int to);

/* Whether a gap from `from` to `to` (minutes of the day) holds the rules'
 * break inside its window. */
bool cr_model_gap_holds_break(const cr_model *m, double from, double to);

int cr_model_client_cap(const cr_model *m, int c);

/* Why carer k may not make visit v on any day or route: the client's
 * provider, zone, carer gender and exclusions, and the visit's skills
 * (CR_UNFIT_NONE: nothing stops it). The solver adds the carer's shift on
 * the visit's day; the checker keeps its own copy of these rules. */
typedef enum {
    CR_UNFIT_NONE = 0,
    CR_UNFIT_PROVIDER, /* not the client's chosen provider */
    CR_UNFIT_ZONE,     /* does not work in the client's zone */
    CR_UNFIT_SKILL,    /* lacks a skill the visit needs */
    CR_UNFIT_GENDER,   /* not the gender the client asks for */
    CR_UNFIT_EXCLUDED  /* the client has excluded this carer */
} cr_unfit;
cr_unfit cr_model_unfit(const cr_model *m, int v, int k);

/* Whether planning needs the synchronised, soft-window search. */
bool cr_model_needs_sync_search(const cr_model *m);

/* Travel time (minutes, or file units) and distance between two points,
 * according to the model's travel kind. */
double cr_model_travel_time(const cr_model *m, int from, int to);
double cr_model_distance(const cr_model *m, int from, int to);

/* "Mon", "day 3", ... for messages. */
const char *cr_model_day_name(const cr_model *m, int day);
/* Minutes after midnight as "07:30" into buf (at least 16 bytes). */
const char *cr_model_format_time(const cr_model *m, double t, char *buf, size_t size);

/* ---- plans ---- */

typedef struct {
    int carer;
    int day;
    int n;
    int *visits;     /* visit indices in order */
    double *starts;  /* service start per visit; NaN when unknown */
} cr_route;

typedef struct {
    cr_route *routes;
    int n_routes;
    int *unassigned;
    char **reasons;  /* one per unassigned visit; may be NULL entries */
    int n_unassigned;
    /* totals as stated by whoever produced the plan (solver or file) */
    double distance;
    double travel_time;
    bool has_totals;
    double seconds;
    int64_t iterations; /* search iterations, summed over threads */
    int64_t moves;      /* moves evaluated, summed over threads */
    double first_complete_seconds; /* NaN if never */
    double best_found_seconds;
    int objective;   /* cr_objective used */
} cr_solution;

cr_solution *cr_solution_new(void);
void cr_solution_free(cr_solution *s);
/* Append a route (takes copies of the arrays; starts may be NULL). */
void cr_solution_add_route(cr_solution *s, int carer, int day, int n,
                           const int *visits, const double *starts);
void cr_solution_add_unassigned(cr_solution *s, int visit, const char *reason);



/* Fill each solution total (distance, travel time) from the model's travel
 * measure; used by whoever produces a plan (the solver side, not the checker). */
void cr_solution_compute_totals(const cr_model *m, cr_solution *s);
double cr_route_distance(const cr_model *m, const cr_route *r);
double cr_route_travel_time(const cr_model *m, const cr_route *r);
#endif
