"""careroute from Python, through ctypes (standard library only).

    import careroute
    scenario = careroute.Scenario.from_file("week.json")
    plan = careroute.solve(scenario, time_limit=5, seed=1,
                           progress=lambda fraction, best, unassigned: None)
    print(plan.distance, len(plan.routes), plan.check().feasible)

The shared library is found through the CAREROUTE_LIB environment variable
(a path to libcareroute.so), then the system's library path, then a meson
build folder next to this file's repository (build/lib/).

Errors from the library raise CarerouteError carrying the status code and the
library's one-line message.
"""

import ctypes
import ctypes.util
import json
import math
import os

__all__ = [
    "CarerouteError", "Scenario", "Options", "Solver", "Plan", "CheckResult",
    "Map", "Matrix", "Zones", "solve", "version", "library",
]

# Status codes (fixed numbers, see careroute.h).
OK = 0
ERR_INVALID_ARGUMENT = -1
ERR_NO_MEMORY = -2
ERR_IO = -3
ERR_PARSE = -4
ERR_INVALID_DATA = -5
ERR_UNSUPPORTED = -6
ERR_CANCELLED = -7
ERR_INTERNAL = -8

FORMATS = {"auto": 0, "scenario": 1, "solomon": 2, "homberger": 2, "mankowska": 3, "hhc-json": 4, "convrp": 5}
OBJECTIVES = {"auto": 0, "vehicles-then-distance": 1, "distance": 2}
_OPT_TIME_LIMIT, _OPT_ITERATION_LIMIT, _OPT_SEED, _OPT_THREADS, _OPT_OBJECTIVE = 1, 2, 3, 4, 5
_OPT_CONTINUITY_WEIGHT, _OPT_PREFERENCE_WEIGHT = 6, 7


def _count(n, noun):
    return "%d %s%s" % (n, noun, "" if n == 1 else "s")


class CarerouteError(Exception):
    """An error reported by the library: .status (int) and .message (str)."""

    def __init__(self, status, message):
        self.status = status
        self.message = message or _lib.cr_status_str(status).decode()
        super().__init__(self.message)


def _find_library():
    env = os.environ.get("CAREROUTE_LIB")
    if env:
        return env
    found = ctypes.util.find_library("careroute")
    if found:
        return found
    here = os.path.dirname(os.path.abspath(__file__))
    for build in ("build", "builddir"):
        candidate = os.path.join(here, "..", "..", build, "lib", "libcareroute.so")
        if os.path.exists(candidate):
            return os.path.normpath(candidate)
    raise OSError("libcareroute not found: build it with meson, or set CAREROUTE_LIB to libcareroute.so")


_PROGRESS = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_double, ctypes.c_double, ctypes.c_size_t, ctypes.c_void_p)


def _declare(lib):
    vp, cp, sz, i64, st = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int64, ctypes.c_int
    pp = ctypes.POINTER(ctypes.c_void_p)
    sigs = {
        "cr_status_str": (cp, [ctypes.c_int]),
        "cr_version": (cp, []),
        "cr_status_is_input_error": (ctypes.c_bool, [ctypes.c_int]),
        "cr_scenario_new": (st, [pp]),
        "cr_scenario_load_file": (st, [vp, cp, ctypes.c_int]),
        "cr_scenario_load_data": (st, [vp, cp, sz, ctypes.c_int]),
        "cr_scenario_errmsg": (cp, [vp]),
        "cr_scenario_free": (None, [vp]),
        "cr_scenario_name": (cp, [vp]),
        "cr_scenario_format": (ctypes.c_int, [vp]),
        "cr_scenario_n_visits": (sz, [vp]),
        "cr_scenario_n_carers": (sz, [vp]),
        "cr_scenario_n_days": (sz, [vp]),
        "cr_scenario_visit_id": (cp, [vp, sz]),
        "cr_scenario_carer_id": (cp, [vp, sz]),
        "cr_options_new": (st, [pp]),
        "cr_options_free": (None, [vp]),
        "cr_options_set_int": (st, [vp, ctypes.c_int, i64]),
        "cr_options_set_double": (st, [vp, ctypes.c_int, ctypes.c_double]),
        "cr_options_get_int": (st, [vp, ctypes.c_int, ctypes.POINTER(i64)]),
        "cr_options_get_double": (st, [vp, ctypes.c_int, ctypes.POINTER(ctypes.c_double)]),
        "cr_options_errmsg": (cp, [vp]),
        "cr_plan_new": (st, [pp, vp]),
        "cr_plan_load_file": (st, [vp, cp]),
        "cr_plan_free": (None, [vp]),
        "cr_plan_errmsg": (cp, [vp]),
        "cr_plan_n_routes": (sz, [vp]),
        "cr_plan_route_length": (sz, [vp, sz]),
        "cr_plan_route_carer": (i64, [vp, sz]),
        "cr_plan_route_day": (i64, [vp, sz]),
        "cr_plan_route_visit": (i64, [vp, sz, sz]),
        "cr_plan_route_start": (ctypes.c_double, [vp, sz, sz]),
        "cr_plan_route_distance": (ctypes.c_double, [vp, sz]),
        "cr_plan_distance": (ctypes.c_double, [vp]),
        "cr_plan_statistic": (ctypes.c_double, [vp, ctypes.c_int]),
        "cr_plan_travel_time": (ctypes.c_double, [vp]),
        "cr_plan_n_unassigned": (sz, [vp]),
        "cr_plan_unassigned_visit": (i64, [vp, sz]),
        "cr_plan_unassigned_reason": (cp, [vp, sz]),
        "cr_plan_seconds": (ctypes.c_double, [vp]),
        "cr_plan_json": (cp, [vp]),
        "cr_plan_write_json": (st, [vp, cp]),
        "cr_plan_write_routes": (st, [vp, cp]),
        "cr_solver_new": (st, [pp]),
        "cr_solver_free": (None, [vp]),
        "cr_solver_set_progress": (st, [vp, _PROGRESS, vp]),
        "cr_solver_cancel": (None, [vp]),
        "cr_solver_errmsg": (cp, [vp]),
        "cr_solver_solve": (st, [vp, vp, vp, pp]),
        "cr_check_new": (st, [pp, vp]),
        "cr_check_free": (None, [vp]),
        "cr_check_feasible": (ctypes.c_bool, [vp]),
        "cr_check_n_violations": (sz, [vp]),
        "cr_check_violation_kind": (ctypes.c_int, [vp, sz]),
        "cr_check_violation_message": (cp, [vp, sz]),
        "cr_check_routes": (sz, [vp]),
        "cr_check_distance": (ctypes.c_double, [vp]),
        "cr_check_travel_time": (ctypes.c_double, [vp]),
        "cr_check_unassigned": (sz, [vp]),
        "cr_check_tardiness": (ctypes.c_double, [vp]),
        "cr_check_max_tardiness": (ctypes.c_double, [vp]),
        "cr_check_objective": (ctypes.c_double, [vp]),
        "cr_check_carers_per_client": (ctypes.c_double, [vp]),
        "cr_check_max_carers_per_client": (sz, [vp]),
        "cr_plan_route_end": (ctypes.c_double, [vp, sz, sz]),
        "cr_scenario_use_map": (st, [vp, vp]),
        "cr_scenario_use_zones": (st, [vp, vp]),
        "cr_scenario_n_clients": (sz, [vp]),
        "cr_scenario_client_id": (cp, [vp, sz]),
        "cr_scenario_client_location": (st, [vp, sz, ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double)]),
        "cr_scenario_carer_location": (st, [vp, sz, ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double)]),
        "cr_scenario_client_zone": (cp, [vp, sz]),
        "cr_scenario_client_hours": (ctypes.c_double, [vp, sz]),
        "cr_scenario_use_matrix": (st, [vp, vp]),
        "cr_map_new": (st, [pp]),
        "cr_map_free": (None, [vp]),
        "cr_map_errmsg": (cp, [vp]),
        "cr_map_set_profile": (st, [vp, cp]),
        "cr_map_set_speed": (st, [vp, cp, ctypes.c_double]),
        "cr_map_set_snap_distance": (st, [vp, ctypes.c_double]),
        "cr_map_set_keep_all_roads": (st, [vp, ctypes.c_bool]),
        "cr_map_set_cache_dir": (st, [vp, cp]),
        "cr_map_load_file": (st, [vp, cp]),
        "cr_map_sample_points": (st, [vp, sz, ctypes.c_uint64, ctypes.POINTER(ctypes.c_double),
                                      ctypes.POINTER(ctypes.c_double)]),
        "cr_map_statistic": (ctypes.c_double, [vp, ctypes.c_int]),
        "cr_matrix_new": (st, [pp]),
        "cr_matrix_free": (None, [vp]),
        "cr_matrix_errmsg": (cp, [vp]),
        "cr_matrix_compute": (st, [vp, vp, sz, ctypes.POINTER(cp), ctypes.POINTER(ctypes.c_double),
                                   ctypes.POINTER(ctypes.c_double), ctypes.c_int]),
        "cr_matrix_compute_straight": (st, [vp, sz, ctypes.POINTER(cp), ctypes.POINTER(ctypes.c_double),
                                            ctypes.POINTER(ctypes.c_double), ctypes.c_double, ctypes.c_double]),
        "cr_matrix_load_file": (st, [vp, cp]),
        "cr_matrix_size": (sz, [vp]),
        "cr_matrix_id": (cp, [vp, sz]),
        "cr_matrix_seconds": (ctypes.c_double, [vp, sz, sz]),
        "cr_matrix_metres": (ctypes.c_double, [vp, sz, sz]),
        "cr_matrix_n_unreachable": (sz, [vp]),
        "cr_matrix_from_cache": (ctypes.c_bool, [vp]),
        "cr_matrix_seconds_taken": (ctypes.c_double, [vp]),
        "cr_matrix_write_csv": (st, [vp, cp]),
        "cr_zones_new": (st, [pp]),
        "cr_zones_free": (None, [vp]),
        "cr_zones_errmsg": (cp, [vp]),
        "cr_zones_load_file": (st, [vp, cp]),
        "cr_zones_count": (sz, [vp]),
        "cr_zones_name": (cp, [vp, sz]),
        "cr_zones_locate": (i64, [vp, ctypes.c_double, ctypes.c_double]),
        "cr_zones_assign": (st, [vp, sz, ctypes.POINTER(cp), ctypes.POINTER(ctypes.c_double),
                                 ctypes.POINTER(ctypes.c_double), ctypes.POINTER(i64)]),
        "cr_zones_design": (st, [vp, sz, ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double),
                                 ctypes.POINTER(ctypes.c_double), sz, ctypes.c_uint64, ctypes.POINTER(i64)]),
        "cr_zones_hours": (ctypes.c_double, [vp, sz]),
        "cr_zones_write_geojson": (st, [vp, cp]),
        "cr_scenario_n_zones": (sz, [vp]),
        "cr_scenario_zone_id": (cp, [vp, sz]),
        "cr_check_client_carers": (sz, [vp, sz]),
        "cr_check_route_figure": (ctypes.c_double, [vp, sz, ctypes.c_int]),
        "cr_generator_new": (st, [pp]),
        "cr_generator_free": (None, [vp]),
        "cr_generator_errmsg": (cp, [vp]),
        "cr_generator_set_int": (st, [vp, ctypes.c_int, i64]),
        "cr_generator_set_double": (st, [vp, ctypes.c_int, ctypes.c_double]),
        "cr_generator_use_map": (st, [vp, vp]),
        "cr_generator_json": (cp, [vp]),
        "cr_generator_write": (st, [vp, cp]),
        "cr_report_new": (st, [pp, vp]),
        "cr_report_free": (None, [vp]),
        "cr_report_errmsg": (cp, [vp]),
        "cr_report_set_living_wage": (st, [vp, ctypes.c_double]),
        "cr_report_use_map": (st, [vp, vp]),
        "cr_report_add_tradeoff": (st, [vp, ctypes.c_double, ctypes.c_double, ctypes.c_double]),
        "cr_report_json": (cp, [vp]),
        "cr_report_write_json": (st, [vp, cp]),
        "cr_report_write_csv": (st, [vp, cp]),
        "cr_report_write_html": (st, [vp, cp]),
        "cr_report_write_picture": (st, [vp, ctypes.c_int, i64, i64, cp]),
    }
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


_lib = _declare(ctypes.CDLL(_find_library()))
library = _lib


def version():
    """The library's version string, e.g. '0.1.0'."""
    return _lib.cr_version().decode()


def _text(b):
    return b.decode("utf-8", "replace") if b is not None else None


def _new(fn, *args):
    handle = ctypes.c_void_p()
    status = fn(ctypes.byref(handle), *args)
    if status != OK:
        raise CarerouteError(status, None)
    return handle


class Scenario:
    """A loaded scenario (immutable). Build with from_file, from_json or from_dict."""

    def __init__(self, _handle):
        self._h = _handle

    @classmethod
    def _load(cls, loader, *args):
        h = _new(_lib.cr_scenario_new)
        status = loader(h, *args)
        if status != OK:
            message = _text(_lib.cr_scenario_errmsg(h))
            _lib.cr_scenario_free(h)
            raise CarerouteError(status, message)
        return cls(h)

    @classmethod
    def from_file(cls, path, format="auto"):
        """Load a scenario JSON or a Solomon/Homberger file (format detected)."""
        return cls._load(_lib.cr_scenario_load_file, os.fsencode(path), FORMATS[format])

    @classmethod
    def from_json(cls, text, format="auto"):
        """Load from a JSON (or VRPTW text) string or bytes."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        return cls._load(_lib.cr_scenario_load_data, data, len(data), FORMATS[format])

    @classmethod
    def from_dict(cls, scenario):
        """Load from a Python dict in the scenario JSON format."""
        return cls.from_json(json.dumps(scenario), "scenario")

    def __del__(self):
        if getattr(self, "_h", None):
            _lib.cr_scenario_free(self._h)
            self._h = None

    def __repr__(self):
        return "<careroute.Scenario %r: %s, %s, %s>" % (
            self.name, _count(self.n_visits, "visit"), _count(self.n_carers, "carer"), _count(self.n_days, "day"))

    @property
    def name(self):
        return _text(_lib.cr_scenario_name(self._h))

    @property
    def n_visits(self):
        return _lib.cr_scenario_n_visits(self._h)

    @property
    def n_carers(self):
        return _lib.cr_scenario_n_carers(self._h)

    @property
    def n_days(self):
        return _lib.cr_scenario_n_days(self._h)

    def visit_id(self, i):
        return _text(_lib.cr_scenario_visit_id(self._h, i))

    def use_map(self, road_map):
        """Travel on roads over a loaded Map instead of straight lines."""
        status = _lib.cr_scenario_use_map(self._h, road_map._h)
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_scenario_errmsg(self._h)))

    def use_zones(self, zones):
        """Place clients (and carers listing no zones) in Zones by where they live."""
        status = _lib.cr_scenario_use_zones(self._h, zones._h)
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_scenario_errmsg(self._h)))

    @property
    def clients(self):
        """A list of dicts: id, lon, lat (x, y for planar scenarios), zone, hours."""
        out = []
        for i in range(_lib.cr_scenario_n_clients(self._h)):
            x, y = ctypes.c_double(), ctypes.c_double()
            _lib.cr_scenario_client_location(self._h, i, ctypes.byref(x), ctypes.byref(y))
            out.append({"id": _text(_lib.cr_scenario_client_id(self._h, i)), "lon": x.value, "lat": y.value,
                        "zone": _text(_lib.cr_scenario_client_zone(self._h, i)),
                        "hours": _lib.cr_scenario_client_hours(self._h, i)})
        return out

    def carer_location(self, i):
        """(lon, lat) of carer i's home (x, y for planar scenarios)."""
        x, y = ctypes.c_double(), ctypes.c_double()
        status = _lib.cr_scenario_carer_location(self._h, i, ctypes.byref(x), ctypes.byref(y))
        if status != OK:
            raise IndexError("carer index out of range")
        return x.value, y.value

    def use_matrix(self, matrix):
        """Travel times from a Matrix whose ids are carer and client ids."""
        status = _lib.cr_scenario_use_matrix(self._h, matrix._h)
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_scenario_errmsg(self._h)))

    def carer_id(self, i):
        return _text(_lib.cr_scenario_carer_id(self._h, i))


class Options:
    """Solver options; unset ones keep the library's defaults.

    continuity_weight: travel minutes worth one carer fewer for a client over
    the plan; preference_weight: travel minutes worth one visit by a carer the
    client prefers. Unset (or -1), each is the scenario's rule; both 0 ignore
    continuity."""

    def __init__(self, time_limit=None, iterations=None, seed=None, threads=None, objective=None,
                 continuity_weight=None, preference_weight=None):
        self._h = _new(_lib.cr_options_new)
        if continuity_weight is not None:
            self._set_double(_OPT_CONTINUITY_WEIGHT, continuity_weight)
        if preference_weight is not None:
            self._set_double(_OPT_PREFERENCE_WEIGHT, preference_weight)
        if time_limit is not None:
            self._set_double(_OPT_TIME_LIMIT, time_limit)
        if iterations is not None:
            self._set_int(_OPT_ITERATION_LIMIT, iterations)
        if seed is not None:
            self._set_int(_OPT_SEED, seed)
        if threads is not None:
            self._set_int(_OPT_THREADS, threads)
        if objective is not None:
            if objective not in OBJECTIVES:
                raise CarerouteError(ERR_INVALID_ARGUMENT,
                                     "unknown objective %r (expected one of %s)" % (objective, ", ".join(OBJECTIVES)))
            self._set_int(_OPT_OBJECTIVE, OBJECTIVES[objective])

    def _set_int(self, key, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise CarerouteError(ERR_INVALID_ARGUMENT, "expected a whole number, got %r" % (value,))
        status = _lib.cr_options_set_int(self._h, key, value)
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_options_errmsg(self._h)))

    def _set_double(self, key, value):
        status = _lib.cr_options_set_double(self._h, key, float(value))
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_options_errmsg(self._h)))

    def get(self, name):
        keys = {"time_limit": _OPT_TIME_LIMIT, "iterations": _OPT_ITERATION_LIMIT, "seed": _OPT_SEED,
                "threads": _OPT_THREADS, "objective": _OPT_OBJECTIVE,
                "continuity_weight": _OPT_CONTINUITY_WEIGHT, "preference_weight": _OPT_PREFERENCE_WEIGHT}
        if name not in keys:
            raise CarerouteError(ERR_INVALID_ARGUMENT,
                                 "unknown option %r (expected one of %s)" % (name, ", ".join(keys)))
        value = ctypes.c_double()
        _lib.cr_options_get_double(self._h, keys[name], ctypes.byref(value))
        doubles = ("time_limit", "continuity_weight", "preference_weight")
        return value.value if name in doubles else int(value.value)

    def __del__(self):
        if getattr(self, "_h", None):
            _lib.cr_options_free(self._h)
            self._h = None


# What cr_plan_statistic reports, by key.
_PLAN_STATS = {1: "iterations", 2: "moves_evaluated", 3: "first_complete_seconds", 4: "best_found_seconds"}

# The kinds of rule a plan can break (cr_violation_kind), by number:
# CheckResult.violations holds (kind, message) pairs.
VIOLATIONS = {1: "unknown-reference", 2: "duplicate-visit", 3: "missing-visit", 4: "time-window", 5: "shift",
              6: "capacity", 7: "travel", 8: "eligibility", 9: "fleet", 10: "totals", 11: "sync",
              12: "weekly-hours", 13: "continuity-cap", 14: "working-days"}

# What the checker recomputes per route (minutes; km): cr_check_route_key.
ROUTE_FIGURES = {"travel_time": 1, "distance": 2, "contact": 3, "waiting": 4, "home_travel": 5,
                 "own_time": 6}


class CheckResult:
    """What the independent checker found."""

    def __init__(self, feasible, violations, routes, distance, travel_time, unassigned,
                 tardiness=0.0, max_tardiness=0.0, objective=None, carers_per_client=None,
                 max_carers_per_client=None, route_figures=None):
        self.feasible = feasible
        self.violations = violations  # list of (kind, message)
        self.routes = routes
        self.distance = distance
        self.travel_time = travel_time
        self.unassigned = unassigned
        self.tardiness = tardiness
        self.max_tardiness = max_tardiness
        self.objective = objective  # the scenario's own objective, recomputed
        self.carers_per_client = carers_per_client  # continuity of care: mean distinct carers
        self.max_carers_per_client = max_carers_per_client
        # per route of the plan, as the checker recomputed it (ROUTE_FIGURES)
        self.route_figures = route_figures or []

    def __repr__(self):
        return "CheckResult(feasible=%r, violations=%d)" % (self.feasible, len(self.violations))


class Plan:
    """A plan: routes per carer and day, and unassigned visits with reasons."""

    def __init__(self, _handle, scenario, cancelled=False):
        self._h = _handle
        self.scenario = scenario  # keeps ids readable for the plan's lifetime
        self.cancelled = cancelled

    @classmethod
    def from_file(cls, scenario, path):
        """Read a plan JSON written by careroute, for checking."""
        h = _new(_lib.cr_plan_new, scenario._h)
        status = _lib.cr_plan_load_file(h, os.fsencode(path))
        if status != OK:
            message = _text(_lib.cr_plan_errmsg(h))
            _lib.cr_plan_free(h)
            raise CarerouteError(status, message)
        return cls(h, scenario)

    def __del__(self):
        if getattr(self, "_h", None):
            _lib.cr_plan_free(self._h)
            self._h = None

    def __repr__(self):
        return "<careroute.Plan of %r: %s, distance %.1f, travel %.1f, %d unassigned%s>" % (
            self.scenario.name, _count(_lib.cr_plan_n_routes(self._h), "route"), self.distance, self.travel_time,
            _lib.cr_plan_n_unassigned(self._h), ", cancelled" if self.cancelled else "")

    @property
    def distance(self):
        return _lib.cr_plan_distance(self._h)

    @property
    def travel_time(self):
        return _lib.cr_plan_travel_time(self._h)

    @property
    def seconds(self):
        return _lib.cr_plan_seconds(self._h)

    @property
    def statistics(self):
        """What the search did (cr_plan_statistic): iterations, moves evaluated, and
        when a complete plan was first found and the returned plan was found
        (seconds; NaN if never). NaN for a plan read from a file."""
        return {name: _lib.cr_plan_statistic(self._h, key) for key, name in _PLAN_STATS.items()}

    @property
    def routes(self):
        """A list of dicts: carer, day, distance, visits [{visit, start, end}]."""
        out = []
        sc = self.scenario
        for r in range(_lib.cr_plan_n_routes(self._h)):
            visits = []
            for i in range(_lib.cr_plan_route_length(self._h, r)):
                start = _lib.cr_plan_route_start(self._h, r, i)
                end = _lib.cr_plan_route_end(self._h, r, i)
                visits.append({"visit": sc.visit_id(_lib.cr_plan_route_visit(self._h, r, i)),
                               "start": None if math.isnan(start) else start,
                               "end": None if math.isnan(end) else end})
            out.append({"carer": sc.carer_id(_lib.cr_plan_route_carer(self._h, r)),
                        "day": _lib.cr_plan_route_day(self._h, r),
                        "distance": _lib.cr_plan_route_distance(self._h, r),
                        "visits": visits})
        return out

    @property
    def unassigned(self):
        """A list of dicts: visit, reason."""
        return [{"visit": self.scenario.visit_id(_lib.cr_plan_unassigned_visit(self._h, i)),
                 "reason": _text(_lib.cr_plan_unassigned_reason(self._h, i))}
                for i in range(_lib.cr_plan_n_unassigned(self._h))]

    def to_dict(self):
        """The plan JSON document as a dict."""
        return json.loads(_lib.cr_plan_json(self._h).decode("utf-8"))

    def write_json(self, path):
        self._write(_lib.cr_plan_write_json, path)

    def write_routes(self, path):
        self._write(_lib.cr_plan_write_routes, path)

    def _write(self, fn, path):
        status = fn(self._h, os.fsencode(path))
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_plan_errmsg(self._h)))

    def report(self, living_wage=None, road_map=None):
        """The plan's reports (see Report)."""
        return Report(self, living_wage=living_wage, road_map=road_map)

    def check(self):
        """Run the independent checker on this plan."""
        c = _new(_lib.cr_check_new, self._h)
        try:
            violations = [(_lib.cr_check_violation_kind(c, i), _text(_lib.cr_check_violation_message(c, i)))
                          for i in range(_lib.cr_check_n_violations(c))]
            return CheckResult(bool(_lib.cr_check_feasible(c)), violations, _lib.cr_check_routes(c),
                               _lib.cr_check_distance(c), _lib.cr_check_travel_time(c),
                               _lib.cr_check_unassigned(c), _lib.cr_check_tardiness(c),
                               _lib.cr_check_max_tardiness(c), _lib.cr_check_objective(c),
                               _lib.cr_check_carers_per_client(c), _lib.cr_check_max_carers_per_client(c),
                               [{name: _lib.cr_check_route_figure(c, r, key) for name, key in ROUTE_FIGURES.items()}
                                for r in range(_lib.cr_plan_n_routes(self._h))])
        finally:
            _lib.cr_check_free(c)


PICTURES = {"map": 1, "rota": 2, "continuity": 3, "tradeoff": 4}


class Report:
    """What a plan means for carers, clients, providers and zones: every
    figure as a dict (to_dict()), CSV tables, an HTML page and pictures.
    living_wage: pay per hour worked to check against (default 12.71);
    road_map: a Map whose roads are drawn under the route maps."""

    def __init__(self, plan, living_wage=None, road_map=None):
        self.plan = plan  # keeps the plan (and its scenario) alive
        self._map = road_map
        self._h = _new(_lib.cr_report_new, plan._h)
        if living_wage is not None:
            self._call(_lib.cr_report_set_living_wage, float(living_wage))
        if road_map is not None:
            self._call(_lib.cr_report_use_map, road_map._h)

    def _call(self, fn, *args):
        status = fn(self._h, *args)
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_report_errmsg(self._h)))

    def to_dict(self):
        """Every figure: summary, carer_days, carers, clients, providers, total, charter, unassigned."""
        return json.loads(_lib.cr_report_json(self._h).decode("utf-8"))

    def add_tradeoff(self, weight, travel_hours, carers_per_client):
        """A point of the continuity trade-off plot."""
        self._call(_lib.cr_report_add_tradeoff, float(weight), float(travel_hours), float(carers_per_client))

    def write_json(self, path):
        self._call(_lib.cr_report_write_json, os.fsencode(path))

    def write_csv(self, folder):
        """carer_days.csv, carers.csv, clients.csv, providers.csv, unassigned.csv, charter.csv."""
        self._call(_lib.cr_report_write_csv, os.fsencode(folder))

    def write_html(self, path):
        self._call(_lib.cr_report_write_html, os.fsencode(path))

    def write_picture(self, kind, path, zone=None, day=0):
        """kind: map, rota, continuity or tradeoff; zone: a zone id or None
        for all; day: an index from 0; path ends in .svg or .png."""
        if kind not in PICTURES:
            raise ValueError("picture kind must be one of %s" % ", ".join(PICTURES))
        scenario = self.plan.scenario
        zone_index = -1
        if zone is not None:
            zones = [_text(_lib.cr_scenario_zone_id(scenario._h, i)) for i in range(_lib.cr_scenario_n_zones(scenario._h))]
            if zone not in zones:
                raise ValueError("zone %r is not one of the scenario's zones %s" % (zone, zones))
            zone_index = zones.index(zone)
        self._call(_lib.cr_report_write_picture, PICTURES[kind], zone_index, int(day), os.fsencode(path))

    def __del__(self):
        if getattr(self, "_h", None):
            _lib.cr_report_free(self._h)
            self._h = None


GENERATOR_KEYS = {"seed": (1, True), "clients": (2, True), "carers": (3, True), "providers": (4, True),
                  "zones": (5, True), "days": (6, True), "visits_per_day": (7, False),
                  "double_up_share": (8, False), "rural_share": (9, False), "centre_lat": (10, False),
                  "centre_lon": (11, False), "chosen_days_off": (12, True)}


def generate(road_map=None, **settings):
    """A realistic synthetic home care week as scenario JSON text (load it
    with Scenario.from_json). Settings: seed, clients, carers (0 = as many
    as needed), providers, zones, days, visits_per_day, double_up_share,
    rural_share, centre_lat, centre_lon, chosen_days_off (1: carers offer every
    day and work at most five, and the plan chooses their days off; 2: the
    same, with two days off in a row); road_map: a Map to live along."""
    g = _new(_lib.cr_generator_new)
    try:
        for name, value in settings.items():
            if name not in GENERATOR_KEYS:
                raise ValueError("unknown generator setting %r (expected one of %s)"
                                 % (name, ", ".join(GENERATOR_KEYS)))
            key, whole = GENERATOR_KEYS[name]
            status = (_lib.cr_generator_set_int(g, key, int(value)) if whole and float(value).is_integer()
                      else _lib.cr_generator_set_double(g, key, float(value)))
            if status != OK:
                raise CarerouteError(status, _text(_lib.cr_generator_errmsg(g)))
        if road_map is not None:
            status = _lib.cr_generator_use_map(g, road_map._h)
            if status != OK:
                raise CarerouteError(status, _text(_lib.cr_generator_errmsg(g)))
        text = _lib.cr_generator_json(g)
        if text is None:
            raise CarerouteError(ERR_INVALID_ARGUMENT, _text(_lib.cr_generator_errmsg(g)))
        return text.decode("utf-8")
    finally:
        _lib.cr_generator_free(g)


class Solver:
    """A solver with an optional progress callback.

    progress(fraction, best_cost, unassigned) is called from the solving
    thread about ten times a second; return True to stop the search (the best
    plan so far is returned with plan.cancelled set). An exception raised in
    the callback stops the search and is re-raised from solve().
    """

    def __init__(self, progress=None):
        self._h = _new(_lib.cr_solver_new)
        self._progress = progress
        self._error = None

        def trampoline(fraction, best, unassigned, _user):
            if self._progress is None:
                return 0
            try:
                return 1 if self._progress(fraction, best, unassigned) else 0
            except BaseException as e:  # carried across the C frames, re-raised below
                self._error = e
                return 1

        self._callback = _PROGRESS(trampoline)  # kept alive as long as the solver
        _lib.cr_solver_set_progress(self._h, self._callback, None)

    def cancel(self):
        """Stop a running solve soon (callable from another thread)."""
        _lib.cr_solver_cancel(self._h)

    def solve(self, scenario, options=None):
        plan = ctypes.c_void_p()
        self._error = None
        status = _lib.cr_solver_solve(self._h, scenario._h, options._h if options else None, ctypes.byref(plan))
        if self._error is not None:
            if plan:
                _lib.cr_plan_free(plan)
            raise self._error
        if status == ERR_CANCELLED and plan:
            return Plan(plan, scenario, cancelled=True)
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_solver_errmsg(self._h)))
        return Plan(plan, scenario)

    def __del__(self):
        if getattr(self, "_h", None):
            _lib.cr_solver_free(self._h)
            self._h = None


def solve(scenario, time_limit=None, iterations=None, seed=None, threads=None, objective=None, progress=None,
          continuity_weight=None, preference_weight=None):
    """Solve a Scenario (or a path, or a dict) and return a Plan (options as for Options)."""
    if isinstance(scenario, dict):
        scenario = Scenario.from_dict(scenario)
    elif isinstance(scenario, (str, bytes, os.PathLike)):
        scenario = Scenario.from_file(scenario)
    options = Options(time_limit=time_limit, iterations=iterations, seed=seed, threads=threads, objective=objective,
                      continuity_weight=continuity_weight, preference_weight=preference_weight)
    return Solver(progress).solve(scenario, options)


# ---- roads, matrices and zones ----

METHODS = {"fast": 0, "dijkstra": 1}
_MAP_STATS = ["nodes", "arcs", "dropped_nodes", "osm_nodes", "osm_ways", "usable_ways",
              "import_seconds", "prepare_seconds", "shortcuts"]


def _points(points):
    """[(id, lon, lat), ...] -> ctypes arrays (ids, lon, lat) and the count."""
    points = list(points)
    n = len(points)
    ids = (ctypes.c_char_p * max(n, 1))(*[str(p[0]).encode("utf-8") for p in points])
    lon = (ctypes.c_double * max(n, 1))(*[float(p[1]) for p in points])
    lat = (ctypes.c_double * max(n, 1))(*[float(p[2]) for p in points])
    return n, ids, lon, lat


class Map:
    """A road network from an OpenStreetMap extract (.osm or .osm.pbf), for
    one profile: "car", "walk" or "bike". Data (c) OpenStreetMap contributors.

        m = careroute.Map("liechtenstein.osm.pbf", profile="car", speeds={"residential": 20})
    """

    def __init__(self, path, profile="car", speeds=None, snap_distance=None, keep_all_roads=False,
                 cache_dir=None):
        self._h = _new(_lib.cr_map_new)
        self._call(_lib.cr_map_set_profile, profile.encode())
        for highway, kmh in (speeds or {}).items():
            self._call(_lib.cr_map_set_speed, highway.encode(), float(kmh))
        if snap_distance is not None:
            self._call(_lib.cr_map_set_snap_distance, float(snap_distance))
        self._call(_lib.cr_map_set_keep_all_roads, bool(keep_all_roads))
        if cache_dir is not None:
            self._call(_lib.cr_map_set_cache_dir, os.fsencode(cache_dir))
        self._call(_lib.cr_map_load_file, os.fsencode(path))

    def _call(self, fn, *args):
        status = fn(self._h, *args)
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_map_errmsg(self._h)))

    @property
    def stats(self):
        """Graph size and timings as a dict."""
        return {name: _lib.cr_map_statistic(self._h, i) for i, name in enumerate(_MAP_STATS)}

    def sample_points(self, n, seed=1):
        """n random (lon, lat) points on the roads, deterministic for a seed."""
        lon, lat = (ctypes.c_double * max(n, 1))(), (ctypes.c_double * max(n, 1))()
        self._call(_lib.cr_map_sample_points, n, seed, lon, lat)
        return [(lon[i], lat[i]) for i in range(n)]

    def matrix(self, points, method="fast"):
        """A Matrix of road travel between points [(id, lon, lat), ...]."""
        m = Matrix()
        n, ids, lon, lat = _points(points)
        status = _lib.cr_matrix_compute(m._h, self._h, n, ids, lon, lat, METHODS[method])
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_matrix_errmsg(m._h)))
        return m

    def __del__(self):
        if getattr(self, "_h", None):
            _lib.cr_map_free(self._h)
            self._h = None


class Matrix:
    """Travel times (seconds; None if unreachable) and distances (metres)
    between named points. Make one with Map.matrix, Matrix.straight_line or
    Matrix.from_file."""

    def __init__(self):
        self._h = _new(_lib.cr_matrix_new)

    @classmethod
    def straight_line(cls, points, detour=1.3, kmh=30):
        m = cls()
        n, ids, lon, lat = _points(points)
        status = _lib.cr_matrix_compute_straight(m._h, n, ids, lon, lat, float(detour), float(kmh))
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_matrix_errmsg(m._h)))
        return m

    @classmethod
    def from_file(cls, path):
        """A user's CSV (id,<ids>; rows of seconds, -1 unreachable) or OSRM-style JSON."""
        m = cls()
        status = _lib.cr_matrix_load_file(m._h, os.fsencode(path))
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_matrix_errmsg(m._h)))
        return m

    def __len__(self):
        return _lib.cr_matrix_size(self._h)

    @property
    def ids(self):
        return [_text(_lib.cr_matrix_id(self._h, i)) for i in range(len(self))]

    def seconds(self, i, j):
        v = _lib.cr_matrix_seconds(self._h, i, j)
        if math.isnan(v):
            raise IndexError("matrix index out of range")
        return None if v < 0 else v

    def metres(self, i, j):
        v = _lib.cr_matrix_metres(self._h, i, j)
        if math.isnan(v):
            raise IndexError("matrix index out of range")
        return None if v < 0 else v

    def to_lists(self):
        """Seconds as a list of rows (None where unreachable)."""
        n = len(self)
        return [[self.seconds(i, j) for j in range(n)] for i in range(n)]

    @property
    def unreachable(self):
        return _lib.cr_matrix_n_unreachable(self._h)

    @property
    def from_cache(self):
        return bool(_lib.cr_matrix_from_cache(self._h))

    @property
    def seconds_taken(self):
        return _lib.cr_matrix_seconds_taken(self._h)

    def write_csv(self, path):
        status = _lib.cr_matrix_write_csv(self._h, os.fsencode(path))
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_matrix_errmsg(self._h)))

    def __del__(self):
        if getattr(self, "_h", None):
            _lib.cr_matrix_free(self._h)
            self._h = None


class Zones:
    """Named geographic zones: from GeoJSON or .poly files, or designed."""

    def __init__(self, *paths):
        self._h = _new(_lib.cr_zones_new)
        for path in paths:
            self._call(_lib.cr_zones_load_file, os.fsencode(path))

    def _call(self, fn, *args):
        status = fn(self._h, *args)
        if status != OK:
            raise CarerouteError(status, _text(_lib.cr_zones_errmsg(self._h)))

    @property
    def names(self):
        return [_text(_lib.cr_zones_name(self._h, i)) for i in range(_lib.cr_zones_count(self._h))]

    def locate(self, lon, lat):
        """Name of the first zone holding the point, or None."""
        i = _lib.cr_zones_locate(self._h, float(lon), float(lat))
        return None if i < 0 else self.names[i]

    def assign(self, points):
        """{id: zone name} for points [(id, lon, lat), ...]; a point in no zone raises."""
        n, ids, lon, lat = _points(points)
        out = (ctypes.c_int64 * max(n, 1))()
        self._call(_lib.cr_zones_assign, n, ids, lon, lat, out)
        names = self.names
        return {ids[i].decode("utf-8"): names[out[i]] for i in range(n)}

    @classmethod
    def design(cls, points, k, seed=1):
        """k compact zones balanced by hours over [(id, lon, lat, hours), ...];
        returns (zones, {id: zone name}, {zone name: hours})."""
        points = list(points)
        z = cls()
        n, ids, lon, lat = _points(points)
        hours = (ctypes.c_double * max(n, 1))(*[float(p[3]) if len(p) > 3 else 1.0 for p in points])
        out = (ctypes.c_int64 * max(n, 1))()
        z._call(_lib.cr_zones_design, n, lon, lat, hours, k, seed, out)
        names = z.names
        return (z, {ids[i].decode("utf-8"): names[out[i]] for i in range(n)},
                {names[c]: _lib.cr_zones_hours(z._h, c) for c in range(len(names))})

    def write_geojson(self, path):
        self._call(_lib.cr_zones_write_geojson, os.fsencode(path))

    def __del__(self):
        if getattr(self, "_h", None):
            _lib.cr_zones_free(self._h)
            self._h = None
