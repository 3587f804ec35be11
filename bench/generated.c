/* See generated.h. */
#include "generated.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

cr_scenario *bench_generated_week(const char *program, int clients, int zones, int providers, double double_ups,
                                  long long seed)
{
    cr_generator *g = NULL;
    if (cr_generator_new(&g) != CR_OK) {
        fprintf(stderr, "%s: out of memory\n", program);
        return NULL;
    }
    struct {
        int key;
        double value;
    } settings[] = {{CR_GEN_CLIENTS, clients}, {CR_GEN_ZONES, zones}, {CR_GEN_PROVIDERS, providers},
                    {CR_GEN_SEED, (double)seed}, {CR_GEN_DOUBLE_UP_SHARE, double_ups}};
    for (size_t k = 0; k < G_N_ELEMENTS(settings); k++)
        if (cr_generator_set_double(g, settings[k].key, settings[k].value) != CR_OK) {
            fprintf(stderr, "%s: %s\n", program, cr_generator_errmsg(g));
            cr_generator_free(g);
            return NULL;
        }
    const char *json = cr_generator_json(g);
    cr_scenario *sc = NULL;
    cr_scenario_new(&sc);
    if (!json || cr_scenario_load_data(sc, json, strlen(json), CR_FORMAT_SCENARIO) != CR_OK) {
        fprintf(stderr, "%s: %s\n", program, json ? cr_scenario_errmsg(sc) : cr_generator_errmsg(g));
        cr_scenario_free(sc);
        sc = NULL;
    }
    cr_generator_free(g);
    return sc;
}
