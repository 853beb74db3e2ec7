// phases: 1 3
// timeout: 300
/*
 * mmap_placement_model: every mmap without MAP_FIXED lands exactly where
 * the top-down rule says -- at the top of the highest free gap of the mmap
 * area that fits -- across thousands of random mmap, munmap and mprotect
 * calls that punch holes of every size.
 *
 * The kernel answers most requests from shortcuts (mm->gap_hint, lazy gap
 * updates: mm/vma_tree.c "Shortcuts") instead of searching the tree; this
 * test is their oracle.  Before each mmap it reads the whole address space
 * with usmm_vmas and computes the answer by scanning every gap.
 */
#include "utest.h"
#include <usmm.h>

#define OPS 3000
#define MAX_VMAS 4096
#define PAGE 4096ul
#define MMAP_MIN_ADDR 0x10000ul   /* USER_MMAP_MIN_ADDR */

static struct usmm_vma_info vmas[MAX_VMAS];
static uint64_t mmap_base;

/* expected_topdown: the highest a with [a, a+len) free inside
 * [MMAP_MIN_ADDR, mmap_base), by scanning every gap; 0 when none. */
static uint64_t expected_topdown(uint64_t len)
{
    long n = usmm_vmas(0, 0, vmas, MAX_VMAS);
    uint64_t best = 0, below = 0;

    if (n < 0 || n > MAX_VMAS)
        return 1;                 /* cannot tell: reported as a mismatch */
    for (long i = 0; i <= n; i++) {
        uint64_t lo = below, hi = i < n ? vmas[i].start : UINT64_MAX;

        if (lo < MMAP_MIN_ADDR)
            lo = MMAP_MIN_ADDR;
        if (hi > mmap_base)
            hi = mmap_base;
        if (hi > lo && hi - lo >= len)
            best = hi - len;      /* later gaps are higher */
        if (i < n)
            below = vmas[i].end;
    }
    return best;
}

struct mapping {
    char *addr;
    uint64_t pages;
};

static struct mapping maps[1024];
static int nmaps;

int main(void)
{
    struct usmm_mmstat st;
    uint64_t seed = 12345, wrong = 0, placed = 0, first_wrong_op = 0;
    uint64_t first_expected = 0, first_got = 0;

    usmm_mmstat(0, &st);
    mmap_base = st.mmap_base;
    for (int op = 0; op < OPS; op++) {
        uint64_t r = utest_random(&seed);

        if (nmaps < 1000 && (r % 8 < 4 || nmaps == 0)) {
            /* lengths repeat often (what the hint serves) and vary */
            uint64_t pages = r % 3 == 0 ? 1 + (r >> 8) % 16 : 1 + (r >> 8) % 2;
            int prot = (r >> 16) % 3 == 0 ? PROT_READ : PROT_READ | PROT_WRITE;
            uint64_t want = expected_topdown(pages * PAGE);
            char *p = mmap(NULL, pages * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

            placed++;
            if ((uint64_t)p != want && wrong++ == 0) {
                first_wrong_op = (uint64_t)op;
                first_expected = want;
                first_got = (uint64_t)p;
            }
            if (p != MAP_FAILED)
                maps[nmaps++] = (struct mapping){ p, pages };
        } else if (r % 8 < 7) {
            /* unmap a whole mapping, or a page out of its middle */
            int i = (int)((r >> 8) % (uint64_t)nmaps);
            if (maps[i].pages > 2 && (r >> 20) % 2) {
                munmap(maps[i].addr + PAGE, PAGE);
                maps[nmaps++] = (struct mapping){ maps[i].addr + 2 * PAGE, maps[i].pages - 2 };
                maps[i].pages = 1;
            } else {
                munmap(maps[i].addr, maps[i].pages * PAGE);
                maps[i] = maps[--nmaps];
            }
        } else {
            /* change rights: splits and merges move the gaps' owners */
            int i = (int)((r >> 8) % (uint64_t)nmaps);
            mprotect(maps[i].addr, PAGE, (r >> 24) % 2 ? PROT_READ : PROT_READ | PROT_WRITE);
        }
    }
    if (wrong)
        printf("first wrong placement at op %llu: expected %#llx, got %#llx\n",
               (unsigned long long)first_wrong_op, (unsigned long long)first_expected,
               (unsigned long long)first_got);
    EXPECT_TRUE("many_mmaps_were_placed", placed > 1000);
    EXPECT_EQ("every_mmap_lands_at_the_highest_gap_that_fits", 0, (long long)wrong);
    EXPECT_EQ("check_mm_passes_after_the_random_calls", 0, usmm_check_mm(0));
    return utest_finish();
}
