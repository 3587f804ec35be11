/* Solomon (1987) and Gehring–Homberger (1999) VRPTW text files.
 *
 *   NAME
 *   VEHICLE
 *   NUMBER     CAPACITY
 *     25         200
 *   CUSTOMER
 *   CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME
 *       0      40         50          0          0       1236          0
 *
 * Parsed by whitespace tokens, line by line (CRLF tolerated); node 0 is the
 * depot and its due date closes every vehicle's shift. */
#include "io.h"

#include "careroute.h"
#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VEHICLES 100000
#define MAX_CUSTOMERS 1000000
#define MAX_MAGNITUDE 1e9

typedef struct {
    double id, x, y, demand, ready, due, service;
} row;

static gboolean parse_number(const char *tok, double *out)
{
    char *end = NULL;
    double v = g_ascii_strtod(tok, &end);
    if (end == tok || *end != '\0' || !isfinite(v))
        return FALSE;
    *out = v;
    return TRUE;
}

static gboolean is_integer(double v)
{
    return v == floor(v);
}

enum { EXPECT_NAME, EXPECT_VEHICLE, EXPECT_VEHICLE_HEADER, EXPECT_VEHICLE_VALUES,
       EXPECT_CUSTOMER, EXPECT_CUSTOMER_HEADER, IN_DATA };

static const char *expected_text(int state)
{
    switch (state) {
    case EXPECT_NAME: return "the instance name";
    case EXPECT_VEHICLE: return "the VEHICLE section";
    case EXPECT_VEHICLE_HEADER: return "the line 'NUMBER CAPACITY'";
    case EXPECT_VEHICLE_VALUES: return "the vehicle number and capacity";
    case EXPECT_CUSTOMER: return "the CUSTOMER section";
    case EXPECT_CUSTOMER_HEADER: return "the customer column header";
    default: return "customer lines";
    }
}

static cr_model *build_model(const char *name, long vehicles, double capacity,
                             const row *rows, int n_rows)
{
    cr_model *m = cr_model_new();
    m->name = g_strdup(name);
    m->format = CR_FORMAT_SOLOMON;
    m->is_vrptw = true;
    m->n_days = 1;
    m->day_names = g_new0(char *, 1);
    m->day_names[0] = g_strdup("day 1");
    m->travel.kind = CR_TRAVEL_EUCLIDEAN;
    m->rules.min_visit_minutes = 0;
    m->rules.allow_short_visits = true;
    m->rules.continuity_weight = 0;

    m->n_points = n_rows;
    m->points = g_new(cr_point, n_rows);
    for (int i = 0; i < n_rows; i++)
        m->points[i] = (cr_point){rows[i].x, rows[i].y};

    m->n_carers = (int)vehicles;
    m->carers = g_new0(cr_carer, vehicles);
    for (int k = 0; k < vehicles; k++) {
        cr_carer *c = &m->carers[k];
        c->id = g_strdup_printf("%d", k + 1);
        c->provider = -1;
        c->start_point = c->end_point = 0;
        c->capacity = capacity;
        c->shifts = g_new0(cr_shift, 1);
        c->shifts[0] = (cr_shift){true, rows[0].ready, rows[0].due};
        c->max_week_minutes = INFINITY;
    }

    int n = n_rows - 1;
    m->n_clients = m->n_visits = n;
    m->clients = g_new0(cr_client, n > 0 ? n : 1);
    m->visits = g_new0(cr_visit, n > 0 ? n : 1);
    for (int i = 0; i < n; i++) {
        const row *r = &rows[i + 1];
        cr_client *cl = &m->clients[i];
        cl->id = g_strdup_printf("%.0f", r->id);
        cl->provider = cl->zone = -1;
        cl->point = i + 1;
        cr_visit *v = &m->visits[i];
        v->id = g_strdup_printf("%.0f", r->id);
        v->client = i;
        v->point = i + 1;
        v->day = 0;
        v->ready = r->ready;
        v->due = r->due;
        v->duration = r->service;
        v->demand = r->demand;
        v->n_carers = 1;
        v->sync = -1;
        v->priority = 1;
    }
    return m;
}

cr_model *cr_io_read_solomon(const char *data, size_t len, const char *source, GError **err)
{
    if (memchr(data, '\0', len)) {
        g_set_error(err, CR_ERROR, CR_ERR_PARSE,
                    "%s: contains NUL bytes: expected a Solomon VRPTW text file", source);
        return NULL;
    }
    char *text = g_strndup(data, len);
    char **lines = g_strsplit(text, "\n", -1);
    g_free(text);

    int state = EXPECT_NAME;
    char *name = NULL;
    long vehicles = 0;
    double capacity = 0;
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(row));
    cr_model *m = NULL;
    int lineno = 0;

#define FAIL(code, ...)                                                  \
    do {                                                                 \
        char *msg_ = g_strdup_printf(__VA_ARGS__);                       \
        g_set_error(err, CR_ERROR, code, "%s:%d: %s", source, lineno, msg_); \
        g_free(msg_);                                                    \
        goto out;                                                        \
    } while (0)

    for (char **lp = lines; *lp; lp++) {
        lineno++;
        char *line = g_strstrip(*lp); /* also drops the CR of CRLF */
        if (*line == '\0')
            continue;
        if (!g_utf8_validate(line, -1, NULL))
            FAIL(CR_ERR_PARSE, "invalid UTF-8 text, expected %s", expected_text(state));
        char **tok = g_strsplit_set(line, " \t\r\f\v", -1);
        /* g_strsplit_set leaves empty strings between runs of separators. */
        int nt = 0;
        for (int i = 0; tok[i]; i++)
            if (*tok[i])
                tok[nt++] = tok[i];
            else
                g_free(tok[i]);
        tok[nt] = NULL;

        gboolean ok = TRUE;
        char msg[256] = "";
        switch (state) {
        case EXPECT_NAME:
            if (g_str_equal(tok[0], "VEHICLE")) {
                name = g_path_get_basename(source);
                state = EXPECT_VEHICLE_HEADER;
            } else {
                name = g_strdup(line);
                state = EXPECT_VEHICLE;
            }
            break;
        case EXPECT_VEHICLE:
            if (!g_str_equal(tok[0], "VEHICLE") || nt != 1) {
                ok = FALSE;
                g_snprintf(msg, sizeof msg, "expected 'VEHICLE', found '%.40s'", line);
            } else
                state = EXPECT_VEHICLE_HEADER;
            break;
        case EXPECT_VEHICLE_HEADER:
            if (!g_str_equal(tok[0], "NUMBER")) {
                ok = FALSE;
                g_snprintf(msg, sizeof msg, "expected 'NUMBER CAPACITY', found '%.40s'", line);
            } else
                state = EXPECT_VEHICLE_VALUES;
            break;
        case EXPECT_VEHICLE_VALUES: {
            double k, q;
            if (nt != 2 || !parse_number(tok[0], &k) || !parse_number(tok[1], &q)) {
                ok = FALSE;
                g_snprintf(msg, sizeof msg,
                           "expected two numbers (vehicle number, capacity), found '%.40s'", line);
            } else if (!is_integer(k) || k < 1 || k > MAX_VEHICLES) {
                ok = FALSE;
                g_snprintf(msg, sizeof msg, "vehicle number %.6g: expected a whole number from 1 to %d",
                           k, MAX_VEHICLES);
            } else if (q <= 0 || q > MAX_MAGNITUDE) {
                ok = FALSE;
                g_snprintf(msg, sizeof msg, "capacity %.6g: expected a positive number up to %.0g",
                           q, MAX_MAGNITUDE);
            } else {
                vehicles = (long)k;
                capacity = q;
                state = EXPECT_CUSTOMER;
            }
            break;
        }
        case EXPECT_CUSTOMER:
            if (!g_str_equal(tok[0], "CUSTOMER")) {
                ok = FALSE;
                g_snprintf(msg, sizeof msg, "expected 'CUSTOMER', found '%.40s'", line);
            } else
                state = EXPECT_CUSTOMER_HEADER;
            break;
        case EXPECT_CUSTOMER_HEADER:
            if (!g_str_has_prefix(tok[0], "CUST")) {
                ok = FALSE;
                g_snprintf(msg, sizeof msg, "expected the column header 'CUST NO. XCOORD. ...', found '%.40s'", line);
            } else
                state = IN_DATA;
            break;
        default: {
            double v[7];
            if (nt != 7) {
                ok = FALSE;
                g_snprintf(msg, sizeof msg,
                           "expected 7 numbers (id x y demand ready due service), found %d field%s", nt,
                           nt == 1 ? "" : "s");
                break;
            }
            for (int i = 0; i < 7 && ok; i++)
                if (!parse_number(tok[i], &v[i])) {
                    ok = FALSE;
                    g_snprintf(msg, sizeof msg, "field %d '%.30s' is not a finite number", i + 1, tok[i]);
                }
            if (!ok)
                break;
            row r = {v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
            long expect = (long)rows->len;
            if (!is_integer(r.id) || r.id != (double)expect)
                g_snprintf(msg, sizeof msg, "customer id %.6g: expected %ld (ids run 0, 1, 2, ... with 0 the depot)",
                           r.id, expect), ok = FALSE;
            else if (fabs(r.x) > MAX_MAGNITUDE || fabs(r.y) > MAX_MAGNITUDE)
                g_snprintf(msg, sizeof msg, "customer %ld: coordinates beyond +-%.0g", expect, MAX_MAGNITUDE), ok = FALSE;
            else if (r.demand < 0 || r.demand > MAX_MAGNITUDE)
                g_snprintf(msg, sizeof msg, "customer %ld: demand %.6g, expected 0 to %.0g", expect, r.demand, MAX_MAGNITUDE), ok = FALSE;
            else if (r.ready < 0 || r.due > MAX_MAGNITUDE)
                g_snprintf(msg, sizeof msg, "customer %ld: time window [%.6g, %.6g] outside [0, %.0g]", expect, r.ready, r.due, MAX_MAGNITUDE), ok = FALSE;
            else if (r.ready > r.due)
                g_snprintf(msg, sizeof msg, "customer %ld: reversed time window: ready time %.6g is after due date %.6g", expect, r.ready, r.due), ok = FALSE;
            else if (r.service < 0 || r.service > MAX_MAGNITUDE)
                g_snprintf(msg, sizeof msg, "customer %ld: service time %.6g, expected 0 to %.0g", expect, r.service, MAX_MAGNITUDE), ok = FALSE;
            else if (rows->len >= MAX_CUSTOMERS + 1)
                g_snprintf(msg, sizeof msg, "more than %d customers", MAX_CUSTOMERS), ok = FALSE;
            else
                g_array_append_val(rows, r);
            break;
        }
        }
        g_strfreev(tok);
        if (!ok)
            FAIL(CR_ERR_PARSE, "%s", msg);
    }
    if (state != IN_DATA || rows->len == 0) {
        FAIL(CR_ERR_PARSE, "unexpected end of file: expected %s",
             state == IN_DATA ? "the depot line (customer 0)" : expected_text(state));
    }
    m = build_model(name, vehicles, capacity, (const row *)rows->data, (int)rows->len);
out:
#undef FAIL
    g_free(name);
    g_array_free(rows, TRUE);
    g_strfreev(lines);
    return m;
}
