/* careroute — plans home care: carer rotas and visit routes.
 *
 * This is the one public header. It includes only <stddef.h>, <stdint.h> and
 * <stdbool.h>, passes no struct by value and exposes no glib type, so every
 * function can be called from Python's ctypes as it is.
 *
 * Conventions (see README.md, "C API"):
 *  - Every object is an opaque handle created by cr_<object>_new() with the
 *    out-parameter first, and released by cr_<object>_free(), which accepts NULL.
 *  - Functions that can fail return a cr_status (CR_OK = 0, errors negative).
 *    The handle the call was made on keeps a one-line message describing the
 *    last error, read with cr_<object>_errmsg(); the string is owned by the
 *    handle and valid until the next call on it.
 *  - Strings returned by the library are owned by the handle they come from
 *    unless the documentation says otherwise.
 *  - Handles are not internally locked: use one handle from one thread at a
 *    time. A loaded scenario is immutable and may be read (and solved) from
 *    several threads at once. cr_solver_cancel() may be called from any thread.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef CAREROUTE_H
#define CAREROUTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "careroute/version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  if defined(CR_BUILDING_LIBRARY)
#    define CR_API __declspec(dllexport)
#  else
#    define CR_API
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define CR_API __attribute__((visibility("default")))
#else
#  define CR_API
#endif

/* ------------------------------------------------------------------------ */
/* Status codes and version                                                  */
/* ------------------------------------------------------------------------ */

/** Result of every fallible call. The numbers are fixed and never reused. */
typedef enum cr_status {
    CR_OK = 0,
    CR_ERR_INVALID_ARGUMENT = -1, /**< NULL handle, out-of-range index, bad option value */
    CR_ERR_NO_MEMORY = -2,        /**< an allocation failed */
    CR_ERR_IO = -3,               /**< a file could not be read or written */
    CR_ERR_PARSE = -4,            /**< input is not well-formed (syntax, encoding, truncation) */
    CR_ERR_INVALID_DATA = -5,     /**< input is well-formed but breaks a rule of the model */
    CR_ERR_UNSUPPORTED = -6,      /**< a feature the input asks for is not supported */
    CR_ERR_CANCELLED = -7,        /**< the progress callback or cr_solver_cancel() stopped the solve */
    CR_ERR_INTERNAL = -8          /**< a bug: please report it with the message */
} cr_status;

/** A static English name for a status, e.g. "invalid data". Never NULL. */
CR_API const char *cr_status_str(int status);

/** The library's version at run time, e.g. "0.1.0" (a static string). */
CR_API const char *cr_version(void);

/** Whether an error status means the caller's input was bad (parse, data,
 *  unsupported or argument errors) rather than a failure of the library or
 *  the system. The `careroute` program exits 2 for these and 1 otherwise. */
CR_API bool cr_status_is_input_error(int status);

/* ------------------------------------------------------------------------ */
/* Scenario: what is to be planned                                           */
/* ------------------------------------------------------------------------ */

/** Input formats understood by the loaders. */
typedef enum cr_format {
    CR_FORMAT_AUTO = 0,     /**< detect from the content */
    CR_FORMAT_SCENARIO = 1, /**< careroute's home care scenario JSON (README, "Scenario format") */
    CR_FORMAT_SOLOMON = 2,  /**< Solomon / Gehring–Homberger VRPTW text */
    CR_FORMAT_MANKOWSKA = 3, /**< Mankowska et al. (2014) home health care text (nbNodes ...) */
    CR_FORMAT_HHC_JSON = 4,  /**< Ceschia et al. (2024) home health care JSON (patients, caregivers, central_offices) */
    CR_FORMAT_CONVRP = 5     /**< consistent VRP text (Groër et al. 2009; NAME:, NUM_DAYS:, DEMAND_SECTION ...) */
} cr_format;

/** A loaded scenario: carers (vehicles), clients, visits, days, rules and the
 *  travel model. Immutable once loaded, reference counted internally: plans
 *  made from it keep it alive, so it may be freed before them. */
typedef struct cr_scenario cr_scenario;

/** Create an empty scenario handle. Load it with cr_scenario_load_file() or
 *  cr_scenario_load_json(); the handle then carries any load error message.
 *  @param out receives the new handle (caller frees with cr_scenario_free()). */
CR_API cr_status cr_scenario_new(cr_scenario **out);

/** Load a scenario from a file. A handle can be loaded once.
 *  @param format CR_FORMAT_AUTO detects it from the content.
 *  @return CR_OK; CR_ERR_IO if unreadable; CR_ERR_PARSE or CR_ERR_INVALID_DATA
 *          with a message naming the file and the line or JSON path. */
CR_API cr_status cr_scenario_load_file(cr_scenario *s, const char *path, int format);

/** Load a scenario from memory (e.g. a JSON string built in Python).
 *  @param data  the bytes; need not be NUL-terminated.
 *  @param len   their number.
 *  @param format as for cr_scenario_load_file(). */
CR_API cr_status cr_scenario_load_data(cr_scenario *s, const char *data, size_t len, int format);

/** The last error on this handle, one line; "" if none. Owned by the handle. */
CR_API const char *cr_scenario_errmsg(const cr_scenario *s);

/** Release the caller's reference. Accepts NULL. */
CR_API void cr_scenario_free(cr_scenario *s);

/** The scenario's name (instance name for benchmark files). Owned by s. */
CR_API const char *cr_scenario_name(const cr_scenario *s);
/** The format it was loaded from (a cr_format), CR_FORMAT_AUTO if not loaded. */
CR_API int cr_scenario_format(const cr_scenario *s);
/** Number of visits (customers for VRPTW files). */
CR_API size_t cr_scenario_n_visits(const cr_scenario *s);
/** Number of carers (vehicles for VRPTW files). */
CR_API size_t cr_scenario_n_carers(const cr_scenario *s);
/** Number of days planned (1 for VRPTW files). */
CR_API size_t cr_scenario_n_days(const cr_scenario *s);
/** The id of visit i as written in the input; NULL if i is out of range. */
CR_API const char *cr_scenario_visit_id(const cr_scenario *s, size_t i);
/** The id of carer i; NULL if out of range. */
CR_API const char *cr_scenario_carer_id(const cr_scenario *s, size_t i);
/** Where carer i starts the day (home or office): longitude and latitude (or x and y). */
CR_API cr_status cr_scenario_carer_location(const cr_scenario *s, size_t i, double *x, double *y);
/** Number of clients (0 for VRPTW files, whose customers are visits only). */
CR_API size_t cr_scenario_n_clients(const cr_scenario *s);
/** Id of client i; NULL if out of range. Owned by s. */
CR_API const char *cr_scenario_client_id(const cr_scenario *s, size_t i);
/** Where client i lives: longitude and latitude (or x and y for planar scenarios). */
CR_API cr_status cr_scenario_client_location(const cr_scenario *s, size_t i, double *x, double *y);
/** Zone of client i; NULL if none or out of range. Owned by s. */
CR_API const char *cr_scenario_client_zone(const cr_scenario *s, size_t i);
/** Care hours client i receives over the scenario's days (visit durations,
 *  counted once per carer); NAN if out of range. */
CR_API double cr_scenario_client_hours(const cr_scenario *s, size_t i);
/** Number of zones (named in the scenario or added from zone polygons). */
CR_API size_t cr_scenario_n_zones(const cr_scenario *s);
/** Id of zone i; NULL if out of range. Owned by s. */
CR_API const char *cr_scenario_zone_id(const cr_scenario *s, size_t i);

/* ------------------------------------------------------------------------ */
/* Options                                                                   */
/* ------------------------------------------------------------------------ */

/** What the solver minimises after assigning as many visits as it can. */
typedef enum cr_objective {
    CR_OBJECTIVE_AUTO = 0,                   /**< vehicles-then-distance for VRPTW files, distance otherwise */
    CR_OBJECTIVE_VEHICLES_THEN_DISTANCE = 1, /**< fewest routes first, then total distance */
    CR_OBJECTIVE_DISTANCE = 2                /**< total travel only, fleet as given */
} cr_objective;

/** Option keys. Each has a default, bounds and a type (int or double); the
 *  setter of the other type is accepted when the value converts exactly. */
typedef enum cr_option {
    CR_OPT_TIME_LIMIT = 1,      /**< double, seconds of search; default 10, 0 < x <= 1e6 */
    CR_OPT_ITERATION_LIMIT = 2, /**< int, search iterations per thread; 0 = none (default) */
    CR_OPT_SEED = 3,            /**< int, random seed; default 1, >= 0 */
    CR_OPT_THREADS = 4,         /**< int, independent searches run in parallel; default 1, 1..256 */
    CR_OPT_OBJECTIVE = 5,       /**< int, a cr_objective; default CR_OBJECTIVE_AUTO */
    CR_OPT_CONTINUITY_WEIGHT = 6, /**< double, travel minutes worth one carer fewer for a client over
                                      the plan, 0 to 1e6; default -1: the scenario's rule
                                      (rules.continuity_weight, 15 unless the file says) */
    CR_OPT_PREFERENCE_WEIGHT = 7  /**< double, travel minutes worth one visit made by a carer the
                                      client prefers instead of another, 0 to 1e6; default -1:
                                      the scenario's rule (rules.preference_weight, 5 unless the
                                      file says). With both weights 0 the plan ignores continuity. */
} cr_option;

/** Solver options: a plain bag of values with defaults. */
typedef struct cr_options cr_options;

/** Create options holding every default. Caller frees with cr_options_free(). */
CR_API cr_status cr_options_new(cr_options **out);
/** Release. Accepts NULL. */
CR_API void cr_options_free(cr_options *o);
/** Set an integer option. CR_ERR_INVALID_ARGUMENT (message on o) if the key
 *  is unknown or the value out of bounds; o is then unchanged. */
CR_API cr_status cr_options_set_int(cr_options *o, int key, int64_t value);
/** Set a floating-point option (as cr_options_set_int()). NaN is refused. */
CR_API cr_status cr_options_set_double(cr_options *o, int key, double value);
/** Read an option as an integer into *value (doubles are truncated). */
CR_API cr_status cr_options_get_int(const cr_options *o, int key, int64_t *value);
/** Read an option as a double into *value. */
CR_API cr_status cr_options_get_double(const cr_options *o, int key, double *value);
/** The last error on this handle, one line; "" if none. */
CR_API const char *cr_options_errmsg(const cr_options *o);

/* ------------------------------------------------------------------------ */
/* Plans                                                                     */
/* ------------------------------------------------------------------------ */

/** A plan: one route per carer and day that has visits, with start times,
 *  and the visits left unassigned with a reason each. Keeps its scenario alive. */
typedef struct cr_plan cr_plan;

/** Create an empty plan for scenario s, e.g. to load a plan file into it.
 *  (Solving creates plans with cr_solver_solve().) */
CR_API cr_status cr_plan_new(cr_plan **out, cr_scenario *s);
/** Read a plan JSON file (as written by cr_plan_write_json()) into an empty
 *  plan. Visit and carer ids must exist in the plan's scenario; start times
 *  are optional (the checker recomputes them). Times are not checked here:
 *  use cr_check_new() for that. */
CR_API cr_status cr_plan_load_file(cr_plan *p, const char *path);
/** Release. Accepts NULL. */
CR_API void cr_plan_free(cr_plan *p);
/** The last error on this handle, one line; "" if none. */
CR_API const char *cr_plan_errmsg(const cr_plan *p);

/** Number of routes (carer-days with at least one visit). */
CR_API size_t cr_plan_n_routes(const cr_plan *p);
/** Number of visits on route r; 0 if r is out of range. */
CR_API size_t cr_plan_route_length(const cr_plan *p, size_t r);
/** Carer index (see cr_scenario_carer_id()) of route r; -1 if out of range. */
CR_API int64_t cr_plan_route_carer(const cr_plan *p, size_t r);
/** Day index (0-based) of route r; -1 if out of range. */
CR_API int64_t cr_plan_route_day(const cr_plan *p, size_t r);
/** Visit index (see cr_scenario_visit_id()) at position i of route r; -1 if out of range. */
CR_API int64_t cr_plan_route_visit(const cr_plan *p, size_t r, size_t i);
/** Service start time of position i of route r, in the scenario's time unit
 *  (minutes after midnight for scenarios, the file's unit for VRPTW files);
 *  NaN if unknown or out of range. */
CR_API double cr_plan_route_start(const cr_plan *p, size_t r, size_t i);
/** When the visit at position i of route r ends (start + how long this
 *  carer takes); NaN if unknown or out of range. */
CR_API double cr_plan_route_end(const cr_plan *p, size_t r, size_t i);
/** Distance of route r (km for scenarios, file units for VRPTW files). */
CR_API double cr_plan_route_distance(const cr_plan *p, size_t r);
/** Total distance over all routes. */
CR_API double cr_plan_distance(const cr_plan *p);
/** Total travel time over all routes (same as distance for VRPTW files). */
CR_API double cr_plan_travel_time(const cr_plan *p);
/** Number of visits left unassigned. */
CR_API size_t cr_plan_n_unassigned(const cr_plan *p);
/** Visit index of the i-th unassigned visit; -1 if out of range. */
CR_API int64_t cr_plan_unassigned_visit(const cr_plan *p, size_t i);
/** Why the i-th unassigned visit could not be planned, one line. Owned by p. */
CR_API const char *cr_plan_unassigned_reason(const cr_plan *p, size_t i);
/** Wall-clock seconds the solve took (0 for loaded plans). */
CR_API double cr_plan_seconds(const cr_plan *p);
/** The scenario the plan belongs to (owned by the plan's reference). */
CR_API cr_scenario *cr_plan_scenario(const cr_plan *p);

/** Statistics of the search that produced a plan (0 or NaN for loaded plans). */
typedef enum cr_statistic {
    CR_STAT_ITERATIONS = 1,             /**< ruin-and-recreate iterations, all threads */
    CR_STAT_MOVES_EVALUATED = 2,        /**< insertion and local-search moves evaluated, all threads */
    CR_STAT_FIRST_COMPLETE_SECONDS = 3, /**< when a plan with every visit assigned was first found (NaN if never) */
    CR_STAT_BEST_FOUND_SECONDS = 4      /**< when the returned plan was found */
} cr_statistic;

/** A statistic of the search (a cr_statistic key); NaN for an unknown key. */
CR_API double cr_plan_statistic(const cr_plan *p, int key);

/** The plan as a JSON document (NUL-terminated, owned by p, valid until p is
 *  freed). NULL on allocation failure. */
CR_API const char *cr_plan_json(const cr_plan *p);
/** Write the plan JSON to path, atomically: the file appears complete or not
 *  at all (written to a temporary file in the same folder, then renamed). */
CR_API cr_status cr_plan_write_json(const cr_plan *p, const char *path);
/** Write the routes in the SINTEF text form ("Route 1 : 12 5 7", depot
 *  implicit, visit ids as in the input), atomically as above. For a
 *  multi-day scenario the day is added: "Route 1 (day 2) : ...". */
CR_API cr_status cr_plan_write_routes(const cr_plan *p, const char *path);

/* ------------------------------------------------------------------------ */
/* Solving                                                                   */
/* ------------------------------------------------------------------------ */

/** Progress callback, called from the solving thread(s) — serialised, never
 *  concurrently — about ten times a second, sooner after an improvement, and
 *  never more than about twenty times a second.
 *  @param fraction   elapsed share of the time or iteration limit, 0..1
 *  @param best_cost  travel of the best plan so far (distance or time)
 *  @param unassigned visits the best plan leaves unassigned
 *  @param user       the pointer given to cr_solver_set_progress()
 *  @return 0 to continue, non-zero to stop: the solve then returns
 *          CR_ERR_CANCELLED and still hands back the best plan found. */
typedef int (*cr_progress_fn)(double fraction, double best_cost, size_t unassigned, void *user);

/** A solver: holds callbacks, the cancel flag and the last error. */
typedef struct cr_solver cr_solver;

/** Create a solver. Caller frees with cr_solver_free(). */
CR_API cr_status cr_solver_new(cr_solver **out);
/** Release. Accepts NULL. Must not be called while a solve runs. */
CR_API void cr_solver_free(cr_solver *sv);
/** Set (or clear, with NULL) the progress callback. */
CR_API cr_status cr_solver_set_progress(cr_solver *sv, cr_progress_fn fn, void *user);
/** Ask a running solve to stop soon; safe from any thread or a signal handler.
 *  The flag is cleared when the next solve starts. */
CR_API void cr_solver_cancel(cr_solver *sv);
/** The last error on this handle, one line; "" if none. */
CR_API const char *cr_solver_errmsg(const cr_solver *sv);

/** Solve scenario s with options o (NULL: defaults) into a new plan.
 *  Deterministic for a given seed, thread count and iteration limit (a time
 *  limit may stop the search at a different point from run to run).
 *  @param out receives the plan (caller frees with cr_plan_free()); on
 *         CR_ERR_CANCELLED it still receives the best plan found, if any.
 *  Time: the construction is O(n^2) in the number of visits; the search runs
 *  until the time or iteration limit. */
CR_API cr_status cr_solver_solve(cr_solver *sv, cr_scenario *s, const cr_options *o, cr_plan **out);

/* ------------------------------------------------------------------------ */
/* Independent checker                                                       */
/* ------------------------------------------------------------------------ */

/** Kinds of rule a plan can break. */
typedef enum cr_violation_kind {
    CR_VIOLATION_UNKNOWN_REFERENCE = 1, /**< a route names a visit, carer or day that does not exist */
    CR_VIOLATION_DUPLICATE_VISIT = 2,   /**< a visit is planned more than once */
    CR_VIOLATION_MISSING_VISIT = 3,     /**< a visit is neither planned nor listed as unassigned */
    CR_VIOLATION_TIME_WINDOW = 4,       /**< service starts outside the visit's window */
    CR_VIOLATION_SHIFT = 5,             /**< a route starts before or ends after the carer's shift */
    CR_VIOLATION_CAPACITY = 6,          /**< a vehicle's load exceeds its capacity */
    CR_VIOLATION_TRAVEL = 7,            /**< a stated start is earlier than travel allows */
    CR_VIOLATION_ELIGIBILITY = 8,       /**< wrong provider, excluded carer, missing skill, wrong day */
    CR_VIOLATION_FLEET = 9,             /**< more routes than vehicles, or a carer used twice a day */
    CR_VIOLATION_TOTALS = 10,           /**< the plan's stated totals differ from the recomputed ones */
    CR_VIOLATION_SYNC = 11,             /**< a two-carer or sequenced pair of visits is not in step */
    CR_VIOLATION_WEEKLY_HOURS = 12,     /**< a carer works (contact + travel) more than their weekly hours */
    CR_VIOLATION_CONTINUITY_CAP = 13,   /**< a client sees more different carers than its cap (max_carers) */
    CR_VIOLATION_WORKING_DAYS = 14      /**< a carer works on more days than their max_working_days */
} cr_violation_kind;

/** The result of checking a plan against its scenario. */
typedef struct cr_check cr_check;

/** Check plan p from scratch against its scenario: every visit once, time
 *  windows, shifts, capacity, eligibility, fleet size, and the plan's stated
 *  totals. Shares no code with the solver.
 *  @param out receives the result (caller frees with cr_check_free()).
 *  Time: O(total route length). */
CR_API cr_status cr_check_new(cr_check **out, const cr_plan *p);
/** Release. Accepts NULL. */
CR_API void cr_check_free(cr_check *c);
/** True when the plan breaks no rule. */
CR_API bool cr_check_feasible(const cr_check *c);
/** Number of violations found (each one a line). */
CR_API size_t cr_check_n_violations(const cr_check *c);
/** The kind (a cr_violation_kind) of violation i; 0 if out of range. */
CR_API int cr_check_violation_kind(const cr_check *c, size_t i);
/** One-line description of violation i; NULL if out of range. Owned by c. */
CR_API const char *cr_check_violation_message(const cr_check *c, size_t i);
/** Recomputed number of routes, total distance and total travel time. */
CR_API size_t cr_check_routes(const cr_check *c);
CR_API double cr_check_distance(const cr_check *c);
CR_API double cr_check_travel_time(const cr_check *c);
/** Recomputed number of visits not planned. */
CR_API size_t cr_check_unassigned(const cr_check *c);
/** Recomputed lateness past soft due times: the total and the largest. */
CR_API double cr_check_tardiness(const cr_check *c);
CR_API double cr_check_max_tardiness(const cr_check *c);
/** The scenario's own objective, recomputed: for Mankowska instances
 *  (distance + total tardiness + maximum tardiness) / 3; otherwise the
 *  travel cost (distance for VRPTW files, travel time for care) plus the
 *  weighted tardiness. */
CR_API double cr_check_objective(const cr_check *c);
/** Continuity of care: the mean number of different carers a client with a
 *  planned visit sees over the plan, and the most any client sees. */
CR_API double cr_check_carers_per_client(const cr_check *c);
CR_API size_t cr_check_max_carers_per_client(const cr_check *c);
/** Distinct carers who serve client i (scenario order); 0 if out of range. */
CR_API size_t cr_check_client_carers(const cr_check *c, size_t client);

/** What the checker recomputed for one route of the plan (minutes, or file
 *  units; km). The carer leaves home in time for the first visit. */
typedef enum cr_check_route_key {
    CR_CHECK_ROUTE_TRAVEL_TIME = 1, /**< all travel, home legs included */
    CR_CHECK_ROUTE_DISTANCE = 2,
    CR_CHECK_ROUTE_CONTACT = 3,     /**< time spent at visits */
    CR_CHECK_ROUTE_WAITING = 4,     /**< idle time between visits, in gaps under an hour */
    CR_CHECK_ROUTE_HOME_TRAVEL = 5, /**< travel to the first visit and back home */
    CR_CHECK_ROUTE_OWN_TIME = 6     /**< gaps between visits of an hour or more (a split
                                         shift's break): the carer's own time, not worked */
} cr_check_route_key;
/** A figure of route r (plan order); NaN if out of range or the route names
 *  a carer, day or visit that does not exist. */
CR_API double cr_check_route_figure(const cr_check *c, size_t r, int key);

/* ------------------------------------------------------------------------ */
/* Road maps and travel matrices                                             */
/* ------------------------------------------------------------------------ */

/** A road network read from an OpenStreetMap extract for one travel profile,
 *  ready to answer many-to-many travel-time queries. Data (c) OpenStreetMap
 *  contributors, ODbL. */
typedef struct cr_map cr_map;

/** Travel times (and distances where known) between named points. */
typedef struct cr_matrix cr_matrix;

/** How a road matrix is computed; both give identical times. */
typedef enum cr_matrix_method {
    CR_METHOD_FAST = 0,     /**< contraction hierarchies with bucket queries (default) */
    CR_METHOD_DIJKSTRA = 1  /**< one plain Dijkstra search per origin (the baseline) */
} cr_matrix_method;

/** Figures about a loaded map, for cr_map_statistic(). */
typedef enum cr_map_stat {
    CR_MAP_STAT_NODES = 0,          /**< graph nodes kept */
    CR_MAP_STAT_ARCS = 1,           /**< directed road arcs kept */
    CR_MAP_STAT_DROPPED_NODES = 2,  /**< nodes outside the largest strongly connected component */
    CR_MAP_STAT_OSM_NODES = 3,      /**< nodes in the file */
    CR_MAP_STAT_OSM_WAYS = 4,       /**< ways in the file */
    CR_MAP_STAT_USABLE_WAYS = 5,    /**< ways the profile can use */
    CR_MAP_STAT_IMPORT_SECONDS = 6, /**< reading the file and building the graph */
    CR_MAP_STAT_PREPARE_SECONDS = 7,/**< building the contraction hierarchy */
    CR_MAP_STAT_SHORTCUTS = 8       /**< shortcut arcs the hierarchy added */
} cr_map_stat;

/** A new, empty map with the car profile and a 500 m snapping limit.
 *  @param out receives the map (free with cr_map_free()). */
CR_API cr_status cr_map_new(cr_map **out);
/** Release. Accepts NULL. */
CR_API void cr_map_free(cr_map *m);
/** The last error on m, one line. */
CR_API const char *cr_map_errmsg(const cr_map *m);
/** Choose the travel profile before loading: "car" (default), "walk" or "bike". */
CR_API cr_status cr_map_set_profile(cr_map *m, const char *profile);
/** Override the current profile's speed (km/h) for an OSM highway class,
 *  e.g. ("residential", 20); 0 forbids the class. Before loading. */
CR_API cr_status cr_map_set_speed(cr_map *m, const char *highway, double kmh);
/** Largest distance (metres, > 0) from a point to the road it is snapped to;
 *  a point further away is an error naming it. */
CR_API cr_status cr_map_set_snap_distance(cr_map *m, double metres);
/** Keep every road, not only the largest strongly connected part (then some
 *  pairs may be unreachable, reported as -1). Before loading. Default false. */
CR_API cr_status cr_map_set_keep_all_roads(cr_map *m, bool keep);
/** Store and reuse computed matrices in dir (created if missing), keyed by the
 *  map file's contents, the profile, the snapping limit and the points. NULL
 *  turns caching off. */
CR_API cr_status cr_map_set_cache_dir(cr_map *m, const char *dir);
/** Read a .osm or .osm.pbf file and prepare it for queries (graph, largest
 *  strongly connected component, snapping grid, contraction hierarchy).
 *  Time: O(file) to read, then O(V log V)-ish to prepare. */
CR_API cr_status cr_map_load_file(cr_map *m, const char *path);
/** n random points on the loaded map's roads (uniform along their length),
 *  for tests, benchmarks and synthetic scenarios. Deterministic for a seed. */
CR_API cr_status cr_map_sample_points(cr_map *m, size_t n, uint64_t seed, double *lon, double *lat);
/** A figure about the loaded map (a cr_map_stat); NAN if unknown. */
CR_API double cr_map_statistic(const cr_map *m, int key);

/** A new, empty matrix (free with cr_matrix_free()). */
CR_API cr_status cr_matrix_new(cr_matrix **out);
/** Release. Accepts NULL. */
CR_API void cr_matrix_free(cr_matrix *x);
/** The last error on x, one line. */
CR_API const char *cr_matrix_errmsg(const cr_matrix *x);
/** Fill x with road travel between n points (ids unique, lon/lat in degrees)
 *  over map m, with a cr_matrix_method. A point further than the snapping
 *  limit from any road is an error naming it (message on x).
 *  Time: about O(n x search space) for CR_METHOD_FAST. */
CR_API cr_status cr_matrix_compute(cr_matrix *x, cr_map *m, size_t n, const char *const *ids,
                                   const double *lon, const double *lat, int method);
/** Fill x with straight-line travel: great-circle distance x detour (>= 1) at
 *  kmh (> 0). For users without a map. O(n^2). */
CR_API cr_status cr_matrix_compute_straight(cr_matrix *x, size_t n, const char *const *ids,
                                            const double *lon, const double *lat,
                                            double detour, double kmh);
/** Load a matrix a user supplies: CSV (header "id,<ids...>", then one row per
 *  origin: id, seconds, -1 for unreachable) or JSON {"ids": [...],
 *  "durations": [[...]], "distances": [[...]]} as OSRM's table service gives. */
CR_API cr_status cr_matrix_load_file(cr_matrix *x, const char *path);
/** Number of points. */
CR_API size_t cr_matrix_size(const cr_matrix *x);
/** Id of point i; NULL if out of range. Owned by x. */
CR_API const char *cr_matrix_id(const cr_matrix *x, size_t i);
/** Travel time from i to j in seconds; -1 if unreachable; NAN if out of range. */
CR_API double cr_matrix_seconds(const cr_matrix *x, size_t i, size_t j);
/** Distance from i to j in metres along the fastest path; -1 if unknown or
 *  unreachable; NAN if out of range. */
CR_API double cr_matrix_metres(const cr_matrix *x, size_t i, size_t j);
/** Number of unreachable ordered pairs. */
CR_API size_t cr_matrix_n_unreachable(const cr_matrix *x);
/** Whether the last cr_matrix_compute() was answered from the map's cache. */
CR_API bool cr_matrix_from_cache(const cr_matrix *x);
/** Seconds the last cr_matrix_compute() took. */
CR_API double cr_matrix_seconds_taken(const cr_matrix *x);
/** Write the CSV form (seconds, one decimal; -1 unreachable), atomically. */
CR_API cr_status cr_matrix_write_csv(const cr_matrix *x, const char *path);

/** Give scenario s road travel over map m: a fast matrix between all its
 *  locations (carers' homes and clients) replaces straight-line travel.
 *  Needs lat/lon locations; a location too far from any road is an error
 *  naming it. Call before solving (not while plans of s exist). */
CR_API cr_status cr_scenario_use_map(cr_scenario *s, cr_map *m);
/** Give scenario s the travel times in matrix x (e.g. loaded from a user's
 *  CSV). Its ids name the locations: a carer's id for the carer's home,
 *  "<carer>/end" for a separate end point, a client's id for the client's
 *  home; extra ids are ignored, a missing one is an error naming it.
 *  Unreachable pairs are never used. Without distances in x, distances are
 *  estimated by straight line x the scenario's detour factor. */
CR_API cr_status cr_scenario_use_matrix(cr_scenario *s, const cr_matrix *x);

/* ------------------------------------------------------------------------ */
/* Zones                                                                     */
/* ------------------------------------------------------------------------ */

/** Named geographic zones (polygons, possibly with holes). */
typedef struct cr_zones cr_zones;

/** A new, empty zone set (free with cr_zones_free()). */
CR_API cr_status cr_zones_new(cr_zones **out);
/** Release. Accepts NULL. */
CR_API void cr_zones_free(cr_zones *z);
/** The last error on z, one line. */
CR_API const char *cr_zones_errmsg(const cr_zones *z);
/** Add the zones in a file: GeoJSON (a FeatureCollection of Polygon or
 *  MultiPolygon features named by their "name" property, or one geometry) or
 *  an Osmosis .poly file (named by its first line). */
CR_API cr_status cr_zones_load_file(cr_zones *z, const char *path);
/** Number of zones. */
CR_API size_t cr_zones_count(const cr_zones *z);
/** Name of zone i; NULL if out of range. Owned by z. */
CR_API const char *cr_zones_name(const cr_zones *z, size_t i);
/** The first zone containing the point, or -1 if none does. O(vertices). */
CR_API int64_t cr_zones_locate(const cr_zones *z, double lon, double lat);
/** Zone of each of n named points into zone_out; a point in no zone is an
 *  error naming it (message on z). */
CR_API cr_status cr_zones_assign(cr_zones *z, size_t n, const char *const *ids,
                                 const double *lon, const double *lat, int64_t *zone_out);
/** Design k compact zones over n points weighted by care hours, balanced so
 *  each zone carries close to the same hours: replaces z's zones by the convex
 *  hulls of the groups (named "zone-1".."zone-k") and writes each point's zone
 *  to zone_out. Deterministic for a seed. O(n k x rounds). */
CR_API cr_status cr_zones_design(cr_zones *z, size_t n, const double *lon, const double *lat,
                                 const double *hours, size_t k, uint64_t seed, int64_t *zone_out);
/** Total weight (hours) assigned to zone i by the last cr_zones_design(); NAN otherwise. */
CR_API double cr_zones_hours(const cr_zones *z, size_t i);
/** Write the zones as a GeoJSON FeatureCollection, atomically. */
CR_API cr_status cr_zones_write_geojson(const cr_zones *z, const char *path);
/** Place scenario s's clients in the zones their homes lie in, and carers
 *  who list no zones in the zone of their home; zones new to s are added. A
 *  client in no zone, or given another zone than the polygon says, is an
 *  error naming them. Before solving. (A scenario file can do the same with
 *  "zone_areas": "FILE".) */
CR_API cr_status cr_scenario_use_zones(cr_scenario *s, const cr_zones *z);

/* ------------------------------------------------------------------------ */
/* Scenario generator                                                        */
/* ------------------------------------------------------------------------ */

/** Makes realistic synthetic home care weeks: clients with care packages of
 *  one to four calls a day (morning, lunch, tea, bed windows) on some or all
 *  days, hoist users needing double-ups, medication and dementia skills,
 *  mixed funders, preferred and excluded carers; carers on early and late
 *  shifts five days in seven; providers; zones designed over the clients and
 *  balanced by hours. Clients live in a town and its villages (straight-line
 *  travel), or along a map's roads (road travel). Deterministic for a seed. */
typedef struct cr_generator cr_generator;

/** Generator parameters (keys for cr_generator_set_int/_double()). */
typedef enum cr_generator_key {
    CR_GEN_SEED = 1,            /**< int, default 1, >= 0 */
    CR_GEN_CLIENTS = 2,         /**< int, default 60, 1..100000 */
    CR_GEN_CARERS = 3,          /**< int, default 0 = as many as the work needs; else exactly this many */
    CR_GEN_PROVIDERS = 4,       /**< int, default 2, 1..64 (each zone has up to 3) */
    CR_GEN_ZONES = 5,           /**< int, default 2, 1..64, at most the clients */
    CR_GEN_DAYS = 6,            /**< int, default 7, 1..31 */
    CR_GEN_VISITS_PER_DAY = 7,  /**< double, mean calls a client gets on a day with care; default 2, 1..4 */
    CR_GEN_DOUBLE_UP_SHARE = 8, /**< double, share of calls needing two carers (double-ups); default 0.1, 0..0.5 */
    CR_GEN_RURAL_SHARE = 9,     /**< double, share of clients in villages (no map); default 0.3, 0..1 */
    CR_GEN_CENTRE_LAT = 10,     /**< double, the town centre (no map); default 52.63 */
    CR_GEN_CENTRE_LON = 11,     /**< double, default -1.13 */
    CR_GEN_CHOSEN_DAYS_OFF = 12 /**< int, default 0: each carer's two days off are fixed, in a row, turning
                                     through the group; 1: carers offer every day and work at most five
                                     (max_working_days 5), and the plan chooses their days off; 2: the
                                     same, with two days off in a row (rules.two_days_off_in_a_row) */
} cr_generator_key;

/** A generator with every default (free with cr_generator_free()). */
CR_API cr_status cr_generator_new(cr_generator **out);
/** Release. Accepts NULL. */
CR_API void cr_generator_free(cr_generator *g);
/** The last error on g, one line. */
CR_API const char *cr_generator_errmsg(const cr_generator *g);
/** Set a parameter; CR_ERR_INVALID_ARGUMENT (message on g) for an unknown
 *  key or a value out of bounds, g unchanged. */
CR_API cr_status cr_generator_set_int(cr_generator *g, int key, int64_t value);
/** Set a parameter from a double (integer keys need a whole value). */
CR_API cr_status cr_generator_set_double(cr_generator *g, int key, double value);
/** Place every location along the roads of loaded map m and give the
 *  scenario road travel over m's file and profile (written as an absolute
 *  path). m must stay alive until the last cr_generator_json() call;
 *  NULL goes back to the town and villages. */
CR_API cr_status cr_generator_use_map(cr_generator *g, cr_map *m);
/** Generate: the scenario JSON text (careroute-scenario-1), owned by g and
 *  valid until the next call or cr_generator_free(); NULL on error (message
 *  on g, e.g. too few carers for the groups the clients make). Load it with
 *  cr_scenario_load_data(). O(clients x (carers + days x zones x providers)). */
CR_API const char *cr_generator_json(cr_generator *g);
/** Generate and write the JSON to path, atomically. */
CR_API cr_status cr_generator_write(cr_generator *g, const char *path);

/* ------------------------------------------------------------------------ */
/* Reports                                                                   */
/* ------------------------------------------------------------------------ */

/** What a plan means for the people in it: per carer and day (visits in
 *  order, contact, paid travel, waiting, distance), per carer over the plan
 *  (hours, pay, pay per hour worked against the living wage, weekly maximum),
 *  per client (who came, distinct carers, preferred carers honoured), per
 *  provider and zone (weekly care hours against the 700-2,000 h providers
 *  need, travel share, cost at hourly rates with paid travel, hours by
 *  funder), Ethical Care Charter checks, and the unallocated visits with
 *  their reasons. As JSON, CSV tables, one self-contained HTML page, and
 *  pictures (SVG or PNG). */
typedef struct cr_report cr_report;

/** Pictures a report draws. */
typedef enum cr_picture_kind {
    CR_PICTURE_MAP = 1,        /**< a zone's routes on a day (roads under them with cr_report_use_map()) */
    CR_PICTURE_ROTA = 2,       /**< one row per carer: visits and travel across a day */
    CR_PICTURE_CONTINUITY = 3, /**< each client's visits over the plan, coloured by carer */
    CR_PICTURE_TRADEOFF = 4    /**< travel against distinct carers per client, from cr_report_add_tradeoff() */
} cr_picture_kind;

/** Compute the report of plan p (free with cr_report_free()); p must
 *  outlive it. Travel between visits counts as paid; travel from home to the
 *  first visit and back too when the scenario's rules.paid_home_travel is
 *  true. O(visits + routes x zones). */
CR_API cr_status cr_report_new(cr_report **out, const cr_plan *p);
/** Release. Accepts NULL. */
CR_API void cr_report_free(cr_report *r);
/** The last error on r, one line. */
CR_API const char *cr_report_errmsg(const cr_report *r);
/** The hourly pay that pay per hour worked is checked against (default
 *  12.71, the UK National Living Wage from April 2026). */
CR_API cr_status cr_report_set_living_wage(cr_report *r, double per_hour);
/** Draw the roads of loaded map m under the route maps, with the
 *  OpenStreetMap credit; m must outlive r. NULL: no roads. */
CR_API cr_status cr_report_use_map(cr_report *r, cr_map *m);
/** Add a point of the continuity trade-off (a plan solved with another
 *  continuity weight): drawn by CR_PICTURE_TRADEOFF and in the HTML page. */
CR_API cr_status cr_report_add_tradeoff(cr_report *r, double weight, double travel_hours,
                                        double carers_per_client);
/** Every figure as JSON text ("careroute-report-1"), owned by r. */
CR_API const char *cr_report_json(cr_report *r);
/** Write the JSON, atomically. */
CR_API cr_status cr_report_write_json(cr_report *r, const char *path);
/** Write the CSV tables into folder dir: carer_days.csv, carers.csv,
 *  clients.csv, providers.csv, unassigned.csv, charter.csv (each atomically). */
CR_API cr_status cr_report_write_csv(cr_report *r, const char *dir);
/** Write one HTML page with the figures, tables and pictures embedded (each
 *  zone's map, rota and continuity chart for the busiest day). */
CR_API cr_status cr_report_write_html(cr_report *r, const char *path);
/** Write a picture: kind a cr_picture_kind; zone an index into the
 *  scenario's zones or -1 for all; day from 0 (maps and rotas); the format
 *  follows the path's ending, .svg or .png. */
CR_API cr_status cr_report_write_picture(cr_report *r, int kind, int64_t zone, int64_t day, const char *path);

#ifdef __cplusplus
}
#endif

#endif /* CAREROUTE_H */
