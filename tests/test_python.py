"""The Python ctypes wrapper: loading, options, solving with progress and
cancellation, plans as dicts, errors as exceptions. Every solved plan is
checked by the library's independent checker."""
import json
import os
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

    def test_write_and_check_plan_file(self):
        sc = careroute.Scenario.from_file(fixture("small_scenario.json"))
        plan = careroute.solve(sc, iterations=200, time_limit=60)
        self.assertFeasible(plan)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "plan.json")
            plan.write_json(path)
            again = careroute.Plan.from_file(sc, path)
            self.assertEqual(again.routes, plan.routes)
            self.assertTrue(again.check().feasible)
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


if __name__ == "__main__":
    unittest.main()
