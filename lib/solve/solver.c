/* The public solver API: options, threads, and turning the search's best
 * solution into a plan with a reason for every unassigned visit. */
#include "problem.h"
#include "search.h"
#include "sync_search.h"
#include "components.h"
#include "continuity.h"

#include "careroute.h"
#include "core/handles.h"

#include <math.h>
#include <string.h>

CR_API cr_status cr_solver_new(cr_solver **out)
{
    if (!out)
        return CR_ERR_INVALID_ARGUMENT;
    *out = g_new0(cr_solver, 1);
    return CR_OK;
}

CR_API void cr_solver_free(cr_solver *sv)
{
    g_free(sv);
}

CR_API cr_status cr_solver_set_progress(cr_solver *sv, cr_progress_fn fn, void *user)
{
    if (!sv)
        return CR_ERR_INVALID_ARGUMENT;
    sv->progress = fn;
    sv->progress_user = user;
    return CR_OK;
}

CR_API void cr_solver_cancel(cr_solver *sv)
{
    if (sv)
        g_atomic_int_set(&sv->cancel, 1);
}

CR_API const char *cr_solver_errmsg(const cr_solver *sv)
{
    return sv ? sv->errmsg : "";
}

typedef struct {
    const cr_problem *p;
    uint32_t seed;
    cr_search_shared *shared;
    cr_ssol best;
    cr_search_stats stats;
} thread_job;

static gpointer run_job(gpointer data)
{
    thread_job *job = data;
    cr_search_run(job->p, job->seed, job->shared, &job->best, &job->stats);
    return NULL;
}

typedef struct {
    const cr_sync_problem *sp;
    uint32_t seed;
    cr_search_shared *shared;
    cr_sync_sol best;
    cr_search_stats stats;
} sync_job;

static gpointer run_sync_job(gpointer data)
{
    sync_job *job = data;
    cr_sync_search_run(job->sp, job->seed, job->shared, &job->best, &job->stats);
    return NULL;
}

/* Run fn on each of n jobs (laid out every `size` bytes), job 0 on this
 * thread and the others on their own threads; returns when all are done. */
static void run_on_threads(gpointer jobs, size_t size, int n, GThreadFunc fn)
{
    GThread **handles = g_new0(GThread *, n);
    for (int k = 1; k < n; k++)
        handles[k] = g_thread_new("careroute-search", fn, (char *)jobs + (size_t)k * size);
    fn(jobs);
    for (int k = 1; k < n; k++)
        g_thread_join(handles[k]);
    g_free(handles);
}

/* Distinct, reproducible seeds per thread. */
static uint32_t thread_seed(int64_t seed, int k)
{
    return (uint32_t)(seed * 1000003 + k * 7919 + 1);
}

/* The runs' statistics into the plan: the best run's timing, all runs' work. */
static void add_stats(cr_solution *sol, const cr_search_stats *const *stats, int n, int best)
{
    sol->best_found_seconds = stats[best]->best_found_seconds;
    for (int k = 0; k < n; k++) {
        sol->iterations += stats[k]->iterations;
        sol->moves += stats[k]->moves;
        double fc = stats[k]->first_complete_seconds;
        if (!isnan(fc) && !(fc >= sol->first_complete_seconds))
            sol->first_complete_seconds = fc;
    }
}

/* Plans with synchronised visits, carer-dependent durations, soft due
 * times or weekly hours. The problem falls into independent parts (zones
 * with their own carers, usually): up to `threads` parts are searched at
 * once, each on its own thread, and threads to spare run more independent
 * searches of each part; each part's best run is kept and the parts are
 * put together. */
static cr_solution *solve_sync(const cr_problem *p, int threads, int64_t seed, cr_search_shared *sh)
{
    cr_part *parts = NULL;
    int n_components = 0;
    int n_parts = cr_problem_parts(p, threads, &parts, &n_components);
    int runs = threads / n_parts > 1 ? threads / n_parts : 1, n_jobs = n_parts * runs;
    cr_sync_problem **sps = g_new(cr_sync_problem *, n_parts);
    sh->n_parts = n_parts;
    sh->part_cost = g_new0(double, n_parts);
    sh->part_unassigned = g_new(int, n_parts);
    for (int q = 0; q < n_parts; q++) {
        /* one part is the whole problem: the search keeps its full view */
        bool whole = n_parts == 1;
        sps[q] = cr_sync_problem_new(p, whole ? NULL : parts[q].visits, parts[q].n_visits,
                                     whole ? NULL : parts[q].vehicles, parts[q].n_vehicles);
        cr_sync_problem_set_part(sps[q], q);
        sh->part_unassigned[q] = parts[q].n_visits;
    }
    sync_job *jobs = g_new0(sync_job, n_jobs);
    const cr_search_stats **stats = g_new(const cr_search_stats *, n_jobs);
    for (int k = 0; k < n_jobs; k++) {
        jobs[k].sp = sps[k % n_parts];
        jobs[k].seed = thread_seed(seed, k);
        jobs[k].shared = sh;
        cr_sync_sol_init(&jobs[k].best, jobs[k].sp);
        stats[k] = &jobs[k].stats;
    }
    run_on_threads(jobs, sizeof *jobs, n_jobs, run_sync_job);
    cr_solution *sol = cr_solution_new();
    int *veh = g_new(int, p->n > 0 ? p->n : 1);
    for (int i = 0; i < p->n; i++)
        veh[i] = -1;
    int *best_of = g_new(int, n_parts), *part_of = g_new(int, p->n_vehicles > 0 ? p->n_vehicles : 1);
    for (int q = 0; q < n_parts; q++) {
        best_of[q] = q; /* ties go to the lowest job: deterministic */
        for (int k = q + n_parts; k < n_jobs; k += n_parts)
            if (cr_sync_sol_compare(&jobs[k].best, &jobs[best_of[q]].best) < 0)
                best_of[q] = k;
    }
    for (int v = 0; v < p->n_vehicles; v++)
        part_of[v] = -1;
    for (int q = 0; q < n_parts; q++)
        for (int k = 0; k < parts[q].n_vehicles; k++)
            part_of[parts[q].vehicles[k]] = q;
    for (int v = 0; v < p->n_vehicles; v++) { /* in vehicle order, as one search would give */
        if (part_of[v] < 0)
            continue;
        const cr_sync_sol *b = &jobs[best_of[part_of[v]]].best;
        if (b->len[v] == 0)
            continue;
        double *starts = g_new(double, b->len[v]);
        for (int j = 0; j < b->len[v]; j++) {
            starts[j] = b->start[b->seq[v][j]];
            veh[b->seq[v][j]] = v;
        }
        cr_solution_add_route(sol, p->v_carer[v], p->v_day[v], b->len[v], b->seq[v], starts);
        g_free(starts);
    }
    /* each carer's planned working time, for the reasons below */
    double *work = g_new0(double, p->model->n_carers > 0 ? p->model->n_carers : 1);
    double *vehicle_work = g_new0(double, p->n_vehicles > 0 ? p->n_vehicles : 1);
    for (int v = 0; v < p->n_vehicles; v++)
        if (part_of[v] >= 0) {
            vehicle_work[v] = jobs[best_of[part_of[v]]].best.route_work[v];
            work[p->v_carer[v]] += vehicle_work[v];
        }
    int first_best = best_of[0];
    g_free(best_of);
    g_free(part_of);
    for (int i = 0; i < p->n; i++)
        if (veh[i] < 0) {
            char *why = cr_problem_unassigned_reason(p, i, work, vehicle_work);
            cr_solution_add_unassigned(sol, i, why);
            g_free(why);
        }
    g_free(work);
    g_free(vehicle_work);
    cr_solution_compute_totals(p->model, sol);
    add_stats(sol, stats, n_jobs, first_best);
    for (int k = 0; k < n_jobs; k++)
        cr_sync_sol_free(&jobs[k].best, jobs[k].sp);
    for (int q = 0; q < n_parts; q++)
        cr_sync_problem_free(sps[q]);
    cr_parts_free(parts, n_parts);
    g_free(sps);
    g_free(veh);
    g_free(jobs);
    g_free(stats);
    g_free(sh->part_cost);
    g_free(sh->part_unassigned);
    sh->n_parts = 0;
    return sol;
}

static cr_solution *to_solution(const cr_problem *p, const cr_ssol *s)
{
    cr_solution *sol = cr_solution_new();
    for (int v = 0; v < p->n_vehicles; v++) {
        const cr_sroute *r = &s->routes[v];
        if (r->len > 0)
            cr_solution_add_route(sol, p->v_carer[v], p->v_day[v], r->len, r->nodes, r->start);
    }
    for (int i = 0; i < p->n; i++)
        if (s->route_of[i] < 0) {
            char *why = cr_problem_unassigned_reason(p, i, NULL, NULL);
            cr_solution_add_unassigned(sol, i, why);
            g_free(why);
        }
    cr_solution_compute_totals(p->model, sol);
    return sol;
}

CR_API cr_status cr_solver_solve(cr_solver *sv, cr_scenario *s, const cr_options *o, cr_plan **out)
{
    if (!sv)
        return CR_ERR_INVALID_ARGUMENT;
    if (!out || !s) {
        cr_errmsg_set(sv->errmsg, "cr_solver_solve: scenario and out must not be NULL");
        return CR_ERR_INVALID_ARGUMENT;
    }
    *out = NULL;
    if (!s->model) {
        cr_errmsg_set(sv->errmsg, "cr_solver_solve: the scenario has not been loaded");
        return CR_ERR_INVALID_ARGUMENT;
    }
    cr_options defaults;
    if (!o) {
        cr_options *tmp = NULL;
        cr_options_new(&tmp);
        defaults = *tmp;
        cr_options_free(tmp);
        o = &defaults;
    }
    sv->errmsg[0] = '\0';
    g_atomic_int_set(&sv->cancel, 0);
    const cr_model *m = s->model;
    gint64 t0 = g_get_monotonic_time();

    int objective = (int)o->objective;
    if (objective == CR_OBJECTIVE_AUTO)
        objective = m->is_vrptw ? CR_OBJECTIVE_VEHICLES_THEN_DISTANCE : CR_OBJECTIVE_DISTANCE;
    cr_problem *p = cr_problem_new(m, objective);
    if (o->continuity_weight >= 0)
        p->continuity_weight = o->continuity_weight;

    cr_search_shared sh = {0};
    sh.t0 = t0;
    sh.time_limit = o->time_limit;
    sh.iteration_limit = o->iteration_limit;
    sh.cancel = &sv->cancel;
    g_mutex_init(&sh.lock);
    sh.progress = sv->progress;
    sh.progress_user = sv->progress_user;
    sh.best_travel = INFINITY;
    sh.best_unassigned = G_MAXINT;
    sh.last_report = 0;

    int threads = (int)o->threads;
    cr_solution *sol;
    if (cr_model_needs_sync_search(m)) {
        sol = solve_sync(p, threads, o->seed, &sh);
        sol->objective = objective;
        goto solved;
    }
    thread_job *jobs = g_new0(thread_job, threads);
    const cr_search_stats **stats = g_new(const cr_search_stats *, threads);
    for (int k = 0; k < threads; k++) {
        jobs[k].p = p;
        jobs[k].seed = thread_seed(o->seed, k);
        jobs[k].shared = &sh;
        cr_ssol_init(&jobs[k].best, p);
        stats[k] = &jobs[k].stats;
    }
    run_on_threads(jobs, sizeof *jobs, threads, run_job);

    int best = 0; /* ties go to the lowest thread: deterministic */
    for (int k = 1; k < threads; k++)
        if (cr_ssol_compare(&jobs[k].best, &jobs[best].best) < 0)
            best = k;
    cr_continuity_improve(p, &jobs[best].best, p->continuity_weight, m->rules.preference_weight);
    sol = to_solution(p, &jobs[best].best);
    sol->objective = objective;
    add_stats(sol, stats, threads, best);
    for (int k = 0; k < threads; k++)
        cr_ssol_free(&jobs[k].best);
    g_free(jobs);
    g_free(stats);
solved:
    sol->seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
    g_mutex_clear(&sh.lock);
    cr_problem_free(p);

    cr_plan *plan = NULL;
    cr_status st = cr_plan_new(&plan, s);
    if (st != CR_OK) {
        cr_solution_free(sol);
        return st;
    }
    plan->sol = sol;
    *out = plan;
    if (g_atomic_int_get(&sv->cancel)) {
        cr_errmsg_set(sv->errmsg, "solve cancelled; the best plan found so far was returned");
        return CR_ERR_CANCELLED;
    }
    return CR_OK;
}
