/* The `careroute matrix` and `careroute zones` commands, and the helpers of
 * careroute.c they share. */
#ifndef CAREROUTE_GEO_COMMANDS_H
#define CAREROUTE_GEO_COMMANDS_H

int careroute_cmd_matrix(int argc, char **argv);
int careroute_cmd_zones(int argc, char **argv);
/* careroute report, and the reports `demo` and `solve --report-dir` write
 * (report_command.c). living_wage NaN keeps the library's default. */
int careroute_cmd_report(int argc, char **argv);
struct cr_plan;
struct cr_map;
int careroute_write_reports(const struct cr_plan *plan, const char *dir, struct cr_map *map, double living_wage);
/* careroute generate (generate_command.c). */
int careroute_cmd_generate(int argc, char **argv);

/* "careroute: <fmt with what>" and a hint on stderr; returns exit status 2. */
int fail_usage(const char *fmt, const char *what);
/* Exit status for a failed call: 2 for bad input (an unreadable file named
 * on the command line included), 1 otherwise. */
int exit_for_load(int status);

#endif
