/* Writing JSON documents built with json-glib. */
#ifndef CR_IO_JSON_WRITE_H
#define CR_IO_JSON_WRITE_H

#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <stdint.h>

/* The builder's document as pretty text ending in a newline (g_free);
 * releases b. */
char *cr_json_builder_finish(JsonBuilder *b);

/* One member of the object being built: a string (null for NULL), an
 * integer, a boolean, or a number written as it is. */
void cr_json_member_string(JsonBuilder *b, const char *name, const char *v);
void cr_json_member_int(JsonBuilder *b, const char *name, int64_t v);
void cr_json_member_bool(JsonBuilder *b, const char *name, bool v);
void cr_json_member_number(JsonBuilder *b, const char *name, double v);

#endif
