/* Writing a plan's reports (for `demo`, `solve --report-dir` and `report`),
 * through the public API only. */
#include "geo_commands.h"

#include <careroute.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    char *json = join_path(dir, "report.json"), *html = join_path(dir, "report.html");
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
            char *path = join_path(dir, name);
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
