/* Designing k compact zones balanced by care hours.
 *
 * Weighted k-means whose assignment step minimises squared distance plus a
 * per-zone price: a zone carrying more than its share of hours raises its
 * price and sheds its outermost clients to neighbours, one carrying less
 * lowers it. Assigning by "distance squared plus price" is a power diagram,
 * so the zones stay convex and never overlap; each is drawn as the convex
 * hull of its clients. */
#include "zones.h"

#include <math.h>
#include <string.h>

#define DESIGN_ROUNDS 600

static double sq(double v)
{
    return v * v;
}

/* Andrew's monotone chain over the points with zone == c; returns the hull
 * as a ring of lon/lat pairs, a small box when there are fewer than three
 * distinct corners. */
static int cmp_pt(const void *a, const void *b)
{
    const double *p = a, *q = b;
    if (p[0] != q[0])
        return p[0] < q[0] ? -1 : 1;
    return (p[1] > q[1]) - (p[1] < q[1]);
}

static double cross(const double *o, const double *a, const double *b)
{
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

static GArray *hull(const double *pts, size_t m)
{
    double *p = g_memdup2(pts, sizeof(double) * 2 * m);
    qsort(p, m, 2 * sizeof(double), cmp_pt);
    double *h = g_new(double, 4 * m + 8);
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        while (k >= 2 && cross(&h[2 * (k - 2)], &h[2 * (k - 1)], &p[2 * i]) <= 0)
            k--;
        memcpy(&h[2 * k++], &p[2 * i], 2 * sizeof(double));
    }
    for (size_t i = m - 1, t = k + 1; i-- > 0;) {
        while (k >= t && cross(&h[2 * (k - 2)], &h[2 * (k - 1)], &p[2 * i]) <= 0)
            k--;
        memcpy(&h[2 * k++], &p[2 * i], 2 * sizeof(double));
    }
    if (k > 1)
        k--; /* the last point repeats the first */
    GArray *ring = g_array_new(FALSE, FALSE, sizeof(double));
    /* Grow the hull by about a metre so clients on its edge are inside. */
    const double pad = 1e-5;
    if (k < 3) {
        double lo0 = p[0], hi0 = p[0], lo1 = p[1], hi1 = p[1];
        for (size_t i = 0; i < m; i++) {
            lo0 = fmin(lo0, p[2 * i]);
            hi0 = fmax(hi0, p[2 * i]);
            lo1 = fmin(lo1, p[2 * i + 1]);
            hi1 = fmax(hi1, p[2 * i + 1]);
        }
        double box[8] = {lo0 - 10 * pad, lo1 - 10 * pad, hi0 + 10 * pad, lo1 - 10 * pad,
                         hi0 + 10 * pad, hi1 + 10 * pad, lo0 - 10 * pad, hi1 + 10 * pad};
        g_array_append_vals(ring, box, 8);
    } else {
        double cx = 0, cy = 0;
        for (size_t i = 0; i < k; i++) {
            cx += h[2 * i] / k;
            cy += h[2 * i + 1] / k;
        }
        for (size_t i = 0; i < k; i++) {
            double dx = h[2 * i] - cx, dy = h[2 * i + 1] - cy, len = hypot(dx, dy);
            double v[2] = {h[2 * i] + (len > 0 ? pad * dx / len : 0), h[2 * i + 1] + (len > 0 ? pad * dy / len : 0)};
            g_array_append_vals(ring, v, 2);
        }
    }
    g_free(p);
    g_free(h);
    return ring;
}

void cr_zone_set_design(cr_zone_set *set, size_t n, const double *lon, const double *lat,
                        const double *hours, size_t k, uint64_t seed, int64_t *zone_out)
{
    double lat0 = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        lat0 += lat[i] / n;
        total += hours ? hours[i] : 1;
    }
    bool unweighted = !hours || total <= 0;
    if (unweighted)
        total = (double)n;
    double kx = 111.32 * cos(lat0 * G_PI / 180), ky = 110.57; /* km per degree */
    double *x = g_new(double, n), *y = g_new(double, n), *w = g_new(double, n);
    for (size_t i = 0; i < n; i++) {
        x[i] = lon[i] * kx;
        y[i] = lat[i] * ky;
        w[i] = unweighted ? 1 : hours[i];
    }
    double *cx = g_new(double, k), *cy = g_new(double, k), *price = g_new0(double, k);
    double *load = g_new(double, k), *d2 = g_new(double, n);

    /* k-means++ seeding, weighted by hours. */
    GRand *rng = g_rand_new_with_seed((guint32)(seed ^ (seed >> 32)));
    size_t first = (size_t)g_rand_int_range(rng, 0, (gint32)n);
    cx[0] = x[first];
    cy[0] = y[first];
    for (size_t i = 0; i < n; i++)
        d2[i] = sq(x[i] - cx[0]) + sq(y[i] - cy[0]);
    for (size_t c = 1; c < k; c++) {
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += d2[i] * (w[i] + 1e-9);
        double at = g_rand_double(rng) * sum;
        size_t pick = n - 1;
        for (size_t i = 0; i < n; i++) {
            at -= d2[i] * (w[i] + 1e-9);
            if (at <= 0) {
                pick = i;
                break;
            }
        }
        cx[c] = x[pick];
        cy[c] = y[pick];
        for (size_t i = 0; i < n; i++)
            d2[i] = fmin(d2[i], sq(x[i] - cx[c]) + sq(y[i] - cy[c]));
    }
    g_rand_free(rng);

    double spread = 0; /* typical squared distance, the scale of prices */
    for (size_t i = 0; i < n; i++)
        spread += d2[i] / n;
    if (spread <= 0)
        spread = 1;
    double target = total / k, best_most = INFINITY;
    int64_t *best_zone = g_new(int64_t, n);
    double *best_load = g_new(double, k);
    for (int round = 0; round <= DESIGN_ROUNDS; round++) {
        memset(load, 0, sizeof(double) * k);
        for (size_t i = 0; i < n; i++) {
            size_t best = 0;
            double best_cost = INFINITY;
            for (size_t c = 0; c < k; c++) {
                double cost = sq(x[i] - cx[c]) + sq(y[i] - cy[c]) + price[c];
                if (cost < best_cost) {
                    best_cost = cost;
                    best = c;
                }
            }
            zone_out[i] = (int64_t)best;
            load[best] += w[i];
        }
        /* Once the centres are fixed, keep the best-balanced assignment:
         * each one is a power diagram of the same centres, so any is valid. */
        if (round >= DESIGN_ROUNDS / 2) {
            double most = 0;
            for (size_t c = 0; c < k; c++)
                most = fmax(most, load[c]);
            if (most < best_most) {
                best_most = most;
                memcpy(best_zone, zone_out, sizeof(int64_t) * n);
                memcpy(best_load, load, sizeof(double) * k);
            }
        }
        if (round == DESIGN_ROUNDS)
            break;
        double step = 2.0 * spread * (1.0 - (double)round / DESIGN_ROUNDS);
        for (size_t c = 0; c < k; c++)
            price[c] += step * (load[c] / target - 1);
        /* Centres follow their clients in the first half, then stay put so
         * the prices can settle the balance. */
        if (round < DESIGN_ROUNDS / 2) {
            double *sx = g_new0(double, k), *sy = g_new0(double, k), *sw = g_new0(double, k);
            for (size_t i = 0; i < n; i++) {
                size_t c = (size_t)zone_out[i];
                sx[c] += x[i] * (w[i] + 1e-9);
                sy[c] += y[i] * (w[i] + 1e-9);
                sw[c] += w[i] + 1e-9;
            }
            for (size_t c = 0; c < k; c++)
                if (sw[c] > 0) {
                    cx[c] = sx[c] / sw[c];
                    cy[c] = sy[c] / sw[c];
                }
            g_free(sx);
            g_free(sy);
            g_free(sw);
        }
    }

    memcpy(zone_out, best_zone, sizeof(int64_t) * n);
    memcpy(load, best_load, sizeof(double) * k);
    g_free(best_zone);
    g_free(best_load);
    g_ptr_array_set_size(set->zones, 0);
    double *pts = g_new(double, 2 * n);
    for (size_t c = 0; c < k; c++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if ((size_t)zone_out[i] == c) {
                pts[2 * m] = lon[i];
                pts[2 * m + 1] = lat[i];
                m++;
            }
        char *name = g_strdup_printf("zone-%zu", c + 1);
        cr_zone *z = cr_zone_new(name);
        g_free(name);
        z->hours = unweighted ? (double)m : load[c];
        if (m > 0)
            cr_zone_add_ring(z, hull(pts, m), 0);
        g_ptr_array_add(set->zones, z);
    }
    g_free(pts);
    g_free(x);
    g_free(y);
    g_free(w);
    g_free(cx);
    g_free(cy);
    g_free(price);
    g_free(load);
    g_free(d2);
}
