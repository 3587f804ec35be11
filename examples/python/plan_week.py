#!/usr/bin/env python3
"""Plan a week from Python and print the weekly KPIs a commissioner asks for.

    CAREROUTE_LIB=build/lib/libcareroute.so PYTHONPATH=examples/python \\
        python3 examples/python/plan_week.py [SCENARIO.json] [--out-dir DIR]

Without a scenario it plans the built-in sample, examples/data/sample_scenario.json.
With --out-dir it also writes the HTML report, the CSV tables and the pictures.
"""
import argparse
import os
import sys

import careroute


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default="examples/data/sample_scenario.json")
    ap.add_argument("--time-limit", type=float, default=3)
    ap.add_argument("--out-dir")
    args = ap.parse_args()
    if args.out_dir and not os.path.isdir(args.out_dir):  # before the solve, not after
        try:  # made if its parent is there, as the careroute program does
            os.mkdir(args.out_dir)
        except OSError as e:
            print("careroute: --out-dir %s: cannot make the folder: %s" % (args.out_dir, e.strerror),
                  file=sys.stderr)
            return 2
    try:
        scenario = careroute.Scenario.from_file(args.scenario)
    except careroute.CarerouteError as e:
        print("careroute:", e, file=sys.stderr)
        return 2

    def progress(fraction, best, unassigned):
        if sys.stderr.isatty():
            print("\r%3.0f%%  travel %.1f  unassigned %d" % (100 * fraction, best, unassigned),
                  end="", file=sys.stderr)

    plan = careroute.solve(scenario, time_limit=args.time_limit, seed=1, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    check = plan.check()
    report = plan.report()
    r = report.to_dict()
    s, t = r["summary"], r["total"]
    print("%s: %d days, checker: %s" % (scenario.name, scenario.n_days,
                                       "feasible" if check.feasible else "INFEASIBLE"))
    print("  visits planned %d, unallocated %d" % (s["visits"], s["unassigned"]))
    print("  care hours %.1f, travel hours %.1f (%.1f%% of paid time), cost %.0f"
          % (s["care_hours"], s["travel_hours"], 100 * s["travel_share"], s["cost"]))
    print("  distinct carers per client %.2f (clients with 7+ visits: %s)"
          % (s["carers_per_client"], "%.2f" % s["carers_per_client_7_plus_visits"]
             if s["carers_per_client_7_plus_visits"] is not None else "none"))
    print("  carers below the living wage: %d of %d working"
          % (len(r["charter"]["carers_below_living_wage"]), s["carers_working"]))
    print("  %-12s %-12s %8s %8s %7s %9s %s" % ("provider", "zone", "care h", "weekly h", "travel", "cost/h",
                                              "viability"))
    for g in r["providers"]:
        print("  %-12s %-12s %8.1f %8.1f %6.1f%% %9.2f %s"
              % (g["provider"] or "-", g["zone"] or "-", g["care_hours"], g["weekly_care_hours"],
                 100 * g["travel_share"], g["cost_per_care_hour"] or 0, g["viability"]))
    for u in r["unassigned"][:5]:
        print("  unallocated %s: %s" % (u["visit"], u["reason"]))
    if len(r["unassigned"]) > 5:
        print("  ... and %d more (unassigned.csv)" % (len(r["unassigned"]) - 5))
    if args.out_dir:
        report.write_html(args.out_dir + "/report.html")
        report.write_csv(args.out_dir)
        print("wrote report.html and the CSV tables into", args.out_dir)
    return 0 if check.feasible else 1


if __name__ == "__main__":
    sys.exit(main())
