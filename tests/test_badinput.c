/* Bad input, table-driven: every malformed scenario is refused with the
 * right status and a one-line message that says where and what was expected.
 * None may crash, hang or load. */
#include <careroute.h>

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *name;
    const char *data;
    size_t len;         /* 0: strlen(data) */
    int format;
    cr_status status;
    const char *message; /* must appear in the error message */
} bad_case;

#define CARERS "\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]}], "
#define JSON_HEAD "{" CARERS
#define CLIENTS "\"clients\": [{\"id\": \"k\", \"location\": {\"x\": 1, \"y\": 1}}], "
#define VISIT(extra) "\"visits\": [{\"id\": \"v\", \"client\": \"k\", \"window\": [\"09:00\", \"10:00\"], \"duration\": 30" extra "}]}"

/* 300 two-byte characters: a message quoting them is longer than the
 * handle's buffer and must be cut between characters. */
#define E10 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
#define E100 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10
#define SOLOMON_HEAD "T\n\nVEHICLE\nNUMBER     CAPACITY\n  2         10\n\nCUSTOMER\nCUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n"
#define DEPOT "    0      0          0          0          0        100          0\n"

static const bad_case cases[] = {
    /* ---- anything ---- */
    {"empty input", "", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "empty input"},
    {"only whitespace", " \n\t\r\n ", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "empty input"},
    {"garbage bytes", "\x01\x02\xfe\xff garbage", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "unknown format"},
    {"binary with NUL", "{\"a\": \0 1}", 10, CR_FORMAT_AUTO, CR_ERR_PARSE, "NUL byte"},
    /* ---- JSON syntax ---- */
    {"invalid UTF-8", "{\"name\": \"caf\xe9\"}", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:1:14: invalid UTF-8"},
    {"truncated JSON", "{\"carers\": [{\"id\": \"c\"", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:1:"},
    {"truncated mid-string", JSON_HEAD CLIENTS "\"visits\": [{\"id\": \"v", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:1:"},
    {"NaN literal", "{\"days\": NaN}", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:1:"},
    {"trailing comma", "{\"days\": 1,}", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:1:"},
    {"two documents run together", "{\"days\": 1}\n{\"days\": 2}", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:2:1: text after the end of the JSON document"},
    {"top-level array", "[1, 2, 3]", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$: expected an object, found an array"},
    {"top-level array forced", "[]", 0, CR_FORMAT_SCENARIO, CR_ERR_INVALID_DATA, "$: expected an object"},
    /* ---- JSON structure ---- */
    {"missing carers", "{" CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers: missing required field"},
    {"carers of wrong type", "{\"carers\": 5, " CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers: expected an array, found a number"},
    {"unknown top-level field", "{\"carres\": []}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$: unknown field \"carres\""},
    {"unknown carer field", "{\"carers\": [{\"id\": \"c\", \"hme\": {}}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0]: unknown field \"hme\""},
    {"carer without id", "{\"carers\": [{\"home\": {\"x\": 0, \"y\": 0}}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].id: missing required field"},
    {"empty id", "{\"carers\": [{\"id\": \"\"}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].id: expected a non-empty string"},
    {"id of wrong type", "{\"carers\": [{\"id\": 7}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].id: expected a string, found a number"},
    {"duplicate carer id", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": []}, {\"id\": \"c\"}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[1]: duplicate carer id \"c\""},
    {"missing shifts", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].shifts: missing required field"},
    {"shift reversed", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"start\": \"12:00\", \"end\": \"08:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].shifts[0]: shift ends (08:00) before it starts (12:00)"},
    {"time out of range", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"start\": \"25:00\", \"end\": \"26:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].shifts[0].start: \"25:00\" is not a time of day"},
    {"time of wrong type", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"start\": true, \"end\": \"09:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "start: expected a time of day \"HH:MM\" or minutes after midnight, found a boolean"},
    {"negative minutes", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"start\": -30, \"end\": 600}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "-30 minutes is not a time of day"},
    {"unknown client", JSON_HEAD CLIENTS "\"visits\": [{\"id\": \"v\", \"client\": \"zz\", \"window\": [\"09:00\", \"10:00\"], \"duration\": 30}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[0].client: unknown client \"zz\""},
    {"reversed window", JSON_HEAD CLIENTS "\"visits\": [{\"id\": \"v\", \"client\": \"k\", \"window\": [\"10:00\", \"09:00\"], \"duration\": 30}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[0].window: reversed time window"},
    {"window of three", JSON_HEAD CLIENTS "\"visits\": [{\"id\": \"v\", \"client\": \"k\", \"window\": [\"09:00\", \"10:00\", \"11:00\"], \"duration\": 30}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "expected two times"},
    {"negative duration", JSON_HEAD CLIENTS "\"visits\": [{\"id\": \"v\", \"client\": \"k\", \"window\": [\"09:00\", \"10:00\"], \"duration\": -5}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[0].duration: -5 is out of range"},
    {"15-minute visit", JSON_HEAD CLIENTS "\"visits\": [{\"id\": \"v\", \"client\": \"k\", \"window\": [\"09:00\", \"10:00\"], \"duration\": 15}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "15 minutes is shorter than the minimum visit length of 30 minutes"},
    {"huge number", JSON_HEAD CLIENTS VISIT(", \"priority\": 1e400"), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[0].priority"},
    {"duration not a number", JSON_HEAD CLIENTS "\"visits\": [{\"id\": \"v\", \"client\": \"k\", \"window\": [\"09:00\", \"10:00\"], \"duration\": \"30\"}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[0].duration: expected a number, found a string"},
    {"latitude out of range", "{\"carers\": [{\"id\": \"c\", \"home\": {\"lat\": 91, \"lon\": 0}}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].home.lat: 91 is out of range"},
    {"mixed coordinate kinds", JSON_HEAD "\"clients\": [{\"id\": \"k\", \"location\": {\"lat\": 52, \"lon\": -1}}], " VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "all locations must use the same kind"},
    {"unknown day", "{\"days\": 7, \"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"day\": \"funday\", \"start\": \"08:00\", \"end\": \"12:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "unknown day \"funday\" (days are: mon, tue, wed, thu, fri, sat, sun)"},
    {"day index out of range", "{\"days\": 2, \"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"shifts\": [{\"day\": 5, \"start\": \"08:00\", \"end\": \"12:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "day 5 out of range"},
    {"visit day missing", "{\"days\": 2, " CARERS CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[0]: missing \"day\""},
    {"three carers", JSON_HEAD CLIENTS VISIT(", \"carers\": 3"), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[0].carers: 3 is out of range, expected 1 to 2"},
    {"priority out of range", JSON_HEAD CLIENTS VISIT(", \"priority\": 9"), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[0].priority: 9 is out of range"},
    {"fractional priority", JSON_HEAD CLIENTS VISIT(", \"priority\": 2.5"), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "expected a whole number"},
    {"unknown excluded carer", JSON_HEAD "\"clients\": [{\"id\": \"k\", \"location\": {\"x\": 1, \"y\": 1}, \"excluded_carers\": [\"nobody\"]}], " VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.clients[0].excluded_carers[0]: unknown carer \"nobody\""},
    {"preferred and excluded", JSON_HEAD "\"clients\": [{\"id\": \"k\", \"location\": {\"x\": 1, \"y\": 1}, \"excluded_carers\": [\"c\"], \"preferred_carers\": [\"c\"]}], " VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "both preferred and excluded"},
    {"unknown provider", "{\"carers\": [{\"id\": \"c\", \"provider\": \"acme\"}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].provider: unknown provider \"acme\""},
    {"unknown skill", "{\"skills\": [\"hoist\"], " CARERS CLIENTS VISIT(", \"skills\": [\"hoists\"]"), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[0].skills[0]: unknown skill \"hoists\""},
    {"unknown funder", JSON_HEAD "\"clients\": [{\"id\": \"k\", \"location\": {\"x\": 1, \"y\": 1}, \"funder\": \"nhs\"}], " VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "unknown funder \"nhs\""},
    {"unknown client gender", JSON_HEAD "\"clients\": [{\"id\": \"k\", \"location\": {\"x\": 1, \"y\": 1}, \"carer_gender\": \"other\"}], " VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.clients[0].carer_gender: unknown gender \"other\", expected \"female\", \"male\" (leave it out for any carer)"},
    {"unknown carer gender", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"gender\": \"f\", \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].gender: unknown gender \"f\", expected \"female\", \"male\" or \"other\""},
    {"zero carer cap", JSON_HEAD "\"clients\": [{\"id\": \"k\", \"location\": {\"x\": 1, \"y\": 1}, \"max_carers\": 0}], " VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.clients[0].max_carers: 0 is out of range"},
    {"fractional default cap", "{\"rules\": {\"max_carers_per_client\": 2.5}, " CARERS CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.rules.max_carers_per_client: expected a whole number"},
    {"spread-over too short", "{\"rules\": {\"max_shift_hours\": 0}, " CARERS CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.rules.max_shift_hours: 0 is out of range"},
    {"negative rest", "{\"rules\": {\"min_rest_hours\": -1}, " CARERS CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.rules.min_rest_hours: -1 is out of range"},
    {"working days out of range", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"max_working_days\": 8, \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].max_working_days: 8 is out of range, expected 1 to 7"},
    {"fractional working days", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"max_working_days\": 4.5, \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].max_working_days: expected a whole number"},
    {"days off rule not a boolean", "{\"rules\": {\"two_days_off_in_a_row\": \"yes\"}}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.rules.two_days_off_in_a_row: expected true or false, found a string"},
    {"contract over the maximum", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"max_weekly_hours\": 20, \"contracted_hours\": 30, \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0]: contracted_hours (30) are more than max_weekly_hours (20)"},
    {"walking on a plane", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"travel_mode\": \"walk\", \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]}], " CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].travel_mode: \"walk\" needs straight-line travel"},
    {"unknown travel mode", "{\"carers\": [{\"id\": \"c\", \"home\": {\"x\": 0, \"y\": 0}, \"travel_mode\": \"scooter\", \"shifts\": [{\"start\": \"08:00\", \"end\": \"12:00\"}]}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.carers[0].travel_mode: unknown travel mode \"scooter\", expected \"car\", \"walk\" or \"bike\""},
    {"break without its length", "{\"rules\": {\"break_after_hours\": 6}, " CARERS CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.rules: a break needs both break_after_hours and break_minutes"},
    {"break window too short", "{\"rules\": {\"break_after_hours\": 6, \"break_minutes\": 30, \"break_from\": \"12:00\", \"break_to\": \"12:15\"}, " CARERS CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.rules.break_to: the break window is shorter than the 30-minute break"},
    {"wrong format tag", "{\"format\": \"careroute-scenario-7\"}", 0, CR_FORMAT_AUTO, CR_ERR_UNSUPPORTED, "$.format: unknown format"},
    {"unknown travel model", "{\"travel\": {\"model\": \"osrm\"}, " CARERS CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_UNSUPPORTED, "unknown travel model \"osrm\""},
    {"speed zero", "{\"travel\": {\"speed_kmh\": 0}, " CARERS CLIENTS VISIT(""), 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.travel.speed_kmh: 0 is out of range"},
    {"duplicate visit id", JSON_HEAD CLIENTS "\"visits\": [{\"id\": \"v\", \"client\": \"k\", \"window\": [\"09:00\", \"10:00\"], \"duration\": 30}, {\"id\": \"v\", \"client\": \"k\", \"window\": [\"09:00\", \"10:00\"], \"duration\": 30}]}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$.visits[1]: duplicate visit id \"v\""},
    /* ---- Solomon text ---- */
    {"solomon truncated header", "T\n\nVEHICLE\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:4: unexpected end of file: expected the line 'NUMBER CAPACITY'"},
    {"solomon no customers", SOLOMON_HEAD, 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "expected the depot line"},
    {"solomon short line", SOLOMON_HEAD DEPOT "    1      1          0          3          0\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:11: expected 7 numbers (id x y demand ready due service), found 5 fields"},
    {"solomon not a number", SOLOMON_HEAD DEPOT "    1      abc        0          3          0        100          1\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:11: field 2 'abc' is not a finite number"},
    {"solomon NaN", SOLOMON_HEAD DEPOT "    1      nan        0          3          0        100          1\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "field 2 'nan' is not a finite number"},
    {"solomon huge", SOLOMON_HEAD DEPOT "    1      1e400      0          3          0        100          1\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "is not a finite number"},
    {"solomon reversed window", SOLOMON_HEAD DEPOT "    1      1          0          3         90         10          1\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "customer 1: reversed time window: ready time 90 is after due date 10"},
    {"solomon negative window", SOLOMON_HEAD DEPOT "    1      1          0          3        -10         10          1\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "time window [-10, 10]"},
    {"solomon ids out of order", SOLOMON_HEAD DEPOT "    5      1          0          3          0        100          1\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "customer id 5: expected 1"},
    {"solomon duplicate id", SOLOMON_HEAD DEPOT "    1      1          0          3          0        100          1\n    1      1          0          3          0        100          1\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:12: customer id 1: expected 2"},
    {"solomon negative demand", SOLOMON_HEAD DEPOT "    1      1          0         -3          0        100          1\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "customer 1: demand -3"},
    {"solomon zero vehicles", "T\nVEHICLE\nNUMBER     CAPACITY\n  0         10\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "<data>:4: vehicle number 0"},
    {"solomon missing CUSTOMER", "T\nVEHICLE\nNUMBER     CAPACITY\n  2         10\nCUSTOMERS ARE HERE\n", 0, CR_FORMAT_SOLOMON, CR_ERR_PARSE, "<data>:5: expected 'CUSTOMER'"},
    {"solomon forced on JSON", "{\"carers\": []}", 0, CR_FORMAT_SOLOMON, CR_ERR_PARSE, "<data>:1: unexpected end of file: expected the VEHICLE section"},
    {"solomon invalid UTF-8", "T\nVEHICLE\n\xff\xfe\n", 0, CR_FORMAT_SOLOMON, CR_ERR_PARSE, "<data>:3: invalid UTF-8"},
    {"solomon one field", SOLOMON_HEAD DEPOT "    1\n", 0, CR_FORMAT_AUTO, CR_ERR_PARSE, "found 1 field"},
    /* a message quoting a damaged field stays valid UTF-8 (the loop checks) */
    {"long field name, shortened", "{\"" E100 E100 E100 "\": 1}", 0, CR_FORMAT_AUTO, CR_ERR_INVALID_DATA, "$: unknown field \"" E10 E10 E10 "\""},
    {"mankowska byte in a number", "nbNodes\n3\nnbVehi\n1\nnbServi\n1\nr\n1\n1\n1\nDS\n\na\n1\nx\n0 1\xff 2\n", 0,
     CR_FORMAT_MANKOWSKA, CR_ERR_PARSE, "<data>:"},
};

START_TEST(test_bad_input)
{
    const bad_case *c = &cases[_i];
    cr_scenario *s = NULL;
    ck_assert_int_eq(cr_scenario_new(&s), CR_OK);
    size_t len = c->len ? c->len : strlen(c->data);
    cr_status st = cr_scenario_load_data(s, c->data, len, c->format);
    const char *msg = cr_scenario_errmsg(s);
    ck_assert_msg(st == c->status, "%s: status %d (%s), expected %d; message: %s", c->name, st,
                  cr_status_str(st), c->status, msg);
    ck_assert_msg(strstr(msg, c->message) != NULL, "%s: message \"%s\" lacks \"%s\"", c->name, msg, c->message);
    ck_assert_msg(strchr(msg, '\n') == NULL, "%s: message is not one line", c->name);
    ck_assert_msg(g_utf8_validate(msg, -1, NULL), "%s: message is not valid UTF-8", c->name);
    /* the handle stays unloaded */
    ck_assert_uint_eq(cr_scenario_n_visits(s), 0);
    ck_assert_ptr_null(cr_scenario_name(s));
    cr_scenario_free(s);
}
END_TEST

START_TEST(test_deep_nesting)
{
    /* 100,000 nested arrays: refused before json-glib recurses into them */
    size_t n = 100000;
    char *data = malloc(n + 16);
    memcpy(data, "{\"a\": ", 6);
    memset(data + 6, '[', n);
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_int_eq(cr_scenario_load_data(s, data, n + 6, CR_FORMAT_AUTO), CR_ERR_PARSE);
    ck_assert_ptr_nonnull(strstr(cr_scenario_errmsg(s), "<data>:1:70: JSON nested more than 64 levels deep"));
    cr_scenario_free(s);
    free(data);
}
END_TEST

START_TEST(test_files)
{
    cr_scenario *s = NULL;
    cr_scenario_new(&s);
    ck_assert_int_eq(cr_scenario_load_file(s, "/nonexistent/scenario.json", CR_FORMAT_AUTO), CR_ERR_IO);
    ck_assert_ptr_nonnull(strstr(cr_scenario_errmsg(s), "/nonexistent/scenario.json: cannot open: No such file"));
    ck_assert_int_eq(cr_scenario_load_file(s, "/tmp", CR_FORMAT_AUTO), CR_ERR_IO);
    ck_assert_ptr_nonnull(strstr(cr_scenario_errmsg(s), "is a directory"));
    ck_assert_int_eq(cr_scenario_load_file(s, "/dev/null", CR_FORMAT_AUTO), CR_ERR_PARSE);
    ck_assert_ptr_nonnull(strstr(cr_scenario_errmsg(s), "/dev/null: empty input"));
    /* a file name is named in messages from inside the file too */
    char path[] = "/tmp/careroute-bad-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\n  \"carers\": [\n    {\"id\": \"c\",\n", f);
    fclose(f);
    ck_assert_int_eq(cr_scenario_load_file(s, path, CR_FORMAT_AUTO), CR_ERR_PARSE);
    char expect[128];
    snprintf(expect, sizeof expect, "%s:3:", path);
    ck_assert_msg(strstr(cr_scenario_errmsg(s), expect), "got %s", cr_scenario_errmsg(s));
    unlink(path);
    /* the same handle loads a good file after failures */
    cr_scenario_free(s);
}
END_TEST

static Suite *bad_suite(void)
{
    Suite *s = suite_create("bad-input");
    TCase *tc = tcase_create("table");
    tcase_add_loop_test(tc, test_bad_input, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_deep_nesting);
    tcase_add_test(tc, test_files);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(bad_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
