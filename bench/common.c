/* See common.h. */
#include "common.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cr_scenario *bench_generated_week(const char *program, int clients, int carers, int zones, int providers,
                                  double double_ups, int chosen_days_off, long long seed)
{
    cr_generator *g = NULL;
    if (cr_generator_new(&g) != CR_OK) {
        fprintf(stderr, "%s: out of memory\n", program);
        return NULL;
    }
    struct {
        int key;
        double value;
    } settings[] = {{CR_GEN_CLIENTS, clients}, {CR_GEN_CARERS, carers}, {CR_GEN_ZONES, zones},
                    {CR_GEN_PROVIDERS, providers}, {CR_GEN_SEED, (double)seed}, {CR_GEN_DOUBLE_UP_SHARE, double_ups},
                    {CR_GEN_CHOSEN_DAYS_OFF, chosen_days_off}};
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

bool bench_parse_options(const char *program, const char *summary, GOptionEntry *entries, int *argc, char ***argv)
{
    GError *err = NULL;
    GOptionContext *ctx = g_option_context_new(summary);
    g_option_context_add_main_entries(ctx, entries, NULL);
    bool ok = g_option_context_parse(ctx, argc, argv, &err);
    if (!ok) {
        fprintf(stderr, "%s: %s\n", program, err->message);
        g_error_free(err);
    }
    g_option_context_free(ctx);
    return ok;
}

double *bench_parse_list(const char *program, const char *option, const char *text, double min, double max, int *n)
{
    char **items = g_strsplit(text, ",", -1);
    *n = (int)g_strv_length(items);
    double *values = g_new(double, *n ? *n : 1);
    for (int k = 0; k < *n; k++) {
        char *end = NULL;
        values[k] = g_ascii_strtod(items[k], &end);
        if (!end || end == items[k] || *end || !(values[k] >= min && values[k] <= max)) {
            fprintf(stderr, "%s: %s: '%s' is not a number from %g to %g\n", program, option, items[k], min, max);
            g_strfreev(items);
            g_free(values);
            return NULL;
        }
    }
    g_strfreev(items);
    return values;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

cr_plan *bench_solve(const char *program, const char *label, cr_scenario *sc, double time_limit, int threads,
                     long long seed, double continuity_weight, cr_progress_fn progress, void *user)
{
    return bench_solve_weights(program, label, sc, time_limit, threads, seed, continuity_weight, NAN, progress, user);
}

cr_plan *bench_solve_weights(const char *program, const char *label, cr_scenario *sc, double time_limit, int threads,
                             long long seed, double continuity_weight, double preference_weight,
                             cr_progress_fn progress, void *user)
{
    cr_options *o = NULL;
    cr_solver *sv = NULL;
    cr_plan *plan = NULL;
    cr_options_new(&o);
    cr_options_set_double(o, CR_OPT_TIME_LIMIT, time_limit);
    cr_options_set_int(o, CR_OPT_THREADS, threads);
    cr_options_set_int(o, CR_OPT_SEED, seed);
    if ((!isnan(continuity_weight) && cr_options_set_double(o, CR_OPT_CONTINUITY_WEIGHT, continuity_weight) != CR_OK) ||
        (!isnan(preference_weight) && cr_options_set_double(o, CR_OPT_PREFERENCE_WEIGHT, preference_weight) != CR_OK)) {
        fprintf(stderr, "%s: %s: %s\n", program, label, cr_options_errmsg(o));
        cr_options_free(o);
        return NULL;
    }
    cr_solver_new(&sv);
    if (progress)
        cr_solver_set_progress(sv, progress, user);
    cr_status st = cr_solver_solve(sv, sc, o, &plan);
    cr_options_free(o);
    if (st != CR_OK) {
        fprintf(stderr, "%s: %s: %s\n", program, label, cr_solver_errmsg(sv));
        cr_plan_free(plan);
        plan = NULL;
    }
    cr_solver_free(sv);
    return plan;
}

bool bench_check(const char *program, const char *label, const cr_plan *plan, cr_check **keep)
{
    cr_check *c = NULL;
    if (cr_check_new(&c, plan) != CR_OK) {
        fprintf(stderr, "%s: %s: the checker could not run\n", program, label);
        return false;
    }
    bool feasible = cr_check_feasible(c);
    for (size_t k = 0; k < cr_check_n_violations(c) && k < 5; k++)
        fprintf(stderr, "%s: %s: %s\n", program, label, cr_check_violation_message(c, k));
    if (keep)
        *keep = c;
    else
        cr_check_free(c);
    return feasible;
}
