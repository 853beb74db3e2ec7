// phases: 1 3
/*
 * sleep_wait_signals: sleeping and waiting behave as on Linux at their
 * edges: a sleep of LONG_MAX seconds sleeps (no overflow to "at once");
 * a signal whose default action is to ignore it (SIGCHLD, SIGURG,
 * SIGWINCH) is dropped when sent and interrupts neither nanosleep nor
 * wait4; pause() sleeps until a signal that matters; wait4 takes Linux's
 * flags and refuses pid INT_MIN; the clocks Linux has here answer.
 */
#include "utest.h"
#include <limits.h>
#include <sys/syscall.h>
#include <time.h>

#define MS(n) (&(struct timespec){ 0, (n) * 1000000L })

static void sleep_forever(void)
{
    struct timespec forever = { LONG_MAX, 999999999 };
    nanosleep(&forever, NULL);
    _exit(1);                           /* woke up: the bug */
}

static void pause_forever(void)
{
    syscall(SYS_pause);
    _exit(1);
}

/* still_asleep: after 50 ms the child has not ended; then SIGKILL or
 * `sig` ends it.  Returns the wait status. */
static int still_asleep_then(pid_t pid, int sig, int *asleep)
{
    int status = -1;
    nanosleep(MS(50), NULL);
    *asleep = waitpid(pid, &status, WNOHANG) == 0;
    kill(pid, sig);
    waitpid(pid, &status, 0);
    return status;
}

static void nanosleep_survives_ignored_signals(void)
{
    int r = nanosleep(MS(40), NULL);
    _exit(r == 0 ? 0 : errno);
}

static void exit_after(int ms, int code)
{
    nanosleep(MS(ms), NULL);
    _exit(code);
}

int main(void)
{
    int status, asleep;
    pid_t pid, slow, pest;
    struct timespec ts;

    pid = fork();
    if (pid == 0)
        sleep_forever();
    status = still_asleep_then(pid, SIGKILL, &asleep);
    EXPECT_TRUE("nanosleep_of_long_max_seconds_sleeps", asleep);
    EXPECT_TRUE("sleeper_ends_by_sigkill", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    pid = fork();
    if (pid == 0)
        nanosleep_survives_ignored_signals();
    nanosleep(MS(10), NULL);
    kill(pid, SIGCHLD);
    kill(pid, SIGURG);
    kill(pid, SIGWINCH);
    waitpid(pid, &status, 0);
    EXPECT_TRUE("ignored_signals_do_not_interrupt_nanosleep",
                WIFEXITED(status) && WEXITSTATUS(status) == 0);

    /* a parent waiting for one child, while another exits (SIGCHLD) and
     * pesters it with SIGURG: the wait goes on until its child ends */
    slow = fork();
    if (slow == 0)
        exit_after(40, 5);
    pest = fork();
    if (pest == 0) {
        nanosleep(MS(10), NULL);
        kill(getppid(), SIGURG);
        _exit(0);
    }
    EXPECT_EQ("wait4_is_not_interrupted_by_ignored_signals", slow, waitpid(slow, &status, 0));
    EXPECT_TRUE("wait4_reports_the_child_it_waited_for",
                WIFEXITED(status) && WEXITSTATUS(status) == 5);
    EXPECT_EQ("the_other_child_is_reaped", pest, waitpid(pest, &status, 0));

    pid = fork();
    if (pid == 0)
        pause_forever();
    nanosleep(MS(10), NULL);
    kill(pid, SIGCHLD);                 /* ignored: pause goes on */
    status = still_asleep_then(pid, SIGTERM, &asleep);
    EXPECT_TRUE("pause_sleeps_through_ignored_signals", asleep);
    EXPECT_TRUE("pause_ends_by_sigterm", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);

    pid = fork();
    if (pid == 0)
        exit_after(20, 4);
    EXPECT_EQ("wait4_accepts_wcontinued", 0, waitpid(-1, &status, WNOHANG | WCONTINUED));
    EXPECT_ERRNO("wait4_unknown_flag_is_einval", waitpid(-1, &status, 0x100), EINVAL);
    EXPECT_ERRNO("wait4_pid_int_min_is_esrch", syscall(SYS_wait4, INT_MIN, &status, 0, 0), ESRCH);
    EXPECT_EQ("wait4_accepts_wall", pid, waitpid(pid, &status, __WALL));
    EXPECT_ERRNO("wait4_without_children_is_echild", waitpid(-1, &status, WNOHANG | __WNOTHREAD),
                 ECHILD);

    EXPECT_EQ("clock_tai_works", 0, clock_gettime(11, &ts));
    /* the time of day comes from the PC's clock (QEMU's: the host's) */
    EXPECT_TRUE("realtime_is_the_time_of_day", clock_gettime(CLOCK_REALTIME, &ts) == 0 &&
                                                   ts.tv_sec > 1700000000);
    EXPECT_TRUE("time_agrees_with_realtime", time(NULL) >= ts.tv_sec && time(NULL) < ts.tv_sec + 5);
    EXPECT_TRUE("monotonic_counts_from_boot", clock_gettime(CLOCK_MONOTONIC, &ts) == 0 &&
                                                  ts.tv_sec < 100000);
    EXPECT_EQ("clock_boottime_works", 0, clock_gettime(7, &ts));
    EXPECT_ERRNO("clock_realtime_alarm_is_einval", clock_gettime(8, &ts), EINVAL);
    EXPECT_ERRNO("clock_10_is_einval", clock_gettime(10, &ts), EINVAL);
    EXPECT_ERRNO("clock_12_is_einval", clock_gettime(12, &ts), EINVAL);
    return utest_finish();
}
