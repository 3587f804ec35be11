/* careroute — the command-line program. It uses only the public API in
 * <careroute.h>, so it doubles as a worked example of calling the library.
 *
 * Exit status: 0 success; 1 failure (including a plan that breaks rules in
 * `check`); 2 bad input or bad usage. */
#include <careroute.h>

#include "geo_commands.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EXIT_BAD_INPUT 2

extern const char cr_sample_scenario[];
extern const size_t cr_sample_scenario_len;

static const char *usage_text =
    "usage: careroute COMMAND [OPTIONS]\n"
    "\n"
    "Plans home care: carer rotas and visit routes.\n"
    "\n"
    "commands:\n"
    "  solve [OPTIONS] INPUT   plan a scenario (careroute JSON, or a Solomon /\n"
    "                          Gehring-Homberger VRPTW file) and print a JSON summary\n"
    "  check INPUT PLAN        check a plan JSON against its scenario, from scratch\n"
    "  demo [OPTIONS]          plan the built-in sample scenario and write the plan,\n"
    "                          an HTML report with pictures, and CSV tables\n"
    "  report SCENARIO PLAN    write the reports of a plan (--out-dir, --living-wage, and\n"
    "                          --map, --matrix or --zones as for check)\n"
    "  matrix [OPTIONS]        travel-time matrix between points, over an OpenStreetMap\n"
    "                          extract or in straight lines, as CSV (seconds, -1 unreachable)\n"
    "  zones assign|design     put points into zones (GeoJSON or .poly), or design k\n"
    "                          compact zones balanced by weekly care hours\n"
    "  generate [OPTIONS]      write a realistic synthetic home care week (scenario JSON)\n"
    "\n"
    "solve options:\n"
    "  --format F          auto (default), scenario, solomon, mankowska, hhc-json\n"
    "                      or convrp\n"
    "  --time-limit S      seconds of search (default 10; demo: 3)\n"
    "  --iterations N      stop after N search iterations per thread (default: none)\n"
    "  --seed N            random seed (default 1)\n"
    "  --threads N         independent searches in parallel (default 1)\n"
    "  --objective O       auto, vehicles-then-distance or distance\n"
    "  --continuity-weight W  travel minutes worth one carer fewer for a client\n"
    "                      over the week (default: the scenario's rule, 15)\n"
    "  --preference-weight W  travel minutes worth one visit by a carer the client\n"
    "                      prefers (default: the scenario's rule, 5); both weights 0\n"
    "                      ignore continuity\n"
    "  --out FILE          write the plan JSON to FILE\n"
    "  --routes-out FILE   write the routes as text (SINTEF form: Route 1 : 12 5 7)\n"
    "  --map FILE          road travel over an OpenStreetMap extract (.osm, .osm.pbf)\n"
    "                      instead of the scenario's travel (also for check)\n"
    "  --profile P         with --map: car (default), walk or bike\n"
    "  --matrix FILE       travel times from a CSV or JSON matrix keyed by carer and\n"
    "                      client ids (also for check)\n"
    "  --zones FILE        put clients (and carers listing no zones) in the zones of a\n"
    "                      GeoJSON or .poly file by where they live (also for check)\n"
    "  --report-dir DIR    also write report.html, report.json, CSV tables and pictures\n"
    "  --living-wage X     pay per hour worked the reports check against (default 12.71)\n"
    "demo options:\n"
    "  --out-dir DIR       where to write the plan and reports (default: .)\n"
    "  --map FILE          plan the same kind of area on this OpenStreetMap extract's\n"
    "                      roads (e.g. ../shared/data/osm/liechtenstein.osm.pbf)\n"
    "  and --profile, --time-limit, --seed, --threads, --living-wage as above\n"
    "matrix options:\n"
    "  --points FILE       CSV lines id,lon,lat (an 'id,lon,lat' header is allowed)\n"
    "  --out FILE          the matrix CSV: header id,<ids>; one row per origin\n"
    "  --map FILE          .osm or .osm.pbf extract (data (c) OpenStreetMap contributors, ODbL)\n"
    "  --profile P         car (default), walk or bike\n"
    "  --speed CLASS=KMH   override a road class speed, e.g. residential=20 (repeatable)\n"
    "  --snap-distance M   furthest a point may be from a road (default 500 m)\n"
    "  --method M          fast (contraction hierarchies, default) or dijkstra\n"
    "  --cache-dir DIR     reuse matrices computed before for the same map and points\n"
    "  --straight-line     no map: great-circle distance x --detour (1.3) at --kmh (30)\n"
    "  --zones FILE        one matrix per zone: FILE-<zone>.csv beside --out\n"
    "zones options:\n"
    "  assign --zones FILE (--points FILE | --scenario FILE) [--out id-zone.csv]\n"
    "  design (--points FILE | --scenario FILE) --k N --out ZONES.geojson\n"
    "         [--assign-out id-zone.csv] [--seed N]\n"
    "                      (points may carry a 4th column: weekly care hours; a\n"
    "                      scenario's clients carry the hours of their visits)\n"
    "generate options:\n"
    "  --out FILE          the scenario JSON (- for standard output)\n"
    "  --clients N         clients (default 60)       --carers N   carers (default: as needed)\n"
    "  --providers N       providers (default 2)      --zones N    zones (default 2)\n"
    "  --days N            days (default 7)           --seed N     random seed (default 1)\n"
    "  --visits-per-day X  mean calls per client on a day with care (default 2, 1 to 4)\n"
    "  --double-ups X      share of visits needing two carers (default 0.1)\n"
    "  --rural X           share of clients in villages (default 0.3; without --map)\n"
    "  --days-off fixed|chosen|in-a-row  fixed: each carer's two days off in a row, set\n"
    "                      in turn (default); chosen: carers offer every day, work at most\n"
    "                      five, and the plan chooses their days off; in-a-row: the same,\n"
    "                      keeping two of them in a row\n"
    "  --centre-lat X, --centre-lon X   the town centre (default 52.63, -1.13)\n"
    "  --map FILE [--profile P]  put everyone along the map's roads, with road travel\n"
    "\n"
    "  -h, --help          show this help\n"
    "  -V, --version       show the version\n"
    "\n"
    "Exit status: 0 ok, 1 failure or a plan that breaks rules, 2 bad input.\n";

static cr_solver *active_solver;

static void on_interrupt(int sig)
{
    (void)sig;
    /* Ctrl-C stops the search; the best plan found is still written. */
    if (active_solver)
        cr_solver_cancel(active_solver);
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void json_number(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.6f", v);
    else
        fputs("null", f);
}

typedef struct {
    const char *format;
    double time_limit;
    long long iterations;
    long long seed;
    long long threads;
    const char *objective;
    const char *out;
    const char *routes_out;
    const char *out_dir;
    const char *input;
    const char *plan;
    const char *map;
    const char *profile;
    const char *matrix;
    const char *zones;
    const char *report_dir;
    double living_wage;
    double continuity_weight; /* -1: the scenario's rule */
    double preference_weight; /* -1: the scenario's rule */
} args;

static int check_dir(const char *dir, const char *option);

int fail_usage(const char *fmt, const char *what)
{
    fprintf(stderr, "careroute: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\nTry 'careroute --help'.\n");
    return EXIT_BAD_INPUT;
}

const char *split_option(const char *arg, char *name, size_t size)
{
    const char *eq = strchr(arg, '=');
    if (eq && (size_t)(eq - arg) < size) {
        memcpy(name, arg, (size_t)(eq - arg));
        name[eq - arg] = '\0';
        return eq + 1;
    }
    snprintf(name, size, "%s", arg);
    return NULL;
}

int parse_number(const char *opt, const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (*text && !*end && (errno == ERANGE || isinf(v)) && fabs(v) > 1) {
        fprintf(stderr, "careroute: %s: '%s' is too large\n", opt, text);
        return EXIT_BAD_INPUT;
    }
    if (!*text || *end || (errno && errno != ERANGE) || !isfinite(v)) {
        fprintf(stderr, "careroute: %s: '%s' is not a number\n", opt, text);
        return EXIT_BAD_INPUT;
    }
    *out = v;
    return 0;
}

/* Parses options shared by the commands; positional arguments go to
 * positional[]. Returns 0 or an exit status. */
static int parse_args(int argc, char **argv, args *a, const char **positional, int max_pos, int *n_pos)
{
    *n_pos = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || !arg[1]) {
            if (*n_pos >= max_pos)
                return fail_usage("unexpected argument '%s'", arg);
            positional[(*n_pos)++] = arg;
            continue;
        }
        char name[64];
        const char *value = split_option(arg, name, sizeof name);
        static const char *const valued[] = {"--format", "--time-limit", "--iterations", "--seed", "--threads",
                                             "--objective", "--out", "--routes-out", "--out-dir",
                                             "--map", "--profile", "--matrix", "--zones", "--report-dir",
                                             "--living-wage", "--continuity-weight", "--preference-weight", NULL};
        int known = 0;
        for (int k = 0; valued[k]; k++)
            known |= strcmp(name, valued[k]) == 0;
        if (!known)
            return fail_usage("unknown option '%s'", arg);
        if (!value) {
            if (i + 1 >= argc)
                return fail_usage("option '%s' needs a value", arg);
            value = argv[++i];
        }
        double num = 0;
        int rc = 0;
        if (!strcmp(name, "--format"))
            a->format = value;
        else if (!strcmp(name, "--objective"))
            a->objective = value;
        else if (!strcmp(name, "--out"))
            a->out = value;
        else if (!strcmp(name, "--routes-out"))
            a->routes_out = value;
        else if (!strcmp(name, "--out-dir"))
            a->out_dir = value;
        else if (!strcmp(name, "--report-dir"))
            a->report_dir = value;
        else if (!strcmp(name, "--living-wage")) {
            if ((rc = parse_number(name, value, &a->living_wage)) != 0)
                return rc;
        }
        else if (!strcmp(name, "--map"))
            a->map = value;
        else if (!strcmp(name, "--profile"))
            a->profile = value;
        else if (!strcmp(name, "--matrix"))
            a->matrix = value;
        else if (!strcmp(name, "--zones"))
            a->zones = value;
        else if ((rc = parse_number(name, value, &num)) != 0)
            return rc;
        else if (!strcmp(name, "--time-limit"))
            a->time_limit = num;
        else if (!strcmp(name, "--iterations"))
            a->iterations = (long long)num;
        else if (!strcmp(name, "--seed"))
            a->seed = (long long)num;
        else if (!strcmp(name, "--threads"))
            a->threads = (long long)num;
        else if (!strcmp(name, "--continuity-weight"))
            a->continuity_weight = num;
        else if (!strcmp(name, "--preference-weight"))
            a->preference_weight = num;
        if ((!strcmp(name, "--iterations") || !strcmp(name, "--seed") || !strcmp(name, "--threads")) &&
            num != floor(num))
            return fail_usage("%s expects a whole number", name);
    }
    return 0;
}

static int exit_for(int status)
{
    return cr_status_is_input_error(status) ? EXIT_BAD_INPUT : 1;
}

/* A file named on the command line that cannot be read is bad input too. */
int exit_for_load(int status)
{
    return status == CR_ERR_IO ? EXIT_BAD_INPUT : exit_for(status);
}

static int build_options(const args *a, cr_options **out)
{
    cr_options *o = NULL;
    if (cr_options_new(&o) != CR_OK) {
        fprintf(stderr, "careroute: out of memory\n");
        return 1;
    }
    int objective = CR_OBJECTIVE_AUTO;
    if (a->objective) {
        if (!strcmp(a->objective, "auto"))
            objective = CR_OBJECTIVE_AUTO;
        else if (!strcmp(a->objective, "vehicles-then-distance"))
            objective = CR_OBJECTIVE_VEHICLES_THEN_DISTANCE;
        else if (!strcmp(a->objective, "distance"))
            objective = CR_OBJECTIVE_DISTANCE;
        else {
            cr_options_free(o);
            return fail_usage("unknown objective '%s' (expected auto, vehicles-then-distance or distance)",
                              a->objective);
        }
    }
    struct {
        int key;
        double value;
        int set;
    } settings[] = {
        {CR_OPT_TIME_LIMIT, a->time_limit, 1},
        {CR_OPT_ITERATION_LIMIT, (double)a->iterations, 1},
        {CR_OPT_SEED, (double)a->seed, 1},
        {CR_OPT_THREADS, (double)a->threads, 1},
        {CR_OPT_OBJECTIVE, objective, 1},
        {CR_OPT_CONTINUITY_WEIGHT, a->continuity_weight, 1},
        {CR_OPT_PREFERENCE_WEIGHT, a->preference_weight, 1},
    };
    for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++) {
        if (cr_options_set_double(o, settings[k].key, settings[k].value) != CR_OK) {
            fprintf(stderr, "careroute: %s\n", cr_options_errmsg(o));
            cr_options_free(o);
            return EXIT_BAD_INPUT;
        }
    }
    *out = o;
    return 0;
}

/* --zones: clients into zone polygons; --map / --matrix: road travel or a
 * user's matrix instead of what the scenario says. Returns 0 or an exit status. */
int load_map(const char *path, const char *profile, cr_map **out)
{
    cr_map_new(out);
    cr_status st = profile ? cr_map_set_profile(*out, profile) : CR_OK;
    if (st == CR_OK)
        st = cr_map_load_file(*out, path);
    if (st == CR_OK)
        return 0;
    fprintf(stderr, "careroute: %s\n", cr_map_errmsg(*out));
    cr_map_free(*out);
    *out = NULL;
    return exit_for_load(st);
}

/* Apply --zones, --map or --matrix to s. The map is handed back in
 * *map_out (for pictures) when map_out is given, else freed. */
static int apply_travel(cr_scenario *s, const args *a, cr_map **map_out)
{
    if (a->map && a->matrix)
        return fail_usage("give --map or --matrix, not both%s", "");
    if (a->profile && !a->map)
        return fail_usage("--profile goes with --map%s", "");
    int st = CR_OK;
    if (a->zones) {
        cr_zones *z = NULL;
        cr_zones_new(&z);
        st = cr_zones_load_file(z, a->zones);
        if (st != CR_OK)
            fprintf(stderr, "careroute: %s\n", cr_zones_errmsg(z));
        else if ((st = cr_scenario_use_zones(s, z)) != CR_OK)
            fprintf(stderr, "careroute: %s\n", cr_scenario_errmsg(s));
        cr_zones_free(z);
        if (st != CR_OK)
            return exit_for_load(st);
    }
    if (a->map) {
        cr_map *m = NULL;
        int rc = load_map(a->map, a->profile, &m);
        if (rc)
            return rc;
        if ((st = cr_scenario_use_map(s, m)) != CR_OK)
            fprintf(stderr, "careroute: %s\n", cr_scenario_errmsg(s));
        if (st == CR_OK && map_out)
            *map_out = m;
        else
            cr_map_free(m);
    } else if (a->matrix) {
        cr_matrix *x = NULL;
        cr_matrix_new(&x);
        st = cr_matrix_load_file(x, a->matrix);
        if (st != CR_OK)
            fprintf(stderr, "careroute: %s\n", cr_matrix_errmsg(x));
        else if ((st = cr_scenario_use_matrix(s, x)) != CR_OK)
            fprintf(stderr, "careroute: %s\n", cr_scenario_errmsg(s));
        cr_matrix_free(x);
    }
    return st == CR_OK ? 0 : exit_for_load(st);
}

static int parse_format(const char *name, int *out)
{
    if (!name || !strcmp(name, "auto"))
        *out = CR_FORMAT_AUTO;
    else if (!strcmp(name, "scenario"))
        *out = CR_FORMAT_SCENARIO;
    else if (!strcmp(name, "solomon") || !strcmp(name, "homberger"))
        *out = CR_FORMAT_SOLOMON;
    else if (!strcmp(name, "mankowska"))
        *out = CR_FORMAT_MANKOWSKA;
    else if (!strcmp(name, "hhc-json"))
        *out = CR_FORMAT_HHC_JSON;
    else if (!strcmp(name, "convrp"))
        *out = CR_FORMAT_CONVRP;
    else
        return fail_usage("unknown format '%s' (expected auto, scenario, solomon, mankowska, hhc-json or convrp)", name);
    return 0;
}

/* Solve, check, write outputs and print the summary line. */
/* On a terminal, one progress line rewritten in place; nothing otherwise. */
static int show_progress(double fraction, double best_cost, size_t unassigned, void *user)
{
    const struct timespec *t0 = user;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = (double)(now.tv_sec - t0->tv_sec) + (now.tv_nsec - t0->tv_nsec) / 1e9;
    fprintf(stderr, "\r%3.0f%%  best %.1f  unassigned %zu  %.1f s   ", 100 * fraction, best_cost, unassigned,
            elapsed);
    fflush(stderr);
    return 0;
}

static int solve_and_report(cr_scenario *s, const args *a, const char *out, const char *routes_out,
                            const char *report_dir, cr_map *map)
{
    cr_options *o = NULL;
    int rc = build_options(a, &o);
    if (rc)
        return rc;
    cr_solver *sv = NULL;
    cr_plan *plan = NULL;
    cr_check *chk = NULL;
    if (cr_solver_new(&sv) != CR_OK) {
        cr_options_free(o);
        return 1;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool tty = isatty(STDERR_FILENO);
    if (tty)
        cr_solver_set_progress(sv, show_progress, &t0);
    active_solver = sv;
    signal(SIGINT, on_interrupt);
    int st = cr_solver_solve(sv, s, o, &plan);
    signal(SIGINT, SIG_DFL);
    active_solver = NULL;
    if (tty) /* clear the progress line */
        fprintf(stderr, "\r%60s\r", "");
    if (st == CR_ERR_CANCELLED && plan)
        fprintf(stderr, "careroute: interrupted; writing the best plan found so far\n");
    else if (st != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_solver_errmsg(sv));
        rc = exit_for(st);
        goto done;
    }
    if (cr_check_new(&chk, plan) != CR_OK) {
        fprintf(stderr, "careroute: could not check the plan\n");
        rc = 1;
        goto done;
    }
    for (size_t i = 0; i < cr_check_n_violations(chk); i++)
        fprintf(stderr, "careroute: checker: %s\n", cr_check_violation_message(chk, i));
    if (out && (st = cr_plan_write_json(plan, out)) != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_plan_errmsg(plan));
        rc = 1;
        goto done;
    }
    if (routes_out && (st = cr_plan_write_routes(plan, routes_out)) != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_plan_errmsg(plan));
        rc = 1;
        goto done;
    }
    printf("{\"instance\": ");
    json_string(stdout, cr_scenario_name(s));
    printf(", \"routes\": %zu, \"distance\": ", cr_plan_n_routes(plan));
    json_number(stdout, cr_plan_distance(plan));
    printf(", \"travel_time\": ");
    json_number(stdout, cr_plan_travel_time(plan));
    printf(", \"unassigned\": %zu, \"objective\": ", cr_plan_n_unassigned(plan));
    json_number(stdout, cr_check_objective(chk));
    if (cr_check_tardiness(chk) > 0) {
        printf(", \"tardiness\": ");
        json_number(stdout, cr_check_tardiness(chk));
        printf(", \"max_tardiness\": ");
        json_number(stdout, cr_check_max_tardiness(chk));
    }
    if (cr_scenario_n_days(s) > 1) {
        printf(", \"carers_per_client\": ");
        json_number(stdout, cr_check_carers_per_client(chk));
    }
    printf(", \"feasible\": %s, \"seconds\": %.3f}\n", cr_check_feasible(chk) ? "true" : "false",
           cr_plan_seconds(plan));
    fflush(stdout);
    /* An infeasible plan from our own solver is a bug, not a result. */
    rc = cr_check_feasible(chk) ? 0 : 1;
    if (rc == 0 && report_dir)
        rc = careroute_write_reports(plan, report_dir, map, a->living_wage);
done:
    cr_check_free(chk);
    cr_plan_free(plan);
    cr_solver_free(sv);
    cr_options_free(o);
    return rc;
}

static void default_args(args *a)
{
    memset(a, 0, sizeof *a);
    a->time_limit = 10.0;
    a->seed = 1;
    a->threads = 1;
    a->living_wage = NAN;
    a->continuity_weight = -1;
    a->preference_weight = -1;
}

static int cmd_solve(int argc, char **argv)
{
    args a;
    default_args(&a);
    const char *pos[1];
    int n_pos, rc = parse_args(argc, argv, &a, pos, 1, &n_pos);
    if (rc)
        return rc;
    if (n_pos != 1)
        return fail_usage("solve needs one INPUT file%s", "");
    int format;
    if ((rc = parse_format(a.format, &format)) != 0)
        return rc;
    cr_scenario *s = NULL;
    if (cr_scenario_new(&s) != CR_OK)
        return 1;
    int st = cr_scenario_load_file(s, pos[0], format);
    if (st != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_scenario_errmsg(s));
        cr_scenario_free(s);
        return exit_for_load(st);
    }
    cr_map *map = NULL;
    if ((rc = apply_travel(s, &a, a.report_dir ? &map : NULL)) != 0) {
        cr_scenario_free(s);
        return rc;
    }
    if (a.report_dir && (rc = check_dir(a.report_dir, "--report-dir")) != 0) {
        cr_map_free(map);
        cr_scenario_free(s);
        return rc;
    }
    rc = solve_and_report(s, &a, a.out, a.routes_out, a.report_dir, map);
    cr_map_free(map);
    cr_scenario_free(s);
    return rc;
}

/* check and report: scenario pos[0] (with --map, --matrix or --zones
 * applied; the map into *map when asked) and plan pos[1] loaded against it.
 * Returns 0 or an exit status, the error printed; the caller frees what
 * was made either way. */
static int load_scenario_and_plan(const args *a, const char *const *pos, int format, cr_scenario **s, cr_plan **plan,
                                  cr_map **map)
{
    cr_scenario_new(s);
    int st = cr_scenario_load_file(*s, pos[0], format);
    if (st != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_scenario_errmsg(*s));
        return exit_for_load(st);
    }
    int rc = apply_travel(*s, a, map);
    if (rc != 0)
        return rc;
    cr_plan_new(plan, *s);
    if ((st = cr_plan_load_file(*plan, pos[1])) != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_plan_errmsg(*plan));
        return exit_for_load(st);
    }
    return 0;
}

static int cmd_check(int argc, char **argv)
{
    args a;
    default_args(&a);
    const char *pos[2];
    int n_pos, rc = parse_args(argc, argv, &a, pos, 2, &n_pos);
    if (rc)
        return rc;
    if (n_pos != 2)
        return fail_usage("check needs INPUT and PLAN%s", "");
    int format;
    if ((rc = parse_format(a.format, &format)) != 0)
        return rc;
    cr_scenario *s = NULL;
    cr_plan *plan = NULL;
    cr_check *chk = NULL;
    if ((rc = load_scenario_and_plan(&a, pos, format, &s, &plan, NULL)) != 0)
        goto done;
    cr_check_new(&chk, plan);
    for (size_t i = 0; i < cr_check_n_violations(chk); i++)
        fprintf(stderr, "%s\n", cr_check_violation_message(chk, i));
    printf("{\"instance\": ");
    json_string(stdout, cr_scenario_name(s));
    printf(", \"routes\": %zu, \"distance\": ", cr_check_routes(chk));
    json_number(stdout, cr_check_distance(chk));
    printf(", \"travel_time\": ");
    json_number(stdout, cr_check_travel_time(chk));
    printf(", \"unassigned\": %zu, \"objective\": ", cr_check_unassigned(chk));
    json_number(stdout, cr_check_objective(chk));
    printf(", \"feasible\": %s, \"violations\": %zu}\n", cr_check_feasible(chk) ? "true" : "false",
           cr_check_n_violations(chk));
    rc = cr_check_feasible(chk) ? 0 : 1;
done:
    cr_check_free(chk);
    cr_plan_free(plan);
    cr_scenario_free(s);
    return rc;
}

/* careroute report SCENARIO PLAN: check the plan, then write its reports. */
static int cmd_report(int argc, char **argv)
{
    args a;
    default_args(&a);
    a.out_dir = ".";
    const char *pos[2];
    int n_pos, rc = parse_args(argc, argv, &a, pos, 2, &n_pos);
    if (rc)
        return rc;
    if (n_pos != 2)
        return fail_usage("report needs SCENARIO and PLAN%s", "");
    int format;
    if ((rc = parse_format(a.format, &format)) != 0 || (rc = check_dir(a.out_dir, "--out-dir")) != 0)
        return rc;
    cr_scenario *s = NULL;
    cr_plan *plan = NULL;
    cr_check *chk = NULL;
    cr_map *map = NULL;
    if ((rc = load_scenario_and_plan(&a, pos, format, &s, &plan, &map)) != 0)
        goto done;
    /* A report of a plan that breaks rules would mislead: check first. */
    cr_check_new(&chk, plan);
    if (!cr_check_feasible(chk)) {
        for (size_t i = 0; i < cr_check_n_violations(chk); i++)
            fprintf(stderr, "careroute: checker: %s\n", cr_check_violation_message(chk, i));
        fprintf(stderr, "careroute: %s breaks the rules above; no report written\n", pos[1]);
        rc = 1;
        goto done;
    }
    rc = careroute_write_reports(plan, a.out_dir, map, a.living_wage);
    if (rc == 0)
        fprintf(stderr, "careroute: wrote report.html, report.json, the CSV tables and pictures into %s\n", a.out_dir);
done:
    cr_check_free(chk);
    cr_plan_free(plan);
    cr_map_free(map);
    cr_scenario_free(s);
    return rc;
}

/* An output folder: made if it is missing but its parent is there (a typo
 * in the parent stays an error, not a tree of new folders), checked before
 * any solve so that a bad path costs nothing. */
static int check_dir(const char *dir, const char *option)
{
    struct stat st_dir;
    if (stat(dir, &st_dir) == 0) {
        if (S_ISDIR(st_dir.st_mode))
            return 0;
        fprintf(stderr, "careroute: %s %s: exists and is not a folder\n", option, dir);
        return EXIT_BAD_INPUT;
    }
    if (errno == ENOENT && mkdir(dir, 0777) == 0) {
        fprintf(stderr, "careroute: %s %s: made the folder\n", option, dir);
        return 0;
    }
    fprintf(stderr, "careroute: %s %s: cannot make the folder: %s\n", option, dir,
            errno == ENOENT ? "its parent folder does not exist" : strerror(errno));
    return EXIT_BAD_INPUT;
}

char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* The built-in sample is `careroute generate` with these settings (see
 * examples/data/README.md); `demo --map` makes the same kind of area on the
 * map's roads. */
static const struct {
    int key;
    double value;
} sample_settings[] = {
    {CR_GEN_CLIENTS, 48}, {CR_GEN_ZONES, 3}, {CR_GEN_PROVIDERS, 2}, {CR_GEN_DAYS, 7}, {CR_GEN_SEED, 4},
};

/* The same kind of area as the built-in sample, on the roads of a loaded
 * map. The generated scenario names the map for road travel, so loading it
 * builds the travel matrix. */
static int sample_on_map(cr_scenario *s, cr_map *map, const args *a)
{
    cr_generator *g = NULL;
    cr_generator_new(&g);
    cr_status st;
    for (size_t i = 0; i < sizeof sample_settings / sizeof *sample_settings; i++)
        cr_generator_set_double(g, sample_settings[i].key, sample_settings[i].value);
    cr_generator_use_map(g, map);
    const char *json = cr_generator_json(g);
    int rc = 0;
    if (!json) {
        fprintf(stderr, "careroute: %s\n", cr_generator_errmsg(g));
        rc = 1;
    } else if ((st = cr_scenario_load_data(s, json, strlen(json), CR_FORMAT_SCENARIO)) != CR_OK) {
        fprintf(stderr, "careroute: the sample on %s: %s\n", a->map, cr_scenario_errmsg(s));
        rc = exit_for_load(st);
    }
    cr_generator_free(g);
    return rc;
}

static int cmd_demo(int argc, char **argv)
{
    args a;
    default_args(&a);
    a.time_limit = 3.0;
    a.out_dir = ".";
    const char *pos[1];
    int n_pos, rc = parse_args(argc, argv, &a, pos, 0, &n_pos);
    if (rc)
        return rc;
    if (a.matrix || a.zones)
        return fail_usage("demo takes --map (and --profile), not %s", a.matrix ? "--matrix" : "--zones");
    if (a.profile && !a.map)
        return fail_usage("--profile goes with --map%s", "");
    if ((rc = check_dir(a.out_dir, "--out-dir")) != 0)
        return rc;
    cr_scenario *s = NULL;
    cr_map *map = NULL;
    cr_scenario_new(&s);
    if (a.map) {
        if ((rc = load_map(a.map, a.profile, &map)) == 0)
            rc = sample_on_map(s, map, &a);
    } else if (cr_scenario_load_data(s, cr_sample_scenario, cr_sample_scenario_len, CR_FORMAT_SCENARIO) != CR_OK) {
        fprintf(stderr, "careroute: built-in sample: %s\n", cr_scenario_errmsg(s));
        rc = 1;
    }
    if (rc == 0) {
        fprintf(stderr, "careroute: planning %s '%s' (%zu carers, %zu clients, %zu visits over %zu days) for %g s\n",
                a.map ? "a sample area on the map" : "the built-in sample scenario", cr_scenario_name(s),
                cr_scenario_n_carers(s), cr_scenario_n_clients(s), cr_scenario_n_visits(s), cr_scenario_n_days(s),
                a.time_limit);
        char *plan_path = join_path(a.out_dir, "plan.json");
        char *routes_path = join_path(a.out_dir, "routes.txt");
        rc = solve_and_report(s, &a, plan_path, routes_path, a.out_dir, map);
        if (rc == 0)
            fprintf(stderr, "careroute: wrote plan.json, routes.txt, report.html (open it in a browser), "
                            "report.json, the CSV tables and the pictures into %s\n", a.out_dir);
        free(plan_path);
        free(routes_path);
    }
    cr_map_free(map);
    cr_scenario_free(s);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_BAD_INPUT;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("careroute %s\n", cr_version());
        return 0;
    }
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_text, stdout);
            return 0;
        }
    if (!strcmp(cmd, "solve"))
        return cmd_solve(argc - 2, argv + 2);
    if (!strcmp(cmd, "check"))
        return cmd_check(argc - 2, argv + 2);
    if (!strcmp(cmd, "report"))
        return cmd_report(argc - 2, argv + 2);
    if (!strcmp(cmd, "generate"))
        return careroute_cmd_generate(argc - 2, argv + 2);
    if (!strcmp(cmd, "demo"))
        return cmd_demo(argc - 2, argv + 2);
    if (!strcmp(cmd, "matrix"))
        return careroute_cmd_matrix(argc - 2, argv + 2);
    if (!strcmp(cmd, "zones"))
        return careroute_cmd_zones(argc - 2, argv + 2);
    return fail_usage("unknown command '%s'", cmd);
}
