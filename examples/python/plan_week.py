#!/usr/bin/env python3
"""Plan a scenario from Python and print each carer's day.

    CAREROUTE_LIB=build/lib/libcareroute.so python3 examples/python/plan_week.py \
        examples/data/sample_scenario.json
"""
import sys

import careroute


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "examples/data/sample_scenario.json"
    try:
        scenario = careroute.Scenario.from_file(path)
    except careroute.CarerouteError as e:
        print("careroute:", e, file=sys.stderr)
        return 2

    def progress(fraction, best, unassigned):
        print("\r%3.0f%%  travel %.1f  unassigned %d" % (100 * fraction, best, unassigned),
              end="", file=sys.stderr)

    plan = careroute.solve(scenario, time_limit=2, seed=1, progress=progress)
    print(file=sys.stderr)
    check = plan.check()
    print("%s: %d routes, travel %.1f min, %d unassigned, checker: %s"
          % (scenario.name, len(plan.routes), plan.travel_time, len(plan.unassigned),
             "feasible" if check.feasible else "INFEASIBLE"))
    for route in plan.routes:
        times = ", ".join("%s %02d:%02d" % (v["visit"], v["start"] // 60, v["start"] % 60)
                          for v in route["visits"])
        print("  carer %-4s day %d: %s" % (route["carer"], route["day"], times))
    for u in plan.unassigned:
        print("  unassigned %s: %s" % (u["visit"], u["reason"]))
    return 0 if check.feasible else 1


if __name__ == "__main__":
    sys.exit(main())
