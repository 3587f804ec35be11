/* Whole-file reading with limits, atomic writing, format detection. */
#include "io.h"

#include "careroute.h"
#include "core/error.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *cr_io_read_file(const char *path, size_t *len, GError **err)
{
    GStatBuf st;
    if (g_stat(path, &st) != 0) {
        g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: cannot open: %s", path, g_strerror(errno));
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: is a directory, expected a file", path);
        return NULL;
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > CR_IO_MAX_INPUT_BYTES) {
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                    "%s: file is %.0f MB, more than the %zu MB limit", path,
                    (double)st.st_size / 1e6, CR_IO_MAX_INPUT_BYTES >> 20);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: cannot open: %s", path, g_strerror(errno));
        return NULL;
    }
    /* Read in chunks rather than trusting st_size: pipes and /dev files too. */
    GByteArray *buf = g_byte_array_new();
    guint8 chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        g_byte_array_append(buf, chunk, (guint)got);
        if (buf->len > CR_IO_MAX_INPUT_BYTES) {
            fclose(f);
            g_byte_array_free(buf, TRUE);
            g_set_error(err, CR_ERROR, CR_ERR_INVALID_DATA,
                        "%s: more than the %zu MB input limit", path, CR_IO_MAX_INPUT_BYTES >> 20);
            return NULL;
        }
    }
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        g_byte_array_free(buf, TRUE);
        g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: read error: %s", path, g_strerror(e));
        return NULL;
    }
    fclose(f);
    *len = buf->len;
    guint8 nul = 0;
    g_byte_array_append(buf, &nul, 1); /* readers may rely on a terminating NUL */
    return (char *)g_byte_array_free(buf, FALSE);
}

static gboolean write_stream(FILE *f, const char *path, const char *data, size_t len, GError **err)
{
    if (fwrite(data, 1, len, f) != len || fflush(f) != 0) {
        g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: cannot write: %s", path, g_strerror(errno));
        return FALSE;
    }
    return TRUE;
}

gboolean cr_io_write_atomic(const char *path, const char *data, size_t len, GError **err)
{
    /* "-" is standard output, written through the same stream as printf so
     * that the two never overwrite each other in a redirected file. */
    if (g_str_equal(path, "-") || g_str_equal(path, "/dev/stdout"))
        return write_stream(stdout, path, data, len, err);
    /* Devices, pipes and /proc/self/fd links (/dev/stdout) are written in
     * place: renaming a temporary file over them would replace the node or
     * detach the open stream. */
    GStatBuf st;
    gboolean exists = g_stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: is a directory, expected a file name", path);
        return FALSE;
    }
    if ((exists && !S_ISREG(st.st_mode)) || g_str_has_prefix(path, "/dev/") || g_str_has_prefix(path, "/proc/")) {
        /* append: a shell redirection behind /dev/stdout must not be truncated */
        FILE *f = fopen(path, "ab");
        if (!f) {
            g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: cannot open for writing: %s", path, g_strerror(errno));
            return FALSE;
        }
        gboolean ok = write_stream(f, path, data, len, err);
        fclose(f);
        return ok;
    }
    char *dir = g_path_get_dirname(path);
    gboolean dir_ok = g_file_test(dir, G_FILE_TEST_IS_DIR);
    if (!dir_ok)
        g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: cannot write: folder %s does not exist", path, dir);
    g_free(dir);
    if (!dir_ok)
        return FALSE;
    /* A symlink to a regular file: replace the file it points to, not the link. */
    char *real = exists ? realpath(path, NULL) : NULL;
    GError *e = NULL;
    /* g_file_set_contents writes a temporary file beside the target and
     * renames it, so readers never see a half-written plan. */
    gboolean ok = g_file_set_contents(real ? real : path, data, (gssize)len, &e);
    free(real);
    if (!ok) {
        g_set_error(err, CR_ERROR, CR_ERR_IO, "%s: cannot write: %s", path, e->message);
        g_error_free(e);
    }
    return ok;
}

static const char *skip_space(const char *p, const char *end)
{
    /* A UTF-8 byte order mark is tolerated before JSON. */
    if (end - p >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    while (p < end && g_ascii_isspace(*p))
        p++;
    return p;
}

int cr_io_detect_format(const char *data, size_t len)
{
    const char *end = data + len, *p = skip_space(data, end);
    if (p < end && (*p == '{' || *p == '[')) {
        /* The home health care JSON instances name their central offices. */
        bool hhc = g_strstr_len(data, (gssize)len, "\"central_offices\"") != NULL;
        return hhc ? CR_FORMAT_HHC_JSON : CR_FORMAT_SCENARIO;
    }
    if (end - p >= 7 && strncmp(p, "nbNodes", 7) == 0)
        return CR_FORMAT_MANKOWSKA;
    /* Text benchmark files announce themselves in their first lines. */
    gssize head = len < 4096 ? (gssize)len : 4096;
    if (end - p >= 5 && strncmp(p, "NAME:", 5) == 0 && g_strstr_len(data, head, "NUM_DAYS"))
        return CR_FORMAT_CONVRP;
    bool solomon = g_strstr_len(data, head, "VEHICLE") || g_strstr_len(data, head, "CUSTOMER");
    return solomon ? CR_FORMAT_SOLOMON : CR_FORMAT_AUTO;
}

cr_model *cr_io_load(const char *data, size_t len, const char *source, int format, GError **err)
{
    if (format == CR_FORMAT_AUTO) {
        if (len == 0 || skip_space(data, data + len) == data + len) {
            g_set_error(err, CR_ERROR, CR_ERR_PARSE, "%s: empty input, expected a scenario", source);
            return NULL;
        }
        format = cr_io_detect_format(data, len);
        if (format == CR_FORMAT_AUTO) {
            g_set_error(err, CR_ERROR, CR_ERR_PARSE,
                        "%s: unknown format: expected careroute scenario JSON (starting with '{'), "
                        "a Solomon/Gehring-Homberger VRPTW file (VEHICLE and CUSTOMER sections) "
                        "or a Mankowska home health care file (starting with nbNodes)",
                        source);
            return NULL;
        }
    }
    switch (format) {
    case CR_FORMAT_SCENARIO:
        return cr_io_read_scenario_json(data, len, source, err);
    case CR_FORMAT_SOLOMON:
        return cr_io_read_solomon(data, len, source, err);
    case CR_FORMAT_MANKOWSKA:
        return cr_io_read_mankowska(data, len, source, err);
    case CR_FORMAT_HHC_JSON:
        return cr_io_read_hhc_json(data, len, source, err);
    case CR_FORMAT_CONVRP:
        return cr_io_read_convrp(data, len, source, err);
    default:
        g_set_error(err, CR_ERROR, CR_ERR_INVALID_ARGUMENT, "unknown format code %d", format);
        return NULL;
    }
}

char *cr_io_name_from_path(const char *source)
{
    char *base = g_path_get_basename(source);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    return base;
}
