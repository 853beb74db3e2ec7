/*
 * tests/user/process_chain.h - the body of the 10,000-process chain tests
 * (process_chain_10000.c, cow_process_chain_10000.c).  Each process forks
 * the next and waits for it; the last one measures what the chain costs,
 * then the chain unwinds and every frame must come back.  The including
 * file defines:
 *
 *   CHAIN_TEST          its name (for UTEST_NEEDS_MEMORY)
 *   CHAIN_MEMORY_MIB    the guest memory it needs
 *   CHAIN_CHECK         the name of the check that the chain lives
 *   CHAIN_MAX_BYTES     the most a process may cost, or 0 for no limit
 */
#ifndef TESTS_USER_PROCESS_CHAIN_H
#define TESTS_USER_PROCESS_CHAIN_H

#include "utest.h"
#include <usmm.h>
#include "prefault.h"

#define CHAIN 10000


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
    uint64_t used = free_at_start - available_pages();
    uint64_t alive = processes() - procs_at_start;
    printf("chain: %llu processes alive, %llu KiB in all, %llu bytes per process\n",
           (unsigned long long)alive, (unsigned long long)used * 4,
           (unsigned long long)(used * 4096 / CHAIN));
    if (alive != CHAIN)
        _exit(3);
#if CHAIN_MAX_BYTES
    if (used * 4096 / CHAIN >= CHAIN_MAX_BYTES)
        _exit(5);
#endif
    _exit(0);
}

int main(void)
{
    prefault_program();     /* its own text: in before anything is counted */
    uint64_t before, after;
    int result;

    UTEST_NEEDS_MEMORY(CHAIN_TEST, CHAIN_MEMORY_MIB);

    fork();         /* warm up the caches with one fork */
    if (getppid() != 1)
        _exit(0);
    wait(NULL);
    before = available_pages();
    result = chain(before, processes());
    after = available_pages();
    EXPECT_EQ(CHAIN_CHECK, 0, result);
    EXPECT_EQ("every_frame_comes_back_after_the_chain", before, after);
    return utest_finish();
}

#endif
