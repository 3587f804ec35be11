#!/usr/bin/env python3
"""Variants of a care week whose clients are tied to a few carers before the
search, for measuring whether deciding teams first helps continuity.

    bench/team_scenarios.py MODE SIZE SCENARIO.json OUT.json

MODE is one of:

  partition  each provider-and-zone group's carers are split into teams of
             about SIZE by where they live (nearest of SIZE-spread seeds, a
             few rounds of k-means with equal sizes); each client, heaviest
             first, joins the nearest team that has a carer with its skills
             (and gender, where it asks) working on every day of each call,
             room at that call's time of day (calls per working carer: 3.9 in
             the morning, 2.6 at lunch and tea, 4.55 at bed time) and three
             quarters of the team's weekly hours to spare; every other carer
             of the group is excluded. A client that finds no team keeps the
             whole group.
  nearest    each client may be served only by the SIZE carers of its group
             living nearest it who have its skills (others excluded).
  prefer     each client prefers those SIZE nearest carers instead (solve with
             --preference-weight above 0 for it to count).

The output is the scenario with `excluded_carers` and `preferred_carers`
rewritten; visits are unchanged, so plans of it score against the original
week with bench/plan_continuity.py. Results: bench/results/README.md,
"Teams fixed before the search".
"""
import collections
import json
import math
import sys

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
CALLS_PER_CARER = {"am": 3.9, "lunch": 2.6, "tea": 2.6, "bed": 4.55}


def days_of(spec):
    if spec == "all":
        return set(DAYS)
    if spec == "weekdays":
        return set(DAYS[:5])
    return set(spec) if isinstance(spec, list) else {spec}


def km(a, b):
    k = math.pi / 180
    h = (math.sin((b[0] - a[0]) * k / 2) ** 2 +
         math.cos(a[0] * k) * math.cos(b[0] * k) * math.sin((b[1] - a[1]) * k / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def home(carer):
    return (carer["home"]["lat"], carer["home"]["lon"])


def where(client):
    return (client["location"]["lat"], client["location"]["lon"])


def may_serve(carer, client, visit):
    return (set(visit.get("skills", [])) <= set(carer["skills"]) and
            (client.get("carer_gender") != "female" or carer.get("gender") == "female"))


def partition(group, size):
    """Teams of about `size` carers of one group, by home."""
    n_teams = max(1, round(len(group) / size))
    seeds = [group[0]]
    while len(seeds) < n_teams:
        seeds.append(max(group, key=lambda c: min(km(home(c), home(s)) for s in seeds)))
    centres = [home(s) for s in seeds]
    for _ in range(10):
        room = [len(group) // n_teams + (t < len(group) % n_teams) for t in range(n_teams)]
        teams, placed = [[] for _ in range(n_teams)], set()
        for _, idx, t in sorted((km(home(c), centres[t]), idx, t)
                                for idx, c in enumerate(group) for t in range(n_teams)):
            if idx not in placed and len(teams[t]) < room[t]:
                teams[t].append(group[idx])
                placed.add(idx)
        centres = [(sum(home(c)[0] for c in tm) / len(tm), sum(home(c)[1] for c in tm) / len(tm))
                   for tm in teams]
    return teams


def assign_to_teams(teams, clients, calls, working):
    """Each client's team (None: none could take it)."""
    load = collections.Counter()
    hours = [0.75 * 60 * sum(c["max_weekly_hours"] for c in tm) for tm in teams]
    used = [0.0] * len(teams)

    def minutes(k):
        return sum(v["duration"] * v.get("carers", 1) * len(days_of(v["days"])) for v in calls[k["id"]])

    def fits(k, t):
        for v in calls[k["id"]]:
            slot = v["id"].rsplit("-", 1)[-1]
            for d in days_of(v["days"]):
                on = [c for c in teams[t] if d in working[c["id"]]]
                if sum(may_serve(c, k, v) for c in on) < v.get("carers", 1):
                    return False
                if load[t, d, slot] + v.get("carers", 1) > CALLS_PER_CARER.get(slot, 3) * len(on):
                    return False
        return used[t] + minutes(k) <= hours[t]

    team_of = {}
    for k in sorted(clients, key=lambda k: -minutes(k)):
        near = sorted(range(len(teams)),
                      key=lambda t: sum(km(where(k), home(c)) for c in teams[t]) / len(teams[t]))
        t = next((t for t in near if fits(k, t)), None)
        team_of[k["id"]] = t
        if t is None:
            continue
        used[t] += minutes(k)
        for v in calls[k["id"]]:
            for d in days_of(v["days"]):
                load[t, d, v["id"].rsplit("-", 1)[-1]] += v.get("carers", 1)
    return team_of


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("partition", "nearest", "prefer"):
        sys.exit(__doc__)
    mode, size = sys.argv[1], int(sys.argv[2])
    with open(sys.argv[3]) as f:
        sc = json.load(f)
    calls = collections.defaultdict(list)
    for v in sc["visits"]:
        calls[v["client"]].append(v)
    working = {c["id"]: set().union(*[days_of(s["days"]) for s in c["shifts"]]) for c in sc["carers"]}
    groups = collections.defaultdict(list)
    for c in sc["carers"]:
        for z in c["zones"]:
            groups[c["provider"], z].append(c)
    by_group = collections.defaultdict(list)
    for k in sc["clients"]:
        by_group[k["provider"], k["zone"]].append(k)
    allowed = {}
    for g, group in groups.items():
        if mode == "partition":
            teams = partition(group, size)
            team_of = assign_to_teams(teams, by_group[g], calls, working)
            for k in by_group[g]:
                t = team_of[k["id"]]
                allowed[k["id"]] = {c["id"] for c in (teams[t] if t is not None else group)}
            print("%s/%s: %d carers in teams of %s, %d clients without a team" %
                  (g[0], g[1], len(group), [len(t) for t in teams],
                   sum(t is None for t in team_of.values())), file=sys.stderr)
        else:
            for k in by_group[g]:
                able = [c for c in group if c["id"] not in k.get("excluded_carers", []) and
                        all(may_serve(c, k, v) for v in calls[k["id"]])]
                able.sort(key=lambda c: km(where(k), home(c)))
                allowed[k["id"]] = {c["id"] for c in able[:size]}
    for k in sc["clients"]:
        group = {c["id"] for c in groups[k["provider"], k["zone"]]}
        if mode == "prefer":
            k["preferred_carers"] = sorted(allowed[k["id"]] - set(k.get("excluded_carers", [])))
            continue
        excluded = set(k.get("excluded_carers", [])) | (group - allowed[k["id"]])
        k["excluded_carers"] = sorted(excluded)
        preferred = [c for c in k.get("preferred_carers", []) if c not in excluded]
        k.pop("preferred_carers", None)
        if preferred:
            k["preferred_carers"] = preferred
    with open(sys.argv[4], "w") as f:
        json.dump(sc, f, indent=1)


if __name__ == "__main__":
    main()
