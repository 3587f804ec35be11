/* Writing a plan's reports (for `demo`, `solve --report-dir` and `report`),
 * through the public API only. */
#include "geo_commands.h"

#include <careroute.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Zone names can hold anything; file names keep letters, digits and '-'. */
static void safe_name(char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-'))
            *s = '_';
}

/* The day with most planned visits, which the pictures show. */
static int64_t busiest_day(const cr_plan *p)
{
    size_t days = cr_scenario_n_days(cr_plan_scenario(p));
    int64_t best = 0;
    size_t most = 0;
    for (size_t d = 0; d < days; d++) {
        size_t n = 0;
        for (size_t r = 0; r < cr_plan_n_routes(p); r++)
            if (cr_plan_route_day(p, r) == (int64_t)d)
                n += cr_plan_route_length(p, r);
        if (n > most) {
            most = n;
            best = (int64_t)d;
        }
    }
    return best;
}

int careroute_write_reports(const cr_plan *plan, const char *dir, cr_map *map, double living_wage)
{
    cr_report *r = NULL;
    if (cr_report_new(&r, plan) != CR_OK) {
        fprintf(stderr, "careroute: could not make the report\n");
        return 1;
    }
    cr_status st = CR_OK;
    if (map)
        st = cr_report_use_map(r, map);
    if (st == CR_OK && !isnan(living_wage))
        st = cr_report_set_living_wage(r, living_wage);
    char *json = path_in(dir, "report.json"), *html = path_in(dir, "report.html");
    if (st == CR_OK)
        st = cr_report_write_json(r, json);
    if (st == CR_OK)
        st = cr_report_write_csv(r, dir);
    if (st == CR_OK)
        st = cr_report_write_html(r, html);
    /* The pictures also as files, for slides and print: each zone's map and
     * rota for the busiest day, and its continuity chart over the plan. */
    const cr_scenario *s = cr_plan_scenario(plan);
    size_t zones = cr_scenario_n_zones(s);
    int64_t day = busiest_day(plan);
    for (size_t z = 0; st == CR_OK && z < (zones ? zones : 1); z++) {
        char *zone = strdup(zones ? cr_scenario_zone_id(s, z) : "all");
        safe_name(zone);
        static const struct { int kind; const char *name, *ext; } pics[] = {
            {CR_PICTURE_MAP, "map", "png"}, {CR_PICTURE_ROTA, "rota", "svg"}, {CR_PICTURE_CONTINUITY, "continuity", "svg"},
        };
        for (size_t k = 0; st == CR_OK && k < sizeof pics / sizeof *pics; k++) {
            char name[256];
            snprintf(name, sizeof name, "%s-%s.%s", pics[k].name, zone, pics[k].ext);
            char *path = path_in(dir, name);
            st = cr_report_write_picture(r, pics[k].kind, zones ? (int64_t)z : -1, day, path);
            free(path);
        }
        free(zone);
    }
    int rc = 0;
    if (st != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_report_errmsg(r));
        rc = 1;
    }
    free(json);
    free(html);
    cr_report_free(r);
    return rc;
}

int careroute_cmd_report(int argc, char **argv)
{
    const char *pos[2] = {NULL, NULL}, *dir = ".", *map_path = NULL, *profile = NULL;
    double wage = NAN;
    int n_pos = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-') {
            if (n_pos == 2)
                return fail_usage("unexpected argument '%s'", arg);
            pos[n_pos++] = arg;
            continue;
        }
        if (strcmp(arg, "--out-dir") && strcmp(arg, "--map") && strcmp(arg, "--profile") &&
            strcmp(arg, "--living-wage"))
            return fail_usage("unknown option '%s'", arg);
        if (i + 1 >= argc)
            return fail_usage("option '%s' needs a value", arg);
        const char *value = argv[++i];
        if (!strcmp(arg, "--out-dir"))
            dir = value;
        else if (!strcmp(arg, "--map"))
            map_path = value;
        else if (!strcmp(arg, "--profile"))
            profile = value;
        else {
            char *end;
            errno = 0;
            wage = strtod(value, &end);
            if (!*value || *end || errno || !isfinite(wage))
                return fail_usage("--living-wage: '%s' is not a number", value);
        }
    }
    if (n_pos != 2)
        return fail_usage("%s needs SCENARIO and PLAN", "report");
    struct stat st_dir;
    if (stat(dir, &st_dir) != 0 || !S_ISDIR(st_dir.st_mode)) {
        fprintf(stderr, "careroute: --out-dir %s: not an existing directory\n", dir);
        return 2;
    }
    cr_scenario *s = NULL;
    cr_plan *plan = NULL;
    cr_map *map = NULL;
    cr_check *chk = NULL;
    int rc = 0;
    cr_scenario_new(&s);
    cr_status st = cr_scenario_load_file(s, pos[0], CR_FORMAT_AUTO);
    if (st != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_scenario_errmsg(s));
        rc = exit_for_load(st);
        goto done;
    }
    if (map_path) {
        cr_map_new(&map);
        st = profile ? cr_map_set_profile(map, profile) : CR_OK;
        if (st == CR_OK)
            st = cr_map_load_file(map, map_path);
        if (st == CR_OK)
            st = cr_scenario_use_map(s, map);
        if (st != CR_OK) {
            fprintf(stderr, "careroute: %s\n", map && cr_map_errmsg(map)[0] ? cr_map_errmsg(map) : cr_scenario_errmsg(s));
            rc = exit_for_load(st);
            goto done;
        }
    }
    cr_plan_new(&plan, s);
    if ((st = cr_plan_load_file(plan, pos[1])) != CR_OK) {
        fprintf(stderr, "careroute: %s\n", cr_plan_errmsg(plan));
        rc = exit_for_load(st);
        goto done;
    }
    /* A report of a plan that breaks rules would mislead: check first. */
    cr_check_new(&chk, plan);
    if (!cr_check_feasible(chk)) {
        for (size_t i = 0; i < cr_check_n_violations(chk); i++)
            fprintf(stderr, "careroute: checker: %s\n", cr_check_violation_message(chk, i));
        fprintf(stderr, "careroute: %s breaks the rules above; no report written\n", pos[1]);
        rc = 1;
        goto done;
    }
    rc = careroute_write_reports(plan, dir, map, wage);
    if (rc == 0)
        fprintf(stderr, "careroute: wrote report.html, report.json, the CSV tables and pictures into %s\n", dir);
done:
    cr_check_free(chk);
    cr_plan_free(plan);
    cr_map_free(map);
    cr_scenario_free(s);
    return rc;
}
