/* Pictures of a plan, drawn with cairo: a map of a zone's routes on one day,
 * a rota chart (one row per carer, visits and travel across the day), a
 * continuity chart (each client's visits over the plan, coloured by carer),
 * and the continuity-versus-travel trade-off plot. Each renders to SVG or
 * PNG, in memory or to a file. */
#ifndef CR_REPORT_PICTURES_H
#define CR_REPORT_PICTURES_H

#include "report.h"
#include "geo/roadnet.h"

#include <cairo.h>

typedef enum { CR_PIC_SVG, CR_PIC_PNG } cr_pic_format;

typedef struct {
    size_t n;
    const double *weight, *travel_hours, *carers_per_client;
} cr_tradeoff;

/* A drawing: its size for the data, then the drawing itself. */
typedef struct {
    void (*size)(const void *ctx, double *w, double *h);
    void (*draw)(cairo_t *cr, double w, double h, const void *ctx);
    const void *ctx;
} cr_picture;

typedef struct {
    const cr_report_data *r;
    int zone;                 /* -1: every zone */
    int day;
    const cr_roadnet *roads;  /* drawn under the routes when given */
} cr_pic_day;

cr_picture cr_picture_map(const cr_pic_day *ctx);
cr_picture cr_picture_rota(const cr_pic_day *ctx);
cr_picture cr_picture_continuity(const cr_pic_day *ctx); /* .day unused */
cr_picture cr_picture_tradeoff(const cr_tradeoff *t);

/* Render into memory (g_free; *len set) or to a file (atomically). */
char *cr_picture_render(const cr_picture *p, cr_pic_format f, size_t *len);
gboolean cr_picture_write(const cr_picture *p, const char *path, GError **err);

#endif
