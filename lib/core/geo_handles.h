/* The structs behind the cr_map and cr_matrix handles, shared by the map
 * API and the scenario's travel set-up. */
#ifndef CR_CORE_GEO_HANDLES_H
#define CR_CORE_GEO_HANDLES_H

#include "careroute.h"
#include "error.h"
#include "geo/matrix.h"
#include "geo/roadnet.h"
#include "geo/shortest.h"
#include "geo/snap.h"

struct cr_map {
    cr_geo_profile *profile;
    double snap_m;
    bool keep_all;
    char *cache_dir;
    char *path;
    char *file_digest;      /* SHA-256 of the file, computed on first cache use */
    cr_roadnet *g;
    cr_snap_index *snap;
    cr_ch *ch;
    double import_seconds, prepare_seconds;
    char errmsg[CR_ERRMSG_SIZE];
};

struct cr_matrix {
    cr_geo_matrix *m;
    bool from_cache;
    double seconds;
    char errmsg[CR_ERRMSG_SIZE];
};

#endif
