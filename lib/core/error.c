#include "error.h"

#include "careroute.h"

#include <stdarg.h>
#include <string.h>

G_DEFINE_QUARK(careroute-error-quark, cr_error)

int cr_error_status(const GError *err)
{
    if (!err)
        return CR_OK;
    if (err->domain == CR_ERROR)
        return err->code;
    if (err->domain == G_FILE_ERROR)
        return CR_ERR_IO;
    return CR_ERR_INTERNAL;
}

/* Messages must stay one line (they become Python exceptions and log lines),
 * so control characters from input files are replaced; and valid UTF-8 (a
 * message quoting a damaged file may hold any byte, and callers write
 * messages into JSON), so bad bytes become U+FFFD and a message too long for
 * the buffer is cut between characters, not inside one. */
void cr_errmsg_set(char *buf, const char *msg)
{
    char *valid = g_utf8_make_valid(msg ? msg : "", -1);
    size_t len = strlen(valid);
    if (len >= CR_ERRMSG_SIZE) {
        len = CR_ERRMSG_SIZE - 1;
        while (len > 0 && ((unsigned char)valid[len] & 0xC0) == 0x80)
            len--; /* valid[len] would be the middle of a character */
    }
    memcpy(buf, valid, len);
    buf[len] = '\0';
    g_free(valid);
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
}

void cr_errmsg_setf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    cr_errmsg_set(buf, msg);
    g_free(msg);
}

CR_API const char *cr_status_str(int status)
{
    switch (status) {
    case CR_OK: return "ok";
    case CR_ERR_INVALID_ARGUMENT: return "invalid argument";
    case CR_ERR_NO_MEMORY: return "out of memory";
    case CR_ERR_IO: return "input/output error";
    case CR_ERR_PARSE: return "parse error";
    case CR_ERR_INVALID_DATA: return "invalid data";
    case CR_ERR_UNSUPPORTED: return "unsupported";
    case CR_ERR_CANCELLED: return "cancelled";
    case CR_ERR_INTERNAL: return "internal error";
    default: return "unknown status";
    }
}

CR_API bool cr_status_is_input_error(int status)
{
    return status == CR_ERR_INVALID_ARGUMENT || status == CR_ERR_PARSE ||
           status == CR_ERR_INVALID_DATA || status == CR_ERR_UNSUPPORTED;
}

CR_API const char *cr_version(void)
{
    return CR_VERSION_STRING;
}

int cr_errmsg_take(char *buf, GError *err)
{
    int st = cr_error_status(err);
    cr_errmsg_set(buf, err ? err->message : "unknown error");
    g_clear_error(&err);
    return st ? st : CR_ERR_INTERNAL;
}
