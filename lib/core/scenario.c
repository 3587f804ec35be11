/* Public scenario handle. */
#include "handles.h"
#include "io/io.h"

#include <string.h>

CR_API cr_status cr_scenario_new(cr_scenario **out)
{
    if (!out)
        return CR_ERR_INVALID_ARGUMENT;
    cr_scenario *s = g_new0(cr_scenario, 1);
    s->refs = 1;
    *out = s;
    return CR_OK;
}

cr_scenario *cr_scenario_ref(cr_scenario *s)
{
    g_atomic_int_inc(&s->refs);
    return s;
}

CR_API void cr_scenario_free(cr_scenario *s)
{
    if (!s || !g_atomic_int_dec_and_test(&s->refs))
        return;
    cr_model_free(s->model);
    g_free(s->client_hours);
    g_free(s);
}

static cr_status finish_load(cr_scenario *s, cr_model *m, GError *err)
{
    if (!m) {
        int st = cr_error_status(err);
        cr_errmsg_set(s->errmsg, err ? err->message : "failed to load scenario");
        g_clear_error(&err);
        return (cr_status)(st ? st : CR_ERR_INTERNAL);
    }
    cr_status st = cr_scenario_zones_resolve(m, s->errmsg);
    if (st == CR_OK)
        st = cr_scenario_travel_resolve(m, s->errmsg);
    if (st != CR_OK) {
        cr_model_free(m);
        return st;
    }
    s->model = m;
    s->client_hours = g_new0(double, m->n_clients > 0 ? m->n_clients : 1);
    for (int v = 0; v < m->n_visits; v++)
        s->client_hours[m->visits[v].client] += m->visits[v].duration * m->visits[v].n_carers / 60.0;
    s->errmsg[0] = '\0';
    return CR_OK;
}

static cr_status check_loadable(cr_scenario *s, int format)
{
    if (s->model) {
        cr_errmsg_set(s->errmsg, "this scenario handle is already loaded; create a new one");
        return CR_ERR_INVALID_ARGUMENT;
    }
    if (format < CR_FORMAT_AUTO || format > CR_FORMAT_CONVRP) {
        cr_errmsg_setf(s->errmsg, "unknown format code %d", format);
        return CR_ERR_INVALID_ARGUMENT;
    }
    return CR_OK;
}

CR_API cr_status cr_scenario_load_file(cr_scenario *s, const char *path, int format)
{
    if (!s)
        return CR_ERR_INVALID_ARGUMENT;
    if (!path) {
        cr_errmsg_set(s->errmsg, "cr_scenario_load_file: path is NULL");
        return CR_ERR_INVALID_ARGUMENT;
    }
    cr_status st = check_loadable(s, format);
    if (st != CR_OK)
        return st;
    GError *err = NULL;
    size_t len = 0;
    char *data = cr_io_read_file(path, &len, &err);
    if (!data)
        return finish_load(s, NULL, err);
    cr_model *m = cr_io_load(data, len, path, format, &err);
    g_free(data);
    return finish_load(s, m, err);
}

CR_API cr_status cr_scenario_load_data(cr_scenario *s, const char *data, size_t len, int format)
{
    if (!s)
        return CR_ERR_INVALID_ARGUMENT;
    if (!data && len > 0) {
        cr_errmsg_set(s->errmsg, "cr_scenario_load_data: data is NULL");
        return CR_ERR_INVALID_ARGUMENT;
    }
    cr_status st = check_loadable(s, format);
    if (st != CR_OK)
        return st;
    if (len > CR_IO_MAX_INPUT_BYTES) {
        cr_errmsg_setf(s->errmsg, "<data>: %zu bytes, more than the %zu MB input limit", len,
                       CR_IO_MAX_INPUT_BYTES >> 20);
        return CR_ERR_INVALID_DATA;
    }
    GError *err = NULL;
    /* readers may rely on a terminating NUL */
    char *copy = g_malloc(len + 1);
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    cr_model *m = cr_io_load(copy, len, "<data>", format, &err);
    g_free(copy);
    return finish_load(s, m, err);
}

CR_API const char *cr_scenario_errmsg(const cr_scenario *s)
{
    return s ? s->errmsg : "";
}

CR_API const char *cr_scenario_name(const cr_scenario *s)
{
    return s && s->model ? s->model->name : NULL;
}

CR_API int cr_scenario_format(const cr_scenario *s)
{
    return s && s->model ? s->model->format : CR_FORMAT_AUTO;
}

CR_API size_t cr_scenario_n_visits(const cr_scenario *s)
{
    return s && s->model ? (size_t)s->model->n_visits : 0;
}

CR_API size_t cr_scenario_n_carers(const cr_scenario *s)
{
    return s && s->model ? (size_t)s->model->n_carers : 0;
}

CR_API size_t cr_scenario_n_days(const cr_scenario *s)
{
    return s && s->model ? (size_t)s->model->n_days : 0;
}

CR_API const char *cr_scenario_visit_id(const cr_scenario *s, size_t i)
{
    return s && s->model && i < (size_t)s->model->n_visits ? s->model->visits[i].id : NULL;
}

CR_API const char *cr_scenario_carer_id(const cr_scenario *s, size_t i)
{
    return s && s->model && i < (size_t)s->model->n_carers ? s->model->carers[i].id : NULL;
}
