/* Mankowska, Meisel & Bierwirth (2014) home health care instances
 * (InstanzCPLEX_HCSRP_* / InstanzVNS_HCSRP_*): keyword lines, each followed by
 * whitespace-separated numbers.
 *
 *   nbNodes N   nbVehi V   nbServi S
 *   r   N x S (0/1)      service s needed at node i (depot rows all 1)
 *   DS  double-service patients, as 1-based row numbers
 *   a   V x S (0/1)      caregiver v qualified for service s
 *   x, y  N values;  d  N x N travel times (= distances)
 *   p   N*V x S          duration of service s at node i by caregiver v (row i*V+v)
 *   mind, maxd  N values: gap from the lower to the higher service of a double
 *   e, l  N values: earliest start (hard) and due time (soft)
 *
 * Node 0 is the depot, node N-1 the same depot at the end. Each needed
 * service becomes a visit "p<i>-s<k>"; a double service ties its two visits
 * by a sync (two different carers, gap in [mind, maxd]). Caregivers leave the
 * depot at time 0. The objective is (travel + total tardiness + maximum
 * tardiness) / 3. */
#include "io.h"

#include "careroute.h"
#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NODES 5002
#define MAX_VEHICLES 1000

typedef struct {
    gchar **tok;
    int *line;
    int n, at;
    const char *source;
    GError **err;
} tokens;

static void tokenize(tokens *t, const char *data, size_t len)
{
    GPtrArray *tok = g_ptr_array_new();
    GArray *line = g_array_new(FALSE, FALSE, sizeof(int));
    int ln = 1;
    const char *p = data, *end = data + len;
    while (p < end) {
        while (p < end && g_ascii_isspace(*p)) {
            if (*p == '\n')
                ln++;
            p++;
        }
        const char *s = p;
        while (p < end && !g_ascii_isspace(*p))
            p++;
        if (p > s) {
            g_ptr_array_add(tok, g_strndup(s, (gsize)(p - s)));
            g_array_append_val(line, ln);
        }
    }
    t->n = (int)tok->len;
    g_ptr_array_add(tok, NULL);
    t->tok = (gchar **)g_ptr_array_free(tok, FALSE);
    t->line = (int *)(void *)g_array_free(line, FALSE);
    t->at = 0;
}

static int cur_line(const tokens *t)
{
    return t->at < t->n ? t->line[t->at] : (t->n ? t->line[t->n - 1] : 1);
}

static bool keyword(tokens *t, const char *kw)
{
    if (t->at < t->n && strcmp(t->tok[t->at], kw) == 0) {
        t->at++;
        return true;
    }
    g_set_error(t->err, CR_ERROR, CR_ERR_PARSE, "%s:%d: expected the keyword '%s', found %s%s%s", t->source,
                cur_line(t), kw, t->at < t->n ? "'" : "", t->at < t->n ? t->tok[t->at] : "the end of the file",
                t->at < t->n ? "'" : "");
    return false;
}

static bool number(tokens *t, const char *what, double lo, double hi, double *out)
{
    if (t->at >= t->n) {
        g_set_error(t->err, CR_ERROR, CR_ERR_PARSE, "%s:%d: unexpected end of file: expected %s", t->source,
                    cur_line(t), what);
        return false;
    }
    char *end = NULL;
    double v = g_ascii_strtod(t->tok[t->at], &end);
    if (end == t->tok[t->at] || *end || !isfinite(v)) {
        g_set_error(t->err, CR_ERROR, CR_ERR_PARSE, "%s:%d: expected %s, found '%.40s'", t->source, cur_line(t),
                    what, t->tok[t->at]);
        return false;
    }
    if (v < lo || v > hi) {
        g_set_error(t->err, CR_ERROR, CR_ERR_INVALID_DATA, "%s:%d: %s must be in %g..%g, found %g", t->source,
                    cur_line(t), what, lo, hi, v);
        return false;
    }
    t->at++;
    *out = v;
    return true;
}

static bool numbers(tokens *t, const char *kw, const char *what, size_t count, double lo, double hi, double *out)
{
    if (!keyword(t, kw))
        return false;
    for (size_t i = 0; i < count; i++)
        if (!number(t, what, lo, hi, &out[i]))
            return false;
    return true;
}

static bool whole(tokens *t, const char *kw, double lo, double hi, int *out)
{
    double v;
    if (!keyword(t, kw) || !number(t, kw, lo, hi, &v))
        return false;
    if (v != floor(v)) {
        g_set_error(t->err, CR_ERROR, CR_ERR_INVALID_DATA, "%s:%d: %s must be a whole number", t->source,
                    cur_line(t) , kw);
        return false;
    }
    *out = (int)v;
    return true;
}

typedef struct {
    int N, V, S;
    double *r, *a, *x, *y, *d, *p, *mind, *maxd, *e, *l;
    int *ds;
    int n_ds;
} raw;

static void raw_free(raw *w)
{
    g_free(w->r);
    g_free(w->a);
    g_free(w->x);
    g_free(w->y);
    g_free(w->d);
    g_free(w->p);
    g_free(w->mind);
    g_free(w->maxd);
    g_free(w->e);
    g_free(w->l);
    g_free(w->ds);
}

static bool read_raw(tokens *t, raw *w)
{
    if (!whole(t, "nbNodes", 3, MAX_NODES, &w->N) || !whole(t, "nbVehi", 1, MAX_VEHICLES, &w->V) ||
        !whole(t, "nbServi", 1, 64, &w->S))
        return false;
    size_t N = (size_t)w->N, V = (size_t)w->V, S = (size_t)w->S;
    w->r = g_new(double, N * S);
    w->a = g_new(double, V * S);
    w->x = g_new(double, N);
    w->y = g_new(double, N);
    w->d = g_new(double, N * N);
    w->p = g_new(double, N * V * S);
    w->mind = g_new(double, N);
    w->maxd = g_new(double, N);
    w->e = g_new(double, N);
    w->l = g_new(double, N);
    if (!numbers(t, "r", "a 0/1 service requirement", N * S, 0, 1, w->r))
        return false;
    if (!keyword(t, "DS"))
        return false;
    GArray *ds = g_array_new(FALSE, FALSE, sizeof(int));
    while (t->at < t->n && strcmp(t->tok[t->at], "a") != 0) {
        double v;
        if (!number(t, "a double-service row number", 2, (double)N - 1, &v)) {
            g_array_free(ds, TRUE);
            return false;
        }
        if (v != floor(v)) {
            g_set_error(t->err, CR_ERROR, CR_ERR_INVALID_DATA, "%s:%d: DS row numbers are whole numbers",
                        t->source, t->line[t->at - 1]);
            g_array_free(ds, TRUE);
            return false;
        }
        int node = (int)v - 1; /* 1-based rows */
        g_array_append_val(ds, node);
    }
    w->n_ds = (int)ds->len;
    w->ds = (int *)(void *)g_array_free(ds, FALSE);
    return numbers(t, "a", "a 0/1 qualification", V * S, 0, 1, w->a) &&
           numbers(t, "x", "an x coordinate", N, -1e9, 1e9, w->x) &&
           numbers(t, "y", "a y coordinate", N, -1e9, 1e9, w->y) &&
           numbers(t, "d", "a travel time", N * N, 0, 1e9, w->d) &&
           numbers(t, "p", "a service duration", N * V * S, 0, 1e9, w->p) &&
           numbers(t, "mind", "a minimum gap", N, -1e9, 1e9, w->mind) &&
           numbers(t, "maxd", "a maximum gap", N, -1e9, 1e9, w->maxd) &&
           numbers(t, "e", "an earliest start", N, 0, 1e9, w->e) &&
           numbers(t, "l", "a due time", N, 0, 1e9, w->l);
}

static bool check_raw(const raw *w, const char *source, GError **err)
{
    size_t S = (size_t)w->S;
    bool *is_ds = g_new0(bool, (size_t)w->N);
    bool ok = true;
    for (int k = 0; k < w->n_ds && ok; k++) {
        int i = w->ds[k], need = 0;
        for (size_t s = 0; s < S; s++)
            need += w->r[(size_t)i * S + s] != 0;
        if (is_ds[i]) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA, "%s: DS: patient %d is listed twice", source, i);
            ok = false;
        } else if (need != 2) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                        "%s: DS: patient %d needs %d services, a double service needs exactly 2", source, i, need);
            ok = false;
        } else if (w->mind[i] > w->maxd[i]) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                        "%s: patient %d: minimum gap %g is above the maximum gap %g", source, i, w->mind[i], w->maxd[i]);
            ok = false;
        }
        is_ds[i] = true;
    }
    for (int i = 1; i < w->N - 1 && ok; i++) {
        int need = 0;
        for (size_t s = 0; s < S; s++)
            need += w->r[(size_t)i * S + s] != 0;
        if (need == 0 || (need > 1 && !is_ds[i])) {
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                        "%s: patient %d needs %d services but is %s the DS list", source, i, need,
                        is_ds[i] ? "in" : "not in");
            ok = false;
        }
        for (size_t s = 0; s < S && ok; s++) {
            if (!w->r[(size_t)i * S + s])
                continue;
            bool someone = false;
            for (int v = 0; v < w->V; v++)
                someone = someone || w->a[(size_t)v * S + s];
            if (!someone) {
                g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                            "%s: patient %d needs service %zu, for which no caregiver is qualified", source, i, s + 1);
                ok = false;
            }
        }
    }
    g_free(is_ds);
    return ok;
}

static cr_model *build(const raw *w, const char *source)
{
    int N = w->N, V = w->V, S = w->S, P = N - 2;
    cr_model *m = cr_model_new();
    cr_io_hhc_model_setup(m, source, CR_FORMAT_MANKOWSKA);

    /* Points: the depot and the patients (the end depot row is the same place). */
    int n_points = N - 1;
    m->n_points = n_points;
    m->points = g_new(cr_point, n_points);
    for (int i = 0; i < n_points; i++)
        m->points[i] = (cr_point){w->x[i], w->y[i]};
    m->travel.kind = CR_TRAVEL_MATRIX;
    m->travel.times = g_new(double, (size_t)n_points * n_points);
    m->travel.distances = g_new(double, (size_t)n_points * n_points);
    for (int i = 0; i < n_points; i++)
        for (int j = 0; j < n_points; j++) {
            m->travel.times[(size_t)i * n_points + j] = w->d[(size_t)i * N + j];
            m->travel.distances[(size_t)i * n_points + j] = w->d[(size_t)i * N + j];
        }

    m->n_skills = S;
    m->skills = g_new0(char *, S + 1);
    for (int s = 0; s < S; s++)
        m->skills[s] = g_strdup_printf("s%d", s + 1);
    m->n_carers = V;
    m->carers = g_new0(cr_carer, V);
    for (int v = 0; v < V; v++) {
        cr_carer *c = &m->carers[v];
        c->id = g_strdup_printf("c%d", v + 1);
        c->provider = -1;
        c->start_point = c->end_point = 0;
        c->capacity = INFINITY;
        c->shifts = g_new0(cr_shift, 1);
        c->shifts[0] = (cr_shift){true, 0, INFINITY};
        c->max_week_minutes = INFINITY;
        for (int s = 0; s < S; s++)
            if (w->a[(size_t)v * S + s])
                c->skills |= UINT64_C(1) << s;
    }
    m->n_clients = P;
    m->clients = g_new0(cr_client, P > 0 ? P : 1);
    int n_visits = 0;
    for (int i = 1; i <= P; i++)
        for (int s = 0; s < S; s++)
            n_visits += w->r[(size_t)i * S + s] != 0;
    m->n_visits = n_visits;
    m->visits = g_new0(cr_visit, n_visits > 0 ? n_visits : 1);
    m->carer_duration = g_new(double, (size_t)(n_visits > 0 ? n_visits : 1) * V);
    m->syncs = g_new0(cr_sync, w->n_ds > 0 ? w->n_ds : 1);
    int k = 0;
    for (int i = 1; i <= P; i++) {
        cr_client *cl = &m->clients[i - 1];
        cl->id = g_strdup_printf("p%d", i);
        cl->provider = -1;
        cl->zone = -1;
        cl->point = i;
        int first = -1;
        for (int s = 0; s < S; s++) {
            if (!w->r[(size_t)i * S + s])
                continue;
            cr_visit *v = &m->visits[k];
            v->id = g_strdup_printf("p%d-s%d", i, s + 1);
            v->client = i - 1;
            v->point = i;
            v->day = 0;
            v->ready = w->e[i];
            v->due = w->l[i];
            v->soft_due = true;
            v->n_carers = 1;
            v->skills = UINT64_C(1) << s;
            v->priority = 3;
            v->sync = -1;
            double shortest = INFINITY;
            for (int c = 0; c < V; c++) {
                double dur = w->p[((size_t)i * V + c) * S + s];
                m->carer_duration[(size_t)k * V + c] = dur;
                if ((m->carers[c].skills >> s) & 1)
                    shortest = fmin(shortest, dur);
            }
            v->duration = isfinite(shortest) ? shortest : 0;
            if (first < 0) {
                first = k;
            } else {
                /* The second service of a double service: the gap runs from
                 * the lower-numbered service to the higher one. */
                cr_sync *sy = &m->syncs[m->n_syncs];
                sy->first = first;
                sy->second = k;
                sy->min_gap = w->mind[i];
                sy->max_gap = w->maxd[i];
                m->visits[first].sync = m->visits[k].sync = m->n_syncs++;
            }
            k++;
        }
    }
    return m;
}

cr_model *cr_io_read_mankowska(const char *data, size_t len, const char *source, GError **err)
{
    tokens t = {.source = source, .err = err};
    tokenize(&t, data, len);
    raw w = {0};
    cr_model *m = NULL;
    if (read_raw(&t, &w) && check_raw(&w, source, err)) {
        if (t.at < t.n)
            g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s:%d: unexpected '%.40s' after the 'l' section", source,
                        cur_line(&t), t.tok[t.at]);
        else
            m = build(&w, source);
    }
    raw_free(&w);
    g_strfreev(t.tok);
    g_free(t.line);
    return m;
}
