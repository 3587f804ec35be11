#!/usr/bin/env python3
"""Travel and continuity of one plan, for paired comparisons of two builds.

    bench/plan_continuity.py SCENARIO.json PLAN.json WEIGHT [LABEL]

prints one line: travel minutes, extra carers (over all clients, the
distinct carers each sees beyond the first), their weighted sum (travel +
WEIGHT x extra: the search's objective without preference costs), the mean
distinct carers over clients with 7 or more visits in the plan, and the
unassigned visits; then the same mean split into the clients with one carer
per call and those with some double-up calls (two carers at once), with how
many clients each is over. Single runs of the week vary by a few per cent, so
compare medians over several solver seeds of the same scenario.
"""
import collections
import json
import sys


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        scenario_visits = json.load(f)["visits"]
    client_of = {v["id"]: v["client"] for v in scenario_visits}
    double_up_clients = {v["client"] for v in scenario_visits if v.get("carers", 1) == 2}
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
    seven = [c for c in carers if visits[c] >= 7]
    single = [len(carers[c]) for c in seven if c not in double_up_clients]
    double = [len(carers[c]) for c in seven if c in double_up_clients]
    travel = plan["summary"]["travel_time"]
    print("%s travel %.0f extra %d obj %.0f carers/client7+ %.3f unassigned %d"
          " single-carer %.3f (%d) double-up %.3f (%d)" %
          (label, travel, extra, travel + weight * extra, mean(single + double),
           len(plan.get("unassigned", [])), mean(single), len(single), mean(double), len(double)))


def mean(values):
    return sum(values) / len(values) if values else 0.0


if __name__ == "__main__":
    main()
