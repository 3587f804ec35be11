/* bench/continuity — the continuity-of-care trade-off on a generated week.
 *
 *   continuity [--clients N] [--carers N] [--zones N] [--providers N]
 *              [--double-ups X] [--days-off fixed|chosen|in-a-row] [--seed N] [--time-limit S] [--threads N] [--weights LIST]
 *              [--preference-weight X] [--seeds N] [--out-dir DIR]
 *
 * Generates a realistic home care week (careroute's generator, seeded), then
 * solves it once per continuity weight (travel minutes worth one carer
 * fewer for a client over the week; 0 ignores it). The clients' preferred
 * carers count at the scenario's rule (5 travel minutes a visit by another
 * carer), or at --preference-weight: with 0 there, the weight-0 plan ignores
 * continuity altogether, the baseline the target is measured
 * against. With --seeds N each weight is solved with solver seeds --seed
 * to --seed + N - 1 (the week stays the one --seed generates), and the
 * figures are medians, unassigned visits the most of any run. Every plan is
 * checked by the independent checker. With --days-off chosen the carers
 * offer every day and work at most five, and each plan chooses their days
 * off (the weight-0 plan too); in-a-row keeps two of them in a row. Per weight it prints travel hours,
 * travel against the weight-0 plan of the same run, the mean distinct
 * carers per client (all clients, and clients with 7 or more visits),
 * the floor for the latter (the fewest carers who could make each one's
 * visits at all: see lib/report/carer_floor.h), unassigned visits,
 * feasibility and seconds. With --out-dir it writes
 * tradeoff.csv, the trade-off plot (tradeoff.svg) and the report of the
 * plan with the largest weight (report.html and the rest). */
#include "common.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int opt_clients = 300, opt_carers = 0, opt_zones = 3, opt_providers = 3, opt_threads = 2, opt_seeds = 1;
static double opt_double_ups = 0.1, opt_time = 60, opt_preference = NAN;
static gint64 opt_seed = 1;
static char *opt_weights = NULL, *opt_out_dir = NULL, *opt_days_off = NULL;

static GOptionEntry entries[] = {
    {"clients", 0, 0, G_OPTION_ARG_INT, &opt_clients, "Clients (default 300)", "N"},
    {"carers", 0, 0, G_OPTION_ARG_INT, &opt_carers,
     "Carers (default 0: as many as the busiest day's peaks need, the generator's rule)", "N"},
    {"zones", 0, 0, G_OPTION_ARG_INT, &opt_zones, "Zones (default 3)", "N"},
    {"providers", 0, 0, G_OPTION_ARG_INT, &opt_providers, "Providers (default 3)", "N"},
    {"double-ups", 0, 0, G_OPTION_ARG_DOUBLE, &opt_double_ups, "Share of calls needing two carers (default 0.1)", "X"},
    {"days-off", 0, 0, G_OPTION_ARG_STRING, &opt_days_off,
     "fixed: each carer's two days off in a row, set in turn (default); chosen: the plan chooses them; in-a-row: "
     "the plan chooses them, two in a row", "fixed|chosen|in-a-row"},
    {"seed", 's', 0, G_OPTION_ARG_INT64, &opt_seed, "Generator and solver seed (default 1)", "N"},
    {"time-limit", 't', 0, G_OPTION_ARG_DOUBLE, &opt_time, "Seconds per solve (default 60)", "S"},
    {"threads", 'j', 0, G_OPTION_ARG_INT, &opt_threads, "Solver threads (default 2)", "N"},
    {"weights", 'w', 0, G_OPTION_ARG_STRING, &opt_weights, "Continuity weights (default 0,15,30,60,120)", "LIST"},
    {"preference-weight", 0, 0, G_OPTION_ARG_DOUBLE, &opt_preference,
     "Travel minutes worth a visit by a preferred carer (default: the scenario's rule, 5)", "X"},
    {"seeds", 0, 0, G_OPTION_ARG_INT, &opt_seeds, "Solver seeds per weight, figures their medians (default 1)", "N"},
    {"out-dir", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out_dir, "Write tradeoff.csv, tradeoff.svg and a report here", "DIR"},
    {NULL, 0, 0, 0, NULL, NULL, NULL}};

typedef struct {
    double weight, travel_h, carers, carers_7, floor_7, seconds;
    long unassigned;
    bool feasible;
} point;

static double member(JsonObject *o, const char *name)
{
    return json_object_has_member(o, name) ? json_object_get_double_member(o, name) : NAN;
}

/* One solve at weight w: the checker's verdict and the report's summary. */
static cr_plan *kept_plan; /* the plan under the kept report */

static bool solve_one(cr_scenario *sc, double w, long long seed, point *pt, cr_report **keep)
{
    char label[64];
    g_snprintf(label, sizeof label, "weight %g, seed %lld", w, seed);
    cr_plan *plan = bench_solve_weights("continuity", label, sc, opt_time, opt_threads, seed, w, opt_preference,
                                        NULL, NULL);
    if (!plan)
        return false;
    pt->weight = w;
    pt->feasible = bench_check("continuity", label, plan, NULL);
    pt->seconds = cr_plan_seconds(plan);
    cr_report *r = NULL;
    bool ok = cr_report_new(&r, plan) == CR_OK;
    JsonParser *parser = json_parser_new();
    ok = ok && json_parser_load_from_data(parser, cr_report_json(r), -1, NULL);
    if (ok) {
        JsonObject *sum = json_object_get_object_member(json_node_get_object(json_parser_get_root(parser)), "summary");
        pt->travel_h = member(sum, "travel_hours");
        pt->carers = member(sum, "carers_per_client");
        pt->carers_7 = member(sum, "carers_per_client_7_plus_visits");
        pt->floor_7 = member(sum, "carers_per_client_7_plus_visits_floor");
        pt->unassigned = (long)member(sum, "unassigned");
    }
    g_object_unref(parser);
    if (ok && keep) {
        cr_report_free(*keep); /* the last plan's report is kept, with its plan */
        cr_plan_free(kept_plan);
        *keep = r;
        kept_plan = plan;
    } else {
        cr_report_free(r);
        cr_plan_free(plan);
    }
    return ok;
}

/* Runs of one weight as one point: medians, the most visits left out, and
 * feasible only when every run is. */
static point median_point(const point *runs, int n)
{
    point out = runs[0];
    double *v = g_new(double, n);
#define MEDIAN_OF(field)                                                                                               \
    do {                                                                                                               \
        for (int k = 0; k < n; k++)                                                                                    \
            v[k] = runs[k].field;                                                                                      \
        out.field = bench_median(v, n);                                                                                \
    } while (0)
    MEDIAN_OF(travel_h);
    MEDIAN_OF(carers);
    MEDIAN_OF(carers_7);
    MEDIAN_OF(seconds);
#undef MEDIAN_OF
    g_free(v);
    for (int k = 1; k < n; k++) {
        out.unassigned = MAX(out.unassigned, runs[k].unassigned);
        out.feasible = out.feasible && runs[k].feasible;
    }
    return out;
}

int main(int argc, char **argv)
{
    if (!bench_parse_options("continuity", "- continuity of care against travel on a generated week", entries, &argc,
                             &argv))
        return 2;
    int n_w;
    double *weights = bench_parse_list("continuity", "--weights", opt_weights ? opt_weights : "0,15,30,60,120", 0,
                                       1e6, &n_w);
    if (!weights)
        return 2;
    if (opt_seeds < 1 || opt_seeds > 100) {
        fprintf(stderr, "continuity: --seeds %d: expected 1 to 100\n", opt_seeds);
        g_free(weights);
        return 2;
    }
    if (!isnan(opt_preference) && !(opt_preference >= 0 && opt_preference <= 1e6)) {
        fprintf(stderr, "continuity: --preference-weight %g: expected 0 to 1e6\n", opt_preference);
        g_free(weights);
        return 2;
    }
    int days_off = 0; /* CR_GEN_CHOSEN_DAYS_OFF */
    if (opt_days_off) {
        static const char *const modes[] = {"fixed", "chosen", "in-a-row"};
        days_off = -1;
        for (int k = 0; k < 3; k++)
            if (!strcmp(opt_days_off, modes[k]))
                days_off = k;
    }
    if (days_off < 0) {
        fprintf(stderr, "continuity: --days-off %s: expected fixed, chosen or in-a-row\n", opt_days_off);
        g_free(weights);
        return 2;
    }
    /* before minutes of solving, not after */
    if (opt_out_dir && !g_file_test(opt_out_dir, G_FILE_TEST_IS_DIR)) {
        fprintf(stderr, "continuity: --out-dir %s: not an existing directory\n", opt_out_dir);
        g_free(weights);
        return 2;
    }

    cr_scenario *sc = bench_generated_week("continuity", opt_clients, opt_carers, opt_zones, opt_providers,
                                           opt_double_ups, days_off, (long long)opt_seed);
    if (!sc)
        return 1;
    printf("# %s: %zu clients, %zu carers, %zu visits over %zu days; %.0f s per solve on %d threads, seed %lld\n",
           cr_scenario_name(sc), cr_scenario_n_clients(sc), cr_scenario_n_carers(sc), cr_scenario_n_visits(sc),
           cr_scenario_n_days(sc), opt_time, opt_threads, (long long)opt_seed);
    static const char *const days_off_text[] = {"fixed (two in a row, set in turn through each group)",
                                                "chosen by the plan (any five days in seven)",
                                                "chosen by the plan, two of them in a row"};
    printf("# carers' days off: %s\n", days_off_text[days_off]);
    if (opt_seeds > 1)
        printf("# solver seeds %lld to %lld per weight: medians (unassigned: the most of any run)\n",
               (long long)opt_seed, (long long)opt_seed + opt_seeds - 1);
    if (isnan(opt_preference))
        printf("# preferred carers at the scenario's rule (preference weight 5 unless it says)\n");
    else
        printf("# preference weight %g%s\n", opt_preference,
               opt_preference == 0 ? ": the weight-0 plan ignores continuity altogether" : "");
    printf("%8s %12s %9s %14s %16s %8s %10s %8s %8s\n", "weight", "travel_h", "vs_w0", "carers/client",
           "carers/client7+", "floor7+", "unassigned", "feasible", "seconds");
    point *pts = g_new0(point, n_w ? n_w : 1);
    cr_report *last = NULL;
    int rc = 0;
    double base = NAN;
    point *runs = g_new0(point, opt_seeds);
    for (int k = 0; k < n_w; k++) {
        int done = 0;
        for (int r = 0; r < opt_seeds; r++)
            if (solve_one(sc, weights[k], (long long)opt_seed + r, &runs[done], opt_out_dir ? &last : NULL))
                done++;
        if (done < opt_seeds) {
            rc = 1;
            continue;
        }
        pts[k] = median_point(runs, done);
        if (weights[k] == 0)
            base = pts[k].travel_h;
        printf("%8g %12.2f %8.1f%% %14.3f %16.3f %8.3f %10ld %8s %8.1f\n", pts[k].weight, pts[k].travel_h,
               isnan(base) ? NAN : 100 * (pts[k].travel_h / base - 1), pts[k].carers, pts[k].carers_7,
               pts[k].floor_7, pts[k].unassigned, pts[k].feasible ? "yes" : "NO", pts[k].seconds);
        fflush(stdout);
        if (!pts[k].feasible)
            rc = 1;
    }
    if (opt_out_dir && last) {
        char *csv = g_build_filename(opt_out_dir, "tradeoff.csv", NULL);
        FILE *f = fopen(csv, "w");
        if (f) {
            fprintf(f, "weight,travel_hours,travel_vs_weight0,carers_per_client,carers_per_client_7_plus,unassigned,"
                       "feasible,seconds,carers_per_client_7_plus_floor\n");
            for (int k = 0; k < n_w; k++)
                fprintf(f, "%g,%.4f,%.4f,%.4f,%.4f,%ld,%s,%.2f,%.4f\n", pts[k].weight, pts[k].travel_h,
                        pts[k].travel_h / base - 1, pts[k].carers, pts[k].carers_7, pts[k].unassigned,
                        pts[k].feasible ? "yes" : "no", pts[k].seconds, pts[k].floor_7);
            fclose(f);
        } else {
            fprintf(stderr, "continuity: cannot write %s\n", csv);
            rc = 1;
        }
        g_free(csv);
        for (int k = 0; k < n_w; k++)
            cr_report_add_tradeoff(last, pts[k].weight, pts[k].travel_h, pts[k].carers_7);
        char *svg = g_build_filename(opt_out_dir, "tradeoff.svg", NULL), *html = g_build_filename(opt_out_dir, "report.html", NULL);
        if (cr_report_write_picture(last, CR_PICTURE_TRADEOFF, -1, -1, svg) != CR_OK ||
            cr_report_write_html(last, html) != CR_OK || cr_report_write_csv(last, opt_out_dir) != CR_OK) {
            fprintf(stderr, "continuity: %s\n", cr_report_errmsg(last));
            rc = 1;
        }
        g_free(svg);
        g_free(html);
    }
    printf("# carers/client7+ is the mean over clients with 7 or more visits in the week; floor7+ the mean, over\n"
           "# the same clients, of the fewest carers who could make their visits at all (given who may serve each\n"
           "# and the carers' days and hours); vs_w0 is travel against the weight-0 plan of this run\n");
    cr_report_free(last);
    cr_plan_free(kept_plan);
    g_free(runs);
    g_free(pts);
    g_free(weights);
    cr_scenario_free(sc);
    return rc;
}
