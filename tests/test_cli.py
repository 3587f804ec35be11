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
                           (["--format", "xml"], "unknown format"),
                           (["--bogus"], "unknown option"),
                           (["--out"], "needs a value")]:
            r = run("solve", *args, tiny) if args != ["--out"] else run("solve", tiny, "--out")
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn(part, r.stderr)

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
        self.assertEqual(plan["scenario"], "sample-town")
        self.assertTrue(os.path.getsize(self.path("routes.txt")) > 0)
        r = run("demo", "--out-dir", self.path("nope"))
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main()
