// phases: 2 3
/*
 * exec_demand_paging: a program run from the disk is mapped from its file,
 * not copied in: execve maps its segments MAP_PRIVATE from the page cache
 * and each page comes in on its first touch.
 *   - the text and read-only data are file VMAs named after the program;
 *   - a page of a 64 KiB table never touched is not present; touching it
 *     is one fault, and the page is the page cache's frame;
 *   - a second process running the same program maps the very same frame
 *     for its text (shared), while a written variable is each one's copy.
 */
#include <sys/wait.h>
#include "utest.h"
#include <usmm.h>

#define PAGE 4096

/* 16 pages of read-only data, in the program file */
static const char table[16 * PAGE] __attribute__((aligned(PAGE))) = { [0] = 1, [5 * PAGE] = 5,
                                                                       [16 * PAGE - 1] = 9 };
static int written = 1;

static uint64_t pm(int pid, const void *addr)
{
    uint64_t w = 0;
    usmm_pagemap(pid, (uint64_t)addr & ~(uint64_t)(PAGE - 1), 1, &w);
    return w;
}

static int own_vma(const void *addr, struct usmm_vma_info *out)
{
    return usmm_vmas(0, (uint64_t)addr, out, 1) > 0 && out->start <= (uint64_t)addr;
}

int main(int argc, char **argv)
{
    struct usmm_vma_info v;
    int fds[2];

    if (argc > 1) {             /* the second process: wait until told */
        char c;
        written = 2;
        (void)!read(0, &c, 1);
        return 0;
    }
    EXPECT_TRUE("text_vma_found", own_vma((void *)main, &v));
    EXPECT_TRUE("text_is_file_vma", strcmp(v.kind, "file") == 0);
    EXPECT_TRUE("text_named_after_program", strcmp(v.name, "exec_demand_paging") == 0);
    EXPECT_TRUE("table_in_file_vma", own_vma(table, &v) && strcmp(v.kind, "file") == 0);

    struct usmm_mmstat a, b;
    EXPECT_EQ("untouched_page_not_present", 0, pm(0, table + 5 * PAGE));
    usmm_mmstat(0, &a);
    char c = *(const volatile char *)(table + 5 * PAGE);
    usmm_mmstat(0, &b);
    EXPECT_EQ("touch_reads_file_byte", 5, c);
    EXPECT_EQ("touch_is_one_fault", 1, (b.min_flt + b.maj_flt) - (a.min_flt + a.maj_flt));
    uint64_t w = pm(0, table + 5 * PAGE);
    EXPECT_TRUE("touched_page_is_cache_frame", (w & USMM_PM_PRESENT) && (w & USMM_PM_FILE));
    EXPECT_EQ("other_table_pages_still_absent", 0, pm(0, table + 9 * PAGE));

    /* a second process running this program: same text frame */
    EXPECT_EQ("pipe", 0, pipe(fds));
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[0], 0);
        close(fds[1]);
        execl("/bin/exec_demand_paging", "exec_demand_paging", "child", (char *)0);
        _exit(127);
    }
    close(fds[0]);
    written = 3;
    /* let it run to its read() (its text is touched by then) */
    for (int i = 0; i < 200 && !(pm(pid, (void *)main) & USMM_PM_PRESENT); i++)
        usleep(10000);
    usleep(50000);
    uint64_t mine = pm(0, (void *)main), theirs = pm(pid, (void *)main);
    EXPECT_TRUE("both_texts_present", (mine & USMM_PM_PRESENT) && (theirs & USMM_PM_PRESENT));
    EXPECT_EQ("text_frame_shared", mine & USMM_PM_PFN_MASK, theirs & USMM_PM_PFN_MASK);
    EXPECT_TRUE("text_frame_is_cache", (theirs & USMM_PM_FILE) != 0);
    uint64_t wm = pm(0, &written), wc = pm(pid, &written);
    EXPECT_EQ("check_mm_and_refcount_audit", 0, usmm_check_mm(0));
    EXPECT_TRUE("written_data_own_copies", (wm & USMM_PM_PRESENT) && (wc & USMM_PM_PRESENT) &&
                (wm & USMM_PM_PFN_MASK) != (wc & USMM_PM_PFN_MASK) &&
                !(wm & USMM_PM_FILE) && !(wc & USMM_PM_FILE));
    close(fds[1]);
    int status = -1;
    waitpid(pid, &status, 0);
    EXPECT_TRUE("child_ran", WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return utest_finish();
}
