"""The shared library exports only cr_* symbols (DESIGN.md: no internal
names leak)."""
import subprocess
import sys

lib = sys.argv[1]
out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True, check=True).stdout
exported = [line.split()[-1] for line in out.splitlines() if line.strip()]
leaked = [s for s in exported if not s.startswith("cr_")]
public = [s for s in exported if s.startswith("cr_")]
if leaked:
    print("non-cr_ symbols exported:", ", ".join(sorted(leaked)))
    sys.exit(1)
if len(public) < 40:
    print("only %d cr_ symbols exported; the public API has more" % len(public))
    sys.exit(1)
print("%d symbols exported, all cr_*" % len(public))
