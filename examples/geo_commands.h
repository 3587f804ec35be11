/* The `careroute matrix` and `careroute zones` commands. */
#ifndef CAREROUTE_GEO_COMMANDS_H
#define CAREROUTE_GEO_COMMANDS_H

int careroute_cmd_matrix(int argc, char **argv);
int careroute_cmd_zones(int argc, char **argv);

#endif
