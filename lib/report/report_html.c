/* The report as one self-contained HTML page: the headline figures, the
 * pictures (embedded as data URIs, so the page travels as one file), and
 * the tables of report_text.c rendered for reading. */
#include "report_html.h"

#include <math.h>
#include <string.h>

static void esc(GString *o, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': g_string_append(o, "&lt;"); break;
        case '>': g_string_append(o, "&gt;"); break;
        case '&': g_string_append(o, "&amp;"); break;
        case '"': g_string_append(o, "&quot;"); break;
        default: g_string_append_c(o, *s);
        }
    }
}

static void picture(GString *o, const cr_picture *p, cr_pic_format f, const char *alt)
{
    size_t len;
    char *data = cr_picture_render(p, f, &len);
    char *b64 = g_base64_encode((const guchar *)data, len);
    g_string_append_printf(o, "<figure><img alt=\"");
    esc(o, alt);
    g_string_append_printf(o, "\" src=\"data:image/%s;base64,%s\"></figure>\n", f == CR_PIC_SVG ? "svg+xml" : "png",
                           b64);
    g_free(b64);
    g_free(data);
}

/* A CSV table from report_text.c as an HTML table; cells are plain text. */
static void table(GString *o, const cr_report_data *r, const char *name, const char *caption, bool fold)
{
    char *csv = cr_report_csv(r, name);
    if (fold)
        g_string_append_printf(o, "<details><summary>%s</summary>\n", caption);
    else
        g_string_append_printf(o, "<h2>%s</h2>\n", caption);
    g_string_append(o, "<div class=\"scroll\"><table>\n");
    bool head = true;
    for (char *line = csv; line && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        g_string_append(o, "<tr>");
        /* Walk the cells, honouring quotes. */
        for (char *p = line; ;) {
            GString *cell = g_string_new(NULL);
            if (*p == '"') {
                for (p++; *p; p++) {
                    if (*p == '"' && p[1] == '"')
                        g_string_append_c(cell, *p++);
                    else if (*p == '"') {
                        p++;
                        break;
                    } else
                        g_string_append_c(cell, *p);
                }
            } else {
                while (*p && *p != ',')
                    g_string_append_c(cell, *p++);
            }
            g_string_append(o, head ? "<th>" : "<td>");
            for (char *u = cell->str; head && *u; u++)
                if (*u == '_')
                    *u = ' ';
            esc(o, cell->str);
            g_string_append(o, head ? "</th>" : "</td>");
            g_string_free(cell, TRUE);
            if (*p != ',')
                break;
            p++;
        }
        g_string_append(o, "</tr>\n");
        head = false;
        line = end ? end + 1 : NULL;
    }
    g_string_append(o, "</table></div>\n");
    if (fold)
        g_string_append(o, "</details>\n");
    g_free(csv);
}

static void card(GString *o, const char *label, const char *value)
{
    g_string_append(o, "<div class=\"card\"><div class=\"v\">");
    esc(o, value);
    g_string_append(o, "</div><div class=\"l\">");
    esc(o, label);
    g_string_append(o, "</div></div>\n");
}

/* The day with most planned visits: the pictures show it. */
static int busiest_day(const cr_report_data *r)
{
    int best = 0;
    double most = -1;
    for (int d = 0; d < r->m->n_days; d++) {
        double n = 0;
        for (int i = 0; i < r->s->n_routes; i++)
            n += r->s->routes[i].day == d ? r->s->routes[i].n : 0;
        if (n > most) {
            most = n;
            best = d;
        }
    }
    return best;
}

char *cr_report_html(const cr_report_data *r, const cr_html_extras *x)
{
    const cr_model *m = r->m;
    GString *o = g_string_new(NULL);
    g_string_append(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>careroute plan: ");
    esc(o, m->name);
    g_string_append(o, "</title>\n<style>\n"
                       "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;max-width:1100px}\n"
                       "h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}\n"
                       ".cards{display:flex;flex-wrap:wrap;gap:10px}\n"
                       ".card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:130px}\n"
                       ".card .v{font-size:20px;font-weight:bold}.card .l{font-size:12px;color:#555}\n"
                       "figure{margin:12px 0}img{max-width:100%;border:1px solid #eee}\n"
                       ".scroll{overflow-x:auto}table{border-collapse:collapse;font-size:12px}\n"
                       "td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;white-space:nowrap}\n"
                       "th{background:#f3f3f3}details{margin:10px 0}summary{cursor:pointer;font-weight:bold}\n"
                       "</style></head><body>\n<h1>Home care plan: ");
    esc(o, m->name);
    g_string_append_printf(o, "</h1>\n<p>%d day%s; travel: ", m->n_days, m->n_days == 1 ? "" : "s");
    esc(o, m->travel.source ? m->travel.source : "as in the scenario");
    g_string_append(o, ". Made by careroute; every figure is recomputed from the plan.</p>\n<div class=\"cards\">\n");
    char buf[64];
    const cr_rep_group *t = &r->total;
    g_snprintf(buf, sizeof buf, "%d", t->visits);
    card(o, "visits planned", buf);
    g_snprintf(buf, sizeof buf, "%d", t->unassigned);
    card(o, "visits unallocated", buf);
    g_snprintf(buf, sizeof buf, "%.1f h", t->care_hours);
    card(o, "care (contact) hours", buf);
    g_snprintf(buf, sizeof buf, "%.1f h", t->travel_hours);
    card(o, "travel hours", buf);
    g_snprintf(buf, sizeof buf, "%.1f%%", 100 * (t->travel_hours + t->care_hours > 0
                                                     ? t->travel_hours / (t->travel_hours + t->care_hours) : 0));
    card(o, "travel share of paid time", buf);
    g_snprintf(buf, sizeof buf, "\u00a3%.0f", t->cost);
    card(o, "cost at hourly rates", buf);
    g_snprintf(buf, sizeof buf, "%.2f", cr_report_mean_distinct(r, 1, NULL));
    card(o, "distinct carers per client", buf);
    g_snprintf(buf, sizeof buf, "%d", r->carers_below_wage);
    card(o, "carers below the living wage", buf);
    g_string_append(o, "</div>\n");

    if (r->s->n_unassigned > 0)
        table(o, r, "unassigned", "Unallocated visits and why", false);
    table(o, r, "providers", "Providers and zones: weekly hours, travel, cost, funders", false);
    table(o, r, "charter", "Ethical Care Charter checks", false);

    int day = busiest_day(r);
    int zones = m->n_zones > 0 ? m->n_zones : 1;
    for (int z = 0; z < zones; z++) {
        cr_pic_day ctx = {.r = r, .zone = m->n_zones > 0 ? z : -1, .day = day, .roads = x ? x->roads : NULL};
        g_string_append(o, "<h2>");
        esc(o, m->n_zones > 0 ? m->zones[z] : "All clients");
        g_string_append_printf(o, "%s: %s</h2>\n", m->n_zones > 0 ? " zone" : "", cr_model_day_name(m, day));
        cr_picture map = cr_picture_map(&ctx), rota = cr_picture_rota(&ctx), cont = cr_picture_continuity(&ctx);
        picture(o, &map, CR_PIC_PNG, "map of the day's routes");
        picture(o, &rota, CR_PIC_SVG, "rota chart");
        if (m->n_days > 1)
            picture(o, &cont, CR_PIC_SVG, "continuity of care chart");
    }
    if (x && x->tradeoff && x->tradeoff->n > 0) {
        g_string_append(o, "<h2>Continuity against travel</h2>\n");
        cr_picture p = cr_picture_tradeoff(x->tradeoff);
        picture(o, &p, CR_PIC_SVG, "continuity versus travel trade-off");
    }
    table(o, r, "carers", "Carers over the plan: hours, pay, living wage", true);
    table(o, r, "clients", "Clients: who came, continuity, preferences", true);
    table(o, r, "carer_days", "Every carer's day", true);
    g_string_append(o, "</body></html>\n");
    return g_string_free(o, FALSE);
}
