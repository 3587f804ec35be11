/* A minimal C program using careroute: load a scenario, solve it for two
 * seconds, check the plan and print each route.
 *
 *   cc plan_example.c $(pkg-config --cflags --libs careroute) -o plan_example
 *   ./plan_example scenario.json
 */
#include <careroute.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
        return 2;
    }
    cr_scenario *s = NULL;
    cr_options *o = NULL;
    cr_solver *sv = NULL;
    cr_plan *plan = NULL;
    cr_check *chk = NULL;
    int rc = 1;

    cr_scenario_new(&s);
    if (cr_scenario_load_file(s, argv[1], CR_FORMAT_AUTO) != CR_OK) {
        fprintf(stderr, "%s\n", cr_scenario_errmsg(s));
        rc = 2;
        goto out;
    }
    cr_options_new(&o);
    cr_options_set_double(o, CR_OPT_TIME_LIMIT, 2.0);
    cr_solver_new(&sv);
    if (cr_solver_solve(sv, s, o, &plan) != CR_OK) {
        fprintf(stderr, "%s\n", cr_solver_errmsg(sv));
        goto out;
    }
    cr_check_new(&chk, plan);
    printf("%s: %zu routes, distance %.2f, %zu unassigned, %s\n", cr_scenario_name(s),
           cr_plan_n_routes(plan), cr_plan_distance(plan), cr_plan_n_unassigned(plan),
           cr_check_feasible(chk) ? "feasible" : "INFEASIBLE");
    for (size_t r = 0; r < cr_plan_n_routes(plan); r++) {
        printf("carer %s, day %lld:", cr_scenario_carer_id(s, (size_t)cr_plan_route_carer(plan, r)),
               (long long)cr_plan_route_day(plan, r));
        for (size_t i = 0; i < cr_plan_route_length(plan, r); i++)
            printf(" %s", cr_scenario_visit_id(s, (size_t)cr_plan_route_visit(plan, r, i)));
        printf("\n");
    }
    for (size_t i = 0; i < cr_plan_n_unassigned(plan); i++)
        printf("unassigned %s: %s\n", cr_scenario_visit_id(s, (size_t)cr_plan_unassigned_visit(plan, i)),
               cr_plan_unassigned_reason(plan, i));
    rc = cr_check_feasible(chk) ? 0 : 1;
out:
    cr_check_free(chk);
    cr_plan_free(plan);
    cr_solver_free(sv);
    cr_options_free(o);
    cr_scenario_free(s);
    return rc;
}
