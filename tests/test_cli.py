"""The careroute program: summary lines, exit codes (0 ok, 1 failure,
2 bad input), no partial output files, check and demo."""
import json
import os
import subprocess
import tempfile
import unittest

BIN = os.environ.get("CAREROUTE_BIN", "build/examples/careroute")
DATA = os.environ.get("CR_TEST_DATA", os.path.join(os.path.dirname(__file__), "data"))


def run(*args, cwd=None):
    return subprocess.run([BIN, *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          stdin=subprocess.DEVNULL)


class TestCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_version_and_help(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^careroute \d+\.\d+\.\d+\n$")
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("careroute solve", r.stdout.replace("  solve", "careroute solve"))
        self.assertEqual(run().returncode, 2)
        r = run("frobnicate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown command 'frobnicate'", r.stderr)

    def test_solve_summary_and_outputs(self):
        out, routes = self.path("plan.json"), self.path("routes.txt")
        r = run("solve", "--iterations", "300", "--time-limit", "60", "--out", out, "--routes-out", routes,
                os.path.join(DATA, "tiny.txt"))
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.strip().split("\n")
        self.assertEqual(len(lines), 1)
        summary = json.loads(lines[0])
        for key in ("instance", "routes", "distance", "unassigned", "feasible", "seconds"):
            self.assertIn(key, summary)
        self.assertEqual(summary["instance"], "TINY")
        self.assertTrue(summary["feasible"])
        self.assertAlmostEqual(summary["distance"], 10.0, places=5)
        self.assertEqual(open(routes).read().count("Route "), 2)
        r = run("check", os.path.join(DATA, "tiny.txt"), out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(json.loads(r.stdout)["feasible"])

    def test_check_catches_tampering(self):
        out = self.path("plan.json")
        r = run("solve", "--iterations", "100", "--time-limit", "60", "--out", out,
                os.path.join(DATA, "small_scenario.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.load(open(out))
        doc["routes"][0]["visits"].append(doc["routes"][0]["visits"][0])
        json.dump(doc, open(out, "w"))
        r = run("check", os.path.join(DATA, "small_scenario.json"), out)
        self.assertEqual(r.returncode, 1)
        self.assertIn("more than once", r.stderr)
        self.assertFalse(json.loads(r.stdout)["feasible"])

    def test_check_names_a_scenario_given_as_the_plan(self):
        scenario = os.path.join(DATA, "small_scenario.json")
        r = run("check", scenario, scenario)
        self.assertEqual(r.returncode, 2)
        self.assertIn("this is a scenario; give the plan file", r.stderr)
        plan = self.path("plan.json")
        self.assertEqual(run("solve", "--iterations", "100", "--out", plan, scenario).returncode, 0)
        r = run("report", "--out-dir", self.tmp.name, plan, scenario)  # the two swapped
        self.assertEqual(r.returncode, 2)
        self.assertIn("this is a plan; give the scenario file", r.stderr)

    def test_bad_input_exit_2_and_no_output(self):
        bad = self.path("bad.json")
        with open(bad, "w") as f:
            f.write('{"carers": [{"id": "c", "home": {"x": 0, "y": 0}, "shifts": []}],\n "clients": 7}\n')
        out = self.path("plan.json")
        r = run("solve", "--out", out, bad)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stdout, "")
        self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
        self.assertIn(bad + ": $.clients: expected an array, found a number", r.stderr)
        self.assertFalse(os.path.exists(out))
        r = run("solve", "--out", out, self.path("missing.txt"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot open", r.stderr)
        self.assertFalse(os.path.exists(out))

    def test_bad_options(self):
        tiny = os.path.join(DATA, "tiny.txt")
        for args, part in [(["--time-limit", "abc"], "not a number"),
                           (["--threads", "0"], "threads"),
                           (["--seed", "1.5"], "whole number"),
                           (["--objective", "cheapest"], "unknown objective"),
                           (["--preference-weight", "-2"], "preference weight: -2 is out of range"),
                           (["--continuity-weight", "x"], "not a number"),
                           (["--continuity-weight", "1e400"], "'1e400' is too large"),
                           (["--seed", "-1"], "seed: -1 is out of range, expected 0 to 4294967295"),
                           (["--format", "xml"], "unknown format"),
                           (["--bogus"], "unknown option"),
                           (["--out"], "needs a value")]:
            r = run("solve", *args, tiny) if args != ["--out"] else run("solve", tiny, "--out")
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn(part, r.stderr)

    def test_too_many_places_is_a_clear_failure(self):
        # 150,000 places would need a 180 GB travel table: refused in words,
        # not a glib abort (sanitizer builds must return NULL to see it too)
        n = 150000
        sc = {"format": "careroute-scenario-1", "name": "huge", "days": 1, "travel": {"model": "euclidean"},
              "carers": [{"id": "c1", "home": {"x": 0, "y": 0}, "shifts": [{"start": "07:00", "end": "22:00"}]}],
              "clients": [{"id": "k%d" % i, "location": {"x": i % 400, "y": i // 400}} for i in range(n)],
              "visits": [{"id": "v%d" % i, "client": "k%d" % i, "window": ["08:00", "20:00"], "duration": 30}
                         for i in range(n)]}
        with open(self.path("huge.json"), "w") as f:
            json.dump(sc, f)
        env = dict(os.environ, ASAN_OPTIONS="allocator_may_return_null=1:" + os.environ.get("ASAN_OPTIONS", ""))
        r = subprocess.run([BIN, "solve", "--time-limit", "5", "--out", self.path("p.json"), self.path("huge.json")],
                           capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("150001 places need a travel table of 180.0 GB", r.stderr)
        self.assertFalse(os.path.exists(self.path("p.json")))

    def test_unwritable_output_is_failure(self):
        r = run("solve", "--iterations", "10", "--out", "/nonexistent-dir/plan.json", os.path.join(DATA, "tiny.txt"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("does not exist", r.stderr)

    def test_demo(self):
        r = run("demo", "--time-limit", "0.5", "--out-dir", self.tmp.name)
        self.assertEqual(r.returncode, 0, r.stderr)
        summary = json.loads(r.stdout)
        self.assertTrue(summary["feasible"])
        self.assertIn("wrote", r.stderr)
        plan = json.load(open(self.path("plan.json")))
        self.assertEqual(plan["scenario"], "sample-council")
        self.assertTrue(os.path.getsize(self.path("routes.txt")) > 0)
        # The reports: JSON, the CSV tables, the HTML page and the pictures.
        report = json.load(open(self.path("report.json")))
        self.assertEqual(report["format"], "careroute-report-1")
        self.assertEqual(report["summary"]["unassigned"], summary["unassigned"])
        for name in ("carer_days", "carers", "clients", "providers", "unassigned", "charter"):
            with open(self.path(name + ".csv")) as f:
                self.assertGreater(len(f.readline().split(",")), 2, name)
        html = open(self.path("report.html")).read()
        self.assertIn("data:image/png;base64,", html)
        self.assertIn("data:image/svg+xml;base64,", html)
        for zone in ("west", "north-east", "south-east"):
            with open(self.path("map-%s.png" % zone), "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
            with open(self.path("rota-%s.svg" % zone)) as f:
                self.assertIn("<svg", f.read(400))
        r = run("demo", "--out-dir", self.path("nope/deeper"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("its parent folder does not exist", r.stderr)
        self.assertFalse(os.path.exists(self.path("nope")))
        r = run("demo", "--out-dir", self.path("plan.json"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("exists and is not a folder", r.stderr)

    def test_demo_makes_its_folder(self):
        r = run("demo", "--time-limit", "0.2", "--out-dir", self.path("new"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("made the folder", r.stderr)
        self.assertTrue(os.path.isfile(self.path("new/report.html")))

    def test_generate_is_seeded_and_loads(self):
        out = [self.path("g%d.json" % i) for i in range(3)]
        for path, seed in zip(out, (5, 5, 6)):
            r = run("generate", "--clients", "30", "--zones", "2", "--days", "3", "--seed", str(seed), "--out", path)
            self.assertEqual(r.returncode, 0, r.stderr)
        summary = json.loads(r.stdout)
        self.assertEqual(summary["clients"], 30)
        a, b, c = (open(p).read() for p in out)
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)
        r = run("solve", "--iterations", "2000", out[0])
        self.assertEqual(r.returncode, 0, r.stderr)
        for args, part in ((("--clients", "0"), "clients"), (("--double-ups", "0.9"), "double-up share"),
                           (("--zones", "3", "--clients", "2"), "zones"), (("--carers", "2"), "too few"),
                           (("--bogus", "1"), "unknown option"),
                           (("--days-off", "sometimes"), "expected 'fixed', 'chosen' or 'in-a-row'")):
            r = run("generate", *args, "--out", self.path("bad.json"))
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn(part, r.stderr)
            self.assertFalse(os.path.exists(self.path("bad.json")))

    def test_generate_chosen_days_off(self):
        path = self.path("chosen.json")
        r = run("generate", "--clients", "30", "--zones", "1", "--days-off", "chosen", "--out", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        carers = json.load(open(path))["carers"]
        self.assertTrue(all(c["max_working_days"] == 5 for c in carers))
        self.assertNotIn("two_days_off_in_a_row", json.load(open(path))["rules"])
        r = run("solve", "--iterations", "20000", "--out", self.path("p.json"), path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(json.loads(r.stdout)["feasible"])
        r = run("generate", "--clients", "30", "--zones", "1", "--days-off", "in-a-row", "--out", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(json.load(open(path))["rules"]["two_days_off_in_a_row"])
        r = run("solve", "--iterations", "20000", "--out", self.path("p.json"), path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(json.loads(r.stdout)["feasible"])

    def test_report_command(self):
        scenario = self.path("s.json")
        run("generate", "--clients", "20", "--days", "2", "--out", scenario)
        r = run("solve", "--iterations", "3000", "--out", self.path("p.json"), scenario)
        self.assertEqual(r.returncode, 0, r.stderr)
        os.mkdir(self.path("rep"))
        r = run("report", "--out-dir", self.path("rep"), "--living-wage", "30", scenario, self.path("p.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        report = json.load(open(self.path("rep/report.json")))
        # At 30 an hour every carer who worked is below the wage.
        worked = [c for c in report["carers"] if c["hours_worked"] > 0]
        self.assertEqual(len(report["charter"]["carers_below_living_wage"]), len(worked))
        r = run("report", "--out-dir", self.path("missing/rep"), scenario, self.path("p.json"))
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main()


GEO = os.path.join(DATA, "geo")


class TestGeoCommands(unittest.TestCase):
    """careroute matrix, careroute zones, and solve/check with --map."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def test_matrix_on_a_map(self):
        points = self.write("points.csv", "id,lon,lat\nn1,0.0,0.0\nn3,0.002,0.0\nn4,0.003,0.0\n")
        out = self.path("m.csv")
        for method in ("fast", "dijkstra"):
            r = run("matrix", "--map", os.path.join(GEO, "tiny.osm"), "--points", points, "--out", out,
                    "--method", method)
            self.assertEqual(r.returncode, 0, r.stderr)
            summary = json.loads(r.stdout)
            self.assertEqual(summary["points"], 3)
            self.assertEqual(summary["unreachable"], 0)
            with open(out) as f:
                rows = [line.split(",") for line in f.read().splitlines()]
            self.assertEqual(rows[0], ["id", "n1", "n3", "n4"])
            # n3 -> n4 on the one-way primary road (111.2 m at 56 km/h); back is the long way.
            self.assertEqual(rows[2][3], "7.1")
            self.assertGreater(float(rows[3][2]), 100)

    def test_matrix_straight_line_and_zones(self):
        points = self.write("points.csv", "a,-0.5,0\nb,-0.4,0.1\nc,0.2,0.5\nd,5.5,5.5\n")
        out = self.path("m.csv")
        r = run("matrix", "--straight-line", "--points", points, "--out", out,
                "--zones", os.path.join(GEO, "zones.geojson"))
        self.assertEqual(r.returncode, 0, r.stderr)
        zones = {z["zone"]: z for z in json.loads(r.stdout)["zones"]}
        self.assertEqual(zones["West"]["points"], 2)
        self.assertEqual(zones["East"]["points"], 2)
        with open(self.path("m-East.csv")) as f:
            self.assertEqual(f.readline().strip(), "id,c,d")

    def test_matrix_bad_input(self):
        points = self.write("points.csv", "id,lon,lat\nfar,0.0105,0.0\n")
        out = self.path("m.csv")
        cases = [
            (["--map", os.path.join(GEO, "tiny.osm"), "--points", points], "\"far\""),
            (["--map", os.path.join(GEO, "broken.osm"), "--points", points], "not well-formed"),
            (["--map", os.path.join(GEO, "tiny.osm"), "--points", self.write("bad.csv", "x,1\n")], "bad.csv:1"),
            (["--map", os.path.join(GEO, "tiny.osm"), "--points", self.path("none.csv")], "none.csv"),
            (["--map", os.path.join(GEO, "tiny.osm"), "--profile", "horse", "--points", points], "horse"),
            (["--map", os.path.join(GEO, "tiny.osm"), "--speed", "primary", "--points", points], "CLASS=KMH"),
            (["--points", points], "--map FILE or --straight-line"),
            (["--straight-line", "--points", points, "--zones", os.path.join(GEO, "square.poly")], "in no zone"),
        ]
        for args, message in cases:
            r = run("matrix", *args, "--out", out)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn(message, r.stderr)
            self.assertEqual(r.stdout, "")
            self.assertFalse(os.path.exists(out), args)

    def test_zones_design_then_assign(self):
        lines = ["id,lon,lat,hours"]
        for i in range(60):
            lines.append("p%d,%.5f,%.5f,%d" % (i, 9.5 + (i * 37 % 60) / 600, 47.1 + (i * 11 % 60) / 600, 3 + i % 5))
        points = self.write("points.csv", "\n".join(lines) + "\n")
        geo, assigned = self.path("z.geojson"), self.path("a.csv")
        r = run("zones", "design", "--points", points, "--k", "3", "--out", geo, "--assign-out", assigned)
        self.assertEqual(r.returncode, 0, r.stderr)
        design = json.loads(r.stdout)
        self.assertEqual(len(design["zones"]), 3)
        self.assertLess(design["largest_over_mean"], 1.1)
        again = self.path("b.csv")
        r = run("zones", "assign", "--zones", geo, "--points", points, "--out", again)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(assigned) as a, open(again) as b:
            self.assertEqual(a.read(), b.read())
        r = run("zones", "design", "--points", points, "--k", "0", "--out", geo)
        self.assertEqual(r.returncode, 2)
        r = run("zones", "split")
        self.assertEqual(r.returncode, 2)

    def test_solve_and_check_on_roads(self):
        scenario, plan = os.path.join(GEO, "road_scenario.json"), self.path("plan.json")
        r = run("solve", "--iterations", "100", "--time-limit", "60", "--out", plan, scenario)
        self.assertEqual(r.returncode, 0, r.stderr)
        road = json.loads(r.stdout)
        self.assertTrue(road["feasible"])
        self.assertAlmostEqual(road["travel_time"], 2.1785, places=3)
        r = run("check", scenario, plan)
        self.assertEqual(r.returncode, 0, r.stderr)
        # The same plan on foot: the carer cannot keep the stated times.
        r = run("check", "--map", os.path.join(GEO, "tiny.osm"), "--profile", "walk", scenario, plan)
        self.assertEqual(r.returncode, 1)
        r = run("solve", "--iterations", "100", "--matrix", os.path.join(GEO, "road_matrix.csv"), scenario)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertAlmostEqual(json.loads(r.stdout)["travel_time"], 8.0, places=6)
        r = run("solve", "--matrix", os.path.join(GEO, "matrix.csv"), scenario)
        self.assertEqual(r.returncode, 2)
        self.assertIn("\"k1\"", r.stderr)


class TestZoneAreas(unittest.TestCase):
    """"zone_areas" in a scenario file, solve --zones and zones design --scenario."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def scenario(self, **extra):
        with open(os.path.join(GEO, "road_scenario.json")) as f:
            doc = json.load(f)
        doc.update(extra)
        for name in ("tiny.osm", "zones_tiny.geojson", "square.poly"):
            with open(os.path.join(GEO, name)) as src, open(os.path.join(self.tmp.name, name), "w") as dst:
                dst.write(src.read())
        path = os.path.join(self.tmp.name, "scenario.json")
        with open(path, "w") as f:
            json.dump(doc, f)
        return path

    def test_zone_areas(self):
        r = run("solve", "--iterations", "100", "--time-limit", "60", "--out", os.path.join(self.tmp.name, "p.json"),
                self.scenario(zone_areas="zones_tiny.geojson"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["unassigned"], 1)
        r = run("solve", self.scenario(zone_areas="square.poly"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("client c4", r.stderr)
        r = run("solve", self.scenario(zone_areas="nowhere.geojson"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("$.zone_areas", r.stderr)
        r = run("solve", "--iterations", "100", "--zones", os.path.join(GEO, "zones_tiny.geojson"),
                os.path.join(GEO, "road_scenario.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["unassigned"], 1)

    def test_design_from_scenario(self):
        out, assigned = os.path.join(self.tmp.name, "z.geojson"), os.path.join(self.tmp.name, "a.csv")
        r = run("zones", "design", "--scenario", os.path.join(GEO, "road_scenario.json"), "--k", "2",
                "--out", out, "--assign-out", assigned)
        self.assertEqual(r.returncode, 0, r.stderr)
        design = json.loads(r.stdout)
        self.assertEqual(design["points"], 3)  # two clients and the carer's home
        self.assertAlmostEqual(sum(z["hours"] for z in design["zones"]), 1.0)
        with open(assigned) as f:
            self.assertEqual(f.readline().strip(), "id,zone")
            self.assertEqual(len(f.read().splitlines()), 3)
        r = run("solve", "--iterations", "50", "--zones", out, os.path.join(GEO, "road_scenario.json"))
        self.assertEqual(r.returncode, 0, r.stderr)


class TestHomeHealthCare(unittest.TestCase):
    """Benchmark instances read directly; the summary carries their objective."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_mankowska_solve_and_check(self):
        inst, plan = os.path.join(DATA, "hhc", "InstanzCPLEX_HCSRP_10_1.txt"), os.path.join(self.tmp.name, "p.json")
        r = run("solve", "--iterations", "50000", "--time-limit", "60", "--out", plan, inst)
        self.assertEqual(r.returncode, 0, r.stderr)
        summary = json.loads(r.stdout)
        self.assertTrue(summary["feasible"])
        self.assertLess(summary["objective"], 218.199 * 1.02)
        r = run("check", inst, plan)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertAlmostEqual(json.loads(r.stdout)["objective"], summary["objective"], places=6)
        # Forcing the wrong format is bad input.
        r = run("solve", "--format", "solomon", inst)
        self.assertEqual(r.returncode, 2)

    def test_convrp_solve(self):
        r = run("solve", "--iterations", "500", "--time-limit", "60",
                os.path.join(DATA, "convrp", "convrp_10_test_1.vrp"))
        self.assertEqual(r.returncode, 0, r.stderr)
        summary = json.loads(r.stdout)
        self.assertTrue(summary["feasible"])
        # one driver per customer on all its days: the problem's rule
        self.assertEqual(summary["carers_per_client"], 1.0)
