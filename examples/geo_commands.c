/* careroute matrix / careroute zones: travel-time matrices from a map (or
 * straight lines) and geographic zones, through the public API only. */
#include "geo_commands.h"

#include <careroute.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_BAD_INPUT 2
#define MAX_SPEEDS 32

typedef struct {
    size_t n;
    char **ids;
    double *lon, *lat, *hours;
    bool has_hours;
} points;

static void points_free(points *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->ids[i]);
    free(p->ids);
    free(p->lon);
    free(p->lat);
    free(p->hours);
    memset(p, 0, sizeof *p);
}

static bool parse_double(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    while (*end == ' ' || *end == '\t' || *end == '\r')
        end++;
    if (end == text || *end || errno || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* Points CSV: "id,lon,lat" or "id,lon,lat,hours" per line, an optional header
 * line naming the columns. Returns 0 or an exit status (message printed). */
static int read_points(const char *path, points *p)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "careroute: %s: %s\n", path, strerror(errno));
        return EXIT_BAD_INPUT;
    }
    size_t cap = 0;
    char line[4096];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            fprintf(stderr, "careroute: %s:%d: line too long\n", path, lineno);
            rc = EXIT_BAD_INPUT;
            break;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        char *cells[5];
        int n_cells = 0;
        for (char *c = line, *next; c && n_cells < 5; c = next) {
            next = strchr(c, ',');
            if (next)
                *next++ = '\0';
            cells[n_cells++] = c;
        }
        if (lineno == 1 && n_cells >= 3 && !strcmp(cells[0], "id")) {
            p->has_hours = n_cells == 4;
            continue;
        }
        double lon, lat, hours = 1;
        if (n_cells < 3 || n_cells > 4 || !*cells[0] || !parse_double(cells[1], &lon) ||
            !parse_double(cells[2], &lat) || (n_cells == 4 && !parse_double(cells[3], &hours))) {
            fprintf(stderr, "careroute: %s:%d: expected id,lon,lat or id,lon,lat,hours (degrees, hours >= 0)\n",
                    path, lineno);
            rc = EXIT_BAD_INPUT;
            break;
        }
        if (n_cells == 4)
            p->has_hours = true;
        if (p->n == cap) {
            cap = cap ? 2 * cap : 256;
            p->ids = realloc(p->ids, cap * sizeof *p->ids);
            p->lon = realloc(p->lon, cap * sizeof *p->lon);
            p->lat = realloc(p->lat, cap * sizeof *p->lat);
            p->hours = realloc(p->hours, cap * sizeof *p->hours);
            if (!p->ids || !p->lon || !p->lat || !p->hours) {
                fprintf(stderr, "careroute: out of memory\n");
                rc = 1;
                break;
            }
        }
        p->ids[p->n] = strdup(cells[0]);
        p->lon[p->n] = lon;
        p->lat[p->n] = lat;
        p->hours[p->n] = hours;
        p->n++;
    }
    fclose(f);
    if (rc == 0 && p->n == 0) {
        fprintf(stderr, "careroute: %s: no points (expected lines id,lon,lat)\n", path);
        rc = EXIT_BAD_INPUT;
    }
    return rc;
}

/* A scenario's clients as points weighted by their care hours, and its carers' homes. */
static int scenario_points(const char *path, points *p)
{
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    int st = cr_scenario_load_file(s, path, CR_FORMAT_AUTO);
    if (st == CR_OK && cr_scenario_n_clients(s) == 0) {
        fprintf(stderr, "careroute: %s: the scenario has no clients\n", path);
        cr_scenario_free(s);
        return EXIT_BAD_INPUT;
    }
    if (st != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_scenario_errmsg(s));
        cr_scenario_free(s);
        return exit_for_load(st);
    }
    /* Carers' homes come too, with no hours, so the zones cover them. */
    size_t n_clients = cr_scenario_n_clients(s), n = n_clients + cr_scenario_n_carers(s);
    p->n = n;
    p->ids = calloc(n, sizeof *p->ids);
    p->lon = calloc(n, sizeof *p->lon);
    p->lat = calloc(n, sizeof *p->lat);
    p->hours = calloc(n, sizeof *p->hours);
    p->has_hours = true;
    for (size_t i = 0; i < n_clients; i++) {
        p->ids[i] = strdup(cr_scenario_client_id(s, i));
        cr_scenario_client_location(s, i, &p->lon[i], &p->lat[i]);
        p->hours[i] = cr_scenario_client_hours(s, i);
    }
    for (size_t i = n_clients; i < n; i++) {
        p->ids[i] = strdup(cr_scenario_carer_id(s, i - n_clients));
        cr_scenario_carer_location(s, i - n_clients, &p->lon[i], &p->lat[i]);
        p->hours[i] = 0;
    }
    cr_scenario_free(s);
    return 0;
}

/* The options these commands take. */
typedef struct {
    const char *map, *profile, *points, *out, *method, *cache_dir, *zones, *assign_out, *scenario;
    const char *speeds[MAX_SPEEDS];
    int n_speeds;
    double snap, detour, kmh, k, seed;
    bool straight;
} geo_args;

static int parse_geo_args(int argc, char **argv, geo_args *a)
{
    a->detour = 1.3;
    a->kmh = 30;
    a->seed = 1;
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--straight-line")) {
            a->straight = true;
            continue;
        }
        if (o[0] != '-')
            return fail_usage("unexpected argument '%s'", o);
        if (i + 1 >= argc)
            return fail_usage("option '%s' needs a value", o);
        const char *v = argv[++i];
        double num = NAN;
        const char **slot = !strcmp(o, "--map") ? &a->map : !strcmp(o, "--profile") ? &a->profile
                          : !strcmp(o, "--points") ? &a->points : !strcmp(o, "--out") ? &a->out
                          : !strcmp(o, "--method") ? &a->method : !strcmp(o, "--cache-dir") ? &a->cache_dir
                          : !strcmp(o, "--zones") ? &a->zones : !strcmp(o, "--assign-out") ? &a->assign_out
                          : !strcmp(o, "--scenario") ? &a->scenario : NULL;
        if (slot) {
            *slot = v;
            continue;
        }
        if (!strcmp(o, "--speed")) {
            if (a->n_speeds == MAX_SPEEDS)
                return fail_usage("too many %s options", o);
            a->speeds[a->n_speeds++] = v;
            continue;
        }
        double *target = !strcmp(o, "--snap-distance") ? &a->snap : !strcmp(o, "--detour") ? &a->detour
                       : !strcmp(o, "--kmh") ? &a->kmh : !strcmp(o, "--k") ? &a->k
                       : !strcmp(o, "--seed") ? &a->seed : NULL;
        if (!target)
            return fail_usage("unknown option '%s'", o);
        if (!parse_double(v, &num)) {
            fprintf(stderr, "careroute: %s: '%s' is not a number\n", o, v);
            return EXIT_BAD_INPUT;
        }
        *target = num;
    }
    return 0;
}

/* A file name part from a zone name: letters, digits, '-' and '_' kept. */
static char *zone_file(const char *out, const char *zone)
{
    size_t len = strlen(out);
    const char *dot = strrchr(out, '.');
    const char *slash = strrchr(out, '/');
    if (!dot || (slash && dot < slash))
        dot = out + len;
    char *name = malloc(len + strlen(zone) + 2);
    size_t k = (size_t)(dot - out);
    memcpy(name, out, k);
    name[k++] = '-';
    for (const char *z = zone; *z; z++)
        name[k++] = (char)((*z >= 'a' && *z <= 'z') || (*z >= 'A' && *z <= 'Z') || (*z >= '0' && *z <= '9') ||
                                   *z == '-' || *z == '_' ? *z : '_');
    strcpy(name + k, dot);
    return name;
}

static int compute(cr_matrix *x, cr_map *map, const geo_args *a, size_t n, char **ids, double *lon, double *lat)
{
    int method = CR_METHOD_FAST;
    if (a->method && !strcmp(a->method, "dijkstra"))
        method = CR_METHOD_DIJKSTRA;
    cr_status st = map ? cr_matrix_compute(x, map, n, (const char *const *)ids, lon, lat, method)
                       : cr_matrix_compute_straight(x, n, (const char *const *)ids, lon, lat, a->detour, a->kmh);
    if (st != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_matrix_errmsg(x));
        return exit_for_load(st);
    }
    return 0;
}

int careroute_cmd_matrix(int argc, char **argv)
{
    geo_args a = {0};
    int rc = parse_geo_args(argc, argv, &a);
    if (rc)
        return rc;
    if (!a.points || !a.out)
        return fail_usage("%s needs --points FILE and --out FILE", "matrix");
    if (!a.map == !a.straight)
        return fail_usage("%s needs either --map FILE or --straight-line", "matrix");
    if (a.method && strcmp(a.method, "fast") && strcmp(a.method, "dijkstra"))
        return fail_usage("--method must be fast or dijkstra, not '%s'", a.method);
    points p = {0};
    if ((rc = read_points(a.points, &p)) != 0)
        return rc;
    cr_map *map = NULL;
    FILE *sum = NULL;
    char *summary = NULL;
    size_t summary_len = 0;
    cr_zones *zones = NULL;
    cr_matrix *x = NULL;
    int64_t *zone_of = NULL;
    cr_matrix_new(&x);
    if (a.map) {
        cr_map_new(&map);
        cr_status st = CR_OK;
        if (a.profile)
            st = cr_map_set_profile(map, a.profile);
        for (int i = 0; st == CR_OK && i < a.n_speeds; i++) {
            const char *eq = strchr(a.speeds[i], '=');
            double kmh;
            char cls[64];
            if (!eq || (size_t)(eq - a.speeds[i]) >= sizeof cls || !parse_double(eq + 1, &kmh)) {
                rc = fail_usage("--speed expects CLASS=KMH (e.g. residential=20), not '%s'", a.speeds[i]);
                goto out;
            }
            memcpy(cls, a.speeds[i], (size_t)(eq - a.speeds[i]));
            cls[eq - a.speeds[i]] = '\0';
            st = cr_map_set_speed(map, cls, kmh);
        }
        if (st == CR_OK && a.snap)
            st = cr_map_set_snap_distance(map, a.snap);
        if (st == CR_OK && a.cache_dir)
            st = cr_map_set_cache_dir(map, a.cache_dir);
        if (st == CR_OK)
            st = cr_map_load_file(map, a.map);
        if (st != CR_OK) {
            fprintf(stderr, "careroute: %s\n", cr_map_errmsg(map));
            rc = exit_for_load(st);
            goto out;
        }
    }
    sum = open_memstream(&summary, &summary_len);
    fprintf(sum, "{\"points\": %zu", p.n);
    if (map)
        fprintf(sum, ", \"graph_nodes\": %.0f, \"import_seconds\": %.3f, \"prepare_seconds\": %.3f",
               cr_map_statistic(map, CR_MAP_STAT_NODES), cr_map_statistic(map, CR_MAP_STAT_IMPORT_SECONDS),
               cr_map_statistic(map, CR_MAP_STAT_PREPARE_SECONDS));
    if (!a.zones) {
        if ((rc = compute(x, map, &a, p.n, p.ids, p.lon, p.lat)) != 0)
            goto out;
        cr_status st = cr_matrix_write_csv(x, a.out);
        if (st != CR_OK) {
            fprintf(stderr, "careroute: %s\n", cr_matrix_errmsg(x));
            rc = exit_for_load(st);
            goto out;
        }
        fprintf(sum, ", \"matrix_seconds\": %.3f, \"from_cache\": %s, \"unreachable\": %zu, \"out\": \"%s\"}\n",
               cr_matrix_seconds_taken(x), cr_matrix_from_cache(x) ? "true" : "false",
               cr_matrix_n_unreachable(x), a.out);
        goto out;
    }
    /* One matrix per zone over the points inside it. */
    cr_zones_new(&zones);
    zone_of = malloc(sizeof *zone_of * p.n);
    cr_status st = cr_zones_load_file(zones, a.zones);
    if (st == CR_OK)
        st = cr_zones_assign(zones, p.n, (const char *const *)p.ids, p.lon, p.lat, zone_of);
    if (st != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_zones_errmsg(zones));
        rc = exit_for_load(st);
        goto out;
    }
    fprintf(sum, ", \"zones\": [");
    for (size_t z = 0; z < cr_zones_count(zones); z++) {
        size_t m = 0;
        char **ids = malloc(sizeof *ids * p.n);
        double *lon = malloc(sizeof *lon * p.n), *lat = malloc(sizeof *lat * p.n);
        for (size_t i = 0; i < p.n; i++)
            if ((size_t)zone_of[i] == z) {
                ids[m] = p.ids[i];
                lon[m] = p.lon[i];
                lat[m] = p.lat[i];
                m++;
            }
        char *file = zone_file(a.out, cr_zones_name(zones, z));
        if (m > 0 && (rc = compute(x, map, &a, m, ids, lon, lat)) == 0 && cr_matrix_write_csv(x, file) != CR_OK) {
            fprintf(stderr, "careroute: %s\n", cr_matrix_errmsg(x));
            rc = 1;
        }
        if (rc == 0)
            fprintf(sum, "%s{\"zone\": \"%s\", \"points\": %zu, \"out\": \"%s\"}", z ? ", " : "",
                   cr_zones_name(zones, z), m, m ? file : "");
        free(file);
        free(ids);
        free(lon);
        free(lat);
        if (rc)
            goto out;
    }
    fprintf(sum, "]}\n");
out:
    if (sum) {
        fclose(sum);
        if (rc == 0)
            fputs(summary, stdout);
        free(summary);
    }
    free(zone_of);
    cr_zones_free(zones);
    cr_matrix_free(x);
    cr_map_free(map);
    points_free(&p);
    return rc;
}

static int write_assignments(const char *path, const points *p, const int64_t *zone_of, const cr_zones *z)
{
    char *tmp = malloc(strlen(path) + 8);
    sprintf(tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "careroute: %s: %s\n", path, strerror(errno));
        free(tmp);
        return 1;
    }
    fprintf(f, "id,zone\n");
    for (size_t i = 0; i < p->n; i++)
        fprintf(f, "%s,%s\n", p->ids[i], cr_zones_name(z, (size_t)zone_of[i]));
    bool ok = fclose(f) == 0 && rename(tmp, path) == 0;
    if (!ok) {
        fprintf(stderr, "careroute: %s: %s\n", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return ok ? 0 : 1;
}

int careroute_cmd_zones(int argc, char **argv)
{
    if (argc < 1 || (strcmp(argv[0], "assign") && strcmp(argv[0], "design")))
        return fail_usage("%s needs a subcommand: assign or design", "zones");
    bool design = !strcmp(argv[0], "design");
    geo_args a = {0};
    int rc = parse_geo_args(argc - 1, argv + 1, &a);
    if (rc)
        return rc;
    if (!a.points == !a.scenario)
        return fail_usage("zones %s needs --points FILE or --scenario FILE", argv[0]);
    if (design && (!a.out || !(a.k >= 1) || a.k != floor(a.k)))
        return fail_usage("%s needs --k N (a whole number >= 1) and --out ZONES.geojson", "zones design");
    if (!design && !a.zones)
        return fail_usage("%s needs --zones FILE (GeoJSON or .poly)", "zones assign");
    points p = {0};
    if ((rc = a.points ? read_points(a.points, &p) : scenario_points(a.scenario, &p)) != 0) {
        points_free(&p);
        return rc;
    }
    cr_zones *z = NULL;
    cr_zones_new(&z);
    int64_t *zone_of = malloc(sizeof *zone_of * p.n);
    cr_status st;
    if (design)
        st = cr_zones_design(z, p.n, p.lon, p.lat, p.has_hours ? p.hours : NULL, (size_t)a.k,
                             (uint64_t)a.seed, zone_of);
    else if ((st = cr_zones_load_file(z, a.zones)) == CR_OK)
        st = cr_zones_assign(z, p.n, (const char *const *)p.ids, p.lon, p.lat, zone_of);
    if (st != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_zones_errmsg(z));
        rc = exit_for_load(st);
        goto out;
    }
    if (design && (st = cr_zones_write_geojson(z, a.out)) != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_zones_errmsg(z));
        rc = 1;
        goto out;
    }
    const char *assign_out = a.assign_out ? a.assign_out : design ? NULL : a.out;
    if (assign_out && (rc = write_assignments(assign_out, &p, zone_of, z)) != 0)
        goto out;
    printf("{\"points\": %zu, \"zones\": [", p.n);
    double total = 0, most = 0;
    for (size_t i = 0; i < cr_zones_count(z); i++) {
        size_t count = 0;
        double hours = 0;
        for (size_t k = 0; k < p.n; k++)
            if ((size_t)zone_of[k] == i) {
                count++;
                hours += p.hours[k];
            }
        total += hours;
        most = hours > most ? hours : most;
        printf("%s{\"zone\": \"%s\", \"points\": %zu, \"hours\": %.2f}", i ? ", " : "", cr_zones_name(z, i), count, hours);
    }
    printf("], \"largest_over_mean\": %.3f", cr_zones_count(z) ? most / (total / cr_zones_count(z)) : 0);
    if (design)
        printf(", \"out\": \"%s\"", a.out);
    if (assign_out)
        printf(", \"assignments\": \"%s\"", assign_out);
    printf("}\n");
out:
    free(zone_of);
    cr_zones_free(z);
    points_free(&p);
    return rc;
}
