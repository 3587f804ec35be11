/* Synthetic home care weeks (see generate.h).
 *
 * The shape follows what English councils commission: most clients have a
 * daily package of one to four calls (morning personal care, lunch, tea,
 * bed), a minority have calls on some weekdays only; hoist users need two
 * carers at every call; medication prompts and dementia care need trained
 * carers. Carers work five days in seven, two days off in a row (or, asked
 * for, any five days: the plan then chooses the days off), and on a
 * working day run the morning calls and the tea and bed calls (07:00 to
 * 22:30 with time of their own between: the split shift most English home
 * care runs on), within contracted weekly hours of 37.5 or 25. Without a map, clients live in a town (a Gaussian
 * around the centre) and in villages 6 to 16 km out; with a map, anywhere
 * along its roads. Zones are designed over the clients, balanced by hours. */
#include "generate.h"

#include "core/error.h"
#include "careroute.h"
#include "geo/zones.h"

#include "io/json_write.h"
#include <math.h>
#include <string.h>

enum { SLOT_AM, SLOT_LUNCH, SLOT_TEA, SLOT_BED, N_SLOTS };
static const char *const slot_names[N_SLOTS] = {"am", "lunch", "tea", "bed"};

enum { SKILL_MEDICATION, SKILL_DEMENTIA, SKILL_HOIST, N_SKILLS };
static const char *const skill_names[N_SKILLS] = {"medication", "dementia", "hoist"};

/* A working day: the morning run to the bed run. */
enum { DAY_START = 7 * 60, DAY_END = 22 * 60 + 30 };

static const char *const provider_names[] = {
    "carewell", "homefirst", "bluebell-care", "riverside-homecare", "oakleaf-care", "kindred-care",
};

typedef struct {
    bool on;
    int ready, width, duration; /* minutes */
    bool medication;
} gen_call;

typedef struct {
    double lon, lat;
    int zone, provider;
    uint32_t days;  /* bit d: the client has care on day d */
    gen_call calls[N_SLOTS];
    bool hoist, dementia;
    const char *funder;
    double hours;   /* care hours over the plan (per carer present) */
    int preferred, excluded; /* carer indices, -1 if none */
    bool women_only; /* asks for female carers */
} gen_client;

typedef struct {
    double lon, lat;
    int zone, provider;
    uint32_t days;
    bool skills[N_SKILLS];
    double weekly_hours, rate;
    bool female;
} gen_carer;

typedef struct {
    const cr_gen_params *p;
    GRand *rng;
    gen_client *clients;
    gen_carer *carers;
    int n_carers;
    char **zone_names;
    int n_providers_used;
} gen;

/* ---- random draws ---- */

static double gauss(GRand *r)
{
    /* Box-Muller; 1 - u keeps the logarithm finite. */
    double u = 1.0 - g_rand_double(r), v = g_rand_double(r);
    return sqrt(-2.0 * log(u)) * cos(2 * G_PI * v);
}

static bool chance(GRand *r, double p)
{
    return g_rand_double(r) < p;
}

static int pick(GRand *r, const double *weights, int n)
{
    double total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    double at = g_rand_double(r) * total;
    for (int i = 0; i < n; i++) {
        if (at < weights[i])
            return i;
        at -= weights[i];
    }
    return n - 1;
}

static void offset_km(double *lon, double *lat, double east_km, double north_km)
{
    *lat += north_km / 111.32;
    *lon += east_km / (111.32 * cos(*lat * G_PI / 180));
}

/* ---- clients ---- */

/* Which days of the plan a package with `per_week` days of care covers,
 * repeating a weekly pattern: 7 every day, 5 weekdays, 3 alternate days,
 * 2 two days apart, starting on a random weekday. */
static uint32_t package_days(GRand *r, int per_week, int n_days)
{
    bool week[7] = {false};
    int first = g_rand_int_range(r, 0, 5);
    switch (per_week) {
    case 7: for (int d = 0; d < 7; d++) week[d] = true; break;
    case 5: for (int d = 0; d < 5; d++) week[d] = true; break;
    case 3: week[first % 5] = week[(first + 2) % 5] = week[(first + 4) % 5] = true; break;
    default: week[first] = week[(first + 3) % 7] = true; break;
    }
    uint32_t days = 0;
    for (int d = 0; d < n_days; d++)
        if (week[d % 7])
            days |= 1u << d;
    return days ? days : 1u; /* a one-day plan still has care */
}

static void make_calls(gen *g, gen_client *c)
{
    GRand *r = g->rng;
    /* 1 + Binomial(3, q) calls a day has mean 1 + 3q = visits_per_day. */
    double q = (g->p->visits_per_day - 1) / 3;
    int n_calls = 1;
    for (int i = 0; i < 3; i++)
        n_calls += chance(r, q);
    static const bool slots_for[5][N_SLOTS] = {
        {false}, {true, false, false, false}, {true, false, false, true},
        {true, true, true, false}, {true, true, true, true},
    };
    bool medication = chance(r, 0.35);
    for (int s = 0; s < N_SLOTS; s++) {
        gen_call *k = &c->calls[s];
        k->on = slots_for[n_calls][s];
        if (!k->on)
            continue;
        static const int earliest[N_SLOTS] = {7 * 60, 11 * 60 + 30, 16 * 60, 19 * 60};
        /* Bed calls end by 22:15 so carers can get home by 22:30. */
        static const int spread[N_SLOTS] = {120, 60, 90, 75};
        k->ready = earliest[s] + 15 * g_rand_int_range(r, 0, spread[s] / 15 + 1);
        k->width = s == SLOT_BED ? 60 : 60 + 30 * g_rand_int_range(r, 0, 2);
        static const int lengths[N_SLOTS][2] = {{45, 60}, {30, 45}, {30, 45}, {30, 30}};
        k->duration = lengths[s][g_rand_int_range(r, 0, 2)];
        k->medication = medication && (s == SLOT_AM || s == SLOT_BED || n_calls == 1);
    }
}

static double client_hours(const gen_client *c, int n_days)
{
    double per_day = 0;
    for (int s = 0; s < N_SLOTS; s++)
        if (c->calls[s].on)
            per_day += c->calls[s].duration / 60.0;
    int days = 0;
    for (int d = 0; d < n_days; d++)
        days += (c->days >> d) & 1u;
    return per_day * days * (c->hoist ? 2 : 1);
}

static int calls_per_day(const gen_client *c)
{
    int n = 0;
    for (int s = 0; s < N_SLOTS; s++)
        n += c->calls[s].on;
    return n;
}

static void place_clients(gen *g)
{
    const cr_gen_params *p = g->p;
    GRand *r = g->rng;
    if (p->roads) {
        double *lon = g_new(double, (unsigned)(p->clients)), *lat = g_new(double, (unsigned)(p->clients));
        cr_roadnet_sample_points(p->roads, (size_t)p->clients, r, lon, lat);
        for (int i = 0; i < p->clients; i++) {
            g->clients[i].lon = lon[i];
            g->clients[i].lat = lat[i];
        }
        g_free(lon);
        g_free(lat);
        return;
    }
    int n_villages = MAX(3, p->clients / 40);
    double *vlon = g_new(double, (unsigned)(n_villages)), *vlat = g_new(double, (unsigned)(n_villages));
    for (int v = 0; v < n_villages; v++) {
        double angle = 2 * G_PI * (v + 0.5 * g_rand_double(r)) / n_villages;
        double km = 6 + 10 * g_rand_double(r);
        vlon[v] = p->centre_lon;
        vlat[v] = p->centre_lat;
        offset_km(&vlon[v], &vlat[v], km * cos(angle), km * sin(angle));
    }
    for (int i = 0; i < p->clients; i++) {
        gen_client *c = &g->clients[i];
        bool rural = chance(r, p->rural_share);
        int v = g_rand_int_range(r, 0, n_villages);
        c->lon = rural ? vlon[v] : p->centre_lon;
        c->lat = rural ? vlat[v] : p->centre_lat;
        double sigma = rural ? 0.6 : 2.2;
        offset_km(&c->lon, &c->lat, sigma * gauss(r), sigma * gauss(r));
    }
    g_free(vlon);
    g_free(vlat);
}

static void make_clients(gen *g)
{
    const cr_gen_params *p = g->p;
    GRand *r = g->rng;
    place_clients(g);
    static const int per_week[] = {7, 5, 3, 2};
    static const double per_week_weight[] = {0.55, 0.15, 0.20, 0.10};
    for (int i = 0; i < p->clients; i++) {
        gen_client *c = &g->clients[i];
        c->days = package_days(r, per_week[pick(r, per_week_weight, 4)], p->days);
        make_calls(g, c);
        c->dementia = chance(r, 0.12);
        c->preferred = c->excluded = -1;
    }
    /* Hoist users, in random order among those with two or more calls a
     * day, until the double-ups reach their share of all calls. */
    double visits = 0, doubled = 0;
    for (int i = 0; i < p->clients; i++)
        visits += calls_per_day(&g->clients[i]) * __builtin_popcount(g->clients[i].days);
    int *order = g_new(int, (unsigned)(p->clients));
    for (int i = 0; i < p->clients; i++)
        order[i] = i;
    for (int i = p->clients - 1; i > 0; i--) {
        int j = g_rand_int_range(r, 0, i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    /* The share counts calls (a double-up is one call with two carers). */
    for (int k = 0; k < p->clients && doubled < p->double_up_share * visits; k++) {
        gen_client *c = &g->clients[order[k]];
        if (calls_per_day(c) < 2)
            continue;
        double n = calls_per_day(c) * __builtin_popcount(c->days);
        if (doubled + n > 1.25 * p->double_up_share * visits)
            continue;
        c->hoist = true;
        doubled += n;
    }
    g_free(order);
    for (int i = 0; i < p->clients; i++) {
        gen_client *c = &g->clients[i];
        static const char *const funders[] = {"council", "nhs-chc", "self"};
        const double plain[] = {0.65, 0.10, 0.25}, hoist[] = {0.50, 0.40, 0.10};
        c->funder = funders[pick(r, c->hoist ? hoist : plain, 3)];
        c->hours = client_hours(c, p->days);
    }
}

/* ---- zones and providers ---- */

static void make_zones(gen *g)
{
    const cr_gen_params *p = g->p;
    int n = p->clients, k = MIN(p->zones, n);
    double *lon = g_new(double, (unsigned)(n)), *lat = g_new(double, (unsigned)(n)), *hours = g_new(double, (unsigned)(n));
    int64_t *zone = g_new(int64_t, (unsigned)(n));
    for (int i = 0; i < n; i++) {
        lon[i] = g->clients[i].lon;
        lat[i] = g->clients[i].lat;
        hours[i] = g->clients[i].hours;
    }
    cr_zone_set *set = cr_zone_set_new();
    cr_zone_set_design(set, (size_t)n, lon, lat, hours, (size_t)k, p->seed, zone);
    for (int i = 0; i < n; i++)
        g->clients[i].zone = (int)zone[i];

    /* Name each zone by where its clients' centre lies from the centre of all. */
    double all_lon = 0, all_lat = 0, spread = 0;
    for (int i = 0; i < n; i++) {
        all_lon += lon[i] / n;
        all_lat += lat[i] / n;
    }
    double kx = 111.32 * cos(all_lat * G_PI / 180), ky = 111.32;
    for (int i = 0; i < n; i++)
        spread += hypot((lon[i] - all_lon) * kx, (lat[i] - all_lat) * ky) / n;
    g->zone_names = g_new0(char *, (unsigned)(p->zones + 1));
    for (int z = 0; z < p->zones; z++) {
        double zl = 0, za = 0;
        int count = 0;
        for (int i = 0; i < n; i++)
            if (zone[i] == z) {
                zl += lon[i];
                za += lat[i];
                count++;
            }
        const char *base = "zone";
        if (count && k > 1) {
            double dx = (zl / count - all_lon) * kx, dy = (za / count - all_lat) * ky;
            static const char *const compass[8] = {"east", "north-east", "north", "north-west",
                                                   "west", "south-west", "south", "south-east"};
            int sector = (int)lround(atan2(dy, dx) / (G_PI / 4));
            base = hypot(dx, dy) < 0.3 * spread ? "central" : compass[(sector + 8) % 8];
        }
        char *name = g_strdup(base);
        for (int dup = 2; ; dup++) {
            bool taken = false;
            for (int y = 0; y < z; y++)
                taken |= !strcmp(g->zone_names[y], name);
            if (!taken)
                break;
            g_free(name);
            name = g_strdup_printf("%s-%d", base, dup);
        }
        g->zone_names[z] = name;
    }
    cr_zone_set_free(set);
    g_free(lon);
    g_free(lat);
    g_free(hours);
    g_free(zone);
}

static char *provider_name(int i)
{
    int known = (int)G_N_ELEMENTS(provider_names);
    return i < known ? g_strdup(provider_names[i]) : g_strdup_printf("provider-%d", i + 1);
}

/* Each zone is served by up to three providers (rotating through all of
 * them); clients choose among their zone's with market shares 50/30/20. */
static void choose_providers(gen *g)
{
    const cr_gen_params *p = g->p;
    int per_zone = MIN(3, p->providers);
    for (int i = 0; i < p->clients; i++) {
        gen_client *c = &g->clients[i];
        static const double share[3] = {0.5, 0.3, 0.2};
        int k = pick(g->rng, share, per_zone);
        c->provider = (c->zone * per_zone + k) % p->providers;
    }
}

/* ---- carers ---- */

/* Carers a (zone, provider) group needs, working five days in seven: for
 * the busiest day's peaks (three morning calls or five evening
 * calls per carer), and for the week's hours (calls with a quarter of an
 * hour's travel each, at 30 hours a carer on average); one spare where two
 * carers go together. */
static double group_need(const gen *g, int zone, int provider, bool *doubles_out)
{
    const cr_gen_params *p = g->p;
    double busiest = 0, week_minutes = 0;
    bool doubles = false;
    for (int d = 0; d < p->days; d++) {
        double am = 0, evening = 0;
        for (int i = 0; i < p->clients; i++) {
            const gen_client *c = &g->clients[i];
            if (c->zone != zone || c->provider != provider || !((c->days >> d) & 1u))
                continue;
            int crew = c->hoist ? 2 : 1;
            doubles |= c->hoist;
            for (int s = 0; s < N_SLOTS; s++) {
                if (!c->calls[s].on)
                    continue;
                week_minutes += crew * (c->calls[s].duration + 15);
                am += s == SLOT_AM ? crew : 0;
                evening += s == SLOT_BED || s == SLOT_TEA ? crew : 0;
            }
        }
        busiest = MAX(busiest, MAX(am / 3.0, evening / 5));
    }
    *doubles_out = false;
    if (busiest == 0)
        return 0;
    *doubles_out = doubles;
    double weeks = p->days / 7.0, for_hours = week_minutes / weeks / (30 * 60);
    return ceil(MAX(busiest * (p->days >= 5 ? 7.0 / 5 : 1), for_hours)) + (doubles ? 1 : 0);
}

static uint32_t carer_days(int j, int n_days)
{
    /* Two days off in a row each week (none in a plan of one or two days),
     * rotating through a group so that every day has five sevenths of it. */
    int off = (2 * j) % 7;
    uint32_t days = 0;
    for (int d = 0; d < n_days; d++) {
        int w = d % 7;
        bool is_off = n_days > 2 && (w == off || w == (off + 1) % 7);
        if (!is_off)
            days |= 1u << d;
    }
    return days;
}

static bool make_carers(gen *g, GError **err)
{
    const cr_gen_params *p = g->p;
    int n_groups = p->zones * p->providers;
    double *need = g_new0(double, (unsigned)(n_groups));
    int *count = g_new0(int, (unsigned)(n_groups));
    /* The fewest carers a group with work can have: two, so that someone
     * works every day; three with double-ups, so that two do. */
    int *least = g_new0(int, (unsigned)(n_groups));
    double total = 0;
    int minimum = 0;
    for (int z = 0; z < p->zones; z++)
        for (int v = 0; v < p->providers; v++) {
            int k = z * p->providers + v;
            bool doubles;
            need[k] = group_need(g, z, v, &doubles);
            least[k] = need[k] > 0 ? (doubles ? 3 : 2) : 0;
            need[k] = MAX(need[k], least[k]);
            total += need[k];
            minimum += least[k];
        }
    if (p->carers > 0 && p->carers < minimum) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_ARGUMENT,
                    "%d carers are too few: the clients' providers and zones make groups that need "
                    "at least %d carers in all (2 each, 3 with double-ups); ask for more carers, or 0 for as many "
                    "as the work needs", p->carers, minimum);
        g_free(need);
        g_free(count);
        g_free(least);
        return false;
    }
    int wanted = p->carers > 0 ? p->carers : (int)total, given = 0;
    /* Share the wanted carers in proportion to need (largest remainder),
     * at least two in each group with work. */
    for (int k = 0; k < n_groups; k++) {
        count[k] = need[k] > 0 ? MAX(least[k], (int)floor(need[k] * wanted / total)) : 0;
        given += count[k];
    }
    while (given != wanted) {
        int best = -1;
        double best_gap = 0;
        for (int k = 0; k < n_groups; k++) {
            if (need[k] <= 0 || (given > wanted && count[k] <= least[k]))
                continue;
            double gap = need[k] * wanted / total - count[k];
            if (given > wanted)
                gap = -gap;
            if (best < 0 || gap > best_gap) {
                best = k;
                best_gap = gap;
            }
        }
        if (best < 0)
            break;
        count[best] += given < wanted ? 1 : -1;
        given += given < wanted ? 1 : -1;
    }
    g->carers = g_new0(gen_carer, (unsigned)(given));
    GRand *r = g->rng;
    for (int k = 0; k < n_groups; k++) {
        int zone = k / p->providers, provider = k % p->providers;
        /* Homes near the zone's clients (carers tend to live where they work). */
        int *local = g_new(int, (unsigned)(p->clients)), n_local = 0;
        bool needs[N_SKILLS] = {false};
        for (int i = 0; i < p->clients; i++) {
            const gen_client *cl = &g->clients[i];
            if (cl->zone != zone)
                continue;
            local[n_local++] = i;
            if (cl->provider == provider) {
                needs[SKILL_HOIST] |= cl->hoist;
                needs[SKILL_DEMENTIA] |= cl->dementia;
                for (int s = 0; s < N_SLOTS; s++)
                    needs[SKILL_MEDICATION] |= cl->calls[s].on && cl->calls[s].medication;
            }
        }
        for (int j = 0; j < count[k]; j++) {
            gen_carer *c = &g->carers[g->n_carers++];
            c->zone = zone;
            c->provider = provider;
            c->days = p->chosen_days_off ? (p->days >= 32 ? UINT32_MAX : (1u << p->days) - 1) : carer_days(j, p->days);
            /* The group's senior carers (a half, at least three) have every
             * skill its clients need, so double-ups always find a pair; the
             * rest spread evenly: 80% give medication, 70% are hoist-trained,
             * half have dementia training. */
            bool senior = j < MAX(3, count[k] / 2);
            c->skills[SKILL_MEDICATION] = (senior && needs[SKILL_MEDICATION]) || (j + 3) % 10 < 8;
            c->skills[SKILL_HOIST] = (senior && needs[SKILL_HOIST]) || j % 10 < 7;
            c->skills[SKILL_DEMENTIA] = (senior && needs[SKILL_DEMENTIA]) || (j + 6) % 10 < 5;
            c->weekly_hours = chance(r, 0.6) ? 37.5 : 25.0;
            c->rate = 12.75 + 0.05 * g_rand_int_range(r, 0, 17);
            const gen_client *near = &g->clients[local[g_rand_int_range(r, 0, n_local)]];
            c->lon = near->lon;
            c->lat = near->lat;
            if (!p->roads)
                offset_km(&c->lon, &c->lat, 0.8 * gauss(r), 0.8 * gauss(r));
        }
        g_free(local);
    }
    g_free(need);
    g_free(count);
    g_free(least);
    return true;
}

/* Some clients name a preferred carer (who can serve them), a few exclude one. */
static void make_preferences(gen *g)
{
    GRand *r = g->rng;
    for (int i = 0; i < g->p->clients; i++) {
        gen_client *c = &g->clients[i];
        bool prefers = chance(r, 0.3), excludes = chance(r, 0.05);
        int candidates[64], n = 0;
        for (int j = 0; j < g->n_carers && n < 64; j++) {
            const gen_carer *k = &g->carers[j];
            bool can = k->zone == c->zone && k->provider == c->provider &&
                       (!c->hoist || k->skills[SKILL_HOIST]) && (!c->dementia || k->skills[SKILL_DEMENTIA]) &&
                       (!c->calls[SLOT_AM].medication || k->skills[SKILL_MEDICATION]);
            if (can)
                candidates[n++] = j;
        }
        if (prefers && n > 0)
            c->preferred = candidates[g_rand_int_range(r, 0, n)];
        /* Exclusions only where plenty of others can go: never for a
         * double-up client, whose pair must come from the hoist-trained. */
        if (excludes && n > 3 && !c->hoist) {
            int e = candidates[g_rand_int_range(r, 0, n)];
            if (e != c->preferred)
                c->excluded = e;
        }
    }
}

/* Carers' genders: four in five are women, as in England's care workforce
 * (Skills for Care, "The state of the adult social care sector and
 * workforce in England", 2023: 81%). One client in ten asks for women only
 * for personal care, where at least four women of its group could go (two
 * at once for a double-up), and not when it prefers a man. Drawn from a
 * stream of its own, so the rest of the week stays as it was. */
static void make_genders(gen *g)
{
    GRand *r = g_rand_new_with_seed((guint32)(g->p->seed ^ (g->p->seed >> 32)) ^ 0x9e3779b9u);
    for (int j = 0; j < g->n_carers; j++)
        g->carers[j].female = chance(r, 0.8);
    for (int i = 0; i < g->p->clients; i++) {
        gen_client *c = &g->clients[i];
        if (!chance(r, 0.1) || (c->preferred >= 0 && !g->carers[c->preferred].female))
            continue;
        int women = 0;
        for (int j = 0; j < g->n_carers; j++) {
            const gen_carer *k = &g->carers[j];
            women += k->female && k->zone == c->zone && k->provider == c->provider &&
                     (!c->hoist || k->skills[SKILL_HOIST]) && (!c->dementia || k->skills[SKILL_DEMENTIA]) &&
                     (!c->calls[SLOT_AM].medication || k->skills[SKILL_MEDICATION]);
        }
        c->women_only = women >= 4;
    }
    g_rand_free(r);
}

/* ---- JSON ---- */

static void add_time(JsonBuilder *b, int minutes)
{
    char t[8];
    g_snprintf(t, sizeof t, "%02d:%02d", minutes / 60, minutes % 60);
    json_builder_add_string_value(b, t);
}

static void add_point(JsonBuilder *b, const char *member, double lon, double lat)
{
    json_builder_set_member_name(b, member);
    json_builder_begin_object(b);
    cr_json_member_number(b, "lat", round(lat * 1e6) / 1e6);
    cr_json_member_number(b, "lon", round(lon * 1e6) / 1e6);
    json_builder_end_object(b);
}

static void add_days(JsonBuilder *b, const char *const *day_names, int n_days, uint32_t days)
{
    json_builder_set_member_name(b, "days");
    if (days == (n_days >= 32 ? UINT32_MAX : (1u << n_days) - 1)) {
        json_builder_add_string_value(b, "all");
        return;
    }
    json_builder_begin_array(b);
    for (int d = 0; d < n_days; d++)
        if ((days >> d) & 1u)
            json_builder_add_string_value(b, day_names[d]);
    json_builder_end_array(b);
}

static char *carer_id(int j)
{
    return g_strdup_printf("c%03d", j + 1);
}

/* A client's list of one carer, left out when there is none (-1). */
static void add_carer_list(JsonBuilder *b, const char *member, int carer)
{
    if (carer < 0)
        return;
    char *id = carer_id(carer);
    json_builder_set_member_name(b, member);
    json_builder_begin_array(b);
    json_builder_add_string_value(b, id);
    json_builder_end_array(b);
    g_free(id);
}

static char *to_json(const gen *g)
{
    const cr_gen_params *p = g->p;
    static const char *const week[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    char **day_names = g_new0(char *, (unsigned)(p->days + 1));
    for (int d = 0; d < p->days; d++)
        day_names[d] = p->days <= 7 ? g_strdup(week[d]) : g_strdup_printf("d%d", d + 1);

    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    cr_json_member_string(b, "format", "careroute-scenario-1");
    char *name = g_strdup_printf("generated-%dclients-seed%" G_GUINT64_FORMAT, p->clients, p->seed);
    cr_json_member_string(b, "name", name);
    g_free(name);
    cr_json_member_int(b, "days", p->days);

    json_builder_set_member_name(b, "travel");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "model");
    if (p->roads) {
        json_builder_add_string_value(b, "road");
        cr_json_member_string(b, "map", p->map_path);
        cr_json_member_string(b, "profile", p->profile ? p->profile : "car");
    } else {
        json_builder_add_string_value(b, "straight-line");
        cr_json_member_number(b, "speed_kmh", 30);
        cr_json_member_number(b, "detour_factor", 1.3);
    }
    json_builder_end_object(b);

    json_builder_set_member_name(b, "rules");
    json_builder_begin_object(b);
    cr_json_member_int(b, "min_visit_minutes", 30);
    if (p->chosen_days_off && p->days_off_in_a_row)
        cr_json_member_bool(b, "two_days_off_in_a_row", true);
    json_builder_end_object(b);

    json_builder_set_member_name(b, "providers");
    json_builder_begin_array(b);
    for (int v = 0; v < p->providers; v++) {
        char *pn = provider_name(v);
        json_builder_add_string_value(b, pn);
        g_free(pn);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "zones");
    json_builder_begin_array(b);
    for (int z = 0; z < p->zones; z++)
        json_builder_add_string_value(b, g->zone_names[z]);
    json_builder_end_array(b);
    json_builder_set_member_name(b, "skills");
    json_builder_begin_array(b);
    for (int s = 0; s < N_SKILLS; s++)
        json_builder_add_string_value(b, skill_names[s]);
    json_builder_end_array(b);

    json_builder_set_member_name(b, "carers");
    json_builder_begin_array(b);
    for (int j = 0; j < g->n_carers; j++) {
        const gen_carer *c = &g->carers[j];
        json_builder_begin_object(b);
        char *id = carer_id(j), *pn = provider_name(c->provider);
        cr_json_member_string(b, "id", id);
        cr_json_member_string(b, "provider", pn);
        g_free(id);
        g_free(pn);
        json_builder_set_member_name(b, "zones");
        json_builder_begin_array(b);
        json_builder_add_string_value(b, g->zone_names[c->zone]);
        json_builder_end_array(b);
        add_point(b, "home", c->lon, c->lat);
        json_builder_set_member_name(b, "skills");
        json_builder_begin_array(b);
        for (int s = 0; s < N_SKILLS; s++)
            if (c->skills[s])
                json_builder_add_string_value(b, skill_names[s]);
        json_builder_end_array(b);
        json_builder_set_member_name(b, "shifts");
        json_builder_begin_array(b);
        if (c->days) {
            json_builder_begin_object(b);
            add_days(b, (const char *const *)day_names, p->days, c->days);
            json_builder_set_member_name(b, "start");
            add_time(b, DAY_START);
            json_builder_set_member_name(b, "end");
            add_time(b, DAY_END);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        cr_json_member_number(b, "max_weekly_hours", c->weekly_hours);
        if (p->chosen_days_off && p->days > 2)
            cr_json_member_int(b, "max_working_days", 5);
        cr_json_member_number(b, "hourly_rate", c->rate);
        cr_json_member_string(b, "gender", c->female ? "female" : "male");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);

    json_builder_set_member_name(b, "clients");
    json_builder_begin_array(b);
    for (int i = 0; i < p->clients; i++) {
        const gen_client *c = &g->clients[i];
        json_builder_begin_object(b);
        char *id = g_strdup_printf("k%03d", i + 1), *pn = provider_name(c->provider);
        cr_json_member_string(b, "id", id);
        cr_json_member_string(b, "provider", pn);
        g_free(id);
        g_free(pn);
        cr_json_member_string(b, "zone", g->zone_names[c->zone]);
        add_point(b, "location", c->lon, c->lat);
        cr_json_member_string(b, "funder", c->funder);
        add_carer_list(b, "preferred_carers", c->preferred);
        add_carer_list(b, "excluded_carers", c->excluded);
        if (c->women_only)
            cr_json_member_string(b, "carer_gender", "female");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);

    json_builder_set_member_name(b, "visits");
    json_builder_begin_array(b);
    for (int i = 0; i < p->clients; i++) {
        const gen_client *c = &g->clients[i];
        for (int s = 0; s < N_SLOTS; s++) {
            const gen_call *k = &c->calls[s];
            if (!k->on)
                continue;
            json_builder_begin_object(b);
            char *id = g_strdup_printf("k%03d-%s", i + 1, slot_names[s]);
            char *client = g_strdup_printf("k%03d", i + 1);
            cr_json_member_string(b, "id", id);
            cr_json_member_string(b, "client", client);
            g_free(id);
            g_free(client);
            add_days(b, (const char *const *)day_names, p->days, c->days);
            json_builder_set_member_name(b, "window");
            json_builder_begin_array(b);
            add_time(b, k->ready);
            add_time(b, k->ready + k->width);
            json_builder_end_array(b);
            cr_json_member_int(b, "duration", k->duration);
            json_builder_set_member_name(b, "skills");
            json_builder_begin_array(b);
            if (k->medication)
                json_builder_add_string_value(b, "medication");
            if (c->dementia)
                json_builder_add_string_value(b, "dementia");
            if (c->hoist)
                json_builder_add_string_value(b, "hoist");
            json_builder_end_array(b);
            cr_json_member_int(b, "priority", !strcmp(c->funder, "nhs-chc") ? 5 : k->medication ? 4 : 3);
            if (c->hoist) {
                cr_json_member_int(b, "carers", 2);
            }
            json_builder_end_object(b);
        }
    }
    json_builder_end_array(b);
    json_builder_end_object(b);

    char *text = cr_json_builder_finish(b);
    g_strfreev(day_names);
    return text;
}

void cr_gen_params_default(cr_gen_params *p)
{
    memset(p, 0, sizeof *p);
    p->seed = 1;
    p->clients = 60;
    p->providers = 2;
    p->zones = 2;
    p->days = 7;
    p->visits_per_day = 2.0;
    p->double_up_share = 0.10;
    p->rural_share = 0.3;
    /* A market town in the English Midlands. */
    p->centre_lat = 52.63;
    p->centre_lon = -1.13;
}

char *cr_generate_scenario(const cr_gen_params *p, GError **err)
{
    gen g = {.p = p, .rng = g_rand_new_with_seed((guint32)(p->seed ^ (p->seed >> 32)))};
    g.clients = g_new0(gen_client, (unsigned)(p->clients));
    make_clients(&g);
    make_zones(&g);
    choose_providers(&g);
    char *text = NULL;
    if (make_carers(&g, err)) {
        make_preferences(&g);
        make_genders(&g);
        text = to_json(&g);
    }
    g_strfreev(g.zone_names);
    g_free(g.carers);
    g_free(g.clients);
    g_rand_free(g.rng);
    return text;
}
