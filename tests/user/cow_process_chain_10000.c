// phases: 2 3
// memory: 1G
// timeout: 600
/*
 * cow_process_chain_10000: the 10,000-process chain of process_chain_10000
 * with copy-on-write fork: the same chain that needs a 2 GiB guest with
 * phase 1's eager copy (about 98 KiB a process) fits in a 1 GiB one, each
 * process costing its kernel stack, its page tables and the few pages it
 * writes (its stack top): under 60 KiB.  Every frame comes back after.
 */
#include "utest.h"
#include <usmm.h>

#define CHAIN 10000

static uint64_t free_pages(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.free_pages;
}

static uint64_t processes(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.processes;
}

/* chain: fork CHAIN processes, each the child of the one before.  Each
 * process waits for its child and exits with the child's status; the last
 * one measures.  A loop, not recursion: every fork copies the stack. */
static int chain(uint64_t free_at_start, uint64_t procs_at_start)
{
    for (int depth = 0; depth < CHAIN; depth++) {
        int status;
        pid_t pid = fork();
        if (pid < 0) {
            printf("chain: fork failed at depth %d: %s\n", depth, strerror(errno));
            return 2;
        }
        if (pid == 0)
            continue;           /* the child makes the next link */
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
            _exit(4);
        if (depth == 0)
            return WEXITSTATUS(status);
        _exit(WEXITSTATUS(status));
    }
    uint64_t used = free_at_start - free_pages();
    uint64_t alive = processes() - procs_at_start;
    printf("chain: %llu processes alive, %llu KiB in all, %llu bytes per process\n",
           (unsigned long long)alive, (unsigned long long)used * 4,
           (unsigned long long)(used * 4096 / CHAIN));
    if (alive != CHAIN)
        _exit(3);
    _exit(used * 4096 / CHAIN < 60 * 1024 ? 0 : 5);
}

int main(void)
{
    uint64_t before, after;
    int result;

    UTEST_NEEDS_MEMORY("cow_process_chain_10000", 1024);

    fork();         /* warm up the caches with one fork */
    if (getppid() != 1)
        _exit(0);
    wait(NULL);
    before = free_pages();
    result = chain(before, processes());
    after = free_pages();
    EXPECT_EQ("chain_of_10000_processes_lives_in_1GiB_under_60KiB_each", 0, result);
    EXPECT_EQ("every_frame_comes_back_after_the_chain", before, after);
    return utest_finish();
}
