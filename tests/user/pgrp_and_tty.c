// phases: 1 3
/*
 * pgrp_and_tty: process groups (setpgid, getpgid, getpgrp, kill of a
 * group) and the console's terminal interface (tcgetattr, tcsetattr,
 * tcgetpgrp, tcsetpgrp, TIOCGWINSZ), with Linux's errors.
 */
#include "utest.h"
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>

static void sleep_ms(long ms)
{
    struct timespec ts = { 0, ms * 1000000L };
    nanosleep(&ts, NULL);
}

static void wait_forever(void)
{
    for (;;)
        pause();
}

int main(void)
{
    struct termios t, saved;
    struct winsize ws;
    int status;
    pid_t a, b, me = getpid();

    EXPECT_EQ("getpgrp_is_getpgid_0", getpgid(0), getpgrp());
    EXPECT_EQ("setpgid_self_makes_a_group", 0, setpgid(0, 0));
    EXPECT_EQ("getpgid_shows_the_new_group", me, getpgid(0));
    EXPECT_ERRNO("setpgid_negative_is_einval", setpgid(0, -1), EINVAL);
    EXPECT_ERRNO("setpgid_to_a_missing_group_is_eperm", setpgid(0, 99999), EPERM);
    EXPECT_ERRNO("setpgid_of_a_non_child_is_esrch", setpgid(1, 0), ESRCH);
    EXPECT_ERRNO("getpgid_of_nobody_is_esrch", getpgid(99999), ESRCH);

    /* two children in a group of their own; kill(-group) ends both */
    a = fork();
    if (a == 0)
        wait_forever();
    setpgid(a, a);
    b = fork();
    if (b == 0)
        wait_forever();
    EXPECT_EQ("child_joins_a_sibling_group", 0, setpgid(b, a));
    EXPECT_EQ("child_group_is_the_first_child", a, getpgid(b));
    EXPECT_EQ("fork_inherits_the_group", me, ({
        pid_t c = fork();
        if (c == 0)
            _exit(getpgrp() == me ? 0 : 1);
        waitpid(c, &status, 0);
        WIFEXITED(status) && WEXITSTATUS(status) == 0 ? me : -1;
    }));
    sleep_ms(10);
    EXPECT_EQ("kill_of_a_group_succeeds", 0, kill(-a, SIGTERM));
    EXPECT_TRUE("first_of_group_got_it", waitpid(a, &status, 0) == a && WIFSIGNALED(status) &&
                                             WTERMSIG(status) == SIGTERM);
    EXPECT_TRUE("second_of_group_got_it", waitpid(b, &status, 0) == b && WIFSIGNALED(status) &&
                                              WTERMSIG(status) == SIGTERM);
    EXPECT_ERRNO("kill_of_an_empty_group_is_esrch", kill(-a, SIGTERM), ESRCH);
    EXPECT_ERRNO("kill_int_min_is_esrch", kill(-2147483647 - 1, 0), ESRCH);
    EXPECT_EQ("kill_0_signal_0_checks_own_group", 0, kill(0, 0));

    EXPECT_EQ("console_is_a_terminal", 1, isatty(0));
    EXPECT_EQ("tcgetattr_works", 0, tcgetattr(0, &t));
    EXPECT_TRUE("console_starts_canonical_with_echo_and_signals",
                (t.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG));
    saved = t;
    t.c_lflag &= ~(tcflag_t)ECHO;
    EXPECT_EQ("tcsetattr_works", 0, tcsetattr(0, TCSANOW, &t));
    EXPECT_EQ("tcgetattr_reads_back", 0, (tcgetattr(0, &t), t.c_lflag & ECHO));
    EXPECT_ERRNO("tcsetattr_bad_when_is_einval", tcsetattr(0, 7, &t), EINVAL);
    tcsetattr(0, TCSANOW, &saved);
    EXPECT_EQ("tiocgwinsz_says_80_columns", 80, (ioctl(1, TIOCGWINSZ, &ws), ws.ws_col));
    EXPECT_ERRNO("unknown_ioctl_is_enotty", ioctl(0, 0x1234, 0), ENOTTY);
    EXPECT_ERRNO("ioctl_bad_fd_is_ebadf", ioctl(42, TCGETS, &t), EBADF);
    EXPECT_ERRNO("tcgetattr_bad_pointer_is_efault", ioctl(0, TCGETS, (void *)8), EFAULT);
    EXPECT_EQ("tcsetpgrp_to_own_group", 0, tcsetpgrp(0, me));
    EXPECT_EQ("tcgetpgrp_reads_it_back", me, tcgetpgrp(0));
    EXPECT_ERRNO("tcsetpgrp_to_a_missing_group_is_esrch", tcsetpgrp(0, 99999), ESRCH);
    EXPECT_ERRNO("tcsetpgrp_negative_is_einval", tcsetpgrp(0, -5), EINVAL);
    return utest_finish();
}
