/* bench/hhc — runs careroute on home health care instances (Mankowska et al.
 * 2014 text files; Ceschia et al. 2024 JSON, e.g. the Italian set) and
 * compares with the best known objective values.
 *
 *   hhc [--time-limit S] [--seeds N] [--first-seed N] [--threads N]
 *       [--filter TEXT] [--csv FILE] [--solutions DIR] [DIR]
 *
 * DIR defaults to ../shared/data/hhc/mankowska; the best known values are read
 * from <DIR's name>_bks.csv beside it (column bks or bks_total_cost). Every plan is
 * checked by the independent checker, whose recomputed objective
 * ((distance + total tardiness + maximum tardiness) / 3) is the one reported.
 * Per instance: the median run over the seeds; then per size and overall the
 * mean gap. --solutions writes each instance's best run in the JSON form of
 * the published best solutions (routes of caregiver_id and locations with
 * patient, service, arrival_time, departure_time; and global_ordering).
 * Exit status 1 if any plan was infeasible. */
#include "common.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double opt_time = 30.0;
static int opt_seeds = 1;
static int opt_first_seed = 1;
static int opt_threads = 1;
static char *opt_filter = NULL;
static char *opt_csv = NULL;
static char *opt_solutions = NULL;

static GOptionEntry entries[] = {
    {"time-limit", 't', 0, G_OPTION_ARG_DOUBLE, &opt_time, "Seconds per instance and seed (default 30)", "S"},
    {"seeds", 's', 0, G_OPTION_ARG_INT, &opt_seeds, "Run seeds FIRST..FIRST+N-1 (default 1)", "N"},
    {"first-seed", 0, 0, G_OPTION_ARG_INT, &opt_first_seed, "First seed (default 1)", "FIRST"},
    {"threads", 'j', 0, G_OPTION_ARG_INT, &opt_threads, "Solver threads per run (default 1)", "N"},
    {"filter", 0, 0, G_OPTION_ARG_STRING, &opt_filter, "Only instances whose name contains TEXT", "TEXT"},
    {"csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv, "Write one row per run to FILE", "FILE"},
    {"solutions", 0, 0, G_OPTION_ARG_FILENAME, &opt_solutions, "Write each instance's best plan as JSON into DIR", "DIR"},
    {NULL, 0, 0, 0, NULL, NULL, NULL}};

typedef struct {
    double objective, distance, tardiness, max_tardiness, seconds;
    bool feasible;
    size_t unassigned;
} run;

/* instance -> best known objective */
static GHashTable *read_bks(const char *dir)
{
    GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char *parent = g_path_get_dirname(dir), *base = g_path_get_basename(dir);
    char *file = g_strdup_printf("%s_bks.csv", base);
    char *path = g_build_filename(parent, file, NULL);
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        g_free(path);
        path = g_build_filename(dir, file, NULL);
        if (!g_file_get_contents(path, &text, NULL, NULL))
            fprintf(stderr, "hhc: no %s beside %s; gaps will be empty\n", file, dir);
    }
    g_free(file);
    g_free(base);
    gchar **lines = text ? g_strsplit(text, "\n", -1) : NULL;
    int col = -1;
    for (int i = 0; lines && lines[i]; i++) {
        gchar **f = g_strsplit(lines[i], ",", -1);
        if (i == 0) {
            for (int k = 0; f[k]; k++)
                if (strcmp(g_strstrip(f[k]), "bks") == 0 || strcmp(f[k], "bks_total_cost") == 0)
                    col = k;
        } else if (col >= 0 && (int)g_strv_length(f) > col) {
            double v = g_ascii_strtod(f[col], NULL);
            g_hash_table_insert(t, g_strdup(f[0]), g_memdup2(&v, sizeof v));
        }
        g_strfreev(f);
    }
    g_strfreev(lines);
    g_free(text);
    g_free(path);
    g_free(parent);
    return t;
}

static int cmp_run(const void *a, const void *b)
{
    const run *x = a, *y = b;
    return (x->objective > y->objective) - (x->objective < y->objective);
}

typedef struct {
    double start;
    const char *patient;
} first_start;

static int cmp_first(const void *a, const void *b)
{
    const first_start *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return strcmp(x->patient, y->patient);
}

/* The published solutions' JSON form; visit ids are "p<i>-s<k>". */
static bool write_solution(const cr_scenario *s, const cr_plan *p, const char *path)
{
    GString *j = g_string_new("{\n  \"routes\": [");
    GHashTable *first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (size_t r = 0; r < cr_plan_n_routes(p); r++) {
        g_string_append_printf(j, "%s\n    {\"caregiver_id\": \"%s\", \"locations\": [", r ? "," : "",
                               cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(p, r)));
        for (size_t i = 0; i < cr_plan_route_length(p, r); i++) {
            const char *id = cr_scenario_visit_id(s, (size_t)cr_plan_route_visit(p, r, i));
            const char *dash = strchr(id, '-');
            char *patient = dash ? g_strndup(id, (gsize)(dash - id)) : g_strdup(id);
            double start = cr_plan_route_start(p, r, i);
            g_string_append_printf(j, "%s\n      {\"patient\": \"%s\", \"service\": \"%s\", \"arrival_time\": %.6f, "
                                      "\"departure_time\": %.6f}",
                                   i ? "," : "", patient, dash ? dash + 1 : "", start, cr_plan_route_end(p, r, i));
            double *seen = g_hash_table_lookup(first, patient);
            if (!seen || start < *seen)
                g_hash_table_insert(first, g_strdup(patient), g_memdup2(&start, sizeof start));
            g_free(patient);
        }
        g_string_append(j, "\n    ]}");
    }
    /* Patients in the order their first service starts. */
    guint n = g_hash_table_size(first), k = 0;
    first_start *order = g_new(first_start, n ? n : 1);
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, first);
    while (g_hash_table_iter_next(&it, &key, &value))
        order[k++] = (first_start){*(double *)value, key};
    qsort(order, n, sizeof *order, cmp_first);
    g_string_append(j, "\n  ],\n  \"global_ordering\": [");
    for (k = 0; k < n; k++)
        g_string_append_printf(j, "%s\"%s\"", k ? ", " : "", order[k].patient);
    g_string_append(j, "]\n}\n");
    bool ok = g_file_set_contents(path, j->str, (gssize)j->len, NULL);
    g_free(order);
    g_hash_table_destroy(first);
    g_string_free(j, TRUE);
    return ok;
}

static bool solve_once(const char *path, int seed, run *out, const char *solution_path)
{
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    if (cr_scenario_load_file(s, path, CR_FORMAT_AUTO) != CR_OK) {
        fprintf(stderr, "hhc: %s\n", cr_scenario_errmsg(s));
        cr_scenario_free(s);
        return false;
    }
    cr_plan *p = bench_solve("hhc", path, s, opt_time, opt_threads, seed, NAN, NULL, NULL);
    cr_check *c = NULL;
    if (p)
        bench_check("hhc", path, p, &c);
    bool ok = c != NULL;
    if (ok) {
        out->objective = cr_check_objective(c);
        out->distance = cr_check_distance(c);
        out->tardiness = cr_check_tardiness(c);
        out->max_tardiness = cr_check_max_tardiness(c);
        out->feasible = cr_check_feasible(c) && cr_check_unassigned(c) == 0;
        out->unassigned = cr_check_unassigned(c);
        out->seconds = cr_plan_seconds(p);
        cr_check_free(c);
        if (solution_path && !write_solution(s, p, solution_path))
            fprintf(stderr, "hhc: cannot write %s\n", solution_path);
    }
    cr_plan_free(p);
    cr_scenario_free(s);
    return ok;
}

/* "InstanzCPLEX_HCSRP_25_3" -> 25 */
static int size_of(const char *name)
{
    const char *p = strstr(name, "HCSRP_");
    return p ? atoi(p + 6) : 0;
}

int main(int argc, char **argv)
{
    GOptionContext *ctx = g_option_context_new("[DIR]");
    g_option_context_set_summary(ctx, "Benchmark careroute on the Mankowska home health care instances.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc > 2 || opt_seeds < 1 || opt_seeds > 99 ||
        !(opt_time > 0) || opt_threads < 1) {
        fprintf(stderr, "hhc: %s\n", err ? err->message : "bad arguments (see --help)");
        return 2;
    }
    g_option_context_free(ctx);
    const char *dir = argc > 1 ? argv[1] : "../shared/data/hhc/mankowska";
    GDir *d = g_dir_open(dir, 0, &err);
    if (!d) {
        fprintf(stderr, "hhc: %s\n", err->message);
        return 2;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d)))
        if ((g_str_has_suffix(name, ".txt") || g_str_has_suffix(name, ".json")) && (!opt_filter || strstr(name, opt_filter)))
            g_ptr_array_add(names, g_strdup(name));
    g_dir_close(d);
    /* By size, then number. */
    for (guint a = 0; a < names->len; a++)
        for (guint b = a + 1; b < names->len; b++) {
            const char *x = names->pdata[a], *y = names->pdata[b];
            int sx = size_of(x), sy = size_of(y);
            const char *ux = strrchr(x, '_'), *uy = strrchr(y, '_');
            if (sx > sy || (sx == sy && ((sx && atoi(ux + 1) > atoi(uy + 1)) || (!sx && strcmp(x, y) > 0)))) {
                gpointer t = names->pdata[a];
                names->pdata[a] = names->pdata[b];
                names->pdata[b] = t;
            }
        }
    if (opt_solutions)
        g_mkdir_with_parents(opt_solutions, 0755);
    GHashTable *bks = read_bks(dir);
    FILE *csv = opt_csv ? fopen(opt_csv, "w") : NULL;
    if (csv)
        fprintf(csv, "instance,seed,objective,distance,tardiness,max_tardiness,bks,gap_pct,feasible,unassigned,seconds\n");
    printf("careroute %s, bench/hhc, %.0f s per run, seeds %d..%d, %d thread(s)\n", cr_version(), opt_time,
           opt_first_seed, opt_first_seed + opt_seeds - 1, opt_threads);
    printf("%-26s %12s %12s %8s %9s %9s\n", "instance", "objective", "best_known", "gap_%", "feasible", "seconds");
    int infeasible = 0, counted = 0, size = -1, size_count = 0;
    double gap_sum = 0, size_gap = 0, worst = -INFINITY;
    for (guint k = 0; k < names->len; k++) {
        const char *fname = names->pdata[k];
        char *inst = g_strndup(fname, strlen(fname) - (g_str_has_suffix(fname, ".json") ? 5 : 4));
        if (size_of(inst) != size && size_count) {
            printf("  %s %-4d mean gap %+.2f%% over %d instances\n", size ? "size" : "group", size, size_gap / size_count, size_count);
            size_gap = 0;
            size_count = 0;
        }
        size = size_of(inst);
        char *file = g_build_filename(dir, fname, NULL);
        run runs[99];
        int n_runs = 0;
        double best_obj = INFINITY;
        for (int sd = opt_first_seed; sd < opt_first_seed + opt_seeds; sd++) {
            run r = {0};
            char *sol = NULL, *tmp = NULL;
            if (opt_solutions) {
                sol = g_strdup_printf("%s/sol-%s.json", opt_solutions, inst);
                tmp = g_strdup_printf("%s.seed%d", sol, sd);
            }
            if (!solve_once(file, sd, &r, tmp)) {
                r.feasible = false;
                r.objective = INFINITY;
            }
            if (tmp && r.feasible && r.objective < best_obj) {
                best_obj = r.objective;
                g_rename(tmp, sol);
            } else if (tmp) {
                g_remove(tmp);
            }
            g_free(sol);
            g_free(tmp);
            const double *b = g_hash_table_lookup(bks, inst);
            double gap = b ? 100.0 * (r.objective - *b) / *b : NAN;
            if (csv)
                fprintf(csv, "%s,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.4f,%s,%zu,%.3f\n", inst, sd, r.objective, r.distance,
                        r.tardiness, r.max_tardiness, b ? *b : NAN, gap, r.feasible ? "yes" : "no", r.unassigned,
                        r.seconds);
            runs[n_runs++] = r;
        }
        qsort(runs, (size_t)n_runs, sizeof *runs, cmp_run);
        run med = runs[(n_runs - 1) / 2];
        bool all_feasible = true;
        for (int i = 0; i < n_runs; i++)
            all_feasible = all_feasible && runs[i].feasible;
        infeasible += !all_feasible;
        const double *b = g_hash_table_lookup(bks, inst);
        double gap = b ? 100.0 * (med.objective - *b) / *b : NAN;
        printf("%-26.40s %12.3f %12.3f %+8.2f %9s %9.1f\n", inst, med.objective, b ? *b : NAN, gap,
               all_feasible ? "yes" : "NO", med.seconds);
        fflush(stdout);
        if (!isnan(gap)) {
            gap_sum += gap;
            size_gap += gap;
            counted++;
            size_count++;
            worst = fmax(worst, gap);
        }
        g_free(file);
        g_free(inst);
    }
    if (size_count)
        printf("  %s %-4d mean gap %+.2f%% over %d instances\n", size ? "size" : "all", size, size_gap / size_count, size_count);
    printf("ALL: %u instances, %d infeasible, mean gap %+.2f%% (worst %+.2f%%) over %d with a best known value\n",
           names->len, infeasible, counted ? gap_sum / counted : NAN, worst, counted);
    if (csv)
        fclose(csv);
    g_hash_table_destroy(bks);
    g_ptr_array_unref(names);
    return infeasible ? 1 : 0;
}
