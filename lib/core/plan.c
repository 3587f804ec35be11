/* Public plan handle: read access, JSON and route text output. */
#include "handles.h"
#include "io/io.h"

#include <math.h>
#include <string.h>

CR_API cr_status cr_plan_new(cr_plan **out, cr_scenario *s)
{
    if (!out || !s || !s->model)
        return CR_ERR_INVALID_ARGUMENT;
    cr_plan *p = g_new0(cr_plan, 1);
    p->scenario = cr_scenario_ref(s);
    *out = p;
    return CR_OK;
}

CR_API void cr_plan_free(cr_plan *p)
{
    if (!p)
        return;
    cr_solution_free(p->sol);
    g_free(p->json);
    cr_scenario_free(p->scenario);
    g_free(p);
}

CR_API const char *cr_plan_errmsg(const cr_plan *p)
{
    return p ? p->errmsg : "";
}

CR_API cr_status cr_plan_load_file(cr_plan *p, const char *path)
{
    if (!p)
        return CR_ERR_INVALID_ARGUMENT;
    if (!path) {
        cr_errmsg_set(p->errmsg, "cr_plan_load_file: path is NULL");
        return CR_ERR_INVALID_ARGUMENT;
    }
    if (p->sol) {
        cr_errmsg_set(p->errmsg, "this plan already holds routes; create a new one");
        return CR_ERR_INVALID_ARGUMENT;
    }
    GError *err = NULL;
    size_t len = 0;
    char *data = cr_io_read_file(path, &len, &err);
    cr_solution *sol = data ? cr_io_read_plan_json(p->scenario->model, data, len, path, &err) : NULL;
    g_free(data);
    if (!sol) {
        cr_status st = (cr_status)cr_error_status(err);
        cr_errmsg_set(p->errmsg, err ? err->message : "cannot load plan");
        g_clear_error(&err);
        return st ? st : CR_ERR_INTERNAL;
    }
    p->sol = sol;
    p->errmsg[0] = '\0';
    return CR_OK;
}

static const cr_route *route(const cr_plan *p, size_t r)
{
    return p && p->sol && r < (size_t)p->sol->n_routes ? &p->sol->routes[r] : NULL;
}

CR_API size_t cr_plan_n_routes(const cr_plan *p)
{
    return p && p->sol ? (size_t)p->sol->n_routes : 0;
}

CR_API size_t cr_plan_route_length(const cr_plan *p, size_t r)
{
    const cr_route *rt = route(p, r);
    return rt ? (size_t)rt->n : 0;
}

CR_API int64_t cr_plan_route_carer(const cr_plan *p, size_t r)
{
    const cr_route *rt = route(p, r);
    return rt ? rt->carer : -1;
}

CR_API int64_t cr_plan_route_day(const cr_plan *p, size_t r)
{
    const cr_route *rt = route(p, r);
    return rt ? rt->day : -1;
}

CR_API int64_t cr_plan_route_visit(const cr_plan *p, size_t r, size_t i)
{
    const cr_route *rt = route(p, r);
    return rt && i < (size_t)rt->n ? rt->visits[i] : -1;
}

CR_API double cr_plan_route_start(const cr_plan *p, size_t r, size_t i)
{
    const cr_route *rt = route(p, r);
    return rt && i < (size_t)rt->n ? rt->starts[i] : NAN;
}

CR_API double cr_plan_route_end(const cr_plan *p, size_t r, size_t i)
{
    const cr_route *rt = route(p, r);
    if (!rt || i >= (size_t)rt->n)
        return NAN;
    return rt->starts[i] + cr_model_duration(p->scenario->model, rt->visits[i], rt->carer);
}

CR_API double cr_plan_route_distance(const cr_plan *p, size_t r)
{
    const cr_route *rt = route(p, r);
    return rt ? cr_route_distance(p->scenario->model, rt) : NAN;
}

CR_API double cr_plan_distance(const cr_plan *p)
{
    return p && p->sol ? p->sol->distance : NAN;
}

CR_API double cr_plan_travel_time(const cr_plan *p)
{
    return p && p->sol ? p->sol->travel_time : NAN;
}

CR_API size_t cr_plan_n_unassigned(const cr_plan *p)
{
    return p && p->sol ? (size_t)p->sol->n_unassigned : 0;
}

CR_API int64_t cr_plan_unassigned_visit(const cr_plan *p, size_t i)
{
    return p && p->sol && i < (size_t)p->sol->n_unassigned ? p->sol->unassigned[i] : -1;
}

CR_API const char *cr_plan_unassigned_reason(const cr_plan *p, size_t i)
{
    return p && p->sol && i < (size_t)p->sol->n_unassigned ? p->sol->reasons[i] : NULL;
}

CR_API cr_scenario *cr_plan_scenario(const cr_plan *p)
{
    return p ? p->scenario : NULL;
}

CR_API double cr_plan_seconds(const cr_plan *p)
{
    return p && p->sol ? p->sol->seconds : 0.0;
}

CR_API double cr_plan_statistic(const cr_plan *p, int key)
{
    if (!p || !p->sol)
        return NAN;
    switch (key) {
    case CR_STAT_ITERATIONS: return (double)p->sol->iterations;
    case CR_STAT_MOVES_EVALUATED: return (double)p->sol->moves;
    case CR_STAT_FIRST_COMPLETE_SECONDS: return p->sol->first_complete_seconds;
    case CR_STAT_BEST_FOUND_SECONDS: return p->sol->best_found_seconds;
    default: return NAN;
    }
}

CR_API const char *cr_plan_json(const cr_plan *p)
{
    if (!p || !p->sol)
        return NULL;
    cr_plan *mp = (cr_plan *)p; /* the cache is logically const */
    if (!mp->json)
        mp->json = cr_io_plan_to_json(p->scenario->model, p->sol);
    return mp->json;
}

static cr_status write_text(cr_plan *p, const char *path, const char *text)
{
    GError *err = NULL;
    if (!cr_io_write_atomic(path, text, strlen(text), &err)) {
        cr_status st = (cr_status)cr_error_status(err);
        cr_errmsg_set(p->errmsg, err->message);
        g_error_free(err);
        return st;
    }
    return CR_OK;
}

CR_API cr_status cr_plan_write_json(const cr_plan *p, const char *path)
{
    if (!p || !p->sol || !path)
        return CR_ERR_INVALID_ARGUMENT;
    return write_text((cr_plan *)p, path, cr_plan_json(p));
}

CR_API cr_status cr_plan_write_routes(const cr_plan *p, const char *path)
{
    if (!p || !p->sol || !path)
        return CR_ERR_INVALID_ARGUMENT;
    char *text = cr_io_routes_text(p->scenario->model, p->sol);
    cr_status st = write_text((cr_plan *)p, path, text);
    g_free(text);
    return st;
}
