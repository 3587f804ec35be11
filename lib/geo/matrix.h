/* A travel matrix over named points, whatever made it (roads, straight
 * lines, a user's file), with its CSV form and its binary cache form. */
#ifndef CR_GEO_MATRIX_H
#define CR_GEO_MATRIX_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "shortest.h"

typedef struct {
    uint32_t n;
    char **ids;
    double *lon, *lat;   /* NAN when the source had no coordinates */
    cr_geo_table *t;     /* n x n: whole milliseconds and metres */
    bool has_metres;     /* false for a user's matrix of times only */
} cr_geo_matrix;

/* NULL when the n x n table does not fit in memory. */
cr_geo_matrix *cr_geo_matrix_new(uint32_t n);
/* Say so: "WHAT: a N x N matrix needs X GB of memory" (CR_ERR_NO_MEMORY). */
void cr_geo_matrix_no_memory(GError **err, const char *what, uint32_t n);
void cr_geo_matrix_free(cr_geo_matrix *m);

/* Great-circle metres x detour at kmh. */
cr_geo_matrix *cr_geo_matrix_straight(uint32_t n, const char *const *ids, const double *lon,
                                      const double *lat, double detour, double kmh);

/* CSV: a header "id" (or empty) then the ids, one row per origin starting
 * with its id, seconds, -1 where unreachable. Written atomically. */
bool cr_geo_matrix_write_csv(const cr_geo_matrix *m, const char *path, GError **err);
/* Reads the CSV above (e.g. exported from OSRM) or JSON with "ids" and
 * "durations" (and optionally "distances"), as OSRM's table service answers. */
cr_geo_matrix *cr_geo_matrix_read_file(const char *path, GError **err);

/* Binary cache: the key, then the matrix. Loading returns NULL with no error
 * when the file is absent or made for another key. */
bool cr_geo_matrix_save_cache(const cr_geo_matrix *m, const char *key, const char *path, GError **err);
cr_geo_matrix *cr_geo_matrix_load_cache(const char *key, const char *path, GError **err);

#endif
