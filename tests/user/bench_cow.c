// not-a-test: a benchmark, run by hand (docs/performance.md, "Copy-on-write")
/*
 * bench_cow: instructions per copy-on-write operation, measured from user
 * space with rdtsc under QEMU's -icount shift=0 (one tick per instruction;
 * median of 200, minus an empty rdtsc pair), on the phase-2 kernel built
 * without debug checks:
 *
 *   make run PROG=tests/user/bench_cow.c PHASE=2 DEBUG=0 \
 *       QEMUFLAGS="-icount shift=0,align=off,sleep=off"
 *
 * On the phase-1 kernel the fork rows show the eager copy.  (The rows are
 * to join tests/user/bench_vm.c.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <signal.h>
#include <usmm.h>

#define N 200
static uint64_t s[N], over;
static inline uint64_t rdtsc(void) { uint32_t lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory"); return ((uint64_t)hi << 32) | lo; }
static int cmp(const void *a, const void *b) { uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b; return (x > y) - (x < y); }
static uint64_t med(int n) { qsort(s, n, 8, cmp); return s[n / 2] - over; }

static char *anon(size_t pages) { return mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0); }

static uint64_t zero_read(void) { volatile char *p = anon(N); for (int i = 0; i < N; i++) { uint64_t t = rdtsc(); (void)p[i * 4096]; s[i] = rdtsc() - t; } munmap((void *)p, N * 4096); return med(N); }
static uint64_t write_after_read(void) { volatile char *p = anon(N); for (int i = 0; i < N; i++) (void)p[i * 4096]; for (int i = 0; i < N; i++) { uint64_t t = rdtsc(); p[i * 4096] = 1; s[i] = rdtsc() - t; } munmap((void *)p, N * 4096); return med(N); }
static uint64_t cow_write(int reuse) {
    volatile char *p = anon(N); memset((void *)p, 1, N * 4096);
    pid_t pid = fork(); if (pid == 0) { if (!reuse) pause(); _exit(0); }
    if (reuse) waitpid(pid, NULL, 0);
    for (int i = 0; i < N; i++) { uint64_t t = rdtsc(); p[i * 4096] = 2; s[i] = rdtsc() - t; }
    if (!reuse) { kill(pid, SIGKILL); waitpid(pid, NULL, 0); }
    munmap((void *)p, N * 4096); return med(N);
}
static uint64_t fork_cost(uint64_t *reap) {
    static uint64_t r[N];
    for (int i = 0; i < N; i++) {
        uint64_t t = rdtsc(); pid_t pid = fork(); if (pid == 0) _exit(0);
        s[i] = rdtsc() - t;
        t = rdtsc(); waitpid(pid, NULL, 0); r[i] = rdtsc() - t;
    }
    uint64_t f = med(N); memcpy(s, r, sizeof(r)); *reap = med(N); return f;
}
int main(void) {
    for (int i = 0; i < N; i++) { uint64_t t = rdtsc(); s[i] = rdtsc() - t; } over = 0; over = med(N);
    printf("zero-page read fault: %lu\n", zero_read());
    printf("write after read (zero-page COW): %lu\n", write_after_read());
    printf("COW write fault after fork (copy): %lu\n", cow_write(0));
    printf("COW write fault, last user (reuse): %lu\n", cow_write(1));
    uint64_t reap_small, reap_big;
    struct usmm_mmstat ms; usmm_mmstat(0, &ms);
    printf("small process: %lu resident pages, %lu page-table pages, %lu VMAs\n", ms.rss, ms.pagetable_pages, ms.map_count);
    uint64_t f_small = fork_cost(&reap_small);
    printf("fork of small process: %lu, exit+reap: %lu\n", f_small, reap_small);
    size_t pages = 4096; char *big = anon(pages); memset(big, 1, pages * 4096);
    uint64_t f_big = fork_cost(&reap_big);
    printf("fork with 16 MiB touched: %lu (%lu per page), exit+reap %lu (%lu per page)\n", f_big, (f_big - f_small) / pages, reap_big, (reap_big - reap_small) / pages);
    return 0;
}
