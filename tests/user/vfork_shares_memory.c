// phases: 2 3
// cmdline: check_mm=2
/*
 * vfork_shares_memory: vfork as on Linux: the child runs in the parent's
 * own address space (its writes are the parent's, nothing is copied or
 * write-protected) and the parent sleeps until the child calls execve or
 * _exit.  Built for Linux with musl-gcc -static it gives the same lines
 * (built with -DHOST_RUN: the usmm-only checks are left out).
 */
#include "utest.h"
#include <time.h>
#ifndef HOST_RUN
#include <usmm.h>
#endif

#define PAGES 64

static volatile int shared_word = 1;
static volatile int child_done;
/* what the child measures: globals, as the child may not change the
 * parent's locals (they may live in registers) */
static volatile long copies, users_before, users_in_child, audit = -1;

static void pause_a_little(void)
{
    struct timespec ts = { 0, 20 * 1000 * 1000 };   /* 20 ms: the parent would run */
    nanosleep(&ts, NULL);
}

int main(void)
{
    static char buf[PAGES * 4096];
    volatile char *p = buf;
    int st = -1;
    pid_t pid;

    memset(buf, 1, sizeof(buf));
    fflush(stdout);
#ifndef HOST_RUN
    static struct usmm_meminfo m;
    usmm_meminfo(&m);
    copies = (long)m.cow_copies;
    users_before = (long)m.user_pages;
#endif
    pid = vfork();
    if (pid == 0) {
        shared_word = 2;
        for (int i = 0; i < PAGES; i++)
            p[i * 4096] = 7;
        pause_a_little();
#ifndef HOST_RUN
        usmm_meminfo(&m);
        copies = (long)m.cow_copies - copies;
        users_in_child = (long)m.user_pages;
        audit = usmm_check_mm(0);
#endif
        child_done = 1;
        _exit(3);
    }
    EXPECT_TRUE("vfork_returns_the_child_pid", pid > 0);
    EXPECT_EQ("parent_sleeps_until_child_exits", 1, child_done);
    EXPECT_EQ("child_write_is_visible_to_parent", 2, shared_word);
    int sevens = 0;
    for (int i = 0; i < PAGES; i++)
        sevens += p[i * 4096] == 7;
    EXPECT_EQ("child_writes_to_64_pages_are_the_parents", PAGES, sevens);
    EXPECT_EQ("child_exit_status_reaches_parent", 3,
              waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
#ifndef HOST_RUN
    EXPECT_EQ("vfork_child_writes_copy_nothing", 0, copies);
    EXPECT_EQ("vfork_child_takes_no_user_frame", users_before, users_in_child);
    EXPECT_EQ("check_mm_audit_passes_in_vfork_child", 0, audit);
#endif

    /* vfork then execve: the parent resumes when the child execs */
    child_done = 0;
    fflush(stdout);
    pid = vfork();
    if (pid == 0) {
        char *argv[] = { "exec_target", "count", "x", NULL };
        child_done = 5;
        pause_a_little();
        execve("exec_target", argv, NULL);
        _exit(127);
    }
    EXPECT_EQ("parent_sees_child_write_before_exec", 5, child_done);
    EXPECT_EQ("vfork_exec_child_runs_the_program", 3,
              waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    /* a vfork child whose execve fails still shares memory, then exits */
    pid = vfork();
    if (pid == 0) {
        char *argv[] = { "no_such_program", NULL };
        execve("no_such_program", argv, NULL);
        child_done = errno;
        _exit(4);
    }
    EXPECT_EQ("failed_exec_errno_seen_by_parent", ENOENT, child_done);
    EXPECT_EQ("failed_exec_child_exit_status", 4,
              waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return utest_finish();
}
