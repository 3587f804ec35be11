"""The shared library exports only cr_* symbols (DESIGN.md: no internal
names leak), and every function the public header declares is exported."""
import re
import subprocess
import sys

lib, header = sys.argv[1], sys.argv[2]
out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True, check=True).stdout
exported = {line.split()[-1] for line in out.splitlines() if line.strip()}
leaked = sorted(s for s in exported if not s.startswith("cr_"))
declared = set(re.findall(r"^CR_API\b[^;(]*?\b(cr_\w+)\s*\(", open(header).read(), re.M))
missing = sorted(declared - exported)
if leaked:
    print("non-cr_ symbols exported:", ", ".join(leaked))
if missing:
    print("declared in careroute.h but not exported:", ", ".join(missing))
if len(declared) < 40:
    print("only %d declarations found in %s; the pattern is broken" % (len(declared), header))
    sys.exit(1)
if leaked or missing:
    sys.exit(1)
print("%d symbols exported, all cr_*, covering all %d declared" % (len(exported), len(declared)))
