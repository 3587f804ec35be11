/* White-box test of the solver's view of a scenario (lib/solve/problem.c):
 * the eligibility bit table answers exactly what the rules say
 * (cr_problem_eligible) for every visit and vehicle, over days with more
 * than 64 carers (several words a row), and each visit's vehicle list is
 * the same set; care scenarios minimise time and keep one matrix for both,
 * VRPTW files minimise distance in a matrix of their own. Links the
 * internal static library. */
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

int main(void)
{
    Suite *s = suite_create("problem");
    TCase *tc = tcase_create("problem");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_eligibility_table);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
