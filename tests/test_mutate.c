/* Mutated input: every fixture format (scenario JSON, Solomon, Mankowska,
 * Ceschia et al.'s JSON, consistent VRP, plan JSON; OpenStreetMap XML,
 * matrices in CSV and JSON, GeoJSON zones and Osmosis polygons) is damaged in many small seeded ways (bytes
 * changed, cut, repeated; numbers made huge, negative or fractional; JSON
 * tokens dropped in) and read again. Each mutant must either be refused with
 * an error status and a one-line message, or load; a loaded scenario is then
 * solved briefly and its plan must pass the independent checker. Nothing may
 * crash, hang or leak (the CI runs this under AddressSanitizer and
 * valgrind).
 *
 * Deterministic: mutant k of a fixture comes from seed k. CR_MUTANTS (an
 * environment variable) sets how many mutants per fixture (default 150), so
 * a longer hunt is `CR_MUTANTS=20000 build/tests/test_mutate`. A failure
 * names the fixture and the mutant's seed, and writes the mutant to
 * mutant-FIXTURE-SEED in the working directory for a bug report.
 * CR_MUTANTS_SHOW=1 prints every refusal's message and how many mutants
 * loaded, to read what a user would be told. CR_MUTANT_KEEP=K writes mutant
 * K of every fixture to mutant-FIXTURE-K, passing or not, to chase a report
 * from valgrind or a sanitizer back to its input. */
#include <careroute.h>

#include "fixture.h"

#include <check.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char *data;
    size_t len, cap;
} buffer;

static void reserve(buffer *b, size_t len)
{
    if (len + 1 <= b->cap)
        return;
    b->cap = (len + 1) * 2;
    b->data = realloc(b->data, b->cap);
    ck_assert_ptr_nonnull(b->data);
}

static buffer read_fixture(const char *sub, const char *name)
{
    const char *path = fixture_in(sub, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    buffer b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        reserve(&b, b.len + n);
        memcpy(b.data + b.len, chunk, n);
        b.len += n;
    }
    fclose(f);
    reserve(&b, b.len);
    b.data[b.len] = '\0';
    return b;
}

/* xorshift32: the same mutants on every machine. */
static uint32_t next(uint32_t *st)
{
    uint32_t x = *st;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *st = x;
}

static size_t below(uint32_t *st, size_t n)
{
    return n ? next(st) % n : 0;
}

/* Replace len bytes at pos with the n bytes of with. */
static void splice(buffer *b, size_t pos, size_t len, const char *with, size_t n)
{
    reserve(b, b->len - len + n);
    memmove(b->data + pos + n, b->data + pos + len, b->len - pos - len);
    memcpy(b->data + pos, with, n);
    b->len = b->len - len + n;
    b->data[b->len] = '\0';
}

static bool is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+';
}

/* A number of the text (its start and length), chosen at random; false when
 * it has none. */
static bool pick_number(const buffer *b, uint32_t *st, size_t *at, size_t *len)
{
    for (int tries = 0; tries < 64; tries++) {
        size_t i = below(st, b->len);
        if (!(b->data[i] >= '0' && b->data[i] <= '9'))
            continue;
        size_t from = i, to = i;
        while (from > 0 && is_number_char(b->data[from - 1]))
            from--;
        while (to < b->len && is_number_char(b->data[to]))
            to++;
        *at = from;
        *len = to - from;
        return true;
    }
    return false;
}

static const char *const numbers[] = {"0", "-1", "1e308", "-1e308", "1e400", "2147483648", "99999999999",
                                      "0.5", "-0.0", "1e-320", "007", "3.", ".5", "1e", "--1"};
static const char *const tokens[] = {"null", "true", "[]", "{}", "\"\"", ",", ":", "\"x\"", "[", "}", "\"\\u0000\"",
                                     "\"\\ud800\"", "\n", "-", "#", "\xff", "\"mon\"", "\"24:00\"", "\"07:30\""};

/* One mutant of `orig`: one to three edits drawn from the seed. */
static buffer mutate(const buffer *orig, uint32_t seed)
{
    uint32_t st = seed * 2654435761u + 1;
    buffer b = {0};
    reserve(&b, orig->len);
    memcpy(b.data, orig->data, orig->len + 1);
    b.len = orig->len;
    int edits = 1 + (int)below(&st, 3);
    for (int e = 0; e < edits && b.len > 0; e++) {
        size_t pos = below(&st, b.len), span = 1 + below(&st, 24), at, len;
        if (span > b.len - pos)
            span = b.len - pos;
        switch (below(&st, 9)) {
        case 0: { /* a byte becomes another */
            char c = (char)(next(&st) & 0xff);
            splice(&b, pos, 1, &c, 1);
            break;
        }
        case 1: /* some bytes go */
            splice(&b, pos, span, "", 0);
            break;
        case 2: { /* some bytes come twice */
            char *copy = malloc(span);
            memcpy(copy, b.data + pos, span);
            splice(&b, pos, 0, copy, span);
            free(copy);
            break;
        }
        case 3: /* the input ends early */
            b.len = pos;
            b.data[pos] = '\0';
            break;
        case 4:
        case 5: /* a number changes to an awkward one */
            if (pick_number(&b, &st, &at, &len)) {
                const char *n = numbers[below(&st, sizeof numbers / sizeof *numbers)];
                splice(&b, at, len, n, strlen(n));
            }
            break;
        case 6:
        case 7: /* a digit becomes another: still well-formed, often still valid */
            if (pick_number(&b, &st, &at, &len)) {
                size_t i = at + below(&st, len);
                if (b.data[i] >= '0' && b.data[i] <= '9')
                    b.data[i] = (char)('0' + below(&st, 10));
            }
            break;
        default: { /* a token appears */
            const char *t = tokens[below(&st, sizeof tokens / sizeof *tokens)];
            splice(&b, pos, below(&st, 2) ? 0 : span, t, strlen(t));
            break;
        }
        }
    }
    return b;
}

static int mutants_per_fixture(void)
{
    const char *env = getenv("CR_MUTANTS");
    int n = env ? atoi(env) : 150;
    return n > 0 ? n : 150;
}

static bool asked_to_keep(uint32_t seed)
{
    const char *env = getenv("CR_MUTANT_KEEP");
    return env && (uint32_t)strtoul(env, NULL, 10) == seed;
}

static void keep_mutant(const char *name, uint32_t seed, const buffer *b)
{
    char path[256];
    snprintf(path, sizeof path, "mutant-%s-%u", name, seed);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(b->data, 1, b->len, f);
        fclose(f);
    }
}

/* A refusal is a one-line message with something in it, in valid UTF-8
 * (callers put messages in JSON and Python strings). */
static bool one_line(const char *msg)
{
    return msg && *msg && !strchr(msg, '\n') && g_utf8_validate(msg, -1, NULL);
}

/* Solve a loaded mutant briefly; the plan, if any, must pass the checker. */
static bool solve_checks(cr_scenario *s, char *why, size_t why_len)
{
    cr_options *o = NULL;
    cr_solver *sv = NULL;
    cr_plan *p = NULL;
    cr_check *c = NULL;
    bool ok = true;
    ck_assert_int_eq(cr_options_new(&o), CR_OK);
    cr_options_set_int(o, CR_OPT_ITERATION_LIMIT, 60);
    cr_options_set_double(o, CR_OPT_TIME_LIMIT, 5);
    ck_assert_int_eq(cr_solver_new(&sv), CR_OK);
    cr_status st = cr_solver_solve(sv, s, o, &p);
    if (st != CR_OK) {
        /* the solver may refuse (nobody can serve anyone, say), but clearly,
         * and never as an internal error */
        if (st == CR_ERR_INTERNAL || st == CR_ERR_NO_MEMORY || !one_line(cr_solver_errmsg(sv))) {
            snprintf(why, why_len, "solve: status %d, message \"%s\"", st, cr_solver_errmsg(sv));
            ok = false;
        }
    } else if (cr_check_new(&c, p) != CR_OK) {
        snprintf(why, why_len, "the checker could not read the plan");
        ok = false;
    } else if (!cr_check_feasible(c)) {
        snprintf(why, why_len, "plan breaks a rule: %s", cr_check_violation_message(c, 0));
        ok = false;
    }
    cr_check_free(c);
    cr_plan_free(p);
    cr_solver_free(sv);
    cr_options_free(o);
    return ok;
}

static void mutate_scenario(const char *sub, const char *name)
{
    buffer orig = read_fixture(sub, name);
    int n = mutants_per_fixture(), loaded = 0;
    for (int k = 1; k <= n; k++) {
        buffer b = mutate(&orig, (uint32_t)k);
        cr_scenario *s = NULL;
        ck_assert_int_eq(cr_scenario_new(&s), CR_OK);
        cr_status st = cr_scenario_load_data(s, b.data, b.len, CR_FORMAT_AUTO);
        char why[512] = "";
        bool ok;
        if (st == CR_OK) {
            loaded++;
            ok = solve_checks(s, why, sizeof why);
        } else {
            ok = st < 0 && st != CR_ERR_INTERNAL && one_line(cr_scenario_errmsg(s));
            if (getenv("CR_MUTANTS_SHOW"))
                fprintf(stderr, "%s %d: %s\n", name, k, cr_scenario_errmsg(s));
            if (!ok)
                snprintf(why, sizeof why, "load: status %d, message \"%s\"", st, cr_scenario_errmsg(s));
        }
        if (!ok || asked_to_keep((uint32_t)k))
            keep_mutant(name, (uint32_t)k, &b);
        cr_scenario_free(s);
        free(b.data);
        ck_assert_msg(ok, "%s, mutant %d: %s", name, k, why);
    }
    if (getenv("CR_MUTANTS_SHOW"))
        fprintf(stderr, "%s: %d of %d mutants loaded\n", name, loaded, n);
    /* the edits must leave some mutants loadable, or the solve is never tried */
    ck_assert_msg(loaded > 0 || n < 50, "%s: none of %d mutants loaded", name, n);
    free(orig.data);
}

START_TEST(scenario_json)
{
    mutate_scenario(NULL, "small_scenario.json");
}
END_TEST

START_TEST(doubleup_json)
{
    mutate_scenario(NULL, "doubleup_scenario.json");
}
END_TEST

START_TEST(break_json)
{
    mutate_scenario(NULL, "break_scenario.json");
}
END_TEST

START_TEST(solomon)
{
    mutate_scenario(NULL, "tiny.txt");
}
END_TEST

START_TEST(mankowska)
{
    mutate_scenario("hhc", "InstanzCPLEX_HCSRP_10_1.txt");
}
END_TEST

START_TEST(convrp)
{
    mutate_scenario("convrp", "convrp_10_test_1.vrp");
}
END_TEST

START_TEST(hhc_json)
{
    mutate_scenario("hhc", "tiny_hhc.json");
}
END_TEST

/* The readers that take only a path: a mutant goes through a file. */
typedef enum { READ_MAP, READ_MATRIX, READ_ZONES } file_reader;

/* Read `path` with `reader`: CR_OK, or an error and its message in msg. */
static cr_status read_file_with(file_reader reader, const char *path, char *msg, size_t msg_len)
{
    cr_status st = CR_ERR_INTERNAL;
    const char *m = "";
    cr_map *map = NULL;
    cr_matrix *x = NULL;
    cr_zones *z = NULL;
    switch (reader) {
    case READ_MAP:
        ck_assert_int_eq(cr_map_new(&map), CR_OK);
        st = cr_map_load_file(map, path);
        m = cr_map_errmsg(map);
        break;
    case READ_MATRIX:
        ck_assert_int_eq(cr_matrix_new(&x), CR_OK);
        st = cr_matrix_load_file(x, path);
        m = cr_matrix_errmsg(x);
        if (st == CR_OK) /* every figure of a loaded matrix is a time or unreachable */
            for (size_t i = 0; i < cr_matrix_size(x); i++)
                for (size_t j = 0; j < cr_matrix_size(x); j++) {
                    double t = cr_matrix_seconds(x, i, j);
                    if (!(t >= 0 || t == -1)) {
                        snprintf(msg, msg_len, "loaded matrix holds %g seconds", t);
                        st = CR_ERR_INTERNAL;
                    }
                }
        break;
    case READ_ZONES:
        ck_assert_int_eq(cr_zones_new(&z), CR_OK);
        st = cr_zones_load_file(z, path);
        m = cr_zones_errmsg(z);
        break;
    }
    if (st != CR_OK && st != CR_ERR_INTERNAL)
        snprintf(msg, msg_len, "%s", m ? m : "");
    cr_map_free(map);
    cr_matrix_free(x);
    cr_zones_free(z);
    return st;
}

static void mutate_file(file_reader reader, const char *sub, const char *name, const char *suffix)
{
    buffer orig = read_fixture(sub, name);
    /* the reader may go by the file's ending (.osm, .csv, .json) */
    char path[64];
    snprintf(path, sizeof path, "mutant-in-%d%s", (int)getpid(), suffix);
    int n = mutants_per_fixture(), loaded = 0;
    for (int k = 1; k <= n; k++) {
        buffer b = mutate(&orig, (uint32_t)k);
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        fwrite(b.data, 1, b.len, f);
        fclose(f);
        char msg[1024] = "";
        cr_status st = read_file_with(reader, path, msg, sizeof msg);
        loaded += st == CR_OK;
        bool ok = st == CR_OK || (st < 0 && st != CR_ERR_INTERNAL && one_line(msg));
        if (getenv("CR_MUTANTS_SHOW") && st != CR_OK)
            fprintf(stderr, "%s %d: %s\n", name, k, msg);
        if (!ok || asked_to_keep((uint32_t)k))
            keep_mutant(name, (uint32_t)k, &b);
        free(b.data);
        ck_assert_msg(ok, "%s, mutant %d: status %d, message \"%s\"", name, k, st, msg);
    }
    if (getenv("CR_MUTANTS_SHOW"))
        fprintf(stderr, "%s: %d of %d mutants loaded\n", name, loaded, n);
    unlink(path);
    free(orig.data);
}

START_TEST(osm_xml)
{
    mutate_file(READ_MAP, "geo", "tiny.osm", ".osm");
}
END_TEST

START_TEST(matrix_csv)
{
    mutate_file(READ_MATRIX, "geo", "matrix.csv", ".csv");
}
END_TEST

START_TEST(matrix_json)
{
    mutate_file(READ_MATRIX, "geo", "matrix.json", ".json");
}
END_TEST

START_TEST(zones_poly)
{
    mutate_file(READ_ZONES, "geo", "square.poly", ".poly");
}
END_TEST

START_TEST(zones_geojson)
{
    mutate_file(READ_ZONES, "geo", "zones.geojson", ".geojson");
}
END_TEST

/* Plans read back (cr_plan_load_file) from mutated plan JSON: refused with a
 * one-line message, or read and then judged by the checker without harm. */
START_TEST(plan_json)
{
    cr_scenario *s = load("small_scenario.json");
    cr_options *o = NULL;
    cr_solver *sv = NULL;
    cr_plan *p = NULL;
    cr_options_new(&o);
    cr_options_set_int(o, CR_OPT_ITERATION_LIMIT, 200);
    cr_solver_new(&sv);
    ck_assert_msg(cr_solver_solve(sv, s, o, &p) == CR_OK, "%s", cr_solver_errmsg(sv));
    buffer orig = {0};
    const char *json = cr_plan_json(p);
    ck_assert_ptr_nonnull(json);
    orig.len = strlen(json);
    reserve(&orig, orig.len);
    memcpy(orig.data, json, orig.len + 1);
    char path[] = "mutant-plan-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    int n = mutants_per_fixture();
    for (int k = 1; k <= n; k++) {
        buffer b = mutate(&orig, (uint32_t)k);
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        fwrite(b.data, 1, b.len, f);
        fclose(f);
        cr_plan *q = NULL;
        ck_assert_int_eq(cr_plan_new(&q, s), CR_OK);
        cr_status st = cr_plan_load_file(q, path);
        bool ok = true;
        if (st == CR_OK) {
            cr_check *c = NULL;
            ok = cr_check_new(&c, q) == CR_OK;
            if (ok) /* whatever it finds, it must report it in words */
                for (size_t i = 0; i < cr_check_n_violations(c); i++)
                    ok = ok && one_line(cr_check_violation_message(c, i));
            cr_check_free(c);
        } else {
            ok = st < 0 && st != CR_ERR_INTERNAL && one_line(cr_plan_errmsg(q));
        }
        if (!ok || asked_to_keep((uint32_t)k))
            keep_mutant("plan", (uint32_t)k, &b);
        ck_assert_msg(ok, "plan mutant %d: status %d, message \"%s\"", k, st, cr_plan_errmsg(q));
        cr_plan_free(q);
        free(b.data);
    }
    unlink(path);
    free(orig.data);
    cr_plan_free(p);
    cr_solver_free(sv);
    cr_options_free(o);
    cr_scenario_free(s);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("mutate");
    TCase *tc = tcase_create("mutants");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, scenario_json);
    tcase_add_test(tc, doubleup_json);
    tcase_add_test(tc, break_json);
    tcase_add_test(tc, solomon);
    tcase_add_test(tc, mankowska);
    tcase_add_test(tc, convrp);
    tcase_add_test(tc, hhc_json);
    tcase_add_test(tc, osm_xml);
    tcase_add_test(tc, matrix_csv);
    tcase_add_test(tc, matrix_json);
    tcase_add_test(tc, zones_geojson);
    tcase_add_test(tc, zones_poly);
    tcase_add_test(tc, plan_json);
    suite_add_tcase(su, tc);
    SRunner *sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
