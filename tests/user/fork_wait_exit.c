// phases: 1 3
/*
 * fork_wait_exit: fork, exit statuses and wait as POSIX describes them:
 * WIFEXITED/WEXITSTATUS, WIFSIGNALED/WTERMSIG, waiting for one child or any,
 * WNOHANG, ECHILD, orphans adopted by init, getpid/getppid.
 */
#include "utest.h"

static void child_exits_with_each_status(void)
{
    int codes[] = { 0, 1, 42, 255 };
    for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        int status = -1;
        pid_t pid = fork();
        if (pid == 0)
            _exit(codes[i]);
        EXPECT_EQ("waitpid_returns_the_child_pid", pid, waitpid(pid, &status, 0));
        EXPECT_TRUE("wifexited_after_exit", WIFEXITED(status));
        EXPECT_EQ("wexitstatus_is_the_exit_code", codes[i], WEXITSTATUS(status));
        EXPECT_TRUE("not_wifsignaled_after_exit", !WIFSIGNALED(status));
    }
}

static void return_from_main_is_exit(void)
{
    /* exit() flushes stdio and ends the process with the status */
    EXPECT_EXIT("exit_7_from_child", 7, exit(7));
}

static void killed_child_reports_signal(void)
{
    int status = -1;
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            sched_yield();
    }
    EXPECT_EQ("kill_running_child_succeeds", 0, kill(pid, SIGKILL));
    EXPECT_EQ("wait_reaps_killed_child", pid, waitpid(pid, &status, 0));
    EXPECT_TRUE("wifsignaled_after_sigkill", WIFSIGNALED(status));
    EXPECT_EQ("wtermsig_is_sigkill", SIGKILL, WTERMSIG(status));
    EXPECT_TRUE("not_wifexited_after_sigkill", !WIFEXITED(status));
    EXPECT_ERRNO("kill_reaped_child_is_esrch", kill(pid, SIGTERM), ESRCH);
    EXPECT_ERRNO("kill_bad_signal_is_einval", kill(getpid(), 12345), EINVAL);
    EXPECT_EQ("kill_signal_0_probes_self", 0, kill(getpid(), 0));
}

static void wait_any_and_specific(void)
{
    pid_t a = fork();
    if (a == 0)
        _exit(10);
    pid_t b = fork();
    if (b == 0)
        _exit(20);
    int status = -1;
    EXPECT_EQ("waitpid_specific_second_child", b, waitpid(b, &status, 0));
    EXPECT_EQ("specific_child_status", 20, WEXITSTATUS(status));
    EXPECT_EQ("wait_any_gets_the_other", a, wait(&status));
    EXPECT_EQ("other_child_status", 10, WEXITSTATUS(status));
    EXPECT_ERRNO("wait_without_children_is_echild", wait(&status), ECHILD);
    EXPECT_ERRNO("waitpid_non_child_is_echild", waitpid(1, &status, 0), ECHILD);
}

static void wnohang(void)
{
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            sched_yield();
    }
    EXPECT_EQ("wnohang_returns_0_while_child_runs", 0, waitpid(pid, &status, WNOHANG));
    kill(pid, SIGTERM);
    EXPECT_EQ("wait_after_sigterm", pid, waitpid(pid, &status, 0));
    EXPECT_EQ("wtermsig_is_sigterm", SIGTERM, WTERMSIG(status));
    EXPECT_ERRNO("wait4_bad_options_is_einval", waitpid(-1, &status, 0x4000), EINVAL);
}

static void orphan_is_adopted_by_init(void)
{
    /* child forks a grandchild and exits; the grandchild then reports its
     * parent's pid through its exit status... to nobody: init reaps it.  So
     * the grandchild checks getppid() itself and tells us by exit status of
     * a pipe-free channel: a shared anonymous page. */
    volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int status;
    shared[0] = -1;
    pid_t child = fork();
    if (child == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            while (getppid() != 1)
                sched_yield();
            shared[0] = getppid();
            _exit(0);
        }
        _exit(0);
    }
    waitpid(child, &status, 0);
    for (int i = 0; i < 100000 && shared[0] == -1; i++)
        sched_yield();
    EXPECT_EQ("orphan_parent_becomes_init", 1, shared[0]);
}

static void pids(void)
{
    pid_t me = getpid();
    pid_t parent_seen = -1;
    volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pid_t pid = fork();
    if (pid == 0) {
        shared[0] = getppid();
        shared[1] = getpid();
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    parent_seen = shared[0];
    EXPECT_EQ("child_sees_parent_pid", me, parent_seen);
    EXPECT_EQ("child_pid_matches_fork_result", pid, shared[1]);
    EXPECT_TRUE("child_pid_differs", pid != me);
    EXPECT_EQ("getppid_of_test_is_init", 1, getppid());
}

int main(void)
{
    child_exits_with_each_status();
    return_from_main_is_exit();
    killed_child_reports_signal();
    wait_any_and_specific();
    wnohang();
    orphan_is_adopted_by_init();
    pids();
    return utest_finish();
}
