/* Where the tests find their data: CR_TEST_DATA (set by meson), else
 * tests/data from the source root; and loading a scenario from there. */
#ifndef CR_TESTS_FIXTURE_H
#define CR_TESTS_FIXTURE_H

#include <careroute.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Scenario fixture `name`, loaded or the test fails with the library's message. */
static inline cr_scenario *load(const char *name)
{
    cr_scenario *s = NULL;
    ck_assert_int_eq(cr_scenario_new(&s), CR_OK);
    cr_status st = cr_scenario_load_file(s, fixture_in(NULL, name), CR_FORMAT_AUTO);
    ck_assert_msg(st == CR_OK, "loading %s: %s", name, cr_scenario_errmsg(s));
    return s;
}

/* A scenario from JSON text in the test, loaded or the test fails. */
static inline cr_scenario *load_json(const char *json)
{
    cr_scenario *s = NULL;
    ck_assert_int_eq(cr_scenario_new(&s), CR_OK);
    cr_status st = cr_scenario_load_data(s, json, strlen(json), CR_FORMAT_SCENARIO);
    ck_assert_msg(st == CR_OK, "%s", cr_scenario_errmsg(s));
    return s;
}

#endif
