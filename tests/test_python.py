"""The Python ctypes wrapper: loading, options, solving with progress and
cancellation, plans as dicts, errors as exceptions. Every solved plan is
checked by the library's independent checker."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import careroute

DATA = os.environ.get("CR_TEST_DATA", os.path.join(os.path.dirname(__file__), "data"))


def fixture(name):
    return os.path.join(DATA, name)


SMALL = {
    "days": ["mon", "tue"],
    "carers": [{"id": "ann", "home": {"lat": 52.63, "lon": -1.13},
                "shifts": [{"start": "07:00", "end": "14:00"}]}],
    "clients": [{"id": "k1", "location": {"lat": 52.64, "lon": -1.12}},
                {"id": "k2", "location": {"lat": 52.62, "lon": -1.15}}],
    "visits": [{"id": "m1", "client": "k1", "days": "all", "window": ["08:00", "09:00"], "duration": 45},
               {"id": "m2", "client": "k2", "day": "tue", "window": ["10:00", "11:00"], "duration": 30}],
}


class TestPython(unittest.TestCase):
    def assertFeasible(self, plan):
        check = plan.check()
        self.assertTrue(check.feasible, check.violations)
        self.assertAlmostEqual(check.distance, plan.distance, places=6)
        return check

    def test_version(self):
        self.assertRegex(careroute.version(), r"^\d+\.\d+\.\d+$")

    def test_solomon_file(self):
        sc = careroute.Scenario.from_file(fixture("tiny.txt"))
        self.assertEqual(sc.name, "TINY")
        self.assertEqual((sc.n_visits, sc.n_carers, sc.n_days), (5, 2, 1))
        plan = careroute.solve(sc, iterations=300, time_limit=60, seed=1)
        self.assertFeasible(plan)
        self.assertEqual(len(plan.routes), 2)
        self.assertAlmostEqual(plan.distance, 10.0, places=9)
        self.assertEqual(repr(sc), "<careroute.Scenario 'TINY': 5 visits, 2 carers, 1 day>")
        self.assertEqual(repr(plan), "<careroute.Plan of 'TINY': 2 routes, distance 10.0, travel 10.0, 0 unassigned>")
        self.assertEqual(sorted(v["visit"] for r in plan.routes for v in r["visits"]), ["1", "2", "3", "4", "5"])

    def test_dict_scenario(self):
        plan = careroute.solve(SMALL, iterations=100, time_limit=60)
        self.assertFeasible(plan)
        self.assertEqual(plan.unassigned, [])
        days = sorted(r["day"] for r in plan.routes)
        self.assertEqual(days, [0, 1])
        tue = [r for r in plan.routes if r["day"] == 1][0]
        self.assertEqual([v["visit"] for v in tue["visits"]], ["m1@tue", "m2"])
        self.assertGreaterEqual(tue["visits"][0]["start"], 8 * 60)
        d = plan.to_dict()
        self.assertEqual(d["format"], "careroute-plan-1")
        self.assertEqual(d["summary"]["routes"], 2)

    def test_statistics(self):
        plan = careroute.solve(SMALL, iterations=100, time_limit=60)
        st = plan.statistics
        self.assertEqual(sorted(st), ["best_found_seconds", "first_complete_seconds", "iterations", "moves_evaluated"])
        self.assertGreater(st["iterations"], 0)
        self.assertGreater(st["moves_evaluated"], 0)
        self.assertLessEqual(st["best_found_seconds"], plan.seconds + 1e-9)

    def test_unassigned_reason(self):
        sc = dict(SMALL)
        sc["visits"] = SMALL["visits"] + [{"id": "late", "client": "k1", "day": "mon",
                                            "window": ["20:00", "21:00"], "duration": 30}]
        plan = careroute.solve(sc, iterations=50, time_limit=60)
        self.assertFeasible(plan)
        self.assertEqual([u["visit"] for u in plan.unassigned], ["late"])
        self.assertIn("20:00-21:00", plan.unassigned[0]["reason"])

    def test_errors_are_exceptions(self):
        with self.assertRaises(careroute.CarerouteError) as cm:
            careroute.Scenario.from_json('{"carers": 5}')
        self.assertEqual(cm.exception.status, careroute.ERR_INVALID_DATA)
        self.assertIn("$.carers: expected an array", str(cm.exception))
        with self.assertRaises(careroute.CarerouteError) as cm:
            careroute.Scenario.from_file("/nonexistent.json")
        self.assertEqual(cm.exception.status, careroute.ERR_IO)
        with self.assertRaises(careroute.CarerouteError) as cm:
            careroute.Options(threads=0)
        self.assertIn("threads", cm.exception.message)
        with self.assertRaises(careroute.CarerouteError):
            careroute.Options(objective="fastest")
        with self.assertRaises(careroute.CarerouteError):
            careroute.Options(seed=1.5)

    def test_options_roundtrip(self):
        o = careroute.Options(time_limit=2.5, seed=9, threads=2, objective="distance")
        self.assertEqual(o.get("time_limit"), 2.5)
        self.assertEqual(o.get("seed"), 9)
        self.assertEqual(o.get("threads"), 2)
        self.assertEqual(o.get("objective"), 2)
        self.assertEqual(o.get("continuity_weight"), -1)  # the scenario's rule
        o = careroute.Options(continuity_weight=7.5, preference_weight=0)
        self.assertEqual((o.get("continuity_weight"), o.get("preference_weight")), (7.5, 0))
        with self.assertRaises(careroute.CarerouteError) as cm:
            careroute.Options(preference_weight=-3)
        self.assertIn("preference weight: -3 is out of range", cm.exception.message)
        with self.assertRaises(careroute.CarerouteError):
            o.get("speed")

    def test_continuity_options(self):
        # k1 lies between a and b; on Monday a passes by anyway (k2), on
        # Tuesday b does (k3): one carer for k1 costs 2 more travel
        sc = {"days": ["mon", "tue"], "travel": {"model": "euclidean"},
              "rules": {"continuity_weight": 0, "preference_weight": 0},
              "carers": [{"id": "a", "home": {"x": 0, "y": 0}, "shifts": [{"start": "08:00", "end": "12:00"}]},
                         {"id": "b", "home": {"x": 10, "y": 0}, "shifts": [{"start": "08:00", "end": "12:00"}]}],
              "clients": [{"id": "k1", "location": {"x": 5, "y": 0}, "preferred_carers": ["b"]},
                          {"id": "k2", "location": {"x": 1, "y": 0}}, {"id": "k3", "location": {"x": 9, "y": 0}}],
              "visits": [{"id": "v1", "client": "k1", "days": "all", "window": ["08:00", "11:00"], "duration": 30},
                         {"id": "v2", "client": "k2", "day": "mon", "window": ["08:00", "11:00"], "duration": 30},
                         {"id": "v3", "client": "k3", "day": "tue", "window": ["08:00", "11:00"], "duration": 30}]}

        def k1_carers(**weights):
            plan = careroute.solve(sc, iterations=3000, time_limit=60, **weights)
            self.assertFeasible(plan)
            return {r["carer"] for r in plan.routes for v in r["visits"] if v["visit"].startswith("v1@")}

        self.assertEqual(len(k1_carers()), 2)  # the rules ignore continuity
        self.assertEqual(len(k1_carers(continuity_weight=5)), 1)
        self.assertEqual(k1_carers(preference_weight=10), {"b"})

    def test_progress_and_cancel(self):
        sc = careroute.Scenario.from_file(fixture("R101.txt"))
        calls = []

        def progress(fraction, best, unassigned):
            calls.append((fraction, best, unassigned))
            return len(calls) >= 3  # stop on the third call

        plan = careroute.solve(sc, time_limit=1000, progress=progress)
        self.assertTrue(plan.cancelled)
        self.assertEqual(len(calls), 3)
        self.assertTrue(all(0.0 <= c[0] <= 1.0 for c in calls))
        self.assertFeasible(plan)

    def test_exception_in_callback(self):
        sc = careroute.Scenario.from_file(fixture("tiny.txt"))

        def progress(fraction, best, unassigned):
            raise KeyError("boom")

        with self.assertRaises(KeyError):
            careroute.solve(sc, time_limit=1000, progress=progress)

    def test_determinism(self):
        sc = careroute.Scenario.from_file(fixture("C101.txt"))
        a = careroute.solve(sc, iterations=200, time_limit=60, seed=4)
        b = careroute.solve(sc, iterations=200, time_limit=60, seed=4)
        self.assertEqual(a.routes, b.routes)

    def test_gender_and_continuity_cap(self):
        # carers' gender and clients asking for it; a client's cap on carers
        sc = {"days": ["mon", "tue"], "travel": {"model": "euclidean"}, "rules": {"continuity_weight": 0},
              "carers": [{"id": "m", "home": {"x": 0, "y": 0}, "gender": "male",
                          "shifts": [{"start": "08:00", "end": "16:00"}]},
                         {"id": "f", "home": {"x": 30, "y": 0}, "gender": "female",
                          "shifts": [{"start": "08:00", "end": "10:30"}]},
                         {"id": "n", "home": {"x": 0, "y": 1}, "shifts": [{"day": "tue", "start": "08:00", "end": "16:00"}]}],
              "clients": [{"id": "w", "location": {"x": 1, "y": 1}, "carer_gender": "female"},
                          {"id": "c", "location": {"x": 1, "y": 2}, "max_carers": 1}],
              "visits": [{"id": "wv", "client": "w", "days": "all", "window": ["09:00", "10:00"], "duration": 30},
                         {"id": "cv", "client": "c", "days": "all", "window": ["11:00", "12:00"], "duration": 30}]}
        plan = careroute.solve(sc, iterations=2000, time_limit=60)
        self.assertFeasible(plan)
        self.assertEqual(plan.unassigned, [])
        carer_of = {v["visit"]: r["carer"] for r in plan.routes for v in r["visits"]}
        self.assertEqual((carer_of["wv@mon"], carer_of["wv@tue"]), ("f", "f"))
        # n lives nearer but works only on Tuesday: with a cap of one, m takes both
        self.assertEqual((carer_of["cv@mon"], carer_of["cv@tue"]), ("m", "m"))
        # a bad gender is an exception naming the field
        bad = json.loads(json.dumps(sc))
        bad["clients"][0]["carer_gender"] = "woman"
        with self.assertRaises(careroute.CarerouteError) as cm:
            careroute.Scenario.from_dict(bad)
        self.assertIn("$.clients[0].carer_gender", str(cm.exception))
        self.assertEqual(careroute.VIOLATIONS[13], "continuity-cap")

    def test_write_and_check_plan_file(self):
        sc = careroute.Scenario.from_file(fixture("small_scenario.json"))
        plan = careroute.solve(sc, iterations=200, time_limit=60)
        self.assertFeasible(plan)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "plan.json")
            plan.write_json(path)
            again = careroute.Plan.from_file(sc, path)
            self.assertEqual(again.routes, plan.routes)
            checked = again.check()
            self.assertTrue(checked.feasible)
            # per-route figures add up to the plan's; a route's day holds them all
            figures = checked.route_figures
            self.assertEqual(len(figures), len(plan.routes))
            self.assertAlmostEqual(sum(f["travel_time"] for f in figures), checked.travel_time, places=6)
            self.assertAlmostEqual(sum(f["distance"] for f in figures), checked.distance, places=6)
            for f, r in zip(figures, plan.routes):
                self.assertLessEqual(f["home_travel"], f["travel_time"] + 1e-9)
                span = r["visits"][-1]["end"] - r["visits"][0]["start"]
                between = f["travel_time"] - f["home_travel"]
                self.assertAlmostEqual(f["contact"] + between + f["waiting"] + f["own_time"], span, places=6)
            # a tampered plan is caught
            doc = json.load(open(path))
            doc["routes"][0]["visits"][0]["start"] = 0
            json.dump(doc, open(path, "w"))
            bad = careroute.Plan.from_file(sc, path).check()
            self.assertFalse(bad.feasible)
            self.assertTrue(any("outside its window" in m for _, m in bad.violations))
            with self.assertRaises(careroute.CarerouteError) as cm:
                plan.write_routes(os.path.join(tmp, "missing", "r.txt"))
            self.assertEqual(cm.exception.status, careroute.ERR_IO)


GEO = os.path.join(DATA, "geo")


class TestPlanWeekExample(unittest.TestCase):
    """examples/python/plan_week.py, the README's Python example."""

    SCRIPT = os.path.join(os.path.dirname(os.path.abspath(careroute.__file__)), "plan_week.py")

    def run_example(self, *args):
        return subprocess.run([sys.executable, self.SCRIPT, fixture("small_scenario.json"), "--time-limit", "0.3", *args],
                              capture_output=True, text=True, timeout=120)

    def test_writes_the_report(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = self.run_example("--out-dir", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("visits planned", r.stdout.lower() + r.stderr.lower())
            self.assertTrue(os.path.exists(os.path.join(tmp, "report.html")))

    def test_bad_out_dir_fails_before_solving(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = self.run_example("--out-dir", os.path.join(tmp, "nope", "deeper"))
            self.assertEqual(r.returncode, 2)
            self.assertIn("cannot make the folder", r.stderr)
            self.assertNotIn("visits planned", r.stdout.lower())
            self.assertFalse(os.path.exists(os.path.join(tmp, "nope")))

    def test_makes_a_missing_out_dir(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = self.run_example("--out-dir", os.path.join(tmp, "new"))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(os.path.exists(os.path.join(tmp, "new", "report.html")))


class TestPythonGeo(unittest.TestCase):
    """Maps, matrices, zones and road travel from Python."""

    def test_map_matrix_and_methods(self):
        m = careroute.Map(os.path.join(GEO, "tiny.osm"))
        self.assertEqual(m.stats["nodes"], 5)
        points = [("n1", 0.0, 0.0), ("n3", 0.002, 0.0), ("n4", 0.003, 0.0)]
        fast, slow = m.matrix(points), m.matrix(points, method="dijkstra")
        self.assertEqual(fast.ids, ["n1", "n3", "n4"])
        self.assertEqual(fast.to_lists(), slow.to_lists())
        self.assertAlmostEqual(fast.seconds(1, 2), 7.148, places=2)
        self.assertGreater(fast.seconds(2, 1), 100)
        self.assertGreater(fast.metres(2, 1), 600)
        with self.assertRaises(IndexError):
            fast.seconds(3, 0)
        self.assertEqual(len(m.sample_points(5, seed=2)), 5)
        self.assertEqual(m.sample_points(5, seed=2), m.sample_points(5, seed=2))

    def test_map_errors(self):
        with self.assertRaises(careroute.CarerouteError) as cm:
            careroute.Map(os.path.join(GEO, "broken.osm"))
        self.assertEqual(cm.exception.status, careroute.ERR_PARSE)
        with self.assertRaises(careroute.CarerouteError) as cm:
            careroute.Map(os.path.join(GEO, "tiny.osm"), profile="horse")
        self.assertIn("horse", cm.exception.message)
        m = careroute.Map(os.path.join(GEO, "tiny.osm"))
        with self.assertRaises(careroute.CarerouteError) as cm:
            m.matrix([("far", 0.0105, 0.0), ("n1", 0.0, 0.0)])
        self.assertIn('"far"', cm.exception.message)
        keep = careroute.Map(os.path.join(GEO, "tiny.osm"), keep_all_roads=True)
        x = keep.matrix([("far", 0.0105, 0.0), ("n1", 0.0, 0.0)])
        self.assertIsNone(x.seconds(0, 1))
        self.assertEqual(x.unreachable, 2)

    def test_cache_and_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            m = careroute.Map(os.path.join(GEO, "tiny.osm"), cache_dir=os.path.join(tmp, "cache"))
            points = [("n1", 0.0, 0.0), ("n4", 0.003, 0.0)]
            self.assertFalse(m.matrix(points).from_cache)
            again = m.matrix(points)
            self.assertTrue(again.from_cache)
            again.write_csv(os.path.join(tmp, "m.csv"))
            back = careroute.Matrix.from_file(os.path.join(tmp, "m.csv"))
            self.assertEqual(back.ids, ["n1", "n4"])
            self.assertAlmostEqual(back.seconds(0, 1), again.seconds(0, 1), places=1)
        line = careroute.Matrix.straight_line([("a", -0.1, 51.5), ("b", -0.1, 51.6)], detour=1.0, kmh=36)
        self.assertAlmostEqual(line.metres(0, 1), 11119.5, delta=1)
        self.assertAlmostEqual(line.seconds(0, 1), 1111.95, delta=0.2)

    def test_zones(self):
        z = careroute.Zones(os.path.join(GEO, "zones.geojson"))
        self.assertEqual(z.names, ["West", "East"])
        self.assertEqual(z.locate(-0.5, 0), "West")
        self.assertIsNone(z.locate(0.5, 0))
        self.assertEqual(z.assign([("a", -0.5, 0), ("b", 5.5, 5.5)]), {"a": "West", "b": "East"})
        with self.assertRaises(careroute.CarerouteError) as cm:
            z.assign([("lost", 9, 9)])
        self.assertIn('"lost"', cm.exception.message)
        points = [("p%d" % i, 9.5 + (i % 10) / 100, 47.1 + (i // 10) / 100, 1 + i % 3) for i in range(100)]
        zones, where, hours = careroute.Zones.design(points, 4, seed=2)
        self.assertEqual(len(hours), 4)
        self.assertAlmostEqual(sum(hours.values()), sum(p[3] for p in points))
        for pid, lon, lat, _ in points:
            self.assertEqual(zones.locate(lon, lat), where[pid])

    def test_home_health_care_instance(self):
        s = careroute.Scenario.from_file(os.path.join(DATA, "hhc", "InstanzCPLEX_HCSRP_10_1.txt"))
        plan = careroute.solve(s, iterations=100000, time_limit=60)
        check = plan.check()
        self.assertTrue(check.feasible)
        self.assertLess(check.objective, 218.199 * 1.01)
        self.assertAlmostEqual(check.objective, (check.distance + check.tardiness + check.max_tardiness) / 3)
        first = plan.routes[0]["visits"][0]
        self.assertGreater(first["end"], first["start"])

    def test_double_up(self):
        plan = careroute.solve(os.path.join(DATA, "doubleup_scenario.json"), iterations=2000, time_limit=60)
        starts = {v["visit"]: (r["carer"], v["start"]) for r in plan.routes for v in r["visits"]}
        self.assertEqual(starts["lift@mon"][1], starts["lift@mon#2"][1])
        self.assertNotEqual(starts["lift@mon"][0], starts["lift@mon#2"][0])
        self.assertTrue(plan.check().feasible)

    def test_scenario_on_roads(self):
        s = careroute.Scenario.from_file(os.path.join(GEO, "road_scenario.json"))
        plan = careroute.solve(s, iterations=100, time_limit=60)
        self.assertTrue(plan.check().feasible)
        self.assertAlmostEqual(plan.travel_time, 2.1785, places=3)
        s2 = careroute.Scenario.from_file(os.path.join(GEO, "road_scenario.json"))
        s2.use_matrix(careroute.Matrix.from_file(os.path.join(GEO, "road_matrix.csv")))
        self.assertAlmostEqual(careroute.solve(s2, iterations=100, time_limit=60).travel_time, 8.0)
        s4 = careroute.Scenario.from_file(os.path.join(GEO, "road_scenario.json"))
        s4.use_zones(careroute.Zones(os.path.join(GEO, "zones_tiny.geojson")))
        self.assertEqual([(c["id"], c["zone"], c["hours"]) for c in s4.clients],
                         [("c3", "west", 0.5), ("c4", "east", 0.5)])
        self.assertEqual(s4.carer_location(0), (0.0, 0.0))
        self.assertEqual(len(careroute.solve(s4, iterations=50, time_limit=60).unassigned), 1)
        s3 = careroute.Scenario.from_file(os.path.join(GEO, "road_scenario.json"))
        s3.use_map(careroute.Map(os.path.join(GEO, "tiny.osm"), profile="walk"))
        self.assertGreater(careroute.solve(s3, iterations=100, time_limit=60).travel_time, 7)


class TestPythonReports(unittest.TestCase):
    def test_generate_is_seeded(self):
        a = careroute.generate(clients=25, zones=2, days=3, seed=9)
        self.assertEqual(a, careroute.generate(clients=25, zones=2, days=3, seed=9))
        self.assertNotEqual(a, careroute.generate(clients=25, zones=2, days=3, seed=10))
        scenario = careroute.Scenario.from_json(a)
        self.assertEqual(len(scenario.clients), 25)
        self.assertEqual(scenario.n_days, 3)
        with self.assertRaises(careroute.CarerouteError) as e:
            careroute.generate(clients=0)
        self.assertIn("clients", str(e.exception))
        with self.assertRaises(ValueError):
            careroute.generate(patients=3)
        with self.assertRaises(careroute.CarerouteError) as e:
            careroute.generate(carers=2)
        self.assertIn("too few", str(e.exception))

    def test_generate_chosen_days_off(self):
        """Carers who offer every day work at most five; the plan picks which."""
        text = careroute.generate(clients=30, zones=1, providers=1, seed=4, chosen_days_off=1)
        carers = json.loads(text)["carers"]
        self.assertTrue(all(c["max_working_days"] == 5 and c["shifts"][0]["days"] == "all" for c in carers))
        plan = careroute.solve(careroute.Scenario.from_json(text), iterations=20000)
        self.assertTrue(plan.check().feasible)
        days = {}
        for route in plan.routes:
            if route["visits"]:
                days.setdefault(route["carer"], set()).add(route["day"])
        self.assertTrue(days)
        self.assertLessEqual(max(len(d) for d in days.values()), 5)

    def test_report_dict_files_and_pictures(self):
        scenario = careroute.Scenario.from_json(careroute.generate(clients=20, zones=2, days=2, seed=3))
        plan = careroute.solve(scenario, iterations=3000)
        check = plan.check()
        self.assertTrue(check.feasible)
        report = plan.report(living_wage=0)
        figures = report.to_dict()
        self.assertEqual(figures["summary"]["unassigned"], check.unassigned)
        self.assertAlmostEqual(figures["total"]["travel_hours"] * 60, check.travel_time, places=2)
        self.assertAlmostEqual(figures["summary"]["carers_per_client"], check.carers_per_client, places=3)
        self.assertEqual(figures["charter"]["carers_below_living_wage"], [])
        self.assertEqual(len(figures["carer_days"]), len(plan.routes))
        with tempfile.TemporaryDirectory() as tmp:
            report.write_csv(tmp)
            report.write_html(os.path.join(tmp, "r.html"))
            report.write_json(os.path.join(tmp, "r.json"))
            zone = figures["clients"][0]["zone"]
            report.write_picture("map", os.path.join(tmp, "m.png"), zone=zone, day=1)
            report.write_picture("continuity", os.path.join(tmp, "c.svg"))
            report.add_tradeoff(0, 40.0, 3.0)
            report.add_tradeoff(30, 42.0, 2.0)
            report.write_picture("tradeoff", os.path.join(tmp, "t.svg"))
            self.assertEqual(sorted(f for f in os.listdir(tmp) if f.endswith(".csv")),
                             ["carer_days.csv", "carers.csv", "charter.csv", "clients.csv", "providers.csv",
                              "unassigned.csv"])
            with open(os.path.join(tmp, "m.png"), "rb") as f:
                self.assertEqual(f.read(4), b"\x89PNG")
            with self.assertRaises(ValueError):
                report.write_picture("map", os.path.join(tmp, "x.png"), zone="atlantis")
            with self.assertRaises(careroute.CarerouteError) as e:
                report.write_picture("rota", os.path.join(tmp, "x.png"), day=5)
            self.assertIn("day 5 does not exist", str(e.exception))
            with self.assertRaises(careroute.CarerouteError):
                report.write_csv(os.path.join(tmp, "missing"))


if __name__ == "__main__":
    unittest.main()
