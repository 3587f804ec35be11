/* White-box test of the handles' one-line messages (lib/core/error.c):
 * whatever bytes a message quotes, what a caller reads is one line of
 * valid UTF-8 that fits the handle's buffer, cut between characters when
 * too long. Links the internal static library. */
#include "core/error.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_control_and_bad_bytes)
{
    char buf[CR_ERRMSG_SIZE];
    cr_errmsg_set(buf, "line 3: found '1\xff\xfe' then\na tab\there\x7f");
    ck_assert(g_utf8_validate(buf, -1, NULL));
    ck_assert_ptr_null(strchr(buf, '\n'));
    ck_assert_ptr_null(strchr(buf, '\t'));
    ck_assert_ptr_nonnull(strstr(buf, "line 3: found '1"));
    ck_assert_ptr_nonnull(strstr(buf, "\xef\xbf\xbd")); /* U+FFFD for each bad byte */
    cr_errmsg_set(buf, NULL);
    ck_assert_str_eq(buf, "");
}
END_TEST

/* Every length around the buffer's size, with two- and three-byte
 * characters at every offset: the cut never splits one. */
START_TEST(test_cut_between_characters)
{
    const char *chars[] = {"\xc3\xa9", "\xe2\x82\xac"}; /* é, € */
    for (int k = 0; k < 2; k++)
        for (int pad = 0; pad < 3; pad++) {
            GString *msg = g_string_new(NULL);
            for (int i = 0; i < pad; i++)
                g_string_append_c(msg, 'x');
            while (msg->len < CR_ERRMSG_SIZE + 8)
                g_string_append(msg, chars[k]);
            char buf[CR_ERRMSG_SIZE];
            cr_errmsg_set(buf, msg->str);
            size_t len = strlen(buf);
            ck_assert_uint_lt(len, CR_ERRMSG_SIZE);
            ck_assert_uint_ge(len, CR_ERRMSG_SIZE - 4);
            ck_assert_msg(g_utf8_validate(buf, -1, NULL), "pad %d, char %d: cut inside a character", pad, k);
            ck_assert(strncmp(buf, msg->str, len) == 0);
            g_string_free(msg, TRUE);
        }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("errmsg");
    TCase *tc = tcase_create("messages");
    tcase_add_test(tc, test_control_and_bad_bytes);
    tcase_add_test(tc, test_cut_between_characters);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
