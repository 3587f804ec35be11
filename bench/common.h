/* Shared by the bench programs: a generated week (careroute's generator,
 * seeded, loaded as a scenario), a solve with limits, the independent
 * check, and command-line parsing. */
#ifndef CR_BENCH_COMMON_H
#define CR_BENCH_COMMON_H

#include <careroute.h>

#include <glib.h>
#include <stdbool.h>

/* A generated week of `clients` clients with `carers` carers (0: as many
 * as the work needs, the generator's default), their days off fixed or
 * left to the plan (CR_GEN_CHOSEN_DAYS_OFF's 0, 1 or 2), or NULL after printing why
 * to stderr with the program's name. The caller frees it. */
cr_scenario *bench_generated_week(const char *program, int clients, int carers, int zones, int providers,
                                  double double_ups, int chosen_days_off, long long seed);

/* Solve sc for at most time_limit seconds on `threads` threads with this
 * seed; continuity_weight NaN keeps the scenario's rule; progress may be
 * NULL. NULL after printing why, after "program: label: ". */
cr_plan *bench_solve(const char *program, const char *label, cr_scenario *sc, double time_limit, int threads,
                     long long seed, double continuity_weight, cr_progress_fn progress, void *user);
/* The same, with a preference weight too (NaN: the scenario's rule). */
cr_plan *bench_solve_weights(const char *program, const char *label, cr_scenario *sc, double time_limit, int threads,
                             long long seed, double continuity_weight, double preference_weight,
                             cr_progress_fn progress, void *user);

/* The median of v[0..n) (the mean of the middle two for even n); sorts v. */
double bench_median(double *v, int n);

/* Check plan with the independent checker and print its first violations;
 * returns whether it is feasible. The check goes to *keep when keep is not
 * NULL (the caller frees it), else it is freed. */
bool bench_check(const char *program, const char *label, const cr_plan *plan, cr_check **keep);

/* Parse the command line against entries, or print why and return false. */
bool bench_parse_options(const char *program, const char *summary, GOptionEntry *entries, int *argc, char ***argv);

/* A comma-separated list of numbers in [min, max], or NULL after printing
 * which item is wrong (naming the option). *n receives the count. */
double *bench_parse_list(const char *program, const char *option, const char *text, double min, double max, int *n);

#endif
