/* Reading scenarios and plans, writing plans. Every reader reports bad input
 * as a GError in the CR_ERROR domain whose message names the source and the
 * line or JSON path, and what was expected. */
#ifndef CR_IO_H
#define CR_IO_H

#include "model/model.h"

/* Largest input accepted, so a wrong file cannot exhaust memory. */
#define CR_IO_MAX_INPUT_BYTES ((size_t)512 * 1024 * 1024)

/* Read a whole file, refusing directories and files over the limit. */
char *cr_io_read_file(const char *path, size_t *len, GError **err);

/* Which cr_format data looks like; CR_FORMAT_AUTO when it cannot tell. */
int cr_io_detect_format(const char *data, size_t len);

/* Load a model from memory; source names it in messages (a path or "<data>"). */
cr_model *cr_io_load(const char *data, size_t len, const char *source, int format, GError **err);

cr_model *cr_io_read_scenario_json(const char *data, size_t len, const char *source, GError **err);
cr_model *cr_io_read_solomon(const char *data, size_t len, const char *source, GError **err);
cr_model *cr_io_read_mankowska(const char *data, size_t len, const char *source, GError **err);
cr_model *cr_io_read_hhc_json(const char *data, size_t len, const char *source, GError **err);
cr_model *cr_io_read_convrp(const char *data, size_t len, const char *source, GError **err);

/* An instance's name from its file: the base name without its extension
 * ("data/C101.txt" -> "C101"; a leading dot stays). Caller frees. */
char *cr_io_name_from_path(const char *source);

/* What the two home health care formats (Mankowska et al. 2014; Ceschia et
 * al. 2024) share: the instance is named after its file, plans one day, has
 * no minimum visit length, and its objective is (travel + total tardiness +
 * maximum tardiness) / 3, with no continuity term. */
void cr_io_hhc_model_setup(cr_model *m, const char *source, int format);

/* Plans. */
char *cr_io_plan_to_json(const cr_model *m, const cr_solution *s);
cr_solution *cr_io_read_plan_json(const cr_model *m, const char *data, size_t len,
                                  const char *source, GError **err);
char *cr_io_routes_text(const cr_model *m, const cr_solution *s);

/* Write data to path so that it appears complete or not at all. */
gboolean cr_io_write_atomic(const char *path, const char *data, size_t len, GError **err);

#endif
