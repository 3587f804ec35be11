/* Shared by the bench programs that plan generated weeks: careroute's
 * generator, seeded, loaded as a scenario. */
#ifndef CR_BENCH_GENERATED_H
#define CR_BENCH_GENERATED_H

#include <careroute.h>

/* A generated week of `clients` clients, or NULL after printing why to
 * stderr with the program's name. The caller frees it. */
cr_scenario *bench_generated_week(const char *program, int clients, int zones, int providers, double double_ups,
                                  long long seed);

#endif
