#!/usr/bin/env python3
"""Evaluate a home health care solution in the published JSON form against its
instance, independently of careroute (standard library only).

    bench/hhc_evaluate.py INSTANCE SOLUTION.json

INSTANCE is a Mankowska et al. (2014) text file or a Ceschia et al. (2024)
JSON instance. The rules are those of ../shared/data/README.md: caregivers
leave the depot at time 0; a service starts no earlier than the caregiver's
arrival and the patient's earliest start; tardiness is lateness past the due
time; a double service is done by two different caregivers, together or with
the second service's start within [min, max] of the first's. Prints the
objective (distance + total tardiness + maximum tardiness) / 3 and exits 1
when a rule is broken. Published times are rounded, so 1e-3 is tolerated.
"""
import json
import math
import sys

TOL = 1e-3


def read_mankowska(path):
    toks = open(path).read().split()
    at = 0
    d = {}

    def num():
        nonlocal at
        at += 1
        return float(toks[at - 1])

    while at < len(toks):
        key = toks[at]
        at += 1
        if key in ("nbNodes", "nbVehi", "nbServi"):
            d[key] = int(num())
            continue
        n, v, s = d["nbNodes"], d["nbVehi"], d["nbServi"]
        if key == "r":
            d[key] = [[num() for _ in range(s)] for _ in range(n)]
        elif key == "DS":
            ds = []
            while toks[at] != "a":
                ds.append(int(toks[at]) - 1)
                at += 1
            d[key] = ds
        elif key == "a":
            d[key] = [[num() for _ in range(s)] for _ in range(v)]
        elif key in ("x", "y", "mind", "maxd", "e", "l"):
            d[key] = [num() for _ in range(n)]
        elif key == "d":
            d[key] = [[num() for _ in range(n)] for _ in range(n)]
        elif key == "p":
            d[key] = [[num() for _ in range(s)] for _ in range(n * v)]
        else:
            raise ValueError("unknown keyword %r" % key)
    n, v, s = d["nbNodes"], d["nbVehi"], d["nbServi"]
    inst = {"travel": lambda a, b: d["d"][a][b], "depot_end": n - 1, "tasks": {}, "pairs": [], "able": {}}
    for c in range(v):
        inst["able"]["c%d" % (c + 1)] = {"s%d" % (k + 1) for k in range(s) if d["a"][c][k]}
    for i in range(1, n - 1):
        services = [k for k in range(s) if d["r"][i][k]]
        for k in services:
            inst["tasks"][("p%d" % i, "s%d" % (k + 1))] = {
                "node": i, "ready": d["e"][i], "due": d["l"][i],
                "duration": {"c%d" % (c + 1): d["p"][i * v + c][k] for c in range(v)}}
        if len(services) == 2:
            inst["pairs"].append((("p%d" % i, "s%d" % (services[0] + 1)), ("p%d" % i, "s%d" % (services[1] + 1)),
                                  d["mind"][i], d["maxd"][i]))
    return inst


def read_json(path):
    d = json.load(open(path))
    dist = d["distances"]
    dur = {s["id"]: s["default_duration"] for s in d["services"]}
    inst = {"travel": lambda a, b: dist[a][b], "depot_end": 0, "tasks": {}, "pairs": [], "able": {}}
    for c in d["caregivers"]:
        inst["able"][c["id"]] = set(c["abilities"])
    for n, p in enumerate(d["patients"], start=1):
        req = p["required_caregivers"]
        for r in req:
            length = r.get("duration", dur[r["service"]])
            inst["tasks"][(p["id"], r["service"])] = {
                "node": n, "ready": math.floor(p["time_window"][0]), "due": math.floor(p["time_window"][1]),
                "duration": {c: length for c in inst["able"]}}
        if len(req) == 2:
            sync = p["synchronization"]
            gap = sync.get("distance", [0, 0]) if sync["type"] == "sequential" else [0, 0]
            inst["pairs"].append(((p["id"], req[0]["service"]), (p["id"], req[1]["service"]), gap[0], gap[1]))
    return inst


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    inst = read_json(sys.argv[1]) if sys.argv[1].endswith(".json") else read_mankowska(sys.argv[1])
    sol = json.load(open(sys.argv[2]))
    problems, start, who, late = [], {}, {}, []
    distance = 0.0
    for route in sol["routes"]:
        c = route["caregiver_id"]
        at, t = 0, 0.0
        for loc in route.get("locations", []):
            key = (loc["patient"], loc["service"])
            task = inst["tasks"].get(key)
            if task is None:
                problems.append("%s/%s is not a needed service" % key)
                continue
            if loc["service"] not in inst["able"].get(c, set()):
                problems.append("%s is not qualified for %s/%s" % ((c,) + key))
            if key in start:
                problems.append("%s/%s is served twice" % key)
            distance += inst["travel"](at, task["node"])
            arrival = t + inst["travel"](at, task["node"])
            s = loc["arrival_time"]
            if s < arrival - TOL or s < task["ready"] - TOL:
                problems.append("%s/%s starts at %g, before arrival %g or earliest start %g"
                                % (key + (s, arrival, task["ready"])))
            start[key], who[key] = s, c
            late.append(max(0.0, s - task["due"]))
            t = s + task["duration"][c]
            at = task["node"]
        distance += inst["travel"](at, inst["depot_end"])
    for key in inst["tasks"]:
        if key not in start:
            problems.append("%s/%s is not served" % key)
    for a, b, lo, hi in inst["pairs"]:
        if a in start and b in start:
            if who[a] == who[b]:
                problems.append("%s/%s and %s/%s need two caregivers" % (a + b))
            gap = start[b] - start[a]
            if gap < lo - TOL or gap > hi + TOL:
                problems.append("%s/%s starts %g after %s/%s, outside [%g, %g]" % (b + (gap,) + a + (lo, hi)))
    total, most = sum(late), max(late or [0.0])
    print("distance %.3f  tardiness %.3f  max tardiness %.3f  objective %.3f  %s"
          % (distance, total, most, (distance + total + most) / 3, "feasible" if not problems else "INFEASIBLE"))
    for p in problems[:10]:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
