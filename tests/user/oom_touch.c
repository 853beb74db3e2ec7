// phases: 1 3
// memory: 256M
// timeout: 300
// expect-log: ^Out of memory: killed process \d+ \(oom_touch\)$
/*
 * oom_touch: a process that allocates and touches memory until RAM runs out
 * is stopped (malloc returns NULL or the kernel kills it with SIGKILL); the
 * kernel and the other processes carry on, and every frame it held comes
 * back.
 */
#include "utest.h"
#include <usmm.h>
#include "prefault.h"

static uint64_t free_pages(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.free_pages;
}

static void hog(void)
{
    for (;;) {
        char *p = malloc(1 << 20);
        if (!p)
            _exit(100);         /* the polite ending: malloc said no */
        for (int i = 0; i < (1 << 20); i += 4096)
            p[i] = 1;
    }
}

static void allocate_10_mib(void)
{
    char *q = malloc(10 << 20);
    if (!q)
        _exit(1);
    memset(q, 7, 10 << 20);
    _exit(q[12345] == 7 ? 0 : 2);
}

int main(void)
{
    prefault_program();     /* its own text: in before anything is counted */
    uint64_t before = free_pages();
    int status = -1;
    pid_t pid = fork();

    if (pid == 0)
        hog();
    EXPECT_EQ("wait_for_the_hog", pid, waitpid(pid, &status, 0));
    EXPECT_TRUE("hog_was_stopped_by_sigkill_or_null",
                (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ||
                    (WIFEXITED(status) && WEXITSTATUS(status) == 100));
    EXPECT_EQ("every_frame_of_the_hog_comes_back", before, free_pages());
    /* the system still works: a new process can allocate and run */
    EXPECT_EXIT("new_process_runs_after_oom", 0, allocate_10_mib());
    return utest_finish();
}
