/* Typed access to JSON values that reports failures by JSON path
 * ("$.visits[3].window: expected ..."). */
#ifndef CR_IO_JSON_READ_H
#define CR_IO_JSON_READ_H

#include <json-glib/json-glib.h>
#include <stdbool.h>

#define CR_JSON_MAX_DEPTH 64

typedef struct {
    const char *source; /* file name for messages */
    GError **err;
} cr_jr;

/* Parse text into a root node; checks UTF-8, nesting depth and syntax. */
JsonNode *cr_jr_parse(cr_jr *j, const char *data, size_t len);

/* Fail with "source: path: message" (CR_ERR_INVALID_DATA unless code given). */
bool cr_jr_fail(cr_jr *j, int code, const char *path, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/* "$.a" + "b" -> "$.a.b"; "$.a" + 3 -> "$.a[3]". Caller frees. */
char *cr_jr_key(const char *path, const char *key);
char *cr_jr_index(const char *path, unsigned i);

const char *cr_jr_type_name(JsonNode *n);

JsonObject *cr_jr_object(cr_jr *j, JsonNode *n, const char *path);
JsonArray *cr_jr_array(cr_jr *j, JsonNode *n, const char *path);

/* Reject members not listed in allowed (NULL-terminated): typos are caught. */
bool cr_jr_known_keys(cr_jr *j, JsonObject *o, const char *path, const char *const *allowed);

/* Member readers: when the member is absent, required ones fail and optional
 * ones leave *out unchanged and succeed. */
bool cr_jr_string(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
                  const char **out);
bool cr_jr_number(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
                  double min, double max, double *out);
bool cr_jr_int(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
               long min, long max, long *out);
bool cr_jr_bool(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
                bool *out);
/* A time of day: "HH:MM" or a number of minutes after midnight, 0..1440. */
bool cr_jr_time_node(cr_jr *j, JsonNode *n, const char *path, double *out);
bool cr_jr_time(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
                double *out);

#endif
