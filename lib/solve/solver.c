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

/* One thread's share of a part: its pieces (connected sets) one after the
 * other, each with the share of the time (or iterations) left that its
 * visits are of the part's; the best plan of each piece. A piece's own
 * search schedules only its own routes, which is what makes many zones
 * cheap (one search over them all scheduled every zone's day at each move). */
typedef struct {
    cr_sync_problem **pieces; /* the part's, shared with its other runs */
    int n_pieces, part;
    uint32_t seed;
    cr_search_shared *shared;
    cr_sync_sol *best;        /* per piece */
    cr_search_stats stats;    /* summed over pieces; times from the solve's start */
} sync_job;

/* A piece's progress as its part's: the pieces done, plus this one, plus
 * the visits of those still to come counted as unassigned. */
typedef struct {
    cr_search_shared *sh;
    int part, unassigned_after;
    double cost_before, share_before, share;
} piece_progress;

static int forward_progress(double fraction, double cost, size_t unassigned, void *user)
{
    const piece_progress *pp = user;
    cr_search_report_part(pp->sh, pp->part, pp->cost_before + cost, pp->unassigned_after + (int)unassigned,
                          pp->share_before + fraction * pp->share, true);
    return 0; /* a cancel from the callback reaches the piece through the shared flag */
}

static gpointer run_sync_job(gpointer data)
{
    sync_job *job = data;
    cr_search_shared *sh = job->shared;
    int total = 0, before = 0;
    for (int c = 0; c < job->n_pieces; c++)
        total += cr_sync_problem_n_visits(job->pieces[c]);
    double cost_before = 0;
    int unassigned_before = 0;
    bool complete = true; /* every piece so far has had a plan with every visit */
    for (int c = 0; c < job->n_pieces; c++) {
        int size = cr_sync_problem_n_visits(job->pieces[c]);
        cr_search_shared sub = {0};
        g_mutex_init(&sub.lock);
        sub.t0 = g_get_monotonic_time();
        double offset = (sub.t0 - sh->t0) / 1e6;
        sub.cancel = sh->cancel;
        if (sh->time_limit > 0)
            sub.time_limit = fmax(1e-3, (sh->time_limit - offset) * size / (double)(total - before));
        if (sh->iteration_limit > 0) {
            int64_t share = (int64_t)((double)sh->iteration_limit * size / (total > 0 ? total : 1));
            sub.iteration_limit = share > 0 ? share : 1;
        }
        piece_progress pp = {sh, job->part, total - before - size + unassigned_before, cost_before,
                             total > 0 ? before / (double)total : 0, total > 0 ? size / (double)total : 1};
        if (sh->progress) {
            sub.progress = forward_progress;
            sub.progress_user = &pp;
        }
        sub.best_travel = INFINITY;
        sub.best_unassigned = G_MAXINT;
        cr_search_stats st;
        cr_sync_search_run(job->pieces[c], job->seed + (uint32_t)c * 0x9e3779b9u, &sub, &job->best[c], &st);
        g_mutex_clear(&sub.lock);
        job->stats.iterations += st.iterations;
        job->stats.moves += st.moves;
        /* the part is first complete when its last piece is, if all are */
        complete = complete && !isnan(st.first_complete_seconds);
        job->stats.first_complete_seconds = complete ? offset + st.first_complete_seconds : NAN;
        job->stats.best_found_seconds = offset + st.best_found_seconds;
        cost_before += job->best[c].cost;
        unassigned_before += job->best[c].n_unassigned;
        before += size;
    }
    if (job->n_pieces == 0)
        job->stats.first_complete_seconds = NAN;
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

/* How many different carers each client sees, given each visit's vehicle
 * (-1: unassigned). */
static int *clients_carers(const cr_problem *p, const int *veh)
{
    const cr_model *m = p->model;
    int *seen = g_new0(int, m->n_clients > 0 ? m->n_clients : 1);
    GHashTable *pairs = g_hash_table_new(g_int64_hash, g_int64_equal);
    gint64 *keys = g_new(gint64, p->n > 0 ? p->n : 1);
    for (int i = 0; i < p->n; i++) {
        if (veh[i] < 0 || m->n_clients == 0)
            continue;
        int client = m->visits[i].client;
        keys[i] = (gint64)client * (m->n_carers + 1) + p->v_carer[veh[i]];
        if (g_hash_table_add(pairs, &keys[i]))
            seen[client]++;
    }
    g_hash_table_destroy(pairs);
    g_free(keys);
    return seen;
}

/* Plans with synchronised visits, carer-dependent durations, soft due
 * times or weekly hours. The problem falls into independent pieces (zones
 * with their own carers, usually), packed into up to `threads` parts
 * searched at once, each on its own thread, its pieces one after the
 * other; threads to spare run more independent searches of each part. Each
 * piece's best run is kept and the pieces are put together. */
static cr_solution *solve_sync(const cr_problem *p, int threads, int64_t seed, cr_search_shared *sh)
{
    cr_part *parts = NULL;
    int n_components = 0;
    int n_parts = cr_problem_parts(p, threads, &parts, &n_components);
    int runs = threads / n_parts > 1 ? threads / n_parts : 1, n_jobs = n_parts * runs;
    /* every piece of every part, as its own search problem */
    cr_sync_problem ***pieces = g_new(cr_sync_problem **, n_parts);
    sh->n_parts = n_parts;
    sh->part_cost = g_new0(double, n_parts);
    sh->part_unassigned = g_new(int, n_parts);
    for (int q = 0; q < n_parts; q++) {
        const cr_part *pt = &parts[q];
        pieces[q] = g_new(cr_sync_problem *, pt->n_pieces > 0 ? pt->n_pieces : 1);
        /* one piece is the whole problem: the search keeps its full view */
        bool whole = n_components == 1;
        for (int c = 0; c < pt->n_pieces; c++)
            pieces[q][c] = cr_sync_problem_new(
                p, whole ? NULL : &pt->visits[pt->visit_first[c]], pt->visit_first[c + 1] - pt->visit_first[c],
                whole ? NULL : &pt->vehicles[pt->vehicle_first[c]], pt->vehicle_first[c + 1] - pt->vehicle_first[c]);
        sh->part_unassigned[q] = pt->n_visits;
    }
    sync_job *jobs = g_new0(sync_job, n_jobs);
    const cr_search_stats **stats = g_new(const cr_search_stats *, n_jobs);
    for (int k = 0; k < n_jobs; k++) {
        int q = k % n_parts;
        jobs[k].part = q;
        jobs[k].pieces = pieces[q];
        jobs[k].n_pieces = parts[q].n_pieces;
        jobs[k].seed = thread_seed(seed, k);
        jobs[k].shared = sh;
        jobs[k].best = g_new(cr_sync_sol, parts[q].n_pieces > 0 ? parts[q].n_pieces : 1);
        for (int c = 0; c < parts[q].n_pieces; c++)
            cr_sync_sol_init(&jobs[k].best[c], pieces[q][c]);
        stats[k] = &jobs[k].stats;
    }
    run_on_threads(jobs, sizeof *jobs, n_jobs, run_sync_job);
    cr_solution *sol = cr_solution_new();
    int *veh = g_new(int, p->n > 0 ? p->n : 1);
    for (int i = 0; i < p->n; i++)
        veh[i] = -1;
    /* each vehicle's plan: the best run's plan of its piece */
    const cr_sync_sol **plan_of = g_new0(const cr_sync_sol *, p->n_vehicles > 0 ? p->n_vehicles : 1);
    for (int q = 0; q < n_parts; q++)
        for (int c = 0; c < parts[q].n_pieces; c++) {
            int best = q; /* ties go to the lowest job: deterministic */
            for (int k = q + n_parts; k < n_jobs; k += n_parts)
                if (cr_sync_sol_compare(&jobs[k].best[c], &jobs[best].best[c]) < 0)
                    best = k;
            for (int k = parts[q].vehicle_first[c]; k < parts[q].vehicle_first[c + 1]; k++)
                plan_of[parts[q].vehicles[k]] = &jobs[best].best[c];
        }
    for (int v = 0; v < p->n_vehicles; v++) { /* in vehicle order, as one search would give */
        const cr_sync_sol *b = plan_of[v];
        if (!b || b->len[v] == 0)
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
        if (plan_of[v]) {
            vehicle_work[v] = plan_of[v]->route_work[v];
            work[p->v_carer[v]] += vehicle_work[v];
        }
    g_free(plan_of);
    int *seen = clients_carers(p, veh);
    for (int i = 0; i < p->n; i++)
        if (veh[i] < 0) {
            const cr_model *m = p->model;
            int client = m->visits[i].client, cap = m->n_clients > 0 ? cr_model_client_cap(m, client) : 0;
            /* a visit some carer could serve, of a client at its cap */
            bool capped = cap > 0 && seen[client] >= cap && p->n_vehicles_of[i] > 0;
            char *why;
            if (capped && seen[client] == 1)
                why = g_strdup_printf("client %s may see only 1 carer over the plan, and the carer who visits "
                                      "it cannot take this visit as well", m->clients[client].id);
            else if (capped)
                why = g_strdup_printf("client %s may see at most %d carers over the plan, and none of the %d "
                                      "who visit it can take this visit as well",
                                      m->clients[client].id, cap, seen[client]);
            else
                why = cr_problem_unassigned_reason(p, i, work, vehicle_work);
            cr_solution_add_unassigned(sol, i, why);
            g_free(why);
        }
    g_free(seen);
    g_free(work);
    g_free(vehicle_work);
    cr_solution_compute_totals(p->model, sol);
    add_stats(sol, stats, n_jobs, 0);
    for (int k = 0; k < n_jobs; k++) {
        for (int c = 0; c < jobs[k].n_pieces; c++)
            cr_sync_sol_free(&jobs[k].best[c], jobs[k].pieces[c]);
        g_free(jobs[k].best);
    }
    for (int q = 0; q < n_parts; q++) {
        for (int c = 0; c < parts[q].n_pieces; c++)
            cr_sync_problem_free(pieces[q][c]);
        g_free(pieces[q]);
    }
    cr_parts_free(parts, n_parts);
    g_free(pieces);
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
    if (!p) {
        cr_errmsg_setf(sv->errmsg, "the scenario's %d places need a travel table of %.1f GB, more than is free",
                       m->n_points, (double)m->n_points * m->n_points * sizeof(double) * (m->is_vrptw ? 2 : 1) / 1e9);
        return CR_ERR_NO_MEMORY;
    }
    if (o->continuity_weight >= 0)
        p->continuity_weight = o->continuity_weight;
    if (o->preference_weight >= 0)
        p->preference_weight = o->preference_weight;

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
    cr_continuity_improve(p, &jobs[best].best, p->continuity_weight, p->preference_weight);
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
