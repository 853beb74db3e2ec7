// phases: 1 3
// cmdline: check_mm=2
/*
 * mmap_basics: what a fresh anonymous mapping looks like: zero-filled,
 * placed top-down below the previous one, at the hint when it is free,
 * replaced by MAP_FIXED, populated by MAP_POPULATE, shared with a child
 * when MAP_SHARED; nothing is resident until touched.
 */
#include "utest.h"
#include <usmm.h>

#define PRIV_ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static uint64_t rss(void)
{
    struct usmm_mmstat st;
    usmm_mmstat(0, &st);
    return st.rss;
}

static void zero_filled(void)
{
    unsigned char *p = mmap(NULL, 64 * 4096, PROT_READ | PROT_WRITE, PRIV_ANON, -1, 0);
    int nonzero = 0;
    for (int i = 0; i < 64 * 4096; i++)
        nonzero += p[i] != 0;
    EXPECT_EQ("fresh_memory_is_zero_filled", 0, nonzero);
    EXPECT_EQ("mapping_is_page_aligned", 0, (uintptr_t)p % 4096);
    munmap(p, 64 * 4096);
}

static void placement(void)
{
    char *a = mmap(NULL, 4096, PROT_READ, PRIV_ANON, -1, 0);
    char *b = mmap(NULL, 4096, PROT_WRITE, PRIV_ANON, -1, 0);
    char *hint = (char *)0x200000000000ul;
    char *h = mmap(hint, 8192, PROT_READ, PRIV_ANON, -1, 0);
    char *h2 = mmap(hint, 8192, PROT_READ, PRIV_ANON, -1, 0);
    char *u = mmap(hint + 0x10000 + 123, 4096, PROT_READ, PRIV_ANON, -1, 0);

    EXPECT_TRUE("second_mapping_is_below_first_top_down", b < a);
    struct usmm_mmstat st;
    usmm_mmstat(0, &st);
    EXPECT_TRUE("mappings_are_below_the_mmap_base", (uintptr_t)a + 4096 <= st.mmap_base);
    EXPECT_TRUE("free_hint_is_honoured", h == hint);
    EXPECT_TRUE("busy_hint_goes_elsewhere", h2 != MAP_FAILED && h2 != hint);
    EXPECT_TRUE("unaligned_hint_is_rounded_down", u == hint + 0x10000);
    munmap(a, 4096);
    munmap(b, 4096);
    munmap(h, 8192);
    munmap(h2, 8192);
    munmap(u, 4096);
}

static void fixed_replaces(void)
{
    char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, PRIV_ANON, -1, 0);
    memset(p, 0xaa, 4 * 4096);
    char *q = mmap(p + 4096, 2 * 4096, PROT_READ | PROT_WRITE, PRIV_ANON | MAP_FIXED, -1, 0);
    EXPECT_TRUE("map_fixed_returns_the_address", q == p + 4096);
    EXPECT_EQ("map_fixed_over_memory_gives_zeros", 0, q[0] | q[4096] | q[8191]);
    EXPECT_EQ("map_fixed_leaves_neighbours", 0xaa, (unsigned char)p[0]);
    EXPECT_EQ("map_fixed_leaves_neighbours_above", 0xaa, (unsigned char)p[3 * 4096]);
    munmap(p, 4 * 4096);
}

static void residency(void)
{
    uint64_t before = rss();
    char *p = mmap(NULL, 100 * 4096, PROT_READ | PROT_WRITE, PRIV_ANON, -1, 0);
    EXPECT_EQ("mmap_allocates_no_frames", before, rss());
    p[0] = 1;
    p[50 * 4096] = 1;
    EXPECT_EQ("touching_two_pages_makes_two_resident", before + 2, rss());
    munmap(p, 100 * 4096);
    EXPECT_EQ("munmap_releases_the_frames", before, rss());
    p = mmap(NULL, 100 * 4096, PROT_READ | PROT_WRITE, PRIV_ANON | MAP_POPULATE, -1, 0);
    EXPECT_EQ("map_populate_makes_all_resident", before + 100, rss());
    munmap(p, 100 * 4096);
    p = mmap(NULL, 1ul << 30, PROT_READ | PROT_WRITE, PRIV_ANON | MAP_NORESERVE, -1, 0);
    EXPECT_TRUE("map_noreserve_1GiB_is_accepted", p != MAP_FAILED);
    munmap(p, 1ul << 30);
    p = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, PRIV_ANON | MAP_GROWSDOWN, -1, 0);
    EXPECT_TRUE("map_growsdown_is_accepted", p != MAP_FAILED);
    munmap(p, 16 * 4096);
}

static void shared_with_child(void)
{
    volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    volatile int *private = mmap(NULL, 4096, PROT_READ | PROT_WRITE, PRIV_ANON, -1, 0);
    shared[0] = 1;
    private[0] = 1;
    pid_t pid = fork();
    if (pid == 0) {
        shared[0] = 2;
        private[0] = 2;
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    EXPECT_EQ("map_shared_write_in_child_is_seen_by_parent", 2, shared[0]);
    EXPECT_EQ("map_private_write_in_child_is_not_seen", 1, private[0]);
}

int main(void)
{
    zero_filled();
    placement();
    fixed_replaces();
    residency();
    shared_with_child();
    EXPECT_EQ("check_mm_at_end", 0, usmm_check_mm(0));
    return utest_finish();
}
