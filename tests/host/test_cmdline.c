// sources: lib/cmdline.c
/*
 * tests/host/test_cmdline.c - lib/cmdline.c, the kernel command line parser.
 */
#include "check.h"

#include <lib/cmdline.h>

static struct cmdline cl;

TEST(keys_values_and_flags)
{
    cmdline_parse(&cl, "ktest=boot quiet loglevel=7");
    CHECK_EQ(3, cl.nwords);
    CHECK_STR("boot", cmdline_get(&cl, "ktest"));
    CHECK_STR("", cmdline_get(&cl, "quiet"));
    CHECK(cmdline_has(&cl, "quiet"));
    CHECK_STR("7", cmdline_get(&cl, "loglevel"));
    CHECK(cmdline_get(&cl, "missing") == NULL);
    CHECK(!cmdline_has(&cl, "missing"));
    CHECK(!cl.truncated);
}

TEST(last_repeated_key_wins)
{
    cmdline_parse(&cl, "a=1 a=2");
    CHECK_STR("2", cmdline_get(&cl, "a"));
}

TEST(quotes_group_spaces)
{
    cmdline_parse(&cl, "name=\"two words\" x");
    CHECK_STR("two words", cmdline_get(&cl, "name"));
    CHECK(cmdline_has(&cl, "x"));
}

TEST(words_after_double_dash_go_to_init)
{
    cmdline_parse(&cl, "quiet -- run hello \"a b\" c");
    CHECK_EQ(1, cl.nwords);
    CHECK_EQ(4, cl.init_argc);
    CHECK_STR("run", cl.init_argv[0]);
    CHECK_STR("a b", cl.init_argv[2]);
    CHECK(cl.init_argv[4] == NULL);
    CHECK(!cmdline_has(&cl, "run"));
}

TEST(value_may_contain_equals)
{
    cmdline_parse(&cl, "init=a=b");
    CHECK_STR("a=b", cmdline_get(&cl, "init"));
}

TEST(empty_and_null_lines)
{
    cmdline_parse(&cl, NULL);
    CHECK_EQ(0, cl.nwords);
    CHECK_EQ(0, cl.init_argc);
    cmdline_parse(&cl, "   \t  ");
    CHECK_EQ(0, cl.nwords);
    cmdline_parse(&cl, "--");
    CHECK_EQ(0, cl.init_argc);
    CHECK(cl.init_argv[0] == NULL);
}

TEST(too_many_words_are_dropped_and_reported)
{
    char line[4096] = "";
    for (int i = 0; i < CMDLINE_MAX_WORDS + 5; i++)
        strcat(line, "w ");
    cmdline_parse(&cl, line);
    CHECK_EQ(CMDLINE_MAX_WORDS, cl.nwords);
    CHECK(cl.truncated);
}

TEST(too_long_line_is_truncated_safely)
{
    static char line[CMDLINE_MAX_LEN * 3];
    memset(line, 'x', sizeof(line) - 1);
    cmdline_parse(&cl, line);
    CHECK(cl.truncated);
    CHECK_EQ(0, cl.nwords);
}
