/* The model settings both home health care formats share (see io.h). */
#include "io.h"

void cr_io_hhc_model_setup(cr_model *m, const char *source, int format)
{
    m->name = cr_io_name_from_path(source);
    m->format = format;
    m->n_days = 1;
    m->day_names = g_new0(char *, 1);
    m->day_names[0] = g_strdup("day 1");
    m->rules.min_visit_minutes = 0;
    m->rules.allow_short_visits = true;
    m->rules.tardiness_weight = m->rules.max_tardiness_weight = 1;
    m->rules.objective_scale = 1.0 / 3.0;
    /* The published objective has no continuity term. */
    m->rules.continuity_weight = m->rules.preference_weight = 0;
}
