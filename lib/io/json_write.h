/* Writing JSON documents built with json-glib. */
#ifndef CR_IO_JSON_WRITE_H
#define CR_IO_JSON_WRITE_H

#include <json-glib/json-glib.h>

/* The builder's document as pretty text ending in a newline (g_free);
 * releases b. */
char *cr_json_builder_finish(JsonBuilder *b);

#endif
