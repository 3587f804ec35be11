/* bench/convrp — runs careroute on consistent VRP instances (Groër et al.
 * 2009; Kovacs et al. 2014) and reports travel and consistency.
 *
 *   convrp [--time-limit S] [--seed N] [--threads N] [--filter TEXT] [--csv FILE] [DIR ...]
 *
 * DIR defaults to the three folders under ../shared/data/convrp. Per
 * instance: total travel, routes (driver-days), the mean and largest number
 * of different drivers a customer sees (driver consistency; 1 is perfect),
 * and the mean spread of a customer's arrival times over its days (arrival
 * consistency), with the checker's verdict. No best-known values are
 * published in usable form, so there are no gaps. careroute does not yet
 * optimise consistency (issue #5): these are the figures of plain routing. */
#include "common.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* g_ptr_array_sort passes pointers to the elements. */
static gint cmp_names(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(char *const *)a, *(char *const *)b);
}

static double opt_time = 10.0;
static gint64 opt_seed = 1;
static int opt_threads = 1;
static char *opt_filter = NULL;
static char *opt_csv = NULL;

static GOptionEntry entries[] = {
    {"time-limit", 't', 0, G_OPTION_ARG_DOUBLE, &opt_time, "Seconds per instance (default 10)", "S"},
    {"seed", 's', 0, G_OPTION_ARG_INT64, &opt_seed, "Seed (default 1)", "N"},
    {"threads", 'j', 0, G_OPTION_ARG_INT, &opt_threads, "Solver threads (default 1)", "N"},
    {"filter", 0, 0, G_OPTION_ARG_STRING, &opt_filter, "Only instances whose name contains TEXT", "TEXT"},
    {"csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv, "Write one row per instance to FILE", "FILE"},
    {NULL, 0, 0, 0, NULL, NULL, NULL}};

/* Mean over customers of the spread (latest - earliest) of their arrivals. */
static double arrival_spread(const cr_scenario *s, const cr_plan *p)
{
    GHashTable *lo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *hi = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (size_t r = 0; r < cr_plan_n_routes(p); r++)
        for (size_t i = 0; i < cr_plan_route_length(p, r); i++) {
            const char *id = cr_scenario_visit_id(s, (size_t)cr_plan_route_visit(p, r, i));
            char *customer = g_strndup(id, strcspn(id, "@"));
            double t = cr_plan_route_start(p, r, i);
            double *a = g_hash_table_lookup(lo, customer), *b = g_hash_table_lookup(hi, customer);
            if (!a || t < *a)
                g_hash_table_insert(lo, g_strdup(customer), g_memdup2(&t, sizeof t));
            if (!b || t > *b)
                g_hash_table_insert(hi, g_strdup(customer), g_memdup2(&t, sizeof t));
            g_free(customer);
        }
    double sum = 0;
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, lo);
    while (g_hash_table_iter_next(&it, &key, &value))
        sum += *(double *)g_hash_table_lookup(hi, key) - *(double *)value;
    double mean = g_hash_table_size(lo) ? sum / g_hash_table_size(lo) : 0;
    g_hash_table_destroy(lo);
    g_hash_table_destroy(hi);
    return mean;
}

static void list_dir(GPtrArray *files, const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    while (d && (name = g_dir_read_name(d)))
        if ((g_str_has_suffix(name, ".vrp") || g_str_has_suffix(name, ".txt")) && (!opt_filter || strstr(name, opt_filter)))
            g_ptr_array_add(names, g_build_filename(dir, name, NULL));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(names, cmp_names);
    for (guint k = 0; k < names->len; k++)
        g_ptr_array_add(files, g_strdup(names->pdata[k]));
    g_ptr_array_unref(names);
}

int main(int argc, char **argv)
{
    GOptionContext *ctx = g_option_context_new("[DIR ...]");
    g_option_context_set_summary(ctx, "Travel and consistency of careroute's plans on consistent VRP instances.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || !(opt_time > 0) || opt_threads < 1) {
        fprintf(stderr, "convrp: %s\n", err ? err->message : "bad arguments (see --help)");
        return 2;
    }
    g_option_context_free(ctx);
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    if (argc > 1)
        for (int i = 1; i < argc; i++)
            list_dir(files, argv[i]);
    else {
        const char *dirs[] = {"../shared/data/convrp/groer_small", "../shared/data/convrp/groer_p0.7",
                              "../shared/data/convrp/kovacs_p0.5_p0.9"};
        for (int i = 0; i < 3; i++)
            list_dir(files, dirs[i]);
    }
    if (files->len == 0) {
        fprintf(stderr, "convrp: no instances found\n");
        return 2;
    }
    FILE *csv = opt_csv ? fopen(opt_csv, "w") : NULL;
    if (csv)
        fprintf(csv, "instance,days,visits,travel,routes,drivers_per_customer,max_drivers,arrival_spread,feasible,seconds\n");
    printf("careroute %s, bench/convrp, %.0f s per instance, seed %" G_GINT64_FORMAT ", %d thread(s)\n", cr_version(),
           opt_time, opt_seed, opt_threads);
    printf("%-28s %5s %7s %12s %7s %9s %5s %9s %9s %8s\n", "instance", "days", "visits", "travel", "routes",
           "drivers/c", "max", "spread", "feasible", "seconds");
    int bad = 0;
    double sum_drivers = 0;
    for (guint k = 0; k < files->len; k++) {
        cr_scenario *s = NULL;
        cr_scenario_new(&s);
        if (cr_scenario_load_file(s, files->pdata[k], CR_FORMAT_AUTO) != CR_OK) {
            fprintf(stderr, "convrp: %s\n", cr_scenario_errmsg(s));
            cr_scenario_free(s);
            bad++;
            continue;
        }
        cr_plan *p = bench_solve("convrp", cr_scenario_name(s), s, opt_time, opt_threads, (long long)opt_seed, NAN,
                                 NULL, NULL);
        cr_check *c = NULL;
        if (p)
            bench_check("convrp", cr_scenario_name(s), p, &c);
        if (!c) {
            bad++;
        } else {
            bool ok = cr_check_feasible(c) && cr_check_unassigned(c) == 0;
            bad += !ok;
            double spread = arrival_spread(s, p);
            sum_drivers += cr_check_carers_per_client(c);
            printf("%-28s %5zu %7zu %12.2f %7zu %9.2f %5zu %9.1f %9s %8.1f\n", cr_scenario_name(s),
                   cr_scenario_n_days(s), cr_scenario_n_visits(s), cr_check_distance(c), cr_check_routes(c),
                   cr_check_carers_per_client(c), cr_check_max_carers_per_client(c), spread, ok ? "yes" : "NO",
                   cr_plan_seconds(p));
            fflush(stdout);
            if (csv)
                fprintf(csv, "%s,%zu,%zu,%.4f,%zu,%.4f,%zu,%.2f,%s,%.2f\n", cr_scenario_name(s), cr_scenario_n_days(s),
                        cr_scenario_n_visits(s), cr_check_distance(c), cr_check_routes(c),
                        cr_check_carers_per_client(c), cr_check_max_carers_per_client(c), spread, ok ? "yes" : "no",
                        cr_plan_seconds(p));
            cr_check_free(c);
        }
        cr_plan_free(p);
        cr_scenario_free(s);
    }
    printf("ALL: %u instances, %d not solved feasibly, mean drivers per customer %.2f\n", files->len, bad,
           sum_drivers / (files->len - (guint)bad > 0 ? files->len - (guint)bad : 1));
    if (csv)
        fclose(csv);
    g_ptr_array_unref(files);
    return bad ? 1 : 0;
}
