/* bench/matrix — how fast careroute turns an OpenStreetMap extract into
 * travel-time matrices.
 *
 *   matrix [--sizes 100,500,1000,2000] [--seed N] [--repeats N] [--profile P]
 *          [--csv FILE] [MAP.osm.pbf | DIR ...]
 *
 * Per map: import time (read + graph + largest strongly connected part) and
 * preparation time (snapping grid + contraction hierarchy), the medians of
 * --repeats loads; graph size. Per map and size: seeded random points on the
 * roads, the matrix time with contraction hierarchies (median of --repeats)
 * and with the plain Dijkstra baseline (once) in the same run, their ratio,
 * whether every time is identical, and the peak memory so far.
 * With no argument it reads ../shared/data/osm. Exit status 1 if the two
 * methods ever disagree. */
#include "common.h"

#include <careroute.h>

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* g_ptr_array_sort passes pointers to the elements. */
static gint cmp_names(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(char *const *)a, *(char *const *)b);
}

static char *opt_sizes = NULL;
static gint64 opt_seed = 1;
static int opt_repeats = 3;
static char *opt_profile = NULL;
static char *opt_csv = NULL;

static GOptionEntry entries[] = {
    {"sizes", 0, 0, G_OPTION_ARG_STRING, &opt_sizes, "Matrix sizes, comma-separated (default 100,500,1000,2000)", "LIST"},
    {"seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the random points (default 1)", "N"},
    {"repeats", 'r', 0, G_OPTION_ARG_INT, &opt_repeats, "Timed repeats of loads and fast matrices (default 3)", "N"},
    {"profile", 'p', 0, G_OPTION_ARG_STRING, &opt_profile, "car (default), walk or bike", "P"},
    {"csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv, "Also write one row per map and size to FILE", "FILE"},
    {NULL, 0, 0, 0, NULL, NULL, NULL}};

static double peak_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

static cr_map *load(const char *path, double *import_s, double *prepare_s)
{
    double imp[32], prep[32];
    cr_map *m = NULL;
    for (int r = 0; r < opt_repeats; r++) {
        cr_map_free(m);
        cr_map_new(&m);
        if (opt_profile && cr_map_set_profile(m, opt_profile) != CR_OK) {
            fprintf(stderr, "matrix: %s\n", cr_map_errmsg(m));
            exit(2);
        }
        if (cr_map_load_file(m, path) != CR_OK) {
            fprintf(stderr, "matrix: %s\n", cr_map_errmsg(m));
            cr_map_free(m);
            return NULL;
        }
        imp[r] = cr_map_statistic(m, CR_MAP_STAT_IMPORT_SECONDS);
        prep[r] = cr_map_statistic(m, CR_MAP_STAT_PREPARE_SECONDS);
    }
    *import_s = bench_median(imp, opt_repeats);
    *prepare_s = bench_median(prep, opt_repeats);
    return m;
}

static bool identical(const cr_matrix *a, const cr_matrix *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (cr_matrix_seconds(a, i, j) != cr_matrix_seconds(b, i, j))
                return false;
    return true;
}

static bool run_map(const char *path, const int *sizes, int n_sizes, FILE *csv)
{
    double import_s, prepare_s;
    cr_map *m = load(path, &import_s, &prepare_s);
    if (!m)
        return false;
    char *base = g_path_get_basename(path);
    printf("\n%s (%s profile): %.0f OSM nodes, %.0f ways (%.0f usable) -> %.0f nodes, %.0f arcs "
           "(%.0f nodes outside the largest strongly connected part), %.0f shortcuts\n",
           base, opt_profile ? opt_profile : "car", cr_map_statistic(m, CR_MAP_STAT_OSM_NODES),
           cr_map_statistic(m, CR_MAP_STAT_OSM_WAYS), cr_map_statistic(m, CR_MAP_STAT_USABLE_WAYS),
           cr_map_statistic(m, CR_MAP_STAT_NODES), cr_map_statistic(m, CR_MAP_STAT_ARCS),
           cr_map_statistic(m, CR_MAP_STAT_DROPPED_NODES), cr_map_statistic(m, CR_MAP_STAT_SHORTCUTS));
    printf("import %.3f s, prepare (snapping grid + contraction hierarchy) %.3f s, medians of %d\n",
           import_s, prepare_s, opt_repeats);
    printf("%-6s %12s %12s %8s %10s %12s %10s\n", "points", "fast_s", "dijkstra_s", "ratio",
           "identical", "unreachable", "peak_MiB");
    bool all_same = true;
    for (int k = 0; k < n_sizes; k++) {
        size_t n = (size_t)sizes[k];
        double *lon = g_new(double, n), *lat = g_new(double, n);
        char **ids = g_new0(char *, n + 1);
        cr_map_sample_points(m, n, (uint64_t)opt_seed, lon, lat);
        for (size_t i = 0; i < n; i++)
            ids[i] = g_strdup_printf("p%zu", i + 1);
        double fast[32];
        cr_matrix *f = NULL, *d = NULL;
        cr_matrix_new(&f);
        cr_matrix_new(&d);
        bool ok = true;
        for (int r = 0; r < opt_repeats && ok; r++) {
            ok = cr_matrix_compute(f, m, n, (const char *const *)ids, lon, lat, CR_METHOD_FAST) == CR_OK;
            fast[r] = cr_matrix_seconds_taken(f);
        }
        ok = ok && cr_matrix_compute(d, m, n, (const char *const *)ids, lon, lat, CR_METHOD_DIJKSTRA) == CR_OK;
        if (!ok) {
            fprintf(stderr, "matrix: %s: %s%s\n", base, cr_matrix_errmsg(f), cr_matrix_errmsg(d));
            all_same = false;
        } else {
            double fs = bench_median(fast, opt_repeats), ds = cr_matrix_seconds_taken(d);
            bool same = identical(f, d, n);
            all_same = all_same && same;
            printf("%-6zu %12.4f %12.4f %8.1f %10s %12zu %10.1f\n", n, fs, ds, ds / fs, same ? "yes" : "NO",
                   cr_matrix_n_unreachable(f), peak_mib());
            if (csv)
                fprintf(csv, "%s,%s,%zu,%.4f,%.4f,%.4f,%.4f,%.2f,%s,%zu,%.1f\n", base,
                        opt_profile ? opt_profile : "car", n, import_s, prepare_s, fs, ds, ds / fs,
                        same ? "yes" : "no", cr_matrix_n_unreachable(f), peak_mib());
        }
        cr_matrix_free(f);
        cr_matrix_free(d);
        g_strfreev(ids);
        g_free(lon);
        g_free(lat);
    }
    g_free(base);
    cr_map_free(m);
    return all_same;
}

int main(int argc, char **argv)
{
    GOptionContext *ctx = g_option_context_new("[MAP.osm.pbf | DIR ...]");
    g_option_context_set_summary(ctx, "Time road travel-time matrices: contraction hierarchies against Dijkstra.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "matrix: %s\n", err->message);
        return 2;
    }
    g_option_context_free(ctx);
    if (opt_repeats < 1 || opt_repeats > 31) {
        fprintf(stderr, "matrix: --repeats must be 1..31\n");
        return 2;
    }
    int sizes[64], n_sizes = 0;
    gchar **parts = g_strsplit(opt_sizes ? opt_sizes : "100,500,1000,2000", ",", -1);
    for (int i = 0; parts[i] && n_sizes < 64; i++) {
        char *end;
        long v = strtol(parts[i], &end, 10);
        if (*end || v < 1 || v > 20000) {
            fprintf(stderr, "matrix: --sizes: \"%s\" is not a size in 1..20000\n", parts[i]);
            return 2;
        }
        sizes[n_sizes++] = (int)v;
    }
    g_strfreev(parts);

    GPtrArray *maps = g_ptr_array_new_with_free_func(g_free);
    const char *def[] = {"../shared/data/osm"};
    char **args = argc > 1 ? argv + 1 : (char **)def;
    int n_args = argc > 1 ? argc - 1 : 1;
    for (int i = 0; i < n_args; i++) {
        if (g_file_test(args[i], G_FILE_TEST_IS_DIR)) {
            GDir *dir = g_dir_open(args[i], 0, NULL);
            GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
            const char *name;
            while (dir && (name = g_dir_read_name(dir)))
                if (g_str_has_suffix(name, ".osm.pbf") || g_str_has_suffix(name, ".osm"))
                    g_ptr_array_add(names, g_build_filename(args[i], name, NULL));
            if (dir)
                g_dir_close(dir);
            g_ptr_array_sort(names, cmp_names);
            for (guint k = 0; k < names->len; k++)
                g_ptr_array_add(maps, g_strdup(names->pdata[k]));
            g_ptr_array_unref(names);
        } else {
            g_ptr_array_add(maps, g_strdup(args[i]));
        }
    }
    if (maps->len == 0) {
        fprintf(stderr, "matrix: no maps found (pass .osm.pbf files or a folder of them)\n");
        return 2;
    }
    FILE *csv = NULL;
    if (opt_csv) {
        csv = fopen(opt_csv, "w");
        if (!csv) {
            fprintf(stderr, "matrix: cannot write %s\n", opt_csv);
            return 2;
        }
        fprintf(csv, "map,profile,points,import_s,prepare_s,fast_s,dijkstra_s,ratio,identical,unreachable,peak_mib\n");
    }
    printf("careroute %s, bench/matrix, seed %" G_GINT64_FORMAT ", %d repeats\n", cr_version(), opt_seed, opt_repeats);
    bool ok = true;
    for (guint i = 0; i < maps->len; i++)
        ok = run_map(maps->pdata[i], sizes, n_sizes, csv) && ok;
    if (csv)
        fclose(csv);
    g_ptr_array_unref(maps);
    return ok ? 0 : 1;
}
