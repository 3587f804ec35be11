#!/usr/bin/env python3
"""Travel and continuity of one plan, for paired comparisons of two builds.

    bench/plan_continuity.py SCENARIO.json PLAN.json WEIGHT [LABEL]

prints one line: travel minutes, extra carers (over all clients, the
distinct carers each sees beyond the first), their weighted sum (travel +
WEIGHT x extra: the search's objective without preference costs), the mean
distinct carers over clients with 7 or more visits in the plan, and the
unassigned visits. Single runs of the week vary by a few per cent, so
compare medians over several solver seeds of the same scenario.
"""
import collections
import json
import sys


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        client_of = {v["id"]: v["client"] for v in json.load(f)["visits"]}
    with open(sys.argv[2]) as f:
        plan = json.load(f)
    weight = float(sys.argv[3])
    label = sys.argv[4] if len(sys.argv) > 4 else sys.argv[2]
    carers = collections.defaultdict(set)
    visits = collections.Counter()
    for route in plan["routes"]:
        for v in route["visits"]:
            # a plan's visit is the scenario's id, @day, and #n for a repeat
            client = client_of[v["visit"].rsplit("@", 1)[0]]
            carers[client].add(route["carer"])
            visits[client] += 1
    extra = sum(len(c) - 1 for c in carers.values())
    seven = [len(carers[c]) for c in carers if visits[c] >= 7]
    travel = plan["summary"]["travel_time"]
    print("%s travel %.0f extra %d obj %.0f carers/client7+ %.3f unassigned %d" %
          (label, travel, extra, travel + weight * extra, sum(seven) / max(1, len(seven)),
           len(plan.get("unassigned", []))))


if __name__ == "__main__":
    main()
