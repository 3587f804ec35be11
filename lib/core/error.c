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
 * so control characters from input files are replaced. */
void cr_errmsg_set(char *buf, const char *msg)
{
    if (!msg)
        msg = "";
    g_strlcpy(buf, msg, CR_ERRMSG_SIZE);
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x20)
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
