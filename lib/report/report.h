/* What a plan means for the people in it: per carer and day, per carer over
 * the plan, per client, per provider and zone, the Ethical Care Charter
 * checks and the unallocated visits. Computed once from the model and the
 * plan's own start times; written as JSON, CSV and an HTML page (report_*.c)
 * with pictures (pictures.c). */
#ifndef CR_REPORT_H
#define CR_REPORT_H

#include "model/model.h"

typedef struct {
    int route;               /* index into the solution's routes */
    int carer, day, n_visits;
    double leave, back;      /* leaves home, back home (minutes) */
    double contact, travel, home_travel, distance;
    double waiting;          /* gaps between visits under an hour */
    double own_time;         /* gaps of an hour or more: the carer's own time */
    double paid_minutes;     /* contact + paid travel */
} cr_rep_day;

typedef struct {
    int days;                /* days with visits */
    double contact, travel, paid_travel, unpaid_travel, waiting, own_time, distance;
    double hours_worked;     /* contact + travel + waiting (not own time), hours */
    double pay;              /* hourly rate x (contact + paid travel) */
    double pay_per_hour;     /* pay / hours worked; NaN without work */
    double max_hours;        /* the carer's weekly maximum scaled to the plan; 0 none */
    double contracted_hours; /* contracted hours scaled to the plan; NaN none */
    double overtime_hours;   /* contact + travel beyond them (as the solver counts); 0 without a contract */
    bool below_wage, over_hours;
} cr_rep_carer;

typedef struct {
    int visits, unassigned;
    double hours;            /* carer contact hours delivered */
    int distinct;            /* distinct carers */
    int floor;               /* fewest carers who could make the planned visits (carer_floor.h) */
    int by_preferred;        /* visits by a carer the client prefers */
    GArray *carers;          /* int pairs {carer, visits} in order first seen */
} cr_rep_client;

/* One provider in one zone; provider or zone -1 when not given. */
typedef struct {
    int provider, zone;
    int clients, carers, visits, unassigned;
    double care_hours, travel_hours, paid_travel_hours, cost;
    double funder_hours[4];  /* council, nhs-chc, self, not given */
} cr_rep_group;

typedef struct {
    const cr_model *m;
    const cr_solution *s;
    double living_wage;
    double week_scale;       /* 7 / days when the plan is shorter than a week, else 1 */
    GArray *days;            /* cr_rep_day, in plan order */
    cr_rep_carer *carers;    /* n_carers */
    cr_rep_client *clients;  /* n_clients */
    GArray *groups;          /* cr_rep_group, sorted by provider then zone */
    cr_rep_group total;
    int short_visits;        /* planned visits shorter than the charter's minimum */
    double unpaid_travel;    /* minutes, over all carers */
    int carers_below_wage;
    double *visit_start;     /* per visit: planned start, NaN if unassigned */
    int *visit_carer;        /* per visit: carer, -1 if unassigned */
} cr_report_data;

extern const char *const cr_report_funders[4];

/* Compute every figure; the model and solution must outlive it. */
cr_report_data *cr_report_compute(const cr_model *m, const cr_solution *s, double living_wage);
void cr_report_data_free(cr_report_data *r);

/* Mean distinct carers over the clients with at least min_visits planned
 * visits (at least one); their number into *n_out when given. */
double cr_report_mean_distinct(const cr_report_data *r, int min_visits, int *n_out);
/* The mean, over the same clients, of the fewest carers who could make
 * their planned visits: how low that figure could go at all. */
double cr_report_mean_floor(const cr_report_data *r, int min_visits);

/* JSON text of every figure (g_free). */
char *cr_report_to_json(const cr_report_data *r);
/* The CSV tables, each as text (g_free): "carer_days", "carers", "clients",
 * "providers", "unassigned", "charter". */
char *cr_report_csv(const cr_report_data *r, const char *table);
extern const char *const cr_report_csv_tables[];

#endif
