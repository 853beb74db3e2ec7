// phases: 2 3
// lab: 7
/*
 * zero_page_reads: reading private anonymous memory nobody wrote maps the
 * one shared zero page (as Linux does): reading 1,000 pages takes no frame
 * and leaves rss alone; the first write to a page gives it a zeroed frame
 * of its own (and only that page); after fork the zero page stays shared.
 */
#include "utest.h"
#include <usmm.h>
#include "prefault.h"

#define PAGES 1000

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

int main(void)
{
    prefault_program();     /* its own text: in before anything is counted */
    volatile char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct usmm_meminfo m0, m1, m2;
    struct usmm_mmstat s0, s1, s2;
    int sum = 0, st;


    s0 = mmstat();
    m0 = info();
    for (int i = 0; i < PAGES; i++)
        sum += p[i * 4096 + 123];
    m1 = info();
    s1 = mmstat();
    EXPECT_EQ("zero_pages_read_as_zero", 0, sum);
    EXPECT_EQ("reads_map_the_zero_page_each_time", PAGES,
              m1.zero_page_maps - m0.zero_page_maps);
    EXPECT_EQ("reads_take_no_user_frame", m0.user_pages, m1.user_pages);
    EXPECT_TRUE("reads_take_at_most_page_tables",
                m0.free_pages - m1.free_pages <= m1.pagetable_pages - m0.pagetable_pages);
    EXPECT_EQ("mmstat_counts_zero_page_entries", PAGES, s1.zero_pages - s0.zero_pages);
    EXPECT_EQ("zero_page_is_not_in_rss", s0.rss, s1.rss);
    EXPECT_EQ("check_mm_passes_with_the_zero_page", 0, usmm_check_mm(0));

    /* after fork the zero page stays shared: the child reads zeros too */
    fflush(stdout);
    if (fork() == 0)
        _exit(p[4096 * 500] == 0 && mmstat().zero_pages >= PAGES && usmm_check_mm(0) == 0 ? 0 : 1);
    wait(&st);
    EXPECT_TRUE("child_shares_the_zero_page", WIFEXITED(st) && WEXITSTATUS(st) == 0);

    m1 = info();
    p[4096 * 10 + 5] = 42;
    m2 = info();
    s2 = mmstat();
    EXPECT_EQ("first_write_breaks_the_zero_page_once", 1,
              m2.zero_page_breaks - m1.zero_page_breaks);
    EXPECT_EQ("first_write_copies_nothing", 0, m2.cow_copies - m1.cow_copies);
    EXPECT_EQ("first_write_takes_one_frame", 1, m2.user_pages - m1.user_pages);
    EXPECT_EQ("written_page_holds_the_write", 42, p[4096 * 10 + 5]);
    EXPECT_EQ("written_page_is_zero_elsewhere", 0, p[4096 * 10 + 4] | p[4096 * 10 + 4095]);
    EXPECT_EQ("neighbours_still_read_zero", 0, p[4096 * 9 + 5] | p[4096 * 11 + 5]);
    EXPECT_EQ("written_page_leaves_the_zero_page", PAGES - 1, s2.zero_pages - s0.zero_pages);
    EXPECT_EQ("written_page_joins_rss", s1.rss + 1, s2.rss);

    /* a read-only mapping gets the zero page too; mprotect to read-write
     * keeps it write-protected until the write fault */
    volatile char *r = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT_EQ("read_only_mapping_reads_zero", 0, r[7]);
    mprotect((void *)r, 4096, PROT_READ | PROT_WRITE);
    m1 = info();
    r[7] = 9;
    m2 = info();
    EXPECT_EQ("mprotect_rw_then_write_breaks_the_zero_page", 1,
              m2.zero_page_breaks - m1.zero_page_breaks);
    EXPECT_EQ("mprotect_rw_write_lands", 9, r[7]);

    /* the kernel writing into a zero-page entry (copy_to_user) breaks it too */
    struct usmm_meminfo *k = (struct usmm_meminfo *)(p + 4096 * 20);
    EXPECT_EQ("zero_page_entry_reads_zero_before_kernel_write", 0, k->page_size);
    EXPECT_EQ("kernel_write_into_zero_page_entry_succeeds", 0, usmm_meminfo(k));
    EXPECT_EQ("kernel_write_lands_in_a_frame_of_its_own", 4096, k->page_size);
    EXPECT_EQ("zero_page_still_zero_after_kernel_write", 0, p[4096 * 21] | p[4096 * 19]);

    munmap((void *)p, PAGES * 4096);
    EXPECT_EQ("munmap_gives_back_the_written_frames", m0.user_pages + 1, info().user_pages);
    EXPECT_EQ("check_mm_passes_at_the_end", 0, usmm_check_mm(0));
    return utest_finish();
}
