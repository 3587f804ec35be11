/* Errors inside the library travel as GError in the CR_ERROR domain, with a
 * cr_status as the code; the public API copies the message to the handle. */
#ifndef CR_CORE_ERROR_H
#define CR_CORE_ERROR_H

#include <glib.h>

#define CR_ERROR (cr_error_quark())
GQuark cr_error_quark(void);

/* The cr_status carried by err (CR_ERR_INTERNAL for foreign domains). */
int cr_error_status(const GError *err);

/* Fixed-size one-line message buffer kept by every handle. */
#define CR_ERRMSG_SIZE 512
void cr_errmsg_set(char *buf, const char *msg);
void cr_errmsg_setf(char *buf, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Copy err's message into buf, free err, and return its cr_status. */
int cr_errmsg_take(char *buf, GError *err);

#endif
