#include "json_read.h"

#include "careroute.h"
#include "core/error.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool cr_jr_fail(cr_jr *j, int code, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (j->err && !*j->err)
        g_set_error(j->err, CR_ERROR, code ? code : CR_ERR_INVALID_DATA, "%s: %s: %s",
                    j->source, path, msg);
    g_free(msg);
    return false;
}

char *cr_jr_key(const char *path, const char *key)
{
    return g_strdup_printf("%s.%s", path, key);
}

char *cr_jr_index(const char *path, unsigned i)
{
    return g_strdup_printf("%s[%u]", path, i);
}

/* Line and column of a byte offset, for messages about raw text. */
static void locate(const char *data, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (data[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

/* What a scan of the raw text finds before json-glib sees it. */
typedef struct {
    size_t too_deep; /* offset of the first bracket past CR_JSON_MAX_DEPTH, or -1 */
    size_t trailing; /* offset of text after the top-level object or array, or -1 */
} text_shape;

static bool is_json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Two guards json-glib 1.6 lacks. It recurses once per nesting level, so
 * hostile input could exhaust the stack: measure the depth first. And it
 * accepts a second object or array after the first ("{...}{}"), keeping one
 * and leaking the other, so a file with two documents run together would
 * load as one of them: find where the first top-level value ends. Strings are
 * skipped over. */
static text_shape scan_shape(const char *data, size_t len)
{
    text_shape shape = {(size_t)-1, (size_t)-1};
    int depth = 0;
    bool in_string = false, closed = false;
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (closed) {
            if (!is_json_space(c)) {
                shape.trailing = i;
                break;
            }
        } else if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > CR_JSON_MAX_DEPTH) {
                shape.too_deep = i;
                break;
            }
        } else if (c == '}' || c == ']') {
            /* a scalar at the top, or a stray closer: json-glib says what is wrong */
            closed = --depth == 0;
            if (depth < 0)
                break;
        }
    }
    return shape;
}

JsonNode *cr_jr_parse(cr_jr *j, const char *data, size_t len)
{
    int line, col;
    const char *bad = NULL;
    if (memchr(data, '\0', len)) {
        size_t off = (size_t)((const char *)memchr(data, '\0', len) - data);
        locate(data, off, &line, &col);
        g_set_error(j->err, CR_ERROR, CR_ERR_PARSE, "%s:%d:%d: NUL byte in JSON text", j->source, line, col);
        return NULL;
    }
    if (!g_utf8_validate(data, (gssize)len, &bad)) {
        locate(data, (size_t)(bad - data), &line, &col);
        g_set_error(j->err, CR_ERROR, CR_ERR_PARSE, "%s:%d:%d: invalid UTF-8, expected UTF-8 JSON text",
                    j->source, line, col);
        return NULL;
    }
    text_shape shape = scan_shape(data, len);
    if (shape.too_deep != (size_t)-1) {
        locate(data, shape.too_deep, &line, &col);
        g_set_error(j->err, CR_ERROR, CR_ERR_PARSE, "%s:%d:%d: JSON nested more than %d levels deep",
                    j->source, line, col, CR_JSON_MAX_DEPTH);
        return NULL;
    }
    if (shape.trailing != (size_t)-1) {
        locate(data, shape.trailing, &line, &col);
        g_set_error(j->err, CR_ERROR, CR_ERR_PARSE,
                    "%s:%d:%d: text after the end of the JSON document, expected nothing more", j->source,
                    line, col);
        return NULL;
    }
    /* A leading byte order mark is legal in files but not for json-glib. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    JsonParser *parser = json_parser_new_immutable();
    GError *e = NULL;
    JsonNode *root = NULL;
    if (!json_parser_load_from_data(parser, data, (gssize)len, &e)) {
        /* json-glib says "<data>:LINE:COL: Parse error: ..." */
        const char *msg = e->message;
        if (g_str_has_prefix(msg, "<data>"))
            msg += strlen("<data>");
        else if (*msg != ':')
            g_set_error(j->err, CR_ERROR, CR_ERR_PARSE, "%s: invalid JSON: %s", j->source, msg), msg = NULL;
        if (msg)
            g_set_error(j->err, CR_ERROR, CR_ERR_PARSE, "%s%s", j->source, msg);
        g_error_free(e);
    } else if (!json_parser_get_root(parser)) {
        g_set_error(j->err, CR_ERROR, CR_ERR_PARSE, "%s: empty JSON document, expected an object",
                    j->source);
    } else {
        root = json_node_ref(json_parser_get_root(parser));
    }
    g_object_unref(parser);
    return root;
}

const char *cr_jr_type_name(JsonNode *n)
{
    if (!n || JSON_NODE_HOLDS_NULL(n))
        return "null";
    if (JSON_NODE_HOLDS_OBJECT(n))
        return "an object";
    if (JSON_NODE_HOLDS_ARRAY(n))
        return "an array";
    GType t = json_node_get_value_type(n);
    if (t == G_TYPE_STRING)
        return "a string";
    if (t == G_TYPE_BOOLEAN)
        return "a boolean";
    return "a number";
}

JsonObject *cr_jr_object(cr_jr *j, JsonNode *n, const char *path)
{
    if (!n || !JSON_NODE_HOLDS_OBJECT(n)) {
        cr_jr_fail(j, 0, path, "expected an object, found %s", cr_jr_type_name(n));
        return NULL;
    }
    return json_node_get_object(n);
}

JsonArray *cr_jr_array(cr_jr *j, JsonNode *n, const char *path)
{
    if (!n || !JSON_NODE_HOLDS_ARRAY(n)) {
        cr_jr_fail(j, 0, path, "expected an array, found %s", cr_jr_type_name(n));
        return NULL;
    }
    return json_node_get_array(n);
}

bool cr_jr_known_keys(cr_jr *j, JsonObject *o, const char *path, const char *const *allowed)
{
    GList *members = json_object_get_members(o);
    bool ok = true;
    for (GList *l = members; l && ok; l = l->next) {
        const char *k = l->data;
        bool known = false;
        for (const char *const *a = allowed; *a && !known; a++)
            known = g_str_equal(*a, k);
        if (!known) {
            GString *list = g_string_new(NULL);
            for (const char *const *a = allowed; *a; a++)
                g_string_append_printf(list, "%s%s", a == allowed ? "" : ", ", *a);
            ok = cr_jr_fail(j, 0, path, "unknown field \"%.60s\" (expected one of: %s)", k, list->str);
            g_string_free(list, TRUE);
        }
    }
    g_list_free(members);
    return ok;
}

static JsonNode *member(JsonObject *o, const char *key)
{
    return json_object_has_member(o, key) ? json_object_get_member(o, key) : NULL;
}

static bool missing(cr_jr *j, const char *path, const char *key, const char *what)
{
    char *p = cr_jr_key(path, key);
    cr_jr_fail(j, 0, p, "missing required field, expected %s", what);
    g_free(p);
    return false;
}

static bool is_number_node(JsonNode *n)
{
    if (!n || !JSON_NODE_HOLDS_VALUE(n))
        return false;
    GType t = json_node_get_value_type(n);
    return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

bool cr_jr_string(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
                  const char **out)
{
    JsonNode *n = member(o, key);
    if (!n)
        return required ? missing(j, path, key, "a string") : true;
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING) {
        char *p = cr_jr_key(path, key);
        cr_jr_fail(j, 0, p, "expected a string, found %s", cr_jr_type_name(n));
        g_free(p);
        return false;
    }
    const char *s = json_node_get_string(n);
    if (!*s) {
        char *p = cr_jr_key(path, key);
        cr_jr_fail(j, 0, p, "expected a non-empty string");
        g_free(p);
        return false;
    }
    *out = s;
    return true;
}

bool cr_jr_number(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
                  double min, double max, double *out)
{
    JsonNode *n = member(o, key);
    if (!n)
        return required ? missing(j, path, key, "a number") : true;
    char *p = cr_jr_key(path, key);
    bool ok = false;
    if (!is_number_node(n)) {
        cr_jr_fail(j, 0, p, "expected a number, found %s", cr_jr_type_name(n));
    } else {
        double v = json_node_get_double(n);
        if (!isfinite(v))
            cr_jr_fail(j, 0, p, "expected a finite number");
        else if (v < min || v > max)
            cr_jr_fail(j, 0, p, "%.10g is out of range, expected %g to %g", v, min, max);
        else {
            *out = v;
            ok = true;
        }
    }
    g_free(p);
    return ok;
}

bool cr_jr_int(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
               long min, long max, long *out)
{
    double v = 0;
    if (!json_object_has_member(o, key))
        return required ? missing(j, path, key, "a whole number") : true;
    if (!cr_jr_number(j, o, path, key, required, (double)min, (double)max, &v))
        return false;
    if (v != floor(v)) {
        char *p = cr_jr_key(path, key);
        cr_jr_fail(j, 0, p, "expected a whole number, found %g", v);
        g_free(p);
        return false;
    }
    *out = (long)v;
    return true;
}

bool cr_jr_bool(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
                bool *out)
{
    JsonNode *n = member(o, key);
    if (!n)
        return required ? missing(j, path, key, "true or false") : true;
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_BOOLEAN) {
        char *p = cr_jr_key(path, key);
        cr_jr_fail(j, 0, p, "expected true or false, found %s", cr_jr_type_name(n));
        g_free(p);
        return false;
    }
    *out = json_node_get_boolean(n);
    return true;
}

bool cr_jr_time_node(cr_jr *j, JsonNode *n, const char *path, double *out)
{
    if (is_number_node(n)) {
        double v = json_node_get_double(n);
        if (!isfinite(v) || v < 0 || v > 1440)
            return cr_jr_fail(j, 0, path, "%g minutes is not a time of day, expected 0 to 1440", v);
        *out = v;
        return true;
    }
    if (n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING) {
        const char *s = json_node_get_string(n);
        unsigned h = 0, mi = 0;
        char tail = 0;
        if (strlen(s) <= 5 && sscanf(s, "%2u:%2u%c", &h, &mi, &tail) == 2 && strlen(s) >= 4 &&
            s[strlen(s) - 3] == ':' && mi < 60 && (h < 24 || (h == 24 && mi == 0))) {
            *out = h * 60.0 + mi;
            return true;
        }
        return cr_jr_fail(j, 0, path, "\"%.20s\" is not a time of day, expected \"HH:MM\" (00:00 to 24:00)", s);
    }
    return cr_jr_fail(j, 0, path, "expected a time of day \"HH:MM\" or minutes after midnight, found %s",
                      cr_jr_type_name(n));
}

bool cr_jr_time(cr_jr *j, JsonObject *o, const char *path, const char *key, bool required,
                double *out)
{
    JsonNode *n = member(o, key);
    if (!n)
        return required ? missing(j, path, key, "a time of day \"HH:MM\"") : true;
    char *p = cr_jr_key(path, key);
    bool ok = cr_jr_time_node(j, n, p, out);
    g_free(p);
    return ok;
}
