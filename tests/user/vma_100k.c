// phases: 1 3
// memory: 1G
// timeout: 600
/*
 * vma_100k: 100,000 VMAs in one process (mprotect every other page of a
 * large mapping), and mmap, munmap, mprotect, mremap and page faults still work
 * among them; check_mm passes; everything is freed at exit.
 */
#include "utest.h"
#include <usmm.h>
#include "prefault.h"

#define PAGES 100000ul

static struct usmm_mmstat stat_now(void)
{
    struct usmm_mmstat st;
    usmm_mmstat(0, &st);
    return st;
}

static uint64_t free_pages(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.free_pages;
}

static void many_vmas(void)
{
    uint64_t base_count = stat_now().map_count, mapped_count;
    char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int failures = 0, wrong = 0;

    EXPECT_TRUE("map_400MiB", p != MAP_FAILED);
    mapped_count = stat_now().map_count;    /* the mapping may merge with a neighbour */
    for (uint64_t i = 1; i < PAGES; i += 2)
        failures += mprotect(p + i * 4096, 4096, PROT_READ) != 0;
    EXPECT_EQ("50000_mprotects_succeed", 0, failures);
    EXPECT_EQ("map_count_is_100000_more", mapped_count + PAGES - 1, stat_now().map_count);

    /* faults among them: every 998th page (an even, writable one) */
    for (uint64_t i = 0; i < PAGES; i += 998)
        p[i * 4096] = (char)(i % 100);
    for (uint64_t i = 0; i < PAGES; i += 998)
        wrong += p[i * 4096] != (char)(i % 100);
    EXPECT_EQ("faults_among_100k_vmas_read_back", 0, wrong);
    EXPECT_SIGNAL("write_to_read_only_page_among_100k_is_sigsegv", SIGSEGV, p[4096] = 1);

    /* mmap, mprotect and munmap still work */
    char *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    q[0] = 5;
    EXPECT_EQ("new_mapping_among_100k_works", 5, q[0]);
    EXPECT_EQ("mprotect_joins_three_vmas", 0, mprotect(p + 2 * 4096, 3 * 4096, PROT_READ));
    EXPECT_EQ("munmap_one_vma", 0, munmap(p + 10 * 4096, 4096));
    EXPECT_SIGNAL("unmapped_page_is_sigsegv", SIGSEGV, p[10 * 4096] = 1);

    /* mremap among them: a new mapping grows, in place or by moving */
    char *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *r = mremap(m, 4096, 64 * 4096, MREMAP_MAYMOVE);
    EXPECT_TRUE("mremap_among_100k_vmas_works", r != MAP_FAILED && r[0] == 0);
    munmap(r, 64 * 4096);
    EXPECT_EQ("check_mm_with_100k_vmas", 0, usmm_check_mm(0));

    /* restore: one mprotect merges everything back */
    EXPECT_EQ("mprotect_whole_range_back", 0, mprotect(p, 10 * 4096, PROT_READ | PROT_WRITE));
    EXPECT_EQ("mprotect_rest_back", 0,
              mprotect(p + 11 * 4096, (PAGES - 11) * 4096, PROT_READ | PROT_WRITE));
    EXPECT_EQ("merged_back_to_two_vmas", mapped_count + 1, stat_now().map_count);
    EXPECT_EQ("munmap_everything", 0, munmap(p, PAGES * 4096));
    munmap(q, 4096);
    EXPECT_EQ("map_count_back_to_start", base_count, stat_now().map_count);
}

int main(void)
{
    prefault_program();     /* its own text: in before anything is counted */
    uint64_t before = free_pages();
    EXPECT_EXIT("child_with_100k_vmas_passes", 0, { many_vmas(); _exit(utest_failures ? 1 : 0); });
    EXPECT_EQ("every_frame_back_after_exit", before, free_pages());
    return utest_finish();
}
