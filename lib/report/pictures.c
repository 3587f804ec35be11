/* Pictures of a plan (see pictures.h). Sizes are in points (1/72 in) for
 * SVG and pixels for PNG; text is DejaVu Sans through cairo's toy API,
 * which is enough for labels and keeps the dependency to cairo alone. */
#include "pictures.h"

#include "core/error.h"
#include "careroute.h"
#include "io/io.h"

#include <cairo-svg.h>
#include <math.h>
#include <string.h>

/* ---- shared drawing helpers ---- */

/* Colour-blind-friendly qualitative palette (Okabe-Ito, extended). */
static const double palette[][3] = {
    {0.00, 0.45, 0.70}, {0.90, 0.62, 0.00}, {0.00, 0.62, 0.45}, {0.80, 0.40, 0.00},
    {0.34, 0.71, 0.91}, {0.80, 0.47, 0.65}, {0.60, 0.60, 0.00}, {0.40, 0.25, 0.60},
    {0.55, 0.35, 0.20}, {0.10, 0.10, 0.10}, {0.95, 0.35, 0.35}, {0.30, 0.55, 0.30},
};
#define N_COLOURS ((int)G_N_ELEMENTS(palette))

static void colour(cairo_t *cr, int i, double alpha)
{
    const double *c = palette[((i % N_COLOURS) + N_COLOURS) % N_COLOURS];
    cairo_set_source_rgba(cr, c[0], c[1], c[2], alpha);
}

static void font(cairo_t *cr, double size, bool bold)
{
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

/* Text with its left end (align 0), centre (0.5) or right end (1) at x. */
static void text(cairo_t *cr, double x, double y, double align, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    cairo_move_to(cr, x - align * e.x_advance, y);
    cairo_show_text(cr, s);
}

static void background(cairo_t *cr, double w, double h)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_fill(cr);
}

static void title(cairo_t *cr, double x, double y, const char *s)
{
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    font(cr, 15, true);
    text(cr, x, y, 0, s);
}

/* Routes of a day that touch the zone (any visit to one of its clients). */
static bool route_in(const cr_report_data *r, const cr_route *rt, int zone, int day)
{
    if (rt->day != day || rt->n == 0)
        return false;
    if (zone < 0)
        return true;
    for (int k = 0; k < rt->n; k++)
        if (r->m->clients[r->m->visits[rt->visits[k]].client].zone == zone)
            return true;
    return false;
}

static int count_routes(const cr_pic_day *c)
{
    int n = 0;
    for (int i = 0; i < c->r->s->n_routes; i++)
        n += route_in(c->r, &c->r->s->routes[i], c->zone, c->day);
    return n;
}

static char *where(const cr_pic_day *c)
{
    const cr_model *m = c->r->m;
    return c->zone >= 0 ? g_strdup_printf("zone %s", m->zones[c->zone]) : g_strdup(m->name ? m->name : "plan");
}

/* ---- the map of a day's routes ---- */

typedef struct {
    double min_x, max_x, min_y, max_y; /* in projected km */
    double lat0, scale, ox, oy, h;     /* to the picture */
    bool lonlat;
} projection;

static void project_raw(const projection *p, double x, double y, double *px, double *py)
{
    if (p->lonlat) {
        *px = x * 111.32 * cos(p->lat0 * G_PI / 180);
        *py = y * 111.32;
    } else {
        *px = x;
        *py = y;
    }
}

static void to_picture(const projection *p, double x, double y, double *u, double *v)
{
    double px, py;
    project_raw(p, x, y, &px, &py);
    *u = p->ox + (px - p->min_x) * p->scale;
    *v = p->oy + p->h - (py - p->min_y) * p->scale; /* north up */
}

static void map_size(const void *ctx, double *w, double *h)
{
    (void)ctx;
    *w = 900;
    *h = 700;
}

static void fit(projection *p, const cr_model *m, const cr_pic_day *c, double x0, double y0, double w, double h)
{
    p->lonlat = m->lonlat;
    p->min_x = p->min_y = INFINITY;
    p->max_x = p->max_y = -INFINITY;
    double lat_sum = 0;
    int n = 0;
    for (int i = 0; i < c->r->s->n_routes; i++) {
        const cr_route *rt = &c->r->s->routes[i];
        if (!route_in(c->r, rt, c->zone, c->day))
            continue;
        for (int k = -1; k < rt->n; k++) {
            int pt = k < 0 ? m->carers[rt->carer].start_point : m->visits[rt->visits[k]].point;
            lat_sum += m->points[pt].y;
            n++;
        }
    }
    /* Clients of the zone too, so unplanned ones show. */
    for (int ci = 0; ci < m->n_clients; ci++)
        if (c->zone < 0 || m->clients[ci].zone == c->zone) {
            lat_sum += m->points[m->clients[ci].point].y;
            n++;
        }
    p->lat0 = n ? lat_sum / n : 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < (pass == 0 ? c->r->s->n_routes : m->n_clients); i++) {
            int pts[512], np = 0;
            if (pass == 0) {
                const cr_route *rt = &c->r->s->routes[i];
                if (!route_in(c->r, rt, c->zone, c->day))
                    continue;
                pts[np++] = m->carers[rt->carer].start_point;
                for (int k = 0; k < rt->n && np < 512; k++)
                    pts[np++] = m->visits[rt->visits[k]].point;
            } else if (c->zone < 0 || m->clients[i].zone == c->zone) {
                pts[np++] = m->clients[i].point;
            }
            for (int k = 0; k < np; k++) {
                double px, py;
                project_raw(p, m->points[pts[k]].x, m->points[pts[k]].y, &px, &py);
                p->min_x = fmin(p->min_x, px);
                p->max_x = fmax(p->max_x, px);
                p->min_y = fmin(p->min_y, py);
                p->max_y = fmax(p->max_y, py);
            }
        }
    if (!isfinite(p->min_x)) {
        p->min_x = p->min_y = 0;
        p->max_x = p->max_y = 1;
    }
    double span_x = fmax(p->max_x - p->min_x, 1e-3), span_y = fmax(p->max_y - p->min_y, 1e-3);
    /* A margin of 4% around the points. */
    p->min_x -= 0.04 * span_x;
    p->min_y -= 0.04 * span_y;
    span_x *= 1.08;
    span_y *= 1.08;
    p->scale = fmin(w / span_x, h / span_y);
    p->ox = x0 + (w - span_x * p->scale) / 2;
    p->oy = y0 + (h - span_y * p->scale) / 2;
    p->h = span_y * p->scale;
    p->max_x = p->min_x + span_x;
    p->max_y = p->min_y + span_y;
}

static void draw_roads(cairo_t *cr, const projection *p, const cr_roadnet *g)
{
    cairo_set_source_rgb(cr, 0.82, 0.82, 0.82);
    cairo_set_line_width(cr, 0.6);
    for (uint32_t s = 0; s < g->n_segments; s++) {
        const cr_geo_segment *e = &g->segments[s];
        double ux, uy, vx, vy;
        project_raw(p, g->lon[e->u], g->lat[e->u], &ux, &uy);
        project_raw(p, g->lon[e->v], g->lat[e->v], &vx, &vy);
        if (fmax(ux, vx) < p->min_x || fmin(ux, vx) > p->max_x || fmax(uy, vy) < p->min_y || fmin(uy, vy) > p->max_y)
            continue;
        to_picture(p, g->lon[e->u], g->lat[e->u], &ux, &uy);
        to_picture(p, g->lon[e->v], g->lat[e->v], &vx, &vy);
        cairo_move_to(cr, ux, uy);
        cairo_line_to(cr, vx, vy);
    }
    cairo_stroke(cr);
}

static void scale_bar(cairo_t *cr, const projection *p, double x, double y, bool km)
{
    /* The largest of 1-2-5 x 10^k that fits in 150 points. */
    double target = 150 / p->scale, step = pow(10, floor(log10(target)));
    double len = target >= 5 * step ? 5 * step : target >= 2 * step ? 2 * step : step;
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 2);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + len * p->scale, y);
    cairo_stroke(cr);
    char buf[32];
    g_snprintf(buf, sizeof buf, "%g %s", len, km ? "km" : "units");
    font(cr, 11, false);
    text(cr, x + len * p->scale / 2, y - 5, 0.5, buf);
}

static void map_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    const cr_pic_day *c = ctx;
    const cr_model *m = c->r->m;
    background(cr, w, h);
    projection p;
    double legend_w = 170;
    fit(&p, m, c, 20, 50, w - 40 - legend_w, h - 90);
    cairo_save(cr);
    cairo_rectangle(cr, 20, 50, w - 40 - legend_w, h - 90);
    cairo_clip(cr);
    if (c->roads)
        draw_roads(cr, &p, c->roads);
    /* Clients of the zone as grey dots; those planned get their carer's colour. */
    for (int ci = 0; ci < m->n_clients; ci++) {
        if (c->zone >= 0 && m->clients[ci].zone != c->zone)
            continue;
        double u, v;
        to_picture(&p, m->points[m->clients[ci].point].x, m->points[m->clients[ci].point].y, &u, &v);
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
        cairo_arc(cr, u, v, 2.2, 0, 2 * G_PI);
        cairo_fill(cr);
    }
    int k = 0;
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (int i = 0; i < c->r->s->n_routes; i++) {
        const cr_route *rt = &c->r->s->routes[i];
        if (!route_in(c->r, rt, c->zone, c->day))
            continue;
        const cr_carer *carer = &m->carers[rt->carer];
        double u, v;
        to_picture(&p, m->points[carer->start_point].x, m->points[carer->start_point].y, &u, &v);
        double hx = u, hy = v;
        /* Home legs dashed (often unpaid), the round between visits solid. */
        colour(cr, k, 0.9);
        cairo_set_line_width(cr, 2.0);
        for (int j = 0; j < rt->n; j++) {
            const cr_point *pt = &m->points[m->visits[rt->visits[j]].point];
            double x1, y1;
            to_picture(&p, pt->x, pt->y, &x1, &y1);
            if (j == 0) {
                double dash[] = {4, 3};
                cairo_set_dash(cr, dash, 2, 0);
                cairo_move_to(cr, hx, hy);
                cairo_line_to(cr, x1, y1);
                cairo_stroke(cr);
                cairo_set_dash(cr, NULL, 0, 0);
                cairo_move_to(cr, x1, y1);
            } else {
                cairo_line_to(cr, x1, y1);
            }
            u = x1;
            v = y1;
        }
        cairo_stroke(cr);
        double dash[] = {4, 3};
        cairo_set_dash(cr, dash, 2, 0);
        to_picture(&p, m->points[carer->end_point].x, m->points[carer->end_point].y, &hx, &hy);
        cairo_move_to(cr, u, v);
        cairo_line_to(cr, hx, hy);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        for (int j = 0; j < rt->n; j++) {
            const cr_point *pt = &m->points[m->visits[rt->visits[j]].point];
            to_picture(&p, pt->x, pt->y, &u, &v);
            colour(cr, k, 1);
            cairo_arc(cr, u, v, 3.5, 0, 2 * G_PI);
            cairo_fill(cr);
        }
        /* The carer's home: a square. */
        to_picture(&p, m->points[carer->start_point].x, m->points[carer->start_point].y, &u, &v);
        cairo_rectangle(cr, u - 4, v - 4, 8, 8);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        k++;
    }
    cairo_restore(cr);

    char *w_name = where(c);
    char *t = g_strdup_printf("Routes on %s, %s: %d carers", cr_model_day_name(m, c->day), w_name, k);
    title(cr, 20, 30, t);
    g_free(t);
    g_free(w_name);
    /* Legend: one line per carer, as many as fit. */
    font(cr, 11, false);
    double ly = 60, lx = w - legend_w;
    k = 0;
    for (int i = 0; i < c->r->s->n_routes && ly < h - 60; i++) {
        const cr_route *rt = &c->r->s->routes[i];
        if (!route_in(c->r, rt, c->zone, c->day))
            continue;
        colour(cr, k++, 1);
        cairo_rectangle(cr, lx, ly - 8, 10, 10);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        char buf[96];
        g_snprintf(buf, sizeof buf, "%s (%d visits)", m->carers[rt->carer].id, rt->n);
        text(cr, lx + 16, ly, 0, buf);
        ly += 16;
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    text(cr, lx, h - 42, 0, "square: home; dashed:");
    text(cr, lx, h - 28, 0, "travel from and to home");
    scale_bar(cr, &p, 30, h - 20, m->lonlat);
    if (c->roads) {
        font(cr, 10, false);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text(cr, w - 10, h - 8, 1, "Map data \u00a9 OpenStreetMap contributors (ODbL)");
    }
}

cr_picture cr_picture_map(const cr_pic_day *ctx)
{
    return (cr_picture){map_size, map_draw, ctx};
}

/* ---- the rota chart ---- */

#define ROTA_LEFT 90.0
#define ROTA_ROW 22.0

static void rota_hours(const cr_pic_day *c, double *first, double *last)
{
    *first = INFINITY;
    *last = -INFINITY;
    for (guint i = 0; i < c->r->days->len; i++) {
        const cr_rep_day *d = &g_array_index(c->r->days, cr_rep_day, i);
        if (!d->n_visits || !route_in(c->r, &c->r->s->routes[d->route], c->zone, c->day))
            continue;
        *first = fmin(*first, d->leave);
        *last = fmax(*last, d->back);
    }
    if (!isfinite(*first)) {
        *first = 7 * 60;
        *last = 22 * 60;
    }
    *first = floor(*first / 60) * 60;
    *last = ceil(*last / 60) * 60;
    if (*last <= *first)
        *last = *first + 60;
}

static void rota_size(const void *ctx, double *w, double *h)
{
    *w = 1000;
    *h = 110 + ROTA_ROW * MAX(1, count_routes(ctx));
}

static void rota_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    const cr_pic_day *c = ctx;
    const cr_report_data *r = c->r;
    const cr_model *m = r->m;
    background(cr, w, h);
    double first, last;
    rota_hours(c, &first, &last);
    double x0 = ROTA_LEFT, x1 = w - 20, y0 = 60;
    double per_min = (x1 - x0) / (last - first);
    int rows = count_routes(c);
    /* Hour grid. */
    font(cr, 10, false);
    for (double t = first; t <= last + 1e-9; t += 60) {
        double x = x0 + (t - first) * per_min;
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_set_line_width(cr, 1);
        cairo_move_to(cr, x, y0 - 4);
        cairo_line_to(cr, x, y0 + rows * ROTA_ROW);
        cairo_stroke(cr);
        char buf[16];
        g_snprintf(buf, sizeof buf, "%02d:00", (int)(t / 60) % 24);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text(cr, x, y0 - 8, 0.5, buf);
    }
    int row = 0;
    for (guint i = 0; i < r->days->len; i++) {
        const cr_rep_day *d = &g_array_index(r->days, cr_rep_day, i);
        const cr_route *rt = &r->s->routes[d->route];
        if (!d->n_visits || !route_in(r, rt, c->zone, c->day))
            continue;
        double y = y0 + row * ROTA_ROW;
        if (row % 2) {
            cairo_set_source_rgb(cr, 0.97, 0.97, 0.97);
            cairo_rectangle(cr, 0, y, w, ROTA_ROW);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        font(cr, 11, false);
        text(cr, 10, y + ROTA_ROW * 0.7, 0, m->carers[rt->carer].id);
        /* The whole day out, thin: travel and waiting. */
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
        cairo_rectangle(cr, x0 + (d->leave - first) * per_min, y + ROTA_ROW / 2 - 1,
                        (d->back - d->leave) * per_min, 2);
        cairo_fill(cr);
        double at = d->leave;
        int from = m->carers[rt->carer].start_point;
        for (int k = 0; k < rt->n; k++) {
            int v = rt->visits[k];
            /* Travel to this visit: a grey bar from leaving the last place. */
            double leg = cr_model_carer_travel_time(m, rt->carer, from, m->visits[v].point);
            cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
            cairo_rectangle(cr, x0 + (at - first) * per_min, y + 6, leg * per_min, ROTA_ROW - 12);
            cairo_fill(cr);
            double start = r->visit_start[v], dur = cr_model_duration(m, v, rt->carer);
            bool pair = m->visits[v].sync >= 0;
            if (pair)
                cairo_set_source_rgb(cr, 0.90, 0.55, 0.05);
            else
                cairo_set_source_rgb(cr, 0.05, 0.45, 0.70);
            cairo_rectangle(cr, x0 + (start - first) * per_min, y + 3, dur * per_min, ROTA_ROW - 6);
            cairo_fill(cr);
            at = start + dur;
            from = m->visits[v].point;
        }
        double leg = cr_model_carer_travel_time(m, rt->carer, from, m->carers[rt->carer].end_point);
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
        cairo_rectangle(cr, x0 + (at - first) * per_min, y + 6, leg * per_min, ROTA_ROW - 12);
        cairo_fill(cr);
        row++;
    }
    char *w_name = where(c);
    char *t = g_strdup_printf("Rota for %s, %s: %d carers", cr_model_day_name(m, c->day), w_name, rows);
    title(cr, 20, 25, t);
    g_free(t);
    g_free(w_name);
    /* Key. */
    double ky = h - 22;
    font(cr, 11, false);
    struct { double rgb[3]; const char *label; } key[] = {
        {{0.05, 0.45, 0.70}, "visit"}, {{0.90, 0.55, 0.05}, "double-up visit"}, {{0.45, 0.45, 0.45}, "travel"},
    };
    double kx = x0;
    for (size_t i = 0; i < G_N_ELEMENTS(key); i++) {
        cairo_set_source_rgb(cr, key[i].rgb[0], key[i].rgb[1], key[i].rgb[2]);
        cairo_rectangle(cr, kx, ky - 9, 18, 10);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        text(cr, kx + 24, ky, 0, key[i].label);
        kx += 150;
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text(cr, kx, ky, 0, "thin line: waiting");
}

cr_picture cr_picture_rota(const cr_pic_day *ctx)
{
    return (cr_picture){rota_size, rota_draw, ctx};
}

/* ---- the continuity chart ---- */

#define CONT_ROW 16.0
#define CONT_MAX_ROWS 60

/* The zone's clients with most visits first (at most CONT_MAX_ROWS). */
static int continuity_rows(const cr_pic_day *c, int *rows)
{
    const cr_model *m = c->r->m;
    int n = 0;
    for (int ci = 0; ci < m->n_clients; ci++)
        if ((c->zone < 0 || m->clients[ci].zone == c->zone) && c->r->clients[ci].visits > 0)
            rows[n++] = ci;
    /* Insertion sort by visits, descending; stable on client order. */
    for (int i = 1; i < n; i++) {
        int x = rows[i], j = i;
        while (j > 0 && c->r->clients[rows[j - 1]].visits < c->r->clients[x].visits) {
            rows[j] = rows[j - 1];
            j--;
        }
        rows[j] = x;
    }
    return MIN(n, CONT_MAX_ROWS);
}

static void continuity_size(const void *ctx, double *w, double *h)
{
    const cr_pic_day *c = ctx;
    int *rows = g_new(int, c->r->m->n_clients + 1);
    int n = continuity_rows(c, rows);
    g_free(rows);
    *w = 1000;
    *h = 110 + CONT_ROW * MAX(1, n);
}

static void continuity_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    const cr_pic_day *c = ctx;
    const cr_report_data *r = c->r;
    const cr_model *m = r->m;
    background(cr, w, h);
    int *rows = g_new(int, m->n_clients + 1);
    int n = continuity_rows(c, rows);
    double x0 = 80, x1 = w - 110, y0 = 60, day_w = (x1 - x0) / m->n_days;
    font(cr, 10, false);
    for (int d = 0; d < m->n_days; d++) {
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text(cr, x0 + (d + 0.5) * day_w, y0 - 8, 0.5, cr_model_day_name(m, d));
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_set_line_width(cr, 1);
        cairo_move_to(cr, x0 + d * day_w, y0 - 4);
        cairo_line_to(cr, x0 + d * day_w, y0 + n * CONT_ROW);
        cairo_stroke(cr);
    }
    text(cr, w - 100, y0 - 8, 0, "carers");
    for (int i = 0; i < n; i++) {
        int ci = rows[i];
        double y = y0 + i * CONT_ROW;
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        font(cr, 10, false);
        text(cr, 10, y + CONT_ROW * 0.75, 0, m->clients[ci].id);
        /* Each visit a small block in its day, coloured by the carer's rank
         * among this client's carers: one colour means perfect continuity. */
        const cr_rep_client *rc = &r->clients[ci];
        int *slot = g_new0(int, m->n_days);
        for (int v = 0; v < m->n_visits; v++) {
            if (m->visits[v].client != ci || r->visit_carer[v] < 0)
                continue;
            int rank = 0;
            for (guint k = 0; k < rc->carers->len; k++)
                if (g_array_index(rc->carers, int, 2 * k) == r->visit_carer[v])
                    rank = (int)k;
            int d = m->visits[v].day;
            double bw = fmin(12, (day_w - 4) / 8);
            colour(cr, rank, 1);
            cairo_rectangle(cr, x0 + d * day_w + 2 + slot[d]++ * (bw + 1), y + 2, bw, CONT_ROW - 4);
            cairo_fill(cr);
        }
        g_free(slot);
        char buf[16];
        g_snprintf(buf, sizeof buf, "%d", rc->distinct);
        cairo_set_source_rgb(cr, rc->distinct <= 2 ? 0.0 : rc->distinct <= 4 ? 0.6 : 0.8,
                             rc->distinct <= 2 ? 0.5 : 0.4, 0.1);
        font(cr, 11, true);
        text(cr, w - 80, y + CONT_ROW * 0.75, 0.5, buf);
    }
    char *w_name = where(c);
    int shown = 0;
    for (int ci = 0; ci < m->n_clients; ci++)
        shown += (c->zone < 0 || m->clients[ci].zone == c->zone) && r->clients[ci].visits > 0;
    char *t = g_strdup_printf("Continuity of care, %s: who visits each client%s", w_name,
                              shown > n ? " (clients with most visits)" : "");
    title(cr, 20, 25, t);
    g_free(t);
    g_free(w_name);
    font(cr, 11, false);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    text(cr, x0, h - 20, 0, "one block per visit; one colour per carer (a client's first carer is blue); "
                            "right: distinct carers");
    g_free(rows);
}

cr_picture cr_picture_continuity(const cr_pic_day *ctx)
{
    return (cr_picture){continuity_size, continuity_draw, ctx};
}

/* ---- the trade-off plot ---- */

static void tradeoff_size(const void *ctx, double *w, double *h)
{
    (void)ctx;
    *w = 720;
    *h = 480;
}

static void nice_range(double lo, double hi, double *a, double *b, double *step)
{
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    double span = hi - lo, s = pow(10, floor(log10(span / 4)));
    if (span / s > 12)
        s *= 5;
    else if (span / s > 6)
        s *= 2;
    *a = floor(lo / s) * s;
    *b = ceil(hi / s) * s;
    *step = s;
}

static void tradeoff_draw(cairo_t *cr, double w, double h, const void *ctx)
{
    const cr_tradeoff *t = ctx;
    background(cr, w, h);
    double lo_x = INFINITY, hi_x = -INFINITY, lo_y = INFINITY, hi_y = -INFINITY;
    for (size_t i = 0; i < t->n; i++) {
        lo_x = fmin(lo_x, t->travel_hours[i]);
        hi_x = fmax(hi_x, t->travel_hours[i]);
        lo_y = fmin(lo_y, t->carers_per_client[i]);
        hi_y = fmax(hi_y, t->carers_per_client[i]);
    }
    if (!t->n)
        lo_x = hi_x = lo_y = hi_y = 0;
    double ax, bx, sx, ay, by, sy;
    nice_range(lo_x, hi_x, &ax, &bx, &sx);
    nice_range(fmin(1, lo_y), hi_y, &ay, &by, &sy);
    double x0 = 80, x1 = w - 30, y0 = 50, y1 = h - 60;
#define PX(v) (x0 + ((v) - ax) / (bx - ax) * (x1 - x0))
#define PY(v) (y1 - ((v) - ay) / (by - ay) * (y1 - y0))
    font(cr, 11, false);
    for (double v = ax; v <= bx + 1e-9; v += sx) {
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_move_to(cr, PX(v), y0);
        cairo_line_to(cr, PX(v), y1);
        cairo_stroke(cr);
        char buf[32];
        g_snprintf(buf, sizeof buf, "%g", v);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text(cr, PX(v), y1 + 16, 0.5, buf);
    }
    for (double v = ay; v <= by + 1e-9; v += sy) {
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_move_to(cr, x0, PY(v));
        cairo_line_to(cr, x1, PY(v));
        cairo_stroke(cr);
        char buf[32];
        g_snprintf(buf, sizeof buf, "%g", v);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text(cr, x0 - 8, PY(v) + 4, 1, buf);
    }
    cairo_set_source_rgb(cr, 0.05, 0.45, 0.70);
    cairo_set_line_width(cr, 2);
    for (size_t i = 0; i < t->n; i++) {
        if (i == 0)
            cairo_move_to(cr, PX(t->travel_hours[i]), PY(t->carers_per_client[i]));
        else
            cairo_line_to(cr, PX(t->travel_hours[i]), PY(t->carers_per_client[i]));
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < t->n; i++) {
        double u = PX(t->travel_hours[i]), v = PY(t->carers_per_client[i]);
        cairo_set_source_rgb(cr, 0.05, 0.45, 0.70);
        cairo_arc(cr, u, v, 4.5, 0, 2 * G_PI);
        cairo_fill(cr);
        char buf[48];
        g_snprintf(buf, sizeof buf, "weight %g", t->weight[i]);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        text(cr, u + 8, v - 6, 0, buf);
    }
#undef PX
#undef PY
    title(cr, 20, 28, "Continuity of care against travel");
    font(cr, 12, false);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text(cr, (x0 + x1) / 2, h - 18, 0.5, "travel over the plan (hours)");
    cairo_save(cr);
    cairo_translate(cr, 22, (y0 + y1) / 2);
    cairo_rotate(cr, -G_PI / 2);
    text(cr, 0, 0, 0.5, "mean distinct carers per client");
    cairo_restore(cr);
}

cr_picture cr_picture_tradeoff(const cr_tradeoff *t)
{
    return (cr_picture){tradeoff_size, tradeoff_draw, t};
}

/* ---- rendering ---- */

static cairo_status_t to_string(void *closure, const unsigned char *data, unsigned int length)
{
    g_byte_array_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

char *cr_picture_render(const cr_picture *p, cr_pic_format f, size_t *len)
{
    double w, h;
    p->size(p->ctx, &w, &h);
    GByteArray *out = g_byte_array_new();
    cairo_surface_t *s = f == CR_PIC_SVG ? cairo_svg_surface_create_for_stream(to_string, out, w, h)
                                         : cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w), (int)ceil(h));
    cairo_t *cr = cairo_create(s);
    p->draw(cr, w, h, p->ctx);
    cairo_destroy(cr);
    if (f == CR_PIC_PNG)
        cairo_surface_write_to_png_stream(s, to_string, out);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    *len = out->len;
    g_byte_array_append(out, (const guint8 *)"", 1); /* NUL for the SVG text */
    return (char *)g_byte_array_free(out, FALSE);
}

gboolean cr_picture_write(const cr_picture *p, const char *path, GError **err)
{
    cr_pic_format f = g_str_has_suffix(path, ".png") ? CR_PIC_PNG : CR_PIC_SVG;
    if (f == CR_PIC_SVG && !g_str_has_suffix(path, ".svg")) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_ARGUMENT, "%s: a picture file name must end in .svg or .png", path);
        return FALSE;
    }
    size_t len;
    char *data = cr_picture_render(p, f, &len);
    gboolean ok = cr_io_write_atomic(path, data, len, err);
    g_free(data);
    return ok;
}
