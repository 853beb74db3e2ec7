// phases: 2 3
// memory: 512M
// timeout: 300
// lab: 7
/*
 * cow_fork_isolation: fork shares every private page copy-on-write.
 *   - parent and child each see only their own writes after fork;
 *   - a 64 MiB region the parent touched is still shared (frames with two
 *     users, counted by usmm_mmstat) in the child until written: >= 99.5 %;
 *   - the child's writes copy (cow_copies), and afterwards the parent's
 *     writes to the same pages, now its own alone, copy nothing
 *     (cow_reuses): Linux's reuse shortcut;
 *   - a MAP_SHARED mapping stays shared: the child's write is the parent's;
 *   - every frame comes back when both have exited.
 */
#include "utest.h"
#include <usmm.h>
#include "prefault.h"

#define REGION (64ul << 20)
#define PAGES (REGION / 4096)
#define WRITTEN 256                 /* pages the child writes */

static struct usmm_meminfo info(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m;
}

static struct usmm_mmstat mmstat(void)
{
    struct usmm_mmstat s;
    usmm_mmstat(0, &s);
    return s;
}

/* child: checks its view, writes WRITTEN pages, reports by exit status
 * bits: 1 bad sharing count, 2 saw a wrong value, 4 copies miscounted,
 * 8 check_mm failed. */
/* a page the parent wrote before fork and the child changes only through
 * the kernel (copy_to_user into a shared page must copy it too) */
static struct usmm_meminfo kernel_written __attribute__((aligned(4096)));

static volatile char *shared_map;

static int child(volatile char *p, volatile int *word)
{
    struct usmm_mmstat s = mmstat();
    struct usmm_meminfo before = info(), after;
    int result = 0;

    printf("child: %llu of %lu pages shared, %llu private\n",
           (unsigned long long)s.shared_pages, PAGES, (unsigned long long)s.private_pages);
    if (s.shared_pages * 1000 < PAGES * 995)
        result |= 1;
    if (*word != 1 || p[4096 * 7] != 7)
        result |= 2;
    *word = 2;                      /* the parent must not see this */
    shared_map[100] = 'S';          /* ... but must see this */
    for (unsigned long i = 0; i < WRITTEN; i++)
        p[i * 4096] = (char)0xc0;
    after = info();
    /* the pages written plus the page holding `word` (and the stack) */
    if (after.cow_copies - before.cow_copies < WRITTEN ||
        after.cow_copies - before.cow_copies > WRITTEN + 4)
        result |= 4;
    if (usmm_check_mm(0) != 0)
        result |= 8;
    if (usmm_meminfo(&kernel_written) != 0 || kernel_written.page_size != 4096)
        result |= 16;
    return result;
}

int main(void)
{
    prefault_program();     /* its own text: in before anything is counted */
    static volatile int word = 1;
    volatile char *p = mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    struct usmm_meminfo m0, m1, m2;
    int status = -1, wrong = 0;
    pid_t pid;

    for (unsigned long i = 0; i < PAGES; i++)
        p[i * 4096] = (char)i;
    shared_map = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    memset((void *)shared_map, 's', 4 * 4096);
    kernel_written.page_size = 12345;
    m0 = info();
    fflush(stdout);
    /* before fork: the MAP_SHARED pages, and any page of the program file
     * mapped twice (a segment boundary shared by two VMAs) */
    uint64_t shared_before = mmstat().shared_pages;
    pid = fork();
    if (pid == 0)
        _exit(child(p, &word));
    waitpid(pid, &status, 0);
    EXPECT_TRUE("child_exits_normally", WIFEXITED(status));
    EXPECT_EQ("child_sees_64MiB_99_5_percent_shared", 0, WEXITSTATUS(status) & 1);
    EXPECT_EQ("child_sees_the_parents_data", 0, WEXITSTATUS(status) & 2);
    EXPECT_EQ("child_writes_copy_each_page_once", 0, WEXITSTATUS(status) & 4);
    EXPECT_EQ("check_mm_passes_in_the_child", 0, WEXITSTATUS(status) & 8);
    EXPECT_EQ("child_kernel_write_to_shared_page_works", 0, WEXITSTATUS(status) & 16);
    EXPECT_EQ("child_kernel_write_copies_the_page", 12345, kernel_written.page_size);
    EXPECT_EQ("parent_does_not_see_the_childs_write", 1, word);
    EXPECT_EQ("map_shared_stays_shared_after_fork", 'S', shared_map[100]);
    for (unsigned long i = 0; i < PAGES; i++)
        wrong += p[i * 4096] != (char)i;
    EXPECT_EQ("parent_keeps_its_own_data", 0, wrong);
    m1 = info();
    /* (the page cache keeps the program text a child paged in: count it) */
    EXPECT_EQ("child_exit_gives_back_its_copies", m0.free_pages + m0.page_cache_pages,
              m1.free_pages + m1.page_cache_pages);
    /* every frame is the parent's alone again: writing reuses, never copies */
    for (unsigned long i = 0; i < PAGES; i++)
        p[i * 4096] = 1;
    m2 = info();
    EXPECT_EQ("parent_writes_after_child_exit_copy_nothing", 0, m2.cow_copies - m1.cow_copies);
    EXPECT_TRUE("parent_writes_reuse_its_frames", m2.cow_reuses - m1.cow_reuses >= PAGES);
    EXPECT_EQ("parent_writes_take_no_frame", m1.free_pages + m1.page_cache_pages,
              m2.free_pages + m2.page_cache_pages);
    /* only the MAP_SHARED pages (their object is a second user) stay shared,
     * and the program's pages shared before fork */
    EXPECT_TRUE("map_shared_pages_are_shared", shared_before >= 4);
    EXPECT_EQ("parent_pages_all_private_again_but_map_shared", shared_before,
              mmstat().shared_pages);
    EXPECT_EQ("check_mm_passes_in_the_parent", 0, usmm_check_mm(0));
    munmap((void *)p, REGION);
    return utest_finish();
}
