/* The report as one self-contained HTML page. */
#ifndef CR_REPORT_HTML_H
#define CR_REPORT_HTML_H

#include "pictures.h"

typedef struct {
    const cr_roadnet *roads;      /* roads under the route maps, or NULL */
    const cr_tradeoff *tradeoff;  /* the continuity trade-off plot, or NULL */
} cr_html_extras;

/* The page (g_free). */
char *cr_report_html(const cr_report_data *r, const cr_html_extras *x);

#endif
