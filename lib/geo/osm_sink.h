/* What the OpenStreetMap readers hand over: nodes and ways, kept by the
 * import (osm_import.c) for building the road network. */
#ifndef CR_GEO_OSM_SINK_H
#define CR_GEO_OSM_SINK_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct cr_osm_sink cr_osm_sink;

/* False when the coordinates are off the globe (the reader stops). */
bool cr_osm_sink_node(cr_osm_sink *s, int64_t id, double lat, double lon);
void cr_osm_sink_way(cr_osm_sink *s, const int64_t *refs, int n_refs, int n_tags,
                     const char *const *keys, const char *const *values);

/* OSM XML through GLib's GMarkup: errors give the line and column. */
bool cr_osm_read_xml(const char *path, cr_osm_sink *s, GError **err);

#endif
