/* The commands kept beside careroute.c (matrix, zones, generate, the
 * reports) and the helpers of careroute.c they share. */
#ifndef CAREROUTE_GEO_COMMANDS_H
#define CAREROUTE_GEO_COMMANDS_H

#include <stddef.h>

int careroute_cmd_matrix(int argc, char **argv);
int careroute_cmd_zones(int argc, char **argv);
/* "--name=value": the name into name[size] and the value returned; a bare
 * "--name": the name, and NULL (careroute.c). */
const char *split_option(const char *arg, char *name, size_t size);
/* A finite number from text, or a message naming opt and exit status 2. */
int parse_number(const char *opt, const char *text, double *out);
/* A new map loaded from path with the profile (NULL: car) into *out;
 * or the message printed, *out NULL and the exit status returned. */
struct cr_map;
int load_map(const char *path, const char *profile, struct cr_map **out);
/* "dir/name", malloc'ed (careroute.c). */
char *join_path(const char *dir, const char *name);
/* The reports `demo`, `solve --report-dir` and `report` write
 * (report_command.c). living_wage NaN keeps the library's default. */
struct cr_plan;
int careroute_write_reports(const struct cr_plan *plan, const char *dir, struct cr_map *map, double living_wage);
/* careroute generate (generate_command.c). */
int careroute_cmd_generate(int argc, char **argv);

/* "careroute: <fmt with what>" and a hint on stderr; returns exit status 2. */
int fail_usage(const char *fmt, const char *what);
/* Exit status for a failed call: 2 for bad input (an unreadable file named
 * on the command line included), 1 otherwise. */
int exit_for_load(int status);

#endif
