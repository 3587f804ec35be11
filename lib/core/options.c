/* Public options handle: values keyed by cr_option, with bounds. */
#include "handles.h"

#include <math.h>

typedef struct {
    int key;
    const char *name;
    bool is_int;
    double min, max;
} option_spec;

static const option_spec specs[] = {
    {CR_OPT_TIME_LIMIT, "time limit (seconds)", false, 0.0, 1e6},
    {CR_OPT_ITERATION_LIMIT, "iteration limit", true, 0.0, 1e15},
    {CR_OPT_SEED, "seed", true, 0.0, 4294967295.0},
    {CR_OPT_THREADS, "threads", true, 1.0, 256.0},
    {CR_OPT_OBJECTIVE, "objective", true, CR_OBJECTIVE_AUTO, CR_OBJECTIVE_DISTANCE},
    {CR_OPT_CONTINUITY_WEIGHT, "continuity weight", false, -1.0, 1e6},
    {CR_OPT_PREFERENCE_WEIGHT, "preference weight", false, -1.0, 1e6},
};

static const option_spec *find(int key)
{
    for (size_t i = 0; i < G_N_ELEMENTS(specs); i++)
        if (specs[i].key == key)
            return &specs[i];
    return NULL;
}

CR_API cr_status cr_options_new(cr_options **out)
{
    if (!out)
        return CR_ERR_INVALID_ARGUMENT;
    cr_options *o = g_new0(cr_options, 1);
    o->time_limit = 10.0;
    o->iteration_limit = 0;
    o->seed = 1;
    o->threads = 1;
    o->objective = CR_OBJECTIVE_AUTO;
    o->continuity_weight = -1;
    o->preference_weight = -1;
    *out = o;
    return CR_OK;
}

CR_API void cr_options_free(cr_options *o)
{
    g_free(o);
}

static cr_status set_value(cr_options *o, int key, double value)
{
    const option_spec *sp = find(key);
    if (!sp) {
        cr_errmsg_setf(o->errmsg, "unknown option key %d", key);
        return CR_ERR_INVALID_ARGUMENT;
    }
    bool weight = key == CR_OPT_CONTINUITY_WEIGHT || key == CR_OPT_PREFERENCE_WEIGHT;
    if (isnan(value) || value < sp->min || value > sp->max || (key == CR_OPT_TIME_LIMIT && value <= 0) ||
        (weight && value < 0 && value != -1)) {
        if (weight) {
            cr_errmsg_setf(o->errmsg, "%s: %.15g is out of range, expected 0 to %.15g, or -1 for the scenario's rule",
                           sp->name, value, sp->max);
            return CR_ERR_INVALID_ARGUMENT;
        }
        cr_errmsg_setf(o->errmsg, "%s: %.15g is out of range, expected %s%.15g to %.15g", sp->name, value,
                       key == CR_OPT_TIME_LIMIT ? "more than " : "", sp->min, sp->max);
        return CR_ERR_INVALID_ARGUMENT;
    }
    if (sp->is_int && value != floor(value)) {
        cr_errmsg_setf(o->errmsg, "%s: expected a whole number, got %g", sp->name, value);
        return CR_ERR_INVALID_ARGUMENT;
    }
    switch (key) {
    case CR_OPT_TIME_LIMIT: o->time_limit = value; break;
    case CR_OPT_ITERATION_LIMIT: o->iteration_limit = (int64_t)value; break;
    case CR_OPT_SEED: o->seed = (int64_t)value; break;
    case CR_OPT_THREADS: o->threads = (int64_t)value; break;
    case CR_OPT_OBJECTIVE: o->objective = (int64_t)value; break;
    case CR_OPT_CONTINUITY_WEIGHT: o->continuity_weight = value; break;
    case CR_OPT_PREFERENCE_WEIGHT: o->preference_weight = value; break;
    default: break;
    }
    o->errmsg[0] = '\0';
    return CR_OK;
}

CR_API cr_status cr_options_set_int(cr_options *o, int key, int64_t value)
{
    if (!o)
        return CR_ERR_INVALID_ARGUMENT;
    return set_value(o, key, (double)value);
}

CR_API cr_status cr_options_set_double(cr_options *o, int key, double value)
{
    if (!o)
        return CR_ERR_INVALID_ARGUMENT;
    return set_value(o, key, value);
}

static cr_status get_value(const cr_options *o, int key, double *out)
{
    switch (key) {
    case CR_OPT_TIME_LIMIT: *out = o->time_limit; return CR_OK;
    case CR_OPT_ITERATION_LIMIT: *out = (double)o->iteration_limit; return CR_OK;
    case CR_OPT_SEED: *out = (double)o->seed; return CR_OK;
    case CR_OPT_THREADS: *out = (double)o->threads; return CR_OK;
    case CR_OPT_OBJECTIVE: *out = (double)o->objective; return CR_OK;
    case CR_OPT_CONTINUITY_WEIGHT: *out = o->continuity_weight; return CR_OK;
    case CR_OPT_PREFERENCE_WEIGHT: *out = o->preference_weight; return CR_OK;
    default: return CR_ERR_INVALID_ARGUMENT;
    }
}

CR_API cr_status cr_options_get_int(const cr_options *o, int key, int64_t *value)
{
    double v;
    if (!o || !value || get_value(o, key, &v) != CR_OK)
        return CR_ERR_INVALID_ARGUMENT;
    *value = (int64_t)v;
    return CR_OK;
}

CR_API cr_status cr_options_get_double(const cr_options *o, int key, double *value)
{
    if (!o || !value)
        return CR_ERR_INVALID_ARGUMENT;
    return get_value(o, key, value);
}

CR_API const char *cr_options_errmsg(const cr_options *o)
{
    return o ? o->errmsg : "";
}
