/* Travel-time graph tests through the public API: exact times on a
 * hand-made map, one-way streets and access rules, unreachable pairs, the
 * fast method against the Dijkstra baseline on a generated city, the cache,
 * matrices users supply, zones, and malformed maps, points and files. */
#include <careroute.h>

#include "fixture.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *fixture(const char *name)
{
    return fixture_in("geo", name);
}

/* Independent of the library: great-circle metres on a 6371008.8 m sphere. */
static double metres(double lat1, double lon1, double lat2, double lon2)
{
    double r = M_PI / 180, a = sin((lat2 - lat1) * r / 2), b = sin((lon2 - lon1) * r / 2);
    return 2 * 6371008.8 * asin(sqrt(a * a + cos(lat1 * r) * cos(lat2 * r) * b * b));
}

static double secs(double m, double kmh)
{
    return m / (kmh / 3.6);
}

static cr_map *load_map(const char *name, const char *profile, bool keep_all)
{
    cr_map *m = NULL;
    ck_assert_int_eq(cr_map_new(&m), CR_OK);
    if (profile)
        ck_assert_int_eq(cr_map_set_profile(m, profile), CR_OK);
    ck_assert_int_eq(cr_map_set_keep_all_roads(m, keep_all), CR_OK);
    cr_status st = cr_map_load_file(m, fixture(name));
    ck_assert_msg(st == CR_OK, "%s: %s", name, cr_map_errmsg(m));
    return m;
}

/* Points on tiny.osm: nodes 1, 3 and 4, the middle of 1-2, and a point 22 m
 * beside node 2's road. */
static const char *const tiny_ids[] = {"n1", "n3", "n4", "mid12", "beside2"};
static const double tiny_lon[] = {0.000, 0.002, 0.003, 0.0005, 0.001};
static const double tiny_lat[] = {0.0, 0.0, 0.0, 0.0, 0.0002};

static cr_matrix *tiny_matrix(cr_map *m, int method)
{
    cr_matrix *x = NULL;
    ck_assert_int_eq(cr_matrix_new(&x), CR_OK);
    cr_status st = cr_matrix_compute(x, m, 5, tiny_ids, tiny_lon, tiny_lat, method);
    ck_assert_msg(st == CR_OK, "%s", cr_matrix_errmsg(x));
    return x;
}

START_TEST(test_exact_times_and_one_way)
{
    cr_map *m = load_map("tiny.osm", "car", false);
    ck_assert_double_eq(cr_map_statistic(m, CR_MAP_STAT_NODES), 5);
    ck_assert_double_eq(cr_map_statistic(m, CR_MAP_STAT_DROPPED_NODES), 2); /* 10 and 11 */
    double unit = metres(0, 0, 0, 0.001), diag = metres(0, 0.003, -0.001, 0.0015);
    double res = secs(unit, 24), pri = secs(unit, 56), svc = secs(diag, 16);
    for (int method = CR_METHOD_FAST; method <= CR_METHOD_DIJKSTRA; method++) {
        cr_matrix *x = tiny_matrix(m, method);
        ck_assert_uint_eq(cr_matrix_size(x), 5);
        ck_assert_str_eq(cr_matrix_id(x, 2), "n4");
        /* 3 -> 4 along the one-way primary road. */
        ck_assert_double_eq_tol(cr_matrix_seconds(x, 1, 2), pri, 0.003);
        /* 4 -> 3 must go round: service 4-5-1, then residential 1-2-3 (the
         * private road 2-5 is not for cars). */
        ck_assert_double_eq_tol(cr_matrix_seconds(x, 2, 1), 2 * svc + 2 * res, 0.005);
        ck_assert_double_eq_tol(cr_matrix_seconds(x, 0, 2), 2 * res + pri, 0.005);
        /* Half way along 1-2 to node 3, both ways. */
        ck_assert_double_eq_tol(cr_matrix_seconds(x, 3, 1), 1.5 * res, 0.005);
        ck_assert_double_eq_tol(cr_matrix_seconds(x, 1, 3), 1.5 * res, 0.005);
        /* Snapped from beside the road onto node 2. */
        ck_assert_double_eq_tol(cr_matrix_seconds(x, 4, 1), res, 0.005);
        ck_assert_double_eq_tol(cr_matrix_metres(x, 2, 1), 2 * diag + 2 * unit, 0.01);
        for (size_t i = 0; i < 5; i++)
            ck_assert_double_eq(cr_matrix_seconds(x, i, i), 0);
        ck_assert_uint_eq(cr_matrix_n_unreachable(x), 0);
        ck_assert(isnan(cr_matrix_seconds(x, 5, 0)));
        cr_matrix_free(x);
    }
    cr_map_free(m);
}
END_TEST

START_TEST(test_walk_ignores_one_way_not_access)
{
    cr_map *m = load_map("tiny.osm", "walk", false);
    cr_matrix *x = tiny_matrix(m, CR_METHOD_FAST);
    double unit = metres(0, 0, 0, 0.001);
    ck_assert_double_eq_tol(cr_matrix_seconds(x, 2, 1), secs(unit, 5), 0.005);
    /* 1 -> 4 on foot: along the road (3 units), not through the private 2-5. */
    ck_assert_double_eq_tol(cr_matrix_seconds(x, 0, 2), secs(3 * unit, 5), 0.01);
    cr_matrix_free(x);
    cr_map_free(m);
}
END_TEST

START_TEST(test_speed_override)
{
    cr_map *m = NULL;
    ck_assert_int_eq(cr_map_new(&m), CR_OK);
    ck_assert_int_eq(cr_map_set_speed(m, "primary", 28), CR_OK);
    ck_assert_int_eq(cr_map_set_speed(m, "runway", 28), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_map_errmsg(m), "runway"));
    ck_assert_int_eq(cr_map_set_speed(m, "primary", -1), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_map_set_profile(m, "horse"), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_map_errmsg(m), "horse"));
    ck_assert_int_eq(cr_map_load_file(m, fixture("tiny.osm")), CR_OK);
    cr_matrix *x = tiny_matrix(m, CR_METHOD_DIJKSTRA);
    ck_assert_double_eq_tol(cr_matrix_seconds(x, 1, 2), secs(metres(0, 0, 0, 0.001), 28), 0.003);
    cr_matrix_free(x);
    cr_map_free(m);
}
END_TEST

START_TEST(test_unreachable_reported)
{
    cr_map *m = load_map("tiny.osm", "car", true);
    ck_assert_double_eq(cr_map_statistic(m, CR_MAP_STAT_NODES), 7);
    const char *ids[] = {"n1", "n10"};
    const double lon[] = {0.0, 0.0105}, lat[] = {0.0, 0.0};
    for (int method = CR_METHOD_FAST; method <= CR_METHOD_DIJKSTRA; method++) {
        cr_matrix *x = NULL;
        cr_matrix_new(&x);
        ck_assert_int_eq(cr_matrix_compute(x, m, 2, ids, lon, lat, method), CR_OK);
        ck_assert_double_eq(cr_matrix_seconds(x, 0, 1), -1);
        ck_assert_double_eq(cr_matrix_seconds(x, 1, 0), -1);
        ck_assert_double_eq(cr_matrix_metres(x, 1, 0), -1);
        ck_assert_uint_eq(cr_matrix_n_unreachable(x), 2);
        char path[] = "/tmp/careroute-geo-XXXXXX";
        int fd = mkstemp(path);
        close(fd);
        ck_assert_int_eq(cr_matrix_write_csv(x, path), CR_OK);
        FILE *f = fopen(path, "r");
        char text[256] = {0};
        size_t got = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        unlink(path);
        ck_assert_uint_gt(got, 0);
        ck_assert_ptr_nonnull(strstr(text, "n1,0.0,-1\n"));
        cr_matrix_free(x);
    }
    cr_map_free(m);
}
END_TEST

START_TEST(test_points_rejected)
{
    cr_map *m = load_map("tiny.osm", "car", false);
    cr_matrix *x = NULL;
    cr_matrix_new(&x);
    /* Node 10's street is not in the largest connected part: 830 m to a road. */
    const char *ids[] = {"home", "far-farm"};
    double lon[] = {0.0, 0.0105}, lat[] = {0.0, 0.0};
    ck_assert_int_eq(cr_matrix_compute(x, m, 2, ids, lon, lat, CR_METHOD_FAST), CR_ERR_INVALID_DATA);
    ck_assert_ptr_nonnull(strstr(cr_matrix_errmsg(x), "\"far-farm\""));
    ck_assert_ptr_nonnull(strstr(cr_matrix_errmsg(x), "500 m"));
    ck_assert_int_eq(cr_map_set_snap_distance(m, 2000), CR_OK);
    ck_assert_int_eq(cr_matrix_compute(x, m, 2, ids, lon, lat, CR_METHOD_FAST), CR_OK);
    ck_assert_int_eq(cr_map_set_snap_distance(m, -1), CR_ERR_INVALID_ARGUMENT);
    const char *dup[] = {"a", "a"};
    ck_assert_int_eq(cr_matrix_compute(x, m, 2, dup, lon, lat, CR_METHOD_FAST), CR_ERR_INVALID_DATA);
    ck_assert_ptr_nonnull(strstr(cr_matrix_errmsg(x), "twice"));
    lat[1] = 91;
    ck_assert_int_eq(cr_matrix_compute(x, m, 2, ids, lon, lat, CR_METHOD_FAST), CR_ERR_INVALID_DATA);
    ck_assert_ptr_nonnull(strstr(cr_matrix_errmsg(x), "not on the globe"));
    lat[1] = NAN;
    ck_assert_int_eq(cr_matrix_compute(x, m, 2, ids, lon, lat, CR_METHOD_FAST), CR_ERR_INVALID_DATA);
    ck_assert_int_eq(cr_matrix_compute(x, m, 0, ids, lon, lat, CR_METHOD_FAST), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_matrix_compute(x, m, 2, ids, lon, lat, 7), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_matrix_compute(x, NULL, 2, ids, lon, lat, CR_METHOD_FAST), CR_ERR_INVALID_ARGUMENT);
    cr_matrix_free(x);
    cr_map_free(m);
}
END_TEST

static const struct {
    const char *name;     /* fixture, or a path */
    const char *content;  /* written to a temporary file with the name's suffix when set */
    cr_status status;
    const char *message;
} bad_maps[] = {
    {"broken.osm", NULL, CR_ERR_PARSE, "not well-formed OSM XML"},
    {"noroads.osm", NULL, CR_ERR_INVALID_DATA, "no roads usable by the car profile"},
    {"missing.osm", NULL, CR_ERR_IO, "no such file"},
    {"zones.geojson", NULL, CR_ERR_UNSUPPORTED, "must end in .osm or .osm.pbf"},
    {"x.osm.pbf", "this is not a protocol buffer at all", CR_ERR_PARSE, "not an OSM PBF file"},
    {"x.osm", "", CR_ERR_PARSE, "not well-formed"},
    {"x.osm", "<osm><node id=\"1\" lat=\"95\" lon=\"0\"/></osm>", CR_ERR_INVALID_DATA, "node 1 has coordinates outside"},
    {"x.osm", "<osm><way id=\"1\"><nd ref=\"7\"/><nd ref=\"8\"/><tag k=\"highway\" v=\"primary\"/></way></osm>",
     CR_ERR_INVALID_DATA, "reference no nodes"},
};

/* A download cut short: the file opens as a PBF does (length, then a block
 * header of type "OSMHeader" announcing 185 bytes) and ends there. readosm
 * calls that a bad header; the message says what probably happened. */
START_TEST(test_truncated_pbf)
{
    static const unsigned char head[] = {0, 0, 0, 0x0e, 0x0a, 9, 'O', 'S', 'M', 'H', 'e', 'a',
                                         'd', 'e', 'r', 0x18, 0xb9, 0x01, 0x0a, 0x1a, 0x08};
    char path[] = "/tmp/careroute-cut-XXXXXX.osm.pbf";
    int fd = mkstemps(path, 8);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, head, sizeof head), (ssize_t)sizeof head);
    close(fd);
    cr_map *m = NULL;
    cr_map_new(&m);
    ck_assert_int_eq(cr_map_load_file(m, path), CR_ERR_PARSE);
    ck_assert_msg(strstr(cr_map_errmsg(m), "a damaged or truncated OSM PBF file") != NULL, "%s", cr_map_errmsg(m));
    ck_assert_msg(strstr(cr_map_errmsg(m), "download it again") != NULL, "%s", cr_map_errmsg(m));
    cr_map_free(m);
    unlink(path);
}
END_TEST

START_TEST(test_bad_maps)
{
    char dir[] = "/tmp/careroute-maps-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (size_t i = 0; i < sizeof bad_maps / sizeof bad_maps[0]; i++) {
        char path[1200];
        if (bad_maps[i].content) {
            snprintf(path, sizeof path, "%s/%s", dir, bad_maps[i].name);
            FILE *f = fopen(path, "w");
            fputs(bad_maps[i].content, f);
            fclose(f);
        } else {
            snprintf(path, sizeof path, "%s", fixture(bad_maps[i].name));
        }
        cr_map *m = NULL;
        cr_map_new(&m);
        cr_status st = cr_map_load_file(m, path);
        ck_assert_msg(st == bad_maps[i].status, "case %zu (%s): status %d, expected %d: %s", i,
                      bad_maps[i].name, st, bad_maps[i].status, cr_map_errmsg(m));
        ck_assert_msg(strstr(cr_map_errmsg(m), bad_maps[i].message) != NULL, "case %zu: message \"%s\"", i,
                      cr_map_errmsg(m));
        ck_assert_msg(strstr(cr_map_errmsg(m), bad_maps[i].name) != NULL, "case %zu: no file name in \"%s\"", i,
                      cr_map_errmsg(m));
        ck_assert(isnan(cr_map_statistic(m, CR_MAP_STAT_NODES)));
        cr_map_free(m);
        if (bad_maps[i].content)
            unlink(path);
    }
    rmdir(dir);
}
END_TEST

/* A generated city: a grid of streets of mixed classes, a quarter of them one
 * way in a random direction. */
static void write_city(const char *path, int side, unsigned seed)
{
    static const char *const classes[] = {"residential", "tertiary", "primary", "service", "secondary"};
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n");
    for (int r = 0; r < side; r++)
        for (int c = 0; c < side; c++)
            fprintf(f, " <node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\"/>\n", r * side + c + 1,
                    51.5 + r * 0.0009 + (c % 3) * 0.00011, -0.1 + c * 0.0013 + (r % 4) * 0.00007);
    int way = 1;
    srand(seed);
    for (int r = 0; r < side; r++)
        for (int c = 0; c < side; c++)
            for (int dir = 0; dir < 2; dir++) {
                int r2 = r + dir, c2 = c + !dir;
                if (r2 >= side || c2 >= side || rand() % 10 == 0)
                    continue;
                int a = r * side + c + 1, b = r2 * side + c2 + 1, oneway = rand() % 8;
                fprintf(f, " <way id=\"%d\"><nd ref=\"%d\"/><nd ref=\"%d\"/><tag k=\"highway\" v=\"%s\"/>%s</way>\n",
                        way++, oneway == 1 ? b : a, oneway == 1 ? a : b, classes[rand() % 5],
                        oneway <= 1 ? "<tag k=\"oneway\" v=\"yes\"/>" : "");
            }
    fprintf(f, "</osm>\n");
    fclose(f);
}

START_TEST(test_fast_equals_dijkstra)
{
    char path[] = "/tmp/careroute-city-XXXXXX.osm";
    int fd = mkstemps(path, 4);
    close(fd);
    write_city(path, 30, 7);
    cr_map *m = NULL;
    cr_map_new(&m);
    ck_assert_msg(cr_map_load_file(m, path) == CR_OK, "%s", cr_map_errmsg(m));
    ck_assert_double_gt(cr_map_statistic(m, CR_MAP_STAT_NODES), 700);
    ck_assert_double_gt(cr_map_statistic(m, CR_MAP_STAT_SHORTCUTS), 0);
    enum { N = 120 };
    double lon[N], lat[N];
    char names[N][8];
    const char *ids[N];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "p%d", i);
        ids[i] = names[i];
    }
    ck_assert_int_eq(cr_map_sample_points(m, N, 11, lon, lat), CR_OK);
    cr_matrix *fast = NULL, *slow = NULL;
    cr_matrix_new(&fast);
    cr_matrix_new(&slow);
    ck_assert_int_eq(cr_matrix_compute(fast, m, N, ids, lon, lat, CR_METHOD_FAST), CR_OK);
    ck_assert_int_eq(cr_matrix_compute(slow, m, N, ids, lon, lat, CR_METHOD_DIJKSTRA), CR_OK);
    int asymmetric = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double f = cr_matrix_seconds(fast, i, j), s = cr_matrix_seconds(slow, i, j);
            ck_assert_msg(f == s, "%d -> %d: fast %.3f, dijkstra %.3f", i, j, f, s);
            ck_assert_double_ge(f, 0);
            /* Never faster than the straight line at the top speed. */
            ck_assert_double_ge(f + 0.01, secs(metres(lat[i], lon[i], lat[j], lon[j]), 56));
            asymmetric += f != cr_matrix_seconds(fast, j, i);
        }
    ck_assert_int_gt(asymmetric, 0); /* the one-way streets matter */
    /* Samples are deterministic per seed. */
    double lon2[N], lat2[N];
    cr_map_sample_points(m, N, 11, lon2, lat2);
    ck_assert_mem_eq(lon, lon2, sizeof lon);
    cr_matrix_free(fast);
    cr_matrix_free(slow);
    cr_map_free(m);
    unlink(path);
}
END_TEST

START_TEST(test_cache)
{
    char dir[] = "/tmp/careroute-cache-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    cr_map *m = load_map("tiny.osm", "car", false);
    ck_assert_int_eq(cr_map_set_cache_dir(m, dir), CR_OK);
    cr_matrix *a = tiny_matrix(m, CR_METHOD_FAST);
    ck_assert(!cr_matrix_from_cache(a));
    cr_matrix *b = tiny_matrix(m, CR_METHOD_FAST);
    ck_assert(cr_matrix_from_cache(b));
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < 5; j++) {
            ck_assert_double_eq(cr_matrix_seconds(a, i, j), cr_matrix_seconds(b, i, j));
            ck_assert_double_eq(cr_matrix_metres(a, i, j), cr_matrix_metres(b, i, j));
        }
    /* Other points or another profile are not answered from that file. */
    const double lon[] = {0.0, 0.002}, lat[] = {0.0, 0.0};
    cr_matrix *c = NULL;
    cr_matrix_new(&c);
    ck_assert_int_eq(cr_matrix_compute(c, m, 2, tiny_ids, lon, lat, CR_METHOD_FAST), CR_OK);
    ck_assert(!cr_matrix_from_cache(c));
    /* A damaged cache file is ignored and rewritten. */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "for f in %s/*.crmx; do head -c 30 \"$f\" > \"$f.x\" && mv \"$f.x\" \"$f\"; done", dir);
    ck_assert_int_eq(system(cmd), 0);
    cr_matrix *d = tiny_matrix(m, CR_METHOD_FAST);
    ck_assert(!cr_matrix_from_cache(d));
    ck_assert_double_eq(cr_matrix_seconds(d, 2, 1), cr_matrix_seconds(a, 2, 1));
    cr_matrix *e = tiny_matrix(m, CR_METHOD_FAST);
    ck_assert(cr_matrix_from_cache(e));
    cr_matrix_free(a);
    cr_matrix_free(b);
    cr_matrix_free(c);
    cr_matrix_free(d);
    cr_matrix_free(e);
    cr_map_free(m);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_straight_line)
{
    cr_matrix *x = NULL;
    cr_matrix_new(&x);
    const char *ids[] = {"a", "b"};
    const double lon[] = {-0.1, -0.1}, lat[] = {51.5, 51.6};
    ck_assert_int_eq(cr_matrix_compute_straight(x, 2, ids, lon, lat, 1.3, 30), CR_OK);
    double d = metres(51.5, -0.1, 51.6, -0.1) * 1.3;
    ck_assert_double_eq_tol(cr_matrix_metres(x, 0, 1), d, 0.01);
    ck_assert_double_eq_tol(cr_matrix_seconds(x, 1, 0), secs(d, 30), 0.001);
    ck_assert_int_eq(cr_matrix_compute_straight(x, 2, ids, lon, lat, 0.5, 30), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_matrix_errmsg(x), "detour"));
    cr_matrix_free(x);
}
END_TEST

START_TEST(test_user_matrices)
{
    cr_matrix *x = NULL;
    cr_matrix_new(&x);
    ck_assert_msg(cr_matrix_load_file(x, fixture("matrix.csv")) == CR_OK, "%s", cr_matrix_errmsg(x));
    ck_assert_uint_eq(cr_matrix_size(x), 3);
    ck_assert_double_eq(cr_matrix_seconds(x, 0, 1), 60.5);
    ck_assert_double_eq(cr_matrix_seconds(x, 0, 2), -1);
    ck_assert_double_eq(cr_matrix_seconds(x, 1, 2), 12.25); /* row "b" came last in the file */
    ck_assert_double_eq(cr_matrix_seconds(x, 2, 0), 30);
    ck_assert_double_eq(cr_matrix_metres(x, 0, 1), -1);     /* times only */
    ck_assert_uint_eq(cr_matrix_n_unreachable(x), 1);
    ck_assert_int_eq(cr_matrix_load_file(x, fixture("matrix.json")), CR_OK);
    ck_assert_double_eq(cr_matrix_seconds(x, 0, 1), 90);
    ck_assert_double_eq(cr_matrix_seconds(x, 1, 0), -1);
    ck_assert_double_eq(cr_matrix_metres(x, 0, 1), 1500);
    cr_matrix_free(x);
}
END_TEST

static const struct {
    const char *content;
    const char *message;
} bad_matrices[] = {
    {"", "expected a header"},
    {"id\n", "expected a header"},
    {"id,a,b\na,0,1\n", "expected 2 rows"},
    {"id,a,b\na,0,1\nb,1\n", ":3: expected the id and 2 values, found 2 cells"},
    {"id,a,b\na,0,1\nc,1,0\n", ":3: row id \"c\" is not in the header"},
    {"id,a,b\na,0,1\na,1,0\n", ":3: row id \"a\" is repeated"},
    {"id,a,a\na,0,1\na,1,0\n", "duplicate point id \"a\""},
    {"id,a,b\na,0,x\nb,1,0\n", ":2: column 3: expected seconds"},
    {"id,a,b\na,0,-2\nb,1,0\n", ":2: column 3: expected seconds"},
    {"id,a,b\na,0,nan\nb,1,0\n", "expected seconds"},
    {"id,\"a,b\n", "unbalanced quotes"},
    {"{\"ids\": [\"a\"]}", "\"durations\""},
    {"{\"ids\": [\"a\", \"a\"], \"durations\": [[0, 1], [1, 0]]}", "$.ids[1]"},
    {"{\"ids\": [\"a\", \"b\"], \"durations\": [[0, 1]]}", "$.durations: expected an array of 2 rows"},
    {"{\"ids\": [\"a\", \"b\"], \"durations\": [[0, \"1\"], [1, 0]]}", "$.durations[0][1]"},
    {"{\"ids\": [\"a\"], \"durations\": [[0]], \"distances\": [[-5]]}", "$.distances[0][0]"},
    {"{\"ids\": [", "matrix"},
    /* json-glib 1.6 alone would take the second object and leak the first */
    {"{\"ids\": [\"a\"], \"durations\": [[0]]}{}", ":1:35: text after the end of the JSON document"},
    {"{\"ids\": [\"a\"], \"durations\": [[0]]}\n[[1]]\n", ":2:1: text after the end"},
    {"{\"ids\": [\"a\"], \"durations\": [[0]], \"x\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "nested more than 64"},
};

/* A header that names many points over too few rows is refused by counting
 * the rows, before a matrix of 100,000 x 100,000 (80 GB) is asked for. */
START_TEST(test_huge_header_few_rows)
{
    const int n = 100000;
    for (int json = 0; json < 2; json++) {
        char path[] = "/tmp/careroute-matrix-XXXXXX";
        int fd = mkstemp(path);
        FILE *f = fdopen(fd, "w");
        fputs(json ? "{\"ids\": [" : "id", f);
        for (int i = 0; i < n; i++)
            fprintf(f, json ? "%s\"p%d\"" : "%s,p%d", json && i ? "," : "", i);
        fputs(json ? "], \"durations\": [[0]]}" : "\np0,0\n", f);
        fclose(f);
        cr_matrix *x = NULL;
        cr_matrix_new(&x);
        ck_assert_int_eq(cr_matrix_load_file(x, path), CR_ERR_INVALID_DATA);
        ck_assert_msg(strstr(cr_matrix_errmsg(x), json ? "$.durations: expected an array of 100000 rows"
                                                       : "expected 100000 rows after the header") != NULL,
                      "%s", cr_matrix_errmsg(x));
        cr_matrix_free(x);
        unlink(path);
    }
}
END_TEST

START_TEST(test_bad_user_matrices)
{
    char path[] = "/tmp/careroute-matrix-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    for (size_t i = 0; i < sizeof bad_matrices / sizeof bad_matrices[0]; i++) {
        FILE *f = fopen(path, "w");
        fputs(bad_matrices[i].content, f);
        fclose(f);
        cr_matrix *x = NULL;
        cr_matrix_new(&x);
        cr_status st = cr_matrix_load_file(x, path);
        ck_assert_msg(cr_status_is_input_error(st), "case %zu: status %d", i, st);
        ck_assert_msg(strstr(cr_matrix_errmsg(x), bad_matrices[i].message) != NULL, "case %zu: \"%s\"", i,
                      cr_matrix_errmsg(x));
        ck_assert_msg(strstr(cr_matrix_errmsg(x), path) != NULL, "case %zu: no path in \"%s\"", i, cr_matrix_errmsg(x));
        ck_assert_uint_eq(cr_matrix_size(x), 0);
        cr_matrix_free(x);
    }
    unlink(path);
}
END_TEST

START_TEST(test_zones_files)
{
    cr_zones *z = NULL;
    cr_zones_new(&z);
    ck_assert_msg(cr_zones_load_file(z, fixture("zones.geojson")) == CR_OK, "%s", cr_zones_errmsg(z));
    ck_assert_msg(cr_zones_load_file(z, fixture("square.poly")) == CR_OK, "%s", cr_zones_errmsg(z));
    ck_assert_uint_eq(cr_zones_count(z), 3);
    ck_assert_str_eq(cr_zones_name(z, 0), "West");
    ck_assert_str_eq(cr_zones_name(z, 2), "square");
    ck_assert_int_eq(cr_zones_locate(z, -0.5, 0), 0);
    ck_assert_int_eq(cr_zones_locate(z, 0.2, 0.5), 1);
    ck_assert_int_eq(cr_zones_locate(z, 0.5, 0.0), -1);  /* East's hole */
    ck_assert_int_eq(cr_zones_locate(z, 5.5, 5.5), 1);   /* East's second polygon */
    ck_assert_int_eq(cr_zones_locate(z, 9, 9), -1);
    ck_assert_int_eq(cr_zones_locate(z, NAN, 0), -1);
    /* The square sits inside East; East comes first. A .poly hole works too. */
    cr_zones *sq = NULL;
    cr_zones_new(&sq);
    ck_assert_int_eq(cr_zones_load_file(sq, fixture("square.poly")), CR_OK);
    ck_assert_int_eq(cr_zones_locate(sq, 0.001, 0), 0);
    ck_assert_int_eq(cr_zones_locate(sq, 0.003, 0), -1);
    /* Loading the same zone twice is an error naming it. */
    ck_assert_int_eq(cr_zones_load_file(sq, fixture("square.poly")), CR_ERR_INVALID_DATA);
    ck_assert_ptr_nonnull(strstr(cr_zones_errmsg(sq), "\"square\""));
    const char *ids[] = {"mrs-a", "mr-b"};
    const double lon[] = {-0.5, 9}, lat[] = {0, 9};
    int64_t zone[2];
    ck_assert_int_eq(cr_zones_assign(z, 2, ids, lon, lat, zone), CR_ERR_INVALID_DATA);
    ck_assert_ptr_nonnull(strstr(cr_zones_errmsg(z), "\"mr-b\""));
    ck_assert_int_eq(cr_zones_assign(z, 1, ids, lon, lat, zone), CR_OK);
    ck_assert_int_eq(zone[0], 0);
    /* Written and read back, the zones answer the same. */
    char path[] = "/tmp/careroute-zones-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    ck_assert_int_eq(cr_zones_write_geojson(z, path), CR_OK);
    cr_zones *back = NULL;
    cr_zones_new(&back);
    ck_assert_msg(cr_zones_load_file(back, path) == CR_OK, "%s", cr_zones_errmsg(back));
    ck_assert_uint_eq(cr_zones_count(back), 3);
    const double probe[][2] = {{-0.5, 0}, {0.2, 0.5}, {0.5, 0}, {5.5, 5.5}, {0.001, 0}, {0.003, 0}, {9, 9}};
    for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++)
        ck_assert_int_eq(cr_zones_locate(back, probe[i][0], probe[i][1]), cr_zones_locate(z, probe[i][0], probe[i][1]));
    unlink(path);
    cr_zones_free(back);
    cr_zones_free(sq);
    cr_zones_free(z);
}
END_TEST

static const struct {
    const char *suffix;
    const char *content;
    const char *message;
} bad_zones[] = {
    {".poly", "", ":1: expected the polygon's name"},
    {".poly", "name\n1\n 0 0\n 1 0\n 1 1\n", "ring not closed by END"},
    {".poly", "name\n1\n 0 0\n 1 x\nEND\nEND\n", ":4: expected \"longitude latitude\""},
    {".poly", "name\n1\n 0 0\n 1 0\nEND\nEND\n", "at least 3 points"},
    {".poly", "name\n1\n 0 0\n 1 0\n 1 1\nEND\n", "unexpected end of file"},
    {".json", "{\"type\": \"FeatureCollection\", \"features\": []}", "$.features"},
    {".json", "{\"type\": \"Point\", \"coordinates\": [0, 0]}", "$.type"},
    {".json", "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [0, 0]]]}", "$.coordinates[0]"},
    {".json", "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 200], [0, 0]]]}", "$.coordinates[0][2]"},
    {".json", "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\"}]}", "$.features[0].geometry"},
    {".json", "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\"}}]}",
     "$.features[0].geometry"},
    {".json", "{\"type\": \"Polygon\", ", "zones"},
    {".json", "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 0]]]} {}", ":1:72: text after the end"},
    {".json", "{\"type\": \"Polygon\", \"name\": \"caf\xe9\"}", "invalid UTF-8"},
};

START_TEST(test_bad_zones)
{
    char dir[] = "/tmp/careroute-badzones-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (size_t i = 0; i < sizeof bad_zones / sizeof bad_zones[0]; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/zones%s", dir, bad_zones[i].suffix);
        FILE *f = fopen(path, "w");
        fputs(bad_zones[i].content, f);
        fclose(f);
        cr_zones *z = NULL;
        cr_zones_new(&z);
        cr_status st = cr_zones_load_file(z, path);
        ck_assert_msg(cr_status_is_input_error(st), "case %zu: status %d", i, st);
        ck_assert_msg(strstr(cr_zones_errmsg(z), bad_zones[i].message) != NULL, "case %zu: \"%s\"", i,
                      cr_zones_errmsg(z));
        ck_assert_uint_eq(cr_zones_count(z), 0);
        cr_zones_free(z);
        unlink(path);
    }
    rmdir(dir);
}
END_TEST

START_TEST(test_zone_design)
{
    enum { N = 400, K = 4 };
    double lon[N], lat[N], hours[N], total = 0;
    srand(5);
    for (int i = 0; i < N; i++) {
        /* A town and a thinly spread rural area. */
        bool town = i % 3 != 0;
        lon[i] = town ? -1.50 + (rand() % 1000) * 1e-5 : -1.6 + (rand() % 1000) * 2e-4;
        lat[i] = town ? 52.40 + (rand() % 1000) * 1e-5 : 52.3 + (rand() % 1000) * 2e-4;
        hours[i] = 3.5 * (1 + rand() % 6);
        total += hours[i];
    }
    cr_zones *z = NULL;
    cr_zones_new(&z);
    int64_t zone[N], again[N];
    ck_assert_int_eq(cr_zones_design(z, N, lon, lat, hours, K, 3, zone), CR_OK);
    ck_assert_uint_eq(cr_zones_count(z), K);
    double sum = 0;
    for (int c = 0; c < K; c++) {
        double h = cr_zones_hours(z, c);
        sum += h;
        ck_assert_msg(fabs(h - total / K) <= 0.05 * total / K, "zone %d carries %.1f h of %.1f", c, h, total);
    }
    ck_assert_double_eq_tol(sum, total, 1e-6);
    /* Every point lies in the zone it was put in (the hulls do not overlap). */
    for (int i = 0; i < N; i++)
        ck_assert_int_eq(cr_zones_locate(z, lon[i], lat[i]), zone[i]);
    cr_zones *z2 = NULL;
    cr_zones_new(&z2);
    ck_assert_int_eq(cr_zones_design(z2, N, lon, lat, hours, K, 3, again), CR_OK);
    ck_assert_mem_eq(zone, again, sizeof zone);
    ck_assert_int_eq(cr_zones_design(z2, N, lon, lat, hours, 0, 3, again), CR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(cr_zones_design(z2, 3, lon, lat, hours, 4, 3, again), CR_ERR_INVALID_ARGUMENT);
    hours[7] = -1;
    ck_assert_int_eq(cr_zones_design(z2, N, lon, lat, hours, K, 3, again), CR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(cr_zones_errmsg(z2), "point 8"));
    cr_zones_free(z);
    cr_zones_free(z2);
}
END_TEST


static cr_plan *solve_checked(cr_scenario *s)
{
    cr_options *o = NULL;
    cr_options_new(&o);
    cr_options_set_int(o, CR_OPT_ITERATION_LIMIT, 200);
    cr_options_set_double(o, CR_OPT_TIME_LIMIT, 60);
    cr_solver *sv = NULL;
    cr_solver_new(&sv);
    cr_plan *p = NULL;
    ck_assert_msg(cr_solver_solve(sv, s, o, &p) == CR_OK, "%s", cr_solver_errmsg(sv));
    cr_check *c = NULL;
    ck_assert_int_eq(cr_check_new(&c, p), CR_OK);
    ck_assert_msg(cr_check_feasible(c), "%s", cr_check_violation_message(c, 0));
    ck_assert_double_eq_tol(cr_check_travel_time(c), cr_plan_travel_time(p), 1e-6);
    cr_check_free(c);
    cr_solver_free(sv);
    cr_options_free(o);
    return p;
}

START_TEST(test_scenario_road_travel)
{
    /* The carer lives at node 1; clients at nodes 3 and 4: the round trip
     * 1-2-3, 3->4, 4-5-1 is the only sensible route. */
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_msg(cr_scenario_load_file(s, fixture("road_scenario.json"), CR_FORMAT_AUTO) == CR_OK, "%s",
                  cr_scenario_errmsg(s));
    cr_plan *p = solve_checked(s);
    double unit = metres(0, 0, 0, 0.001), diag = metres(0, 0.003, -0.001, 0.0015);
    double expect = (2 * secs(unit, 24) + secs(unit, 56) + 2 * secs(diag, 16)) / 60;
    ck_assert_uint_eq(cr_plan_n_routes(p), 1);
    ck_assert_double_eq_tol(cr_plan_travel_time(p), expect, 1e-3);
    ck_assert_double_eq_tol(cr_plan_distance(p), (3 * unit + 2 * diag) / 1000, 1e-4);
    /* A plan holds the scenario: its travel can no longer change. */
    cr_map *m = load_map("tiny.osm", "walk", false);
    ck_assert_int_eq(cr_scenario_use_map(s, m), CR_ERR_INVALID_ARGUMENT);
    cr_plan_free(p);
    /* On foot the one-way street does not matter: 1-2-3-4 and back. */
    ck_assert_msg(cr_scenario_use_map(s, m) == CR_OK, "%s", cr_scenario_errmsg(s));
    p = solve_checked(s);
    ck_assert_double_eq_tol(cr_plan_travel_time(p), secs(6 * unit, 5) / 60, 2e-3);
    cr_plan_free(p);
    /* A user's matrix keyed by carer and client ids. */
    cr_matrix *x = NULL;
    cr_matrix_new(&x);
    ck_assert_int_eq(cr_matrix_load_file(x, fixture("road_matrix.csv")), CR_OK);
    ck_assert_msg(cr_scenario_use_matrix(s, x) == CR_OK, "%s", cr_scenario_errmsg(s));
    p = solve_checked(s);
    ck_assert_double_eq_tol(cr_plan_travel_time(p), (120 + 60 + 300) / 60.0, 1e-9);
    cr_plan_free(p);
    ck_assert_int_eq(cr_matrix_load_file(x, fixture("matrix.csv")), CR_OK);
    ck_assert_int_eq(cr_scenario_use_matrix(s, x), CR_ERR_INVALID_DATA);
    ck_assert_ptr_nonnull(strstr(cr_scenario_errmsg(s), "\"k1\""));
    cr_matrix_free(x);
    cr_map_free(m);
    cr_scenario_free(s);
}
END_TEST

static const struct {
    const char *travel;  /* the scenario's "travel" member */
    const char *message;
} bad_travel[] = {
    {"{\"model\": \"road\"}", "$.travel"},
    {"{\"model\": \"road\", \"map\": \"nowhere.osm\"}", "no such file"},
    {"{\"model\": \"road\", \"map\": \"tiny.osm\", \"profile\": \"horse\"}", "$.travel.profile"},
    {"{\"model\": \"road\", \"map\": \"tiny.osm\", \"speeds\": {\"primary\": 500}}", "$.travel.speeds.primary"},
    {"{\"model\": \"road\", \"map\": \"tiny.osm\", \"speeds\": {\"runway\": 50}}", "runway"},
    {"{\"model\": \"road\", \"map\": \"tiny.osm\", \"file\": \"m.csv\"}", "$.travel.file"},
    {"{\"model\": \"straight-line\", \"map\": \"tiny.osm\"}", "needs \"model\": \"road\""},
    {"{\"model\": \"matrix\", \"file\": \"matrix.csv\"}", "no row for location \"k1\""},
    {"{\"model\": \"matrix\", \"file\": \"absent.csv\"}", "$.travel.file"},
    {"{\"model\": \"matrix\", \"map\": \"tiny.osm\"}", "belongs to the \"road\" model"},
    {"{\"model\": \"road\", \"map\": \"tiny.osm\", \"snap_distance_m\": 0}", "$.travel.snap_distance_m"},
};

START_TEST(test_scenario_bad_travel)
{
    char *text = NULL;
    FILE *f = fopen(fixture("road_scenario.json"), "r");
    ck_assert_ptr_nonnull(f);
    char buf[4096];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    char *at = strstr(buf, "\"travel\": "), *end = strchr(strstr(buf, "\"speeds\""), '}') + 2;
    ck_assert_ptr_nonnull(at);
    char dir[] = "/tmp/careroute-travel-XXXXXX", cmd[2048];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' '%s'", fixture("tiny.osm"), fixture("matrix.csv"), dir);
    ck_assert_int_eq(system(cmd), 0);
    for (size_t i = 0; i < sizeof bad_travel / sizeof bad_travel[0]; i++) {
        size_t head = (size_t)(at - buf) + 10;
        text = malloc(len + 512);
        memcpy(text, buf, head);
        sprintf(text + head, "%s%s", bad_travel[i].travel, end);
        /* Written beside copies of tiny.osm and matrix.csv so relative
         * names resolve there (the source tree stays untouched). */
        char path[1100];
        snprintf(path, sizeof path, "%s/scenario.json", dir);
        f = fopen(path, "w");
        fputs(text, f);
        fclose(f);
        cr_scenario *s = NULL;
        cr_scenario_new(&s);
        cr_status st = cr_scenario_load_file(s, path, CR_FORMAT_AUTO);
        ck_assert_msg(st != CR_OK && (cr_status_is_input_error(st) || st == CR_ERR_IO), "case %zu: status %d", i, st);
        ck_assert_msg(strstr(cr_scenario_errmsg(s), bad_travel[i].message) != NULL, "case %zu: \"%s\"", i,
                      cr_scenario_errmsg(s));
        ck_assert_uint_eq(cr_scenario_n_visits(s), 0);
        cr_scenario_free(s);
        unlink(path);
        free(text);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_scenario_zone_areas)
{
    /* The carer lives in the west zone, so only the west client is served. */
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_int_eq(cr_scenario_load_file(s, fixture("road_scenario.json"), CR_FORMAT_AUTO), CR_OK);
    ck_assert_ptr_null(cr_scenario_client_zone(s, 0));
    cr_zones *z = NULL;
    cr_zones_new(&z);
    ck_assert_int_eq(cr_zones_load_file(z, fixture("zones_tiny.geojson")), CR_OK);
    ck_assert_msg(cr_scenario_use_zones(s, z) == CR_OK, "%s", cr_scenario_errmsg(s));
    ck_assert_uint_eq(cr_scenario_n_clients(s), 2);
    ck_assert_str_eq(cr_scenario_client_id(s, 1), "c4");
    ck_assert_str_eq(cr_scenario_client_zone(s, 0), "west");
    ck_assert_str_eq(cr_scenario_client_zone(s, 1), "east");
    ck_assert_double_eq_tol(cr_scenario_client_hours(s, 1), 0.5, 1e-12);
    double x, y;
    ck_assert_int_eq(cr_scenario_client_location(s, 1, &x, &y), CR_OK);
    ck_assert_double_eq(x, 0.003);
    ck_assert_int_eq(cr_scenario_carer_location(s, 0, &x, &y), CR_OK);
    ck_assert_double_eq(x, 0.0);
    cr_plan *p = solve_checked(s);
    ck_assert_uint_eq(cr_plan_n_unassigned(p), 1);
    ck_assert_ptr_nonnull(strstr(cr_plan_unassigned_reason(p, 0), "zone east"));
    cr_plan_free(p);
    cr_scenario_free(s);
    /* A client in the hole of square.poly is in no zone. */
    cr_scenario_new(&s);
    ck_assert_int_eq(cr_scenario_load_file(s, fixture("road_scenario.json"), CR_FORMAT_AUTO), CR_OK);
    cr_zones *hole = NULL;
    cr_zones_new(&hole);
    ck_assert_int_eq(cr_zones_load_file(hole, fixture("square.poly")), CR_OK);
    ck_assert_int_eq(cr_scenario_use_zones(s, hole), CR_ERR_INVALID_DATA);
    ck_assert_ptr_nonnull(strstr(cr_scenario_errmsg(s), "client c4"));
    cr_scenario_free(s);
    cr_zones_free(hole);
    cr_zones_free(z);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("geo");
    TCase *roads = tcase_create("roads");
    tcase_set_timeout(roads, 120);
    tcase_add_test(roads, test_exact_times_and_one_way);
    tcase_add_test(roads, test_walk_ignores_one_way_not_access);
    tcase_add_test(roads, test_speed_override);
    tcase_add_test(roads, test_unreachable_reported);
    tcase_add_test(roads, test_points_rejected);
    tcase_add_test(roads, test_bad_maps);
    tcase_add_test(roads, test_truncated_pbf);
    tcase_add_test(roads, test_fast_equals_dijkstra);
    tcase_add_test(roads, test_cache);
    suite_add_tcase(s, roads);
    TCase *matrices = tcase_create("matrices");
    tcase_add_test(matrices, test_straight_line);
    tcase_add_test(matrices, test_user_matrices);
    tcase_add_test(matrices, test_bad_user_matrices);
    tcase_add_test(matrices, test_huge_header_few_rows);
    suite_add_tcase(s, matrices);
    TCase *zones = tcase_create("zones");
    tcase_add_test(zones, test_zones_files);
    tcase_add_test(zones, test_bad_zones);
    tcase_add_test(zones, test_zone_design);
    suite_add_tcase(s, zones);
    TCase *scen = tcase_create("scenarios");
    tcase_set_timeout(scen, 120);
    tcase_add_test(scen, test_scenario_road_travel);
    tcase_add_test(scen, test_scenario_bad_travel);
    tcase_add_test(scen, test_scenario_zone_areas);
    suite_add_tcase(s, scen);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
