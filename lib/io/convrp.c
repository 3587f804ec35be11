/* Consistent VRP instances (Groër, Golden & Wasil 2009; Kovacs, Parragh &
 * Hartl 2014), a TSPLIB-like text form:
 *
 *   NAME: ...  DIMENSION: n+1  NUM_DAYS: D  CAPACITY: Q  DISTANCE: max route duration
 *   NODE_COORD_SECTION   n lines: id x y          (customers 1..n; the depot is not listed)
 *   DEMAND_SECTION       n lines: id, demand on each day (-1: no visit that day)
 *   SVC_TIME_SECTION     n lines: id, service time on each day
 *   DEPOT_SECTION        x y, then -1
 *   EOF
 *
 * Each customer's visit on a day is a visit "<id>@d<k>"; the drivers are
 * carers who work every day from the depot, as many as the busiest day
 * could need twice over. Travel is Euclidean; the objective is the total. */
#include "io.h"

#include "careroute.h"
#include "core/error.h"

#include <math.h>
#include <string.h>

#define MAX_CUSTOMERS 100000
#define MAX_DAYS 31

typedef struct {
    gchar **lines;
    int n, at;
    const char *source;
    GError **err;
} lines;

static bool fail(lines *l, int code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static bool fail(lines *l, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(l->err, CR_ERROR, code, "%s:%d: %s", l->source, l->at + 1, msg);
    g_free(msg);
    return false;
}

/* The numbers on the current line; false if any field is not a number. */
static bool numbers(lines *l, double *out, int want, int *got)
{
    gchar **f = g_strsplit_set(g_strstrip(l->lines[l->at]), " \t", -1);
    int k = 0;
    bool ok = true;
    for (int i = 0; f[i] && ok; i++) {
        if (!*f[i])
            continue;
        char *end;
        double v = g_ascii_strtod(f[i], &end);
        if (*end || end == f[i] || !isfinite(v))
            ok = fail(l, CR_ERR_PARSE, "field %d '%.30s' is not a number", k + 1, f[i]);
        else if (k < want)
            out[k] = v;
        k++;
    }
    g_strfreev(f);
    *got = k;
    return ok;
}

static bool expect_section(lines *l, const char *name)
{
    while (l->at < l->n && !*g_strstrip(l->lines[l->at]))
        l->at++;
    if (l->at >= l->n || strcmp(l->lines[l->at], name) != 0)
        return fail(l, CR_ERR_PARSE, "expected %s", name);
    l->at++;
    return true;
}

cr_model *cr_io_read_convrp(const char *data, size_t len, const char *source, GError **err)
{
    char *text = g_strndup(data, len);
    lines l = {g_strsplit(text, "\n", -1), 0, 0, source, err};
    g_free(text);
    l.n = (int)g_strv_length(l.lines);
    double dim = 0, days = 0, cap = 0, limit = INFINITY;
    char *name = NULL;
    bool ok = true;
    /* Header "KEY: value" lines up to the coordinates. */
    for (; ok && l.at < l.n; l.at++) {
        char *line = g_strstrip(l.lines[l.at]);
        if (strcmp(line, "NODE_COORD_SECTION") == 0)
            break;
        char *colon = strchr(line, ':');
        if (!colon) {
            if (*line)
                ok = fail(&l, CR_ERR_PARSE, "expected KEY: value or NODE_COORD_SECTION");
            continue;
        }
        *colon = '\0';
        char *key = g_strstrip(line), *value = g_strstrip(colon + 1);
        double v = g_ascii_strtod(value, NULL);
        if (strcmp(key, "NAME") == 0)
            name = g_strdup(value);
        else if (strcmp(key, "DIMENSION") == 0)
            dim = v;
        else if (strcmp(key, "NUM_DAYS") == 0)
            days = v;
        else if (strcmp(key, "CAPACITY") == 0)
            cap = v;
        else if (strcmp(key, "DISTANCE") == 0)
            limit = v >= 9999999 ? INFINITY : v;
        else if (strcmp(key, "EDGE_WEIGHT_FORMAT") == 0 && strcmp(value, "EUC_2D") != 0)
            ok = fail(&l, CR_ERR_UNSUPPORTED, "only EUC_2D distances are supported, found %.30s", value);
    }
    /* Ranges are checked on the numbers as read: converting one beyond int's
     * range to int would be undefined. */
    if (ok && !(dim == floor(dim) && dim >= 2 && dim <= MAX_CUSTOMERS + 1))
        ok = fail(&l, CR_ERR_INVALID_DATA, "DIMENSION must be 2..%d (customers + depot), found %g", MAX_CUSTOMERS + 1, dim);
    if (ok && !(days == floor(days) && days >= 1 && days <= MAX_DAYS))
        ok = fail(&l, CR_ERR_INVALID_DATA, "NUM_DAYS must be 1..%d, found %g", MAX_DAYS, days);
    int n = ok ? (int)dim - 1 : 0, nd = ok ? (int)days : 0;
    if (ok && !(cap > 0))
        ok = fail(&l, CR_ERR_INVALID_DATA, "CAPACITY must be positive");
    if (ok && !(limit > 0))
        ok = fail(&l, CR_ERR_INVALID_DATA, "DISTANCE (the longest route) must be positive");
    ok = ok && expect_section(&l, "NODE_COORD_SECTION");
    double *xy = ok ? g_new(double, 2 * (size_t)n) : NULL;
    double *demand = ok ? g_new(double, (size_t)n * nd) : NULL;
    double *service = ok ? g_new(double, (size_t)n * nd) : NULL;
    double row[MAX_DAYS + 1], depot[2] = {0, 0};
    int got;
    for (int i = 0; ok && i < n; i++, l.at++) {
        if (l.at >= l.n)
            ok = fail(&l, CR_ERR_PARSE, "unexpected end of file: expected %d coordinate lines", n);
        else if (!numbers(&l, row, 3, &got))
            ok = false;
        else if (got != 3 || row[0] != i + 1)
            ok = fail(&l, CR_ERR_PARSE, "expected 'id x y' with id %d", i + 1);
        else {
            xy[2 * i] = row[1];
            xy[2 * i + 1] = row[2];
        }
    }
    const char *sections[2] = {"DEMAND_SECTION", "SVC_TIME_SECTION"};
    for (int sct = 0; sct < 2 && ok; sct++) {
        double *out = sct ? service : demand;
        ok = expect_section(&l, sections[sct]);
        for (int i = 0; ok && i < n; i++, l.at++) {
            if (l.at >= l.n)
                ok = fail(&l, CR_ERR_PARSE, "unexpected end of file in %s", sections[sct]);
            else if (!numbers(&l, row, nd + 1, &got))
                ok = false;
            else if (got != nd + 1 || row[0] != i + 1)
                ok = fail(&l, CR_ERR_PARSE, "expected the id %d and %d values, one per day", i + 1, nd);
            for (int d = 0; ok && d < nd; d++) {
                double v = row[d + 1];
                if (sct == 0 && !(v >= 0 || v == -1))
                    ok = fail(&l, CR_ERR_INVALID_DATA, "day %d: demand must be >= 0 or -1 (no visit)", d + 1);
                if (sct == 0 && v > cap)
                    ok = fail(&l, CR_ERR_INVALID_DATA, "day %d: demand %g exceeds the capacity %g", d + 1, v, cap);
                if (sct == 1 && !(v >= 0))
                    ok = fail(&l, CR_ERR_INVALID_DATA, "day %d: service time must be >= 0", d + 1);
                out[(size_t)i * nd + d] = v;
            }
        }
    }
    ok = ok && expect_section(&l, "DEPOT_SECTION");
    if (ok && l.at >= l.n)
        ok = fail(&l, CR_ERR_PARSE, "unexpected end of file: expected the depot's 'x y'");
    else if (ok && !numbers(&l, depot, 2, &got))
        ok = false;
    else if (ok && got != 2)
        ok = fail(&l, CR_ERR_PARSE, "expected the depot's 'x y'");
    cr_model *m = NULL;
    if (ok) {
        m = cr_model_new();
        m->name = cr_io_name_from_path(source);
        m->format = CR_FORMAT_CONVRP;
        m->n_days = nd;
        m->day_names = g_new0(char *, nd + 1);
        for (int d = 0; d < nd; d++)
            m->day_names[d] = g_strdup_printf("d%d", d + 1);
        m->travel.kind = CR_TRAVEL_EUCLIDEAN;
        m->rules.min_visit_minutes = 0;
        m->rules.allow_short_visits = true;
        /* Driver consistency is the point of these instances: each
         * customer has one driver on all its days (a hard cap of one,
         * which the rota search keeps while it moves whole customers). */
        m->rules.continuity_weight = 1e6;
        m->rules.max_carers_per_client = 1;
        m->n_points = n + 1;
        m->points = g_new(cr_point, n + 1);
        m->points[0] = (cr_point){depot[0], depot[1]};
        for (int i = 0; i < n; i++)
            m->points[i + 1] = (cr_point){xy[2 * i], xy[2 * i + 1]};
        /* Enough drivers: twice the busiest day's capacity bound, plus two. */
        int need = 0, n_visits = 0;
        for (int d = 0; d < nd; d++) {
            double total = 0;
            for (int i = 0; i < n; i++)
                if (demand[(size_t)i * nd + d] >= 0) {
                    total += demand[(size_t)i * nd + d];
                    n_visits++;
                }
            int k = (int)ceil(total / cap);
            need = k > need ? k : need;
        }
        m->n_carers = 2 * need + 2;
        m->carers = g_new0(cr_carer, m->n_carers);
        for (int k = 0; k < m->n_carers; k++) {
            cr_carer *c = &m->carers[k];
            c->id = g_strdup_printf("driver%d", k + 1);
            c->provider = -1;
            c->capacity = cap;
            c->max_week_minutes = INFINITY;
            c->shifts = g_new0(cr_shift, nd);
            for (int d = 0; d < nd; d++)
                c->shifts[d] = (cr_shift){true, 0, limit};
        }
        m->n_clients = n;
        m->clients = g_new0(cr_client, n);
        m->n_visits = n_visits;
        m->visits = g_new0(cr_visit, n_visits > 0 ? n_visits : 1);
        int v = 0;
        for (int i = 0; i < n; i++) {
            m->clients[i].id = g_strdup_printf("%d", i + 1);
            m->clients[i].provider = m->clients[i].zone = -1;
            m->clients[i].point = i + 1;
            for (int d = 0; d < nd; d++) {
                double q = demand[(size_t)i * nd + d];
                if (q < 0)
                    continue;
                cr_visit *vis = &m->visits[v++];
                vis->id = g_strdup_printf("%d@d%d", i + 1, d + 1);
                vis->client = i;
                vis->point = i + 1;
                vis->day = d;
                vis->ready = 0;
                vis->due = INFINITY;
                vis->duration = service[(size_t)i * nd + d];
                vis->demand = q;
                vis->n_carers = 1;
                vis->priority = 3;
                vis->sync = -1;
            }
        }
    }
    g_free(name);
    g_free(xy);
    g_free(demand);
    g_free(service);
    g_strfreev(l.lines);
    return m;
}
