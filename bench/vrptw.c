/* bench/vrptw — runs careroute on a folder of Solomon / Gehring–Homberger
 * instances and compares with the best-known solutions (bks.csv).
 *
 *   vrptw [--time-limit S] [--seeds N] [--threads N] [--objective O]
 *         [--csv FILE] [--filter TEXT] [DIR ...]
 *
 * Every plan is checked by the independent checker. Per instance it prints
 * the median run over the seeds (routes, distance, best known, gap, feasible,
 * seconds); then per class and for the whole set, for each seed and as the
 * median over seeds: total routes against the best known (CNV), total
 * distance gap (CTD), mean gap and mean seconds. The CSV has one row per run.
 * Exit status 1 if any plan was infeasible. */
#include <careroute.h>

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name;
    char *path;
    char *cls;
    int bks_routes;
    double bks_distance; /* NAN if unknown */
} instance;

typedef struct {
    int routes;
    double distance;
    size_t unassigned;
    bool feasible;
    double seconds, best_at, first_complete, iterations, moves;
} run;

static double opt_time = 1.0;
static int opt_seeds = 3;
static int opt_first_seed = 1;
static int opt_threads = 1;
static char *opt_objective = NULL;
static char *opt_csv = NULL;
static char *opt_filter = NULL;
static gint64 opt_iterations = 0;

static GOptionEntry entries[] = {
    {"time-limit", 't', 0, G_OPTION_ARG_DOUBLE, &opt_time, "Seconds per instance and seed (default 1)", "S"},
    {"seeds", 's', 0, G_OPTION_ARG_INT, &opt_seeds, "Run seeds FIRST..FIRST+N-1 (default 3)", "N"},
    {"first-seed", 0, 0, G_OPTION_ARG_INT, &opt_first_seed, "First seed (default 1)", "FIRST"},
    {"threads", 'j', 0, G_OPTION_ARG_INT, &opt_threads, "Solver threads per run (default 1)", "N"},
    {"objective", 'o', 0, G_OPTION_ARG_STRING, &opt_objective, "vehicles-then-distance (default) or distance", "O"},
    {"iterations", 0, 0, G_OPTION_ARG_INT64, &opt_iterations, "Also stop after N iterations", "N"},
    {"csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv, "Write one row per run to FILE", "FILE"},
    {"filter", 0, 0, G_OPTION_ARG_STRING, &opt_filter, "Only instances whose name contains TEXT", "TEXT"},
    {NULL, 0, 0, 0, NULL, NULL, NULL}};

static char *class_of(const char *name)
{
    /* C101 -> C1, RC205 -> RC2, c1_2_1 -> C1 */
    GString *c = g_string_new(NULL);
    const char *p = name;
    while (*p && g_ascii_isalpha(*p))
        g_string_append_c(c, g_ascii_toupper(*p++));
    if (g_ascii_isdigit(*p))
        g_string_append_c(c, *p);
    return g_string_free(c, FALSE);
}

/* bks.csv: a header naming the columns; instance, vehicles, distance and,
 * when present, distance_full (more decimals). */
static GHashTable *read_bks(const char *dir)
{
    GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char *path = g_build_filename(dir, "bks.csv", NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        g_free(path);
        char *parent = g_path_get_dirname(dir);
        path = g_build_filename(parent, "bks.csv", NULL);
        g_free(parent);
    }
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        fprintf(stderr, "vrptw: no bks.csv beside %s; gaps will be empty\n", dir);
        g_free(path);
        return t;
    }
    char **lines = g_strsplit(text, "\n", -1);
    int c_inst = -1, c_veh = -1, c_dist = -1, c_full = -1;
    for (int i = 0; lines[i]; i++) {
        g_strstrip(lines[i]);
        if (!*lines[i])
            continue;
        char **f = g_strsplit(lines[i], ",", -1);
        int nf = (int)g_strv_length(f);
        if (c_inst < 0) {
            for (int k = 0; k < nf; k++) {
                if (!strcmp(f[k], "instance")) c_inst = k;
                if (!strcmp(f[k], "vehicles")) c_veh = k;
                if (!strcmp(f[k], "distance")) c_dist = k;
                if (!strcmp(f[k], "distance_full")) c_full = k;
            }
        } else if (c_inst < nf && c_veh < nf && c_dist < nf) {
            double *v = g_new(double, 2);
            v[0] = atof(f[c_veh]);
            v[1] = (c_full >= 0 && c_full < nf && *f[c_full]) ? atof(f[c_full]) : atof(f[c_dist]);
            g_hash_table_insert(t, g_ascii_strdown(f[c_inst], -1), v);
        }
        g_strfreev(f);
    }
    g_strfreev(lines);
    g_free(text);
    g_free(path);
    return t;
}

static int cmp_instance(const void *a, const void *b)
{
    const instance *x = a, *y = b;
    int c = strcmp(x->cls, y->cls);
    return c ? c : strcmp(x->name, y->name);
}

static void add_dir(GArray *out, const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) {
        fprintf(stderr, "vrptw: cannot open %s\n", dir);
        exit(2);
    }
    GHashTable *bks = read_bks(dir);
    const char *f;
    while ((f = g_dir_read_name(d))) {
        if (!g_str_has_suffix(f, ".txt") && !g_str_has_suffix(f, ".TXT"))
            continue;
        instance in = {0};
        in.name = g_strndup(f, strlen(f) - 4);
        if (opt_filter && !strstr(in.name, opt_filter)) {
            g_free(in.name);
            continue;
        }
        in.path = g_build_filename(dir, f, NULL);
        in.cls = class_of(in.name);
        char *key = g_ascii_strdown(in.name, -1);
        double *b = g_hash_table_lookup(bks, key);
        g_free(key);
        in.bks_routes = b ? (int)b[0] : -1;
        in.bks_distance = b ? b[1] : NAN;
        g_array_append_val(out, in);
    }
    g_dir_close(d);
    g_hash_table_destroy(bks);
}

static int objective_code(void)
{
    if (!opt_objective || !strcmp(opt_objective, "vehicles-then-distance"))
        return CR_OBJECTIVE_VEHICLES_THEN_DISTANCE;
    if (!strcmp(opt_objective, "distance"))
        return CR_OBJECTIVE_DISTANCE;
    fprintf(stderr, "vrptw: unknown objective '%s'\n", opt_objective);
    exit(2);
}

static run solve_one(const instance *in, int seed, int objective)
{
    run r = {0};
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    if (cr_scenario_load_file(s, in->path, CR_FORMAT_AUTO) != CR_OK) {
        fprintf(stderr, "vrptw: %s\n", cr_scenario_errmsg(s));
        exit(2);
    }
    cr_options *o = NULL;
    cr_options_new(&o);
    cr_options_set_double(o, CR_OPT_TIME_LIMIT, opt_time);
    cr_options_set_int(o, CR_OPT_SEED, seed);
    cr_options_set_int(o, CR_OPT_THREADS, opt_threads);
    cr_options_set_int(o, CR_OPT_OBJECTIVE, objective);
    cr_options_set_int(o, CR_OPT_ITERATION_LIMIT, opt_iterations);
    cr_solver *sv = NULL;
    cr_solver_new(&sv);
    cr_plan *p = NULL;
    gint64 t0 = g_get_monotonic_time();
    if (cr_solver_solve(sv, s, o, &p) != CR_OK) {
        fprintf(stderr, "vrptw: %s: %s\n", in->name, cr_solver_errmsg(sv));
        exit(1);
    }
    r.seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
    cr_check *c = NULL;
    cr_check_new(&c, p);
    r.feasible = cr_check_feasible(c) && cr_plan_n_unassigned(p) == 0;
    for (size_t i = 0; i < cr_check_n_violations(c) && i < 5; i++)
        fprintf(stderr, "vrptw: %s seed %d: %s\n", in->name, seed, cr_check_violation_message(c, i));
    /* figures from the checker's recomputation, not the solver's own */
    r.routes = (int)cr_check_routes(c);
    r.distance = cr_check_distance(c);
    r.unassigned = cr_check_unassigned(c);
    r.best_at = cr_plan_statistic(p, CR_STAT_BEST_FOUND_SECONDS);
    r.first_complete = cr_plan_statistic(p, CR_STAT_FIRST_COMPLETE_SECONDS);
    r.iterations = cr_plan_statistic(p, CR_STAT_ITERATIONS);
    r.moves = cr_plan_statistic(p, CR_STAT_MOVES_EVALUATED);
    cr_check_free(c);
    cr_plan_free(p);
    cr_solver_free(sv);
    cr_options_free(o);
    cr_scenario_free(s);
    return r;
}

static bool better(const run *a, const run *b, int objective)
{
    if (a->unassigned != b->unassigned)
        return a->unassigned < b->unassigned;
    if (objective == CR_OBJECTIVE_VEHICLES_THEN_DISTANCE && a->routes != b->routes)
        return a->routes < b->routes;
    return a->distance < b->distance;
}

/* index of the median run (the middle one in objective order) */
static int median_run(const run *runs, guint n, int objective)
{
    int *idx = g_new(int, n);
    for (int i = 0; i < (int)n; i++)
        idx[i] = i;
    for (int i = 1; i < (int)n; i++)
        for (int j = i; j > 0 && better(&runs[idx[j]], &runs[idx[j - 1]], objective); j--) {
            int t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    int m = idx[(n - 1) / 2];
    g_free(idx);
    return m;
}

static double median_of(double *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
            double t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

typedef struct {
    int n, routes, bks_routes, infeasible;
    double distance, bks_distance, gap_sum, seconds;
} totals;

static void add_total(totals *t, const instance *in, const run *r)
{
    t->n++;
    t->routes += r->routes;
    t->bks_routes += in->bks_routes;
    t->distance += r->distance;
    t->bks_distance += in->bks_distance;
    t->gap_sum += (r->distance - in->bks_distance) / in->bks_distance * 100.0;
    t->seconds += r->seconds;
    t->infeasible += !r->feasible;
}

static void print_total(const char *label, const totals *t)
{
    printf("%-14s %3d inst  routes %5d vs %5d (CNV %+d)  distance %11.2f vs %11.2f (CTD %+6.2f%%)  mean gap %+6.2f%%  "
           "mean %6.2f s  infeasible %d\n",
           label, t->n, t->routes, t->bks_routes, t->routes - t->bks_routes, t->distance, t->bks_distance,
           (t->distance - t->bks_distance) / t->bks_distance * 100.0, t->gap_sum / t->n, t->seconds / t->n,
           t->infeasible);
}

int main(int argc, char **argv)
{
    GOptionContext *ctx = g_option_context_new("[DIR ...] - careroute on VRPTW benchmark folders");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "vrptw: %s\n", err->message);
        return 2;
    }
    g_option_context_free(ctx);
    if (opt_seeds < 1 || opt_time <= 0 || opt_threads < 1) {
        fprintf(stderr, "vrptw: --seeds, --time-limit and --threads must be positive\n");
        return 2;
    }
    int objective = objective_code();
    GArray *inst = g_array_new(FALSE, TRUE, sizeof(instance));
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            add_dir(inst, argv[i]);
    } else if (g_file_test("../shared/data/solomon", G_FILE_TEST_IS_DIR)) {
        add_dir(inst, "../shared/data/solomon");
    } else {
        fprintf(stderr, "vrptw: give a folder of instances (default ../shared/data/solomon is absent)\n");
        return 2;
    }
    if (inst->len == 0) {
        fprintf(stderr, "vrptw: no instances found\n");
        return 2;
    }
    g_array_sort(inst, cmp_instance);

    FILE *csv = NULL;
    if (opt_csv) {
        csv = fopen(opt_csv, "w");
        if (!csv) {
            fprintf(stderr, "vrptw: cannot write %s\n", opt_csv);
            return 2;
        }
        fprintf(csv, "instance,class,seed,routes,distance,bks_routes,bks_distance,gap_pct,feasible,seconds,"
                     "best_found_s,first_complete_s,iterations,moves\n");
    }
    GDateTime *now = g_date_time_new_now_local();
    char *date = g_date_time_format(now, "%Y-%m-%d %H:%M");
    g_date_time_unref(now);
    printf("# careroute %s, bench/vrptw, %s, %u cores; objective %s, %.3g s per run, seeds %d..%d, %d thread(s)\n",
           cr_version(), date, g_get_num_processors(), objective == CR_OBJECTIVE_DISTANCE ? "distance" : "vehicles-then-distance",
           opt_time, opt_first_seed, opt_first_seed + opt_seeds - 1, opt_threads);
    g_free(date);
    printf("%-12s %6s %11s %6s %11s %8s %8s %7s %8s %9s %9s\n", "instance", "routes", "distance", "bks_r",
           "bks_dist", "gap%", "feasible", "seconds", "best_at", "first_ok", "moves/s");

    int n = (int)inst->len;
    run *runs = g_new0(run, (guint)n * (guint)opt_seeds);
    int any_infeasible = 0;
    for (int i = 0; i < n; i++) {
        instance *in = &g_array_index(inst, instance, i);
        for (int k = 0; k < opt_seeds; k++) {
            run *r = &runs[(size_t)i * opt_seeds + k];
            *r = solve_one(in, opt_first_seed + k, objective);
            any_infeasible |= !r->feasible;
            if (csv) {
                fprintf(csv, "%s,%s,%d,%d,%.6f,%d,%.6f,%.4f,%s,%.3f,%.3f,%.3f,%.0f,%.0f\n", in->name, in->cls,
                        opt_first_seed + k, r->routes, r->distance, in->bks_routes, in->bks_distance,
                        (r->distance - in->bks_distance) / in->bks_distance * 100.0, r->feasible ? "yes" : "no",
                        r->seconds, r->best_at, r->first_complete, r->iterations, r->moves);
                fflush(csv);
            }
        }
        const run *m = &runs[(size_t)i * opt_seeds + median_run(&runs[(size_t)i * opt_seeds], (guint)opt_seeds, objective)];
        printf("%-12s %6d %11.2f %6d %11.2f %+8.2f %8s %7.2f %8.2f %9.3f %9.0f\n", in->name, m->routes, m->distance,
               in->bks_routes, in->bks_distance, (m->distance - in->bks_distance) / in->bks_distance * 100.0,
               m->feasible ? "yes" : "NO", m->seconds, m->best_at, m->first_complete, m->moves / m->seconds);
        fflush(stdout);
    }

    printf("\n# summary per seed, then the median of the set totals over seeds\n");
    double *set_dist = g_new(double, (guint)opt_seeds), *set_routes = g_new(double, (guint)opt_seeds);
    for (int k = 0; k < opt_seeds; k++) {
        totals set = {0}, cls = {0};
        const char *cur = NULL;
        for (int i = 0; i < n; i++) {
            instance *in = &g_array_index(inst, instance, i);
            if (cur && strcmp(cur, in->cls)) {
                char label[40];
                g_snprintf(label, sizeof label, "seed %d %s", opt_first_seed + k, cur);
                print_total(label, &cls);
                memset(&cls, 0, sizeof cls);
            }
            cur = in->cls;
            add_total(&cls, in, &runs[(size_t)i * opt_seeds + k]);
            add_total(&set, in, &runs[(size_t)i * opt_seeds + k]);
        }
        char label[40];
        g_snprintf(label, sizeof label, "seed %d %s", opt_first_seed + k, cur);
        print_total(label, &cls);
        g_snprintf(label, sizeof label, "seed %d SET", opt_first_seed + k);
        print_total(label, &set);
        set_dist[k] = set.distance;
        set_routes[k] = set.routes;
    }
    totals bks = {0};
    double moves = 0, secs = 0;
    for (int i = 0; i < n; i++) {
        bks.bks_routes += g_array_index(inst, instance, i).bks_routes;
        bks.bks_distance += g_array_index(inst, instance, i).bks_distance;
        for (int k = 0; k < opt_seeds; k++) {
            moves += runs[(size_t)i * opt_seeds + k].moves;
            secs += runs[(size_t)i * opt_seeds + k].seconds;
        }
    }
    double md = median_of(set_dist, opt_seeds), mr = median_of(set_routes, opt_seeds);
    printf("MEDIAN SET     routes %.0f vs %d (CNV %+.0f)  distance %.2f vs %.2f (CTD %+.2f%%)  moves/s %.0f  %s\n", mr,
           bks.bks_routes, mr - bks.bks_routes, md, bks.bks_distance, (md - bks.bks_distance) / bks.bks_distance * 100.0,
           moves / secs, any_infeasible ? "SOME PLANS INFEASIBLE" : "all plans feasible");
    if (csv)
        fclose(csv);
    g_free(set_dist);
    g_free(set_routes);
    g_free(runs);
    for (int i = 0; i < n; i++) {
        instance *in = &g_array_index(inst, instance, i);
        g_free(in->name);
        g_free(in->path);
        g_free(in->cls);
    }
    g_array_free(inst, TRUE);
    return any_infeasible ? 1 : 0;
}
