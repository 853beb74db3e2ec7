// phases: 1 3
// timeout: 300
/*
 * fork_exit_1000: 1,000 fork/exit/wait cycles give back every frame: free
 * memory afterwards is exactly what it was before.
 */
#include "utest.h"
#include <usmm.h>

static uint64_t free_pages(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.free_pages;
}

static int fork_and_reap(int code)
{
    int status = -1;
    pid_t pid = fork();
    if (pid == 0)
        _exit(code);
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void)
{
    uint64_t before, after;
    int wrong = 0;

    for (int i = 0; i < 10; i++)    /* warm the kernel's object caches */
        fork_and_reap(0);
    before = free_pages();
    for (int i = 0; i < 1000; i++)
        if (fork_and_reap(i & 0x7f) != (i & 0x7f))
            wrong++;
    after = free_pages();
    EXPECT_EQ("all_1000_children_exit_with_their_status", 0, wrong);
    EXPECT_EQ("free_pages_after_1000_forks_equal_before", before, after);
    printf("fork_exit_1000: %llu free pages before and %llu after\n",
           (unsigned long long)before, (unsigned long long)after);
    return utest_finish();
}
