// phases: 1 3
// timeout: 300
/*
 * huge_noreserve: a 1 TiB MAP_NORESERVE mapping touched at a thousand
 * scattered pages: only those pages (and the page tables that reach them)
 * become resident, and munmap gives all of it back.
 */
#include "utest.h"
#include <usmm.h>
#include "prefault.h"

#define TIB (1ul << 40)
#define TOUCHES 1000

static struct usmm_mmstat stat_now(void)
{
    struct usmm_mmstat st;
    usmm_mmstat(0, &st);
    return st;
}

static uint64_t offsets[TOUCHES];

int main(void)
{
    prefault_program();     /* its own text: in before anything is counted */
    struct usmm_mmstat before;
    char *p;
    uint64_t x = 12345, wrong = 0;

    memset(offsets, 0, sizeof(offsets));    /* resident before we count */
    before = stat_now();
    p = mmap(NULL, TIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    EXPECT_TRUE("map_1TiB_noreserve", p != MAP_FAILED);
    EXPECT_EQ("total_vm_grows_by_1TiB", before.total_vm + TIB / 4096, stat_now().total_vm);
    for (int i = 0; i < TOUCHES; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;    /* LCG */
        offsets[i] = ((x >> 16) % (TIB / 4096)) * 4096 + (uint64_t)i % 4096;
        p[offsets[i]] = (char)i;
    }
    for (int i = 0; i < TOUCHES; i++)
        wrong += p[offsets[i]] != (char)i;
    EXPECT_EQ("every_touched_byte_reads_back", 0, wrong);
    EXPECT_EQ("exactly_1000_pages_resident", before.rss + TOUCHES, stat_now().rss);
    EXPECT_TRUE("page_tables_are_sparse", stat_now().pagetable_pages < before.pagetable_pages + 3000);
    EXPECT_EQ("check_mm_with_1TiB_mapping", 0, usmm_check_mm(0));
    EXPECT_EQ("munmap_1TiB", 0, munmap(p, TIB));
    EXPECT_EQ("rss_back_after_munmap", before.rss, stat_now().rss);
    EXPECT_EQ("page_tables_freed_after_munmap", before.pagetable_pages, stat_now().pagetable_pages);
    EXPECT_EQ("total_vm_back_after_munmap", before.total_vm, stat_now().total_vm);
    return utest_finish();
}
