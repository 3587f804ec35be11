#!/usr/bin/env python3
"""Turn a file into a C source defining a NUL-terminated byte array, so the
careroute program carries its sample scenario with it (no install paths)."""
import sys

src, out, name = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(src, "rb").read()
with open(out, "w") as f:
    f.write("/* generated from %s by embed.py */\n#include <stddef.h>\n" % src.split("/")[-1])
    f.write("const char %s[] = {\n" % name)
    for i in range(0, len(data), 16):
        f.write("  " + ", ".join("0x%02x" % b for b in data[i:i + 16]) + ",\n")
    f.write("  0x00\n};\nconst size_t %s_len = %d;\n" % (name, len(data)))
