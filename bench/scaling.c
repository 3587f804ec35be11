/* bench/scaling — how planning grows with the size of a council area.
 *
 *   scaling [--clients LIST] [--providers N] [--double-ups X] [--seed N]
 *           [--time-limit S] [--threads N] [--csv FILE]
 *
 * For each size (default 50,200,1000,5000 clients) it generates a
 * realistic week with one zone per 100 clients (careroute's generator,
 * seeded), solves it with the default continuity rule, checks the plan
 * with the independent checker and prints: clients, zones, carers,
 * visits; seconds to generate and load; seconds to the first plan the
 * search reports; travel hours and travel minutes per visit; unassigned
 * visits; mean distinct carers for clients with 7 or more visits;
 * feasibility; solve and check seconds; and the process's peak memory so
 * far (sizes run smallest first, so it is the peak of that size). */
#include "common.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static int opt_providers = 3, opt_threads = 2;
static double opt_double_ups = 0.1, opt_time = 60;
static gint64 opt_seed = 1;
static char *opt_clients = NULL, *opt_csv = NULL;

static GOptionEntry entries[] = {
    {"clients", 'n', 0, G_OPTION_ARG_STRING, &opt_clients, "Sizes to run (default 50,200,1000,5000)", "LIST"},
    {"providers", 0, 0, G_OPTION_ARG_INT, &opt_providers, "Providers (default 3)", "N"},
    {"double-ups", 0, 0, G_OPTION_ARG_DOUBLE, &opt_double_ups, "Share of calls needing two carers (default 0.1)", "X"},
    {"seed", 's', 0, G_OPTION_ARG_INT64, &opt_seed, "Generator and solver seed (default 1)", "N"},
    {"time-limit", 't', 0, G_OPTION_ARG_DOUBLE, &opt_time, "Seconds per solve (default 60)", "S"},
    {"threads", 'j', 0, G_OPTION_ARG_INT, &opt_threads, "Solver threads (default 2)", "N"},
    {"csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv, "Also write the table as CSV", "FILE"},
    {NULL, 0, 0, 0, NULL, NULL, NULL}};

typedef struct {
    int clients, zones;
    size_t carers, visits;
    double gen_s, first_s, travel_h, per_visit_min, carers_7, solve_s, check_s, peak_mb;
    long unassigned;
    bool feasible;
} row;

/* The first call of the progress callback: a plan exists by then. */
typedef struct {
    gint64 t0;
    double first;
} progress_state;

static int on_progress(double fraction, double best, size_t unassigned, void *user)
{
    (void)fraction, (void)best, (void)unassigned;
    progress_state *ps = user;
    if (isnan(ps->first))
        ps->first = (g_get_monotonic_time() - ps->t0) / 1e6;
    return 0;
}

static double peak_mb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss / 1024.0 : NAN; /* kB on Linux */
}

static bool run_size(int clients, row *out)
{
    memset(out, 0, sizeof *out);
    out->clients = clients;
    out->zones = clients / 100 > 1 ? clients / 100 : 1;
    gint64 t = g_get_monotonic_time();
    cr_scenario *sc = bench_generated_week("scaling", clients, 0, out->zones, opt_providers, opt_double_ups, 0,
                                           (long long)opt_seed);
    if (!sc)
        return false;
    out->gen_s = (g_get_monotonic_time() - t) / 1e6;
    out->carers = cr_scenario_n_carers(sc);
    out->visits = cr_scenario_n_visits(sc);

    char label[64];
    g_snprintf(label, sizeof label, "%d clients", clients);
    progress_state ps = {g_get_monotonic_time(), NAN};
    cr_plan *plan = bench_solve("scaling", label, sc, opt_time, opt_threads, (long long)opt_seed, NAN, on_progress, &ps);
    if (!plan) {
        cr_scenario_free(sc);
        return false;
    }
    out->first_s = ps.first;
    out->solve_s = cr_plan_seconds(plan);

    t = g_get_monotonic_time();
    cr_check *c = NULL;
    out->feasible = bench_check("scaling", label, plan, &c);
    out->check_s = (g_get_monotonic_time() - t) / 1e6;
    if (!c) {
        cr_plan_free(plan);
        cr_scenario_free(sc);
        return false;
    }
    out->travel_h = cr_check_travel_time(c) / 60;
    out->unassigned = (long)cr_check_unassigned(c);
    size_t planned = out->visits - (size_t)out->unassigned;
    out->per_visit_min = planned ? cr_check_travel_time(c) / (double)planned : NAN;
    cr_check_free(c);

    /* continuity for clients with 7 or more visits, as the report counts it */
    cr_report *r = NULL;
    bool ok = cr_report_new(&r, plan) == CR_OK;
    JsonParser *parser = json_parser_new();
    if (ok && json_parser_load_from_data(parser, cr_report_json(r), -1, NULL)) {
        JsonObject *sum = json_object_get_object_member(json_node_get_object(json_parser_get_root(parser)), "summary");
        out->carers_7 = json_object_get_double_member(sum, "carers_per_client_7_plus_visits");
    } else {
        out->carers_7 = NAN;
    }
    g_object_unref(parser);
    cr_report_free(r);
    cr_plan_free(plan);
    cr_scenario_free(sc);
    out->peak_mb = peak_mb();
    return ok;
}

int main(int argc, char **argv)
{
    if (!bench_parse_options("scaling", "- planning time, quality and memory against the size of the area", entries,
                             &argc, &argv))
        return 2;
    int n;
    double *sizes = bench_parse_list("scaling", "--clients", opt_clients ? opt_clients : "50,200,1000,5000", 1,
                                     100000, &n);
    if (!sizes)
        return 2;
    int *clients = g_new(int, n ? n : 1);
    for (int k = 0; k < n; k++)
        clients[k] = (int)sizes[k];
    g_free(sizes);

    printf("# generated weeks, one zone per 100 clients, %d providers, %.0f%% double-ups; %.0f s per solve on %d "
           "threads, seed %lld\n",
           opt_providers, 100 * opt_double_ups, opt_time, opt_threads, (long long)opt_seed);
    printf("%8s %5s %6s %7s %7s %8s %9s %8s %10s %8s %8s %8s %8s %8s\n", "clients", "zones", "carers", "visits",
           "gen_s", "first_s", "travel_h", "min/vis", "unassigned", "cpc7+", "feasible", "solve_s", "check_s",
           "peak_MB");
    FILE *csv = NULL;
    if (opt_csv) {
        csv = fopen(opt_csv, "w");
        if (!csv) {
            fprintf(stderr, "scaling: cannot write %s\n", opt_csv);
            return 1;
        }
        fprintf(csv, "clients,zones,carers,visits,generate_seconds,first_plan_seconds,travel_hours,"
                     "travel_minutes_per_visit,unassigned,carers_per_client_7_plus,feasible,solve_seconds,"
                     "check_seconds,peak_mb\n");
    }
    int rc = 0;
    for (int k = 0; k < n; k++) {
        row r;
        if (!run_size(clients[k], &r)) {
            rc = 1;
            continue;
        }
        printf("%8d %5d %6zu %7zu %7.2f %8.2f %9.1f %8.2f %10ld %8.2f %8s %8.1f %8.2f %8.0f\n", r.clients, r.zones,
               r.carers, r.visits, r.gen_s, r.first_s, r.travel_h, r.per_visit_min, r.unassigned, r.carers_7,
               r.feasible ? "yes" : "NO", r.solve_s, r.check_s, r.peak_mb);
        fflush(stdout);
        if (csv)
            fprintf(csv, "%d,%d,%zu,%zu,%.3f,%.3f,%.3f,%.3f,%ld,%.4f,%s,%.2f,%.3f,%.0f\n", r.clients, r.zones,
                    r.carers, r.visits, r.gen_s, r.first_s, r.travel_h, r.per_visit_min, r.unassigned, r.carers_7,
                    r.feasible ? "yes" : "no", r.solve_s, r.check_s, r.peak_mb);
        if (!r.feasible)
            rc = 1;
    }
    if (csv)
        fclose(csv);
    printf("# first_s: when the search first reported a plan; cpc7+: mean distinct carers for clients with 7 or more "
           "visits; peak_MB: the process's peak resident memory so far\n");
    g_free(clients);
    return rc;
}
