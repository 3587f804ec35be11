/* White-box test of the assignment solver (lib/solve/assignment.c) that
 * hands a day's runs to its carers: on random matrices, square and wide,
 * with forbidden pairs, it finds the same least total as trying every
 * assignment, and never gives two rows one column. */
#include "solve/assignment.h"

#include <check.h>
#include <glib.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

/* The least total over every way to give rows row.. distinct columns. */
static double brute_force(int n_rows, int n_cols, const double *cost, int row, bool *used)
{
    if (row == n_rows)
        return 0;
    double best = INFINITY;
    for (int c = 0; c < n_cols; c++) {
        if (used[c])
            continue;
        used[c] = true;
        double t = cost[row * n_cols + c] + brute_force(n_rows, n_cols, cost, row + 1, used);
        used[c] = false;
        best = t < best ? t : best;
    }
    return best;
}

START_TEST(test_assign_matches_brute_force)
{
    GRand *r = g_rand_new_with_seed(7);
    for (int trial = 0; trial < 500; trial++) {
        int n_rows = g_rand_int_range(r, 1, 7), n_cols = n_rows + g_rand_int_range(r, 0, 3);
        double cost[8 * 9];
        for (int k = 0; k < n_rows * n_cols; k++) {
            /* integers make ties common; some pairs are forbidden */
            cost[k] = g_rand_double(r) < 0.15 ? 1e12 : (double)g_rand_int_range(r, -20, 100);
        }
        bool used[9] = { false };
        double want = brute_force(n_rows, n_cols, cost, 0, used);
        int col[8];
        double got = cr_assign(n_rows, n_cols, cost, col);
        ck_assert_msg(fabs(got - want) < 1e-6 * fmax(1, fabs(want)), "trial %d: %g, brute force %g", trial, got,
                      want);
        double sum = 0;
        bool taken[9] = { false };
        for (int a = 0; a < n_rows; a++) {
            ck_assert_int_ge(col[a], 0);
            ck_assert_int_lt(col[a], n_cols);
            ck_assert_msg(!taken[col[a]], "trial %d: column %d given twice", trial, col[a]);
            taken[col[a]] = true;
            sum += cost[a * n_cols + col[a]];
        }
        ck_assert_double_eq_tol(sum, got, 1e-6 * fmax(1, fabs(got)));
    }
    g_rand_free(r);
}
END_TEST

START_TEST(test_assign_known)
{
    /* rows prefer the same column; the least total gives it to row 1 */
    const double cost[] = { 1, 4, 9,
                            0, 8, 9 };
    int col[2];
    ck_assert_double_eq(cr_assign(2, 3, cost, col), 4);
    ck_assert_int_eq(col[0], 1);
    ck_assert_int_eq(col[1], 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("assignment");
    TCase *tc = tcase_create("assign");
    tcase_add_test(tc, test_assign_matches_brute_force);
    tcase_add_test(tc, test_assign_known);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
