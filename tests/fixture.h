/* Where the tests find their data: CR_TEST_DATA (set by meson), else
 * tests/data from the source root. */
#ifndef CR_TESTS_FIXTURE_H
#define CR_TESTS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

/* The path of data file `name` (in folder `sub`, or NULL), valid until the
 * fourth call after this one. */
static inline char *fixture_in(const char *sub, const char *name)
{
    const char *dir = getenv("CR_TEST_DATA");
    static char buf[4][1024];
    static int slot;
    char *out = buf[slot++ % 4];
    snprintf(out, 1024, "%s/%s%s%s", dir ? dir : "tests/data", sub ? sub : "", sub ? "/" : "", name);
    return out;
}

#endif
