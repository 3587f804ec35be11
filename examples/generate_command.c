/* careroute generate: a synthetic home care week as a scenario file,
 * through the public API only. */
#include "geo_commands.h"

#include <careroute.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *option;
    int key;
} numeric_option;

static const numeric_option numeric[] = {
    {"--seed", CR_GEN_SEED},
    {"--clients", CR_GEN_CLIENTS},
    {"--carers", CR_GEN_CARERS},
    {"--providers", CR_GEN_PROVIDERS},
    {"--zones", CR_GEN_ZONES},
    {"--days", CR_GEN_DAYS},
    {"--visits-per-day", CR_GEN_VISITS_PER_DAY},
    {"--double-ups", CR_GEN_DOUBLE_UP_SHARE},
    {"--rural", CR_GEN_RURAL_SHARE},
    {"--centre-lat", CR_GEN_CENTRE_LAT},
    {"--centre-lon", CR_GEN_CENTRE_LON},
};

/* --days-off: CR_GEN_CHOSEN_DAYS_OFF's value, -1 for an unknown word. */
static int days_off_mode(const char *value)
{
    static const char *const modes[] = {"fixed", "chosen", "in-a-row"};
    for (int k = 0; k < 3; k++)
        if (!strcmp(value, modes[k]))
            return k;
    return -1;
}

int careroute_cmd_generate(int argc, char **argv)
{
    const char *out = NULL, *map_path = NULL, *profile = NULL;
    cr_generator *g = NULL;
    cr_map *map = NULL;
    int rc = 0;
    cr_generator_new(&g);
    for (int i = 0; i < argc && rc == 0; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-') {
            rc = fail_usage("unexpected argument '%s'", arg);
            break;
        }
        char name[64];
        const char *value = split_option(arg, name, sizeof name);
        int key = 0;
        for (size_t k = 0; k < sizeof numeric / sizeof *numeric; k++)
            if (!strcmp(name, numeric[k].option))
                key = numeric[k].key;
        if (!key && strcmp(name, "--out") && strcmp(name, "--map") && strcmp(name, "--profile") &&
            strcmp(name, "--days-off")) {
            rc = fail_usage("unknown option '%s'", arg);
            break;
        }
        if (!value) {
            if (i + 1 >= argc) {
                rc = fail_usage("option '%s' needs a value", arg);
                break;
            }
            value = argv[++i];
        }
        if (!strcmp(name, "--out"))
            out = value;
        else if (!strcmp(name, "--map"))
            map_path = value;
        else if (!strcmp(name, "--profile"))
            profile = value;
        else if (!strcmp(name, "--days-off")) {
            int mode = days_off_mode(value);
            if (mode < 0)
                rc = fail_usage("--days-off: expected 'fixed', 'chosen' or 'in-a-row', got '%s'", value);
            else
                cr_generator_set_int(g, CR_GEN_CHOSEN_DAYS_OFF, mode);
        } else {
            double v;
            if ((rc = parse_number(name, value, &v)) != 0)
                break;
            if (cr_generator_set_double(g, key, v) != CR_OK) {
                fprintf(stderr, "careroute: --%s\n", cr_generator_errmsg(g));
                rc = 2;
            }
        }
    }
    if (rc == 0 && !out)
        rc = fail_usage("%s needs --out FILE (- for standard output)", "generate");
    if (rc == 0 && profile && !map_path)
        rc = fail_usage("%s goes with --map", "--profile");
    if (rc == 0 && map_path && (rc = load_map(map_path, profile, &map)) == 0)
        cr_generator_use_map(g, map); /* a loaded map is always accepted */
    if (rc == 0) {
        const char *json = cr_generator_json(g);
        cr_scenario *s = NULL;
        cr_scenario_new(&s);
        if (!json) {
            fprintf(stderr, "careroute: %s\n", cr_generator_errmsg(g));
            rc = 2;
        } else if (cr_scenario_load_data(s, json, strlen(json), CR_FORMAT_SCENARIO) != CR_OK) {
            /* The generator's output must always load: anything else is a bug. */
            fprintf(stderr, "careroute: internal error: the generated scenario does not load: %s\n",
                    cr_scenario_errmsg(s));
            rc = 1;
        } else if (!strcmp(out, "-")) {
            fputs(json, stdout);
            fputc('\n', stdout);
        } else if (cr_generator_write(g, out) != CR_OK) {
            fprintf(stderr, "careroute: %s\n", cr_generator_errmsg(g));
            rc = 1;
        }
        if (rc == 0) {
            double hours = 0;
            for (size_t i = 0; i < cr_scenario_n_clients(s); i++)
                hours += cr_scenario_client_hours(s, i);
            fprintf(strcmp(out, "-") ? stdout : stderr,
                    "{\"scenario\": \"%s\", \"clients\": %zu, \"carers\": %zu, \"visits\": %zu, \"days\": %zu, "
                    "\"care_hours\": %.1f}\n",
                    cr_scenario_name(s), cr_scenario_n_clients(s), cr_scenario_n_carers(s), cr_scenario_n_visits(s),
                    cr_scenario_n_days(s), hours);
        }
        cr_scenario_free(s);
    }
    cr_map_free(map);
    cr_generator_free(g);
    return rc;
}
