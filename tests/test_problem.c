/* White-box test of the solver's view of a scenario (lib/solve/problem.c):
 * the eligibility bit table answers exactly what the rules say
 * (cr_problem_eligible) for every visit and vehicle, over days with more
 * than 64 carers (several words a row), and each visit's vehicle list is
 * the same set; care scenarios minimise time and keep one matrix for both,
 * VRPTW files minimise distance in a matrix of their own; a visit's
 * neighbours are visits of its day that one carer could make with it,
 * nearest first. Links the internal static library. */
#include "io/io.h"
#include "solve/problem.h"

#include "careroute.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static cr_model *load_text(const char *data, size_t len, const char *name)
{
    GError *err = NULL;
    cr_model *m = cr_io_load(data, len, name, CR_FORMAT_AUTO, &err);
    ck_assert_msg(m != NULL, "%s", err ? err->message : "");
    return m;
}

static cr_model *load_file(const char *name)
{
    const char *dir = getenv("CR_TEST_DATA");
    char *path = g_strdup_printf("%s/%s", dir ? dir : "tests/data", name);
    size_t len;
    GError *err = NULL;
    char *data = cr_io_read_file(path, &len, &err);
    ck_assert_msg(data != NULL, "%s", err ? err->message : "");
    cr_model *m = load_text(data, len, path);
    g_free(data);
    g_free(path);
    return m;
}

/* A generated week big enough for more than 64 carers on a day. */
static cr_model *generated_week(void)
{
    cr_generator *g = NULL;
    ck_assert_int_eq(cr_generator_new(&g), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_CLIENTS, 300), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_ZONES, 3), CR_OK);
    ck_assert_int_eq(cr_generator_set_int(g, CR_GEN_PROVIDERS, 3), CR_OK);
    const char *json = cr_generator_json(g);
    ck_assert_msg(json != NULL, "%s", cr_generator_errmsg(g));
    cr_model *m = load_text(json, strlen(json), "generated");
    cr_generator_free(g);
    return m;
}

static void check_table(const cr_model *m)
{
    cr_problem *p = cr_problem_new(m, CR_OBJECTIVE_AUTO);
    int widest = 0, yes = 0, wrong = 0, first_i = -1, first_v = -1, list_wrong = 0;
    for (int d = 0; d < m->n_days; d++)
        widest = MAX(widest, p->day_vehicle_first[d + 1] - p->day_vehicle_first[d]);
    /* mismatches are counted, not asserted one by one: a libcheck assertion
     * costs a write to its pipe, millions of them minutes under valgrind */
    for (int i = 0; i < p->n; i++) {
        int listed = 0;
        for (int v = 0; v < p->n_vehicles; v++) {
            bool rule = cr_problem_eligible(p, i, v), table = cr_problem_may_serve(p, i, v);
            if (rule != table && wrong++ == 0) {
                first_i = i;
                first_v = v;
            }
            yes += table;
            if (table) {
                list_wrong += listed >= p->n_vehicles_of[i] || p->vehicles_of[i][listed] != v;
                listed++;
            }
        }
        list_wrong += listed != p->n_vehicles_of[i];
    }
    ck_assert_msg(wrong == 0, "%d pairs differ, first visit %d vehicle %d", wrong, first_i, first_v);
    ck_assert_int_eq(list_wrong, 0);
    ck_assert_int_gt(yes, 0);
    if (m->is_vrptw) {
        ck_assert_ptr_ne(p->cost, p->time);
        ck_assert_double_eq_tol(cr_problem_cost(p, 0, 1), cr_model_distance(m, 0, 1), 1e-12);
    } else {
        ck_assert_ptr_eq(p->cost, p->time);
        ck_assert_int_gt(widest, 64);
    }
    cr_problem_free(p);
}

START_TEST(test_eligibility_table)
{
    cr_model *week = generated_week();
    check_table(week);
    cr_model_free(week);
    cr_model *vrptw = load_file("C101.txt");
    check_table(vrptw);
    cr_model_free(vrptw);
}
END_TEST

/* Round trip between visits i and j, the neighbours' measure. */
static double round_trip(const cr_problem *p, int i, int j)
{
    return cr_problem_cost(p, p->loc[i], p->loc[j]) + cr_problem_cost(p, p->loc[j], p->loc[i]);
}

/* Same-day visits of the same provider and zone as visit i, i aside (in a
 * generated week, the visits that one carer could make with it). */
static int same_group(const cr_model *m, const cr_problem *p, int i)
{
    const cr_client *ci = &m->clients[m->visits[i].client];
    int count = 0;
    for (int j = 0; j < p->n; j++) {
        const cr_client *cj = &m->clients[m->visits[j].client];
        count += j != i && p->day[j] == p->day[i] && cj->provider == ci->provider && cj->zone == ci->zone;
    }
    return count;
}

/* Every listed neighbour is of the visit's day and (in a care week) of
 * its client's provider, whose carers alone may make both; the lists are
 * nearest first. Returns how many visits have a full list: in a care
 * week, every one of its group's visits of the day (same_group) up to the
 * list's length; in a VRPTW file, every other customer up to it. */
static int check_neighbours(const cr_model *m, const cr_problem *p)
{
    int bad_day = 0, bad_provider = 0, unordered = 0, full = 0;
    for (int i = 0; i < p->n; i++) {
        int listed = 0;
        for (int k = 0; k < p->k_neigh; k++) {
            int j = p->neighbours[(size_t)i * p->k_neigh + k];
            if (j < 0)
                break;
            listed++;
            bad_day += p->day[j] != p->day[i];
            if (!m->is_vrptw)
                bad_provider += m->clients[m->visits[j].client].provider != m->clients[m->visits[i].client].provider;
            if (k > 0)
                unordered += round_trip(p, i, j) < round_trip(p, i, p->neighbours[(size_t)i * p->k_neigh + k - 1]);
        }
        int want = MIN(p->k_neigh, m->is_vrptw ? p->n - 1 : same_group(m, p, i));
        full += listed == want;
    }
    ck_assert_int_eq(bad_day, 0);
    ck_assert_int_eq(bad_provider, 0);
    ck_assert_int_eq(unordered, 0);
    return full;
}

START_TEST(test_neighbours)
{
    /* three providers share each zone: most of a visit's nearest are
     * another provider's, which its carers may not visit */
    cr_model *week = generated_week();
    cr_problem *p = cr_problem_new(week, CR_OBJECTIVE_AUTO);
    ck_assert_int_eq(p->k_neigh, 100);
    ck_assert_int_eq(check_neighbours(week, p), p->n);
    cr_problem_free(p);
    cr_model_free(week);
    cr_model *vrptw = load_file("C101.txt");
    p = cr_problem_new(vrptw, CR_OBJECTIVE_AUTO);
    /* one fleet for every customer: every list is full */
    ck_assert_int_eq(check_neighbours(vrptw, p), p->n);
    cr_problem_free(p);
    cr_model_free(vrptw);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("problem");
    TCase *tc = tcase_create("problem");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_eligibility_table);
    tcase_add_test(tc, test_neighbours);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
