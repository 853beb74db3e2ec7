// phases: 2 3
// lab: 10
/*
 * lab10_file_fault: what filemap_fault (lab 10) does, seen from user space
 * through the page tables (usmm_pagemap) and the fault counters:
 *   - a MAP_SHARED page is the page cache's own frame, the same in every
 *     mapping of the file, writable, and dirty once written;
 *   - a MAP_PRIVATE page read is that same frame, read-only and marked
 *     copy-on-write; written, it is a copy of its own (not the cache's);
 *   - the first touch of a page no one has read is a major fault, the next
 *     mapping's touch of it a minor one;
 *   - past the end of the file: SIGBUS.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "utest.h"
#include <usmm.h>

#define PAGE 4096

static uint64_t pm(void *addr)
{
    uint64_t w = 0;
    usmm_pagemap(0, (uint64_t)addr, 1, &w);
    return w;
}

static struct usmm_mmstat stat_now(void)
{
    struct usmm_mmstat s;
    usmm_mmstat(0, &s);
    return s;
}

int main(void)
{
    const char *path = "/lab10_file_fault.dat";
    static char buf[4 * PAGE];
    int fd;

    for (int i = 0; i < 4 * PAGE; i++)
        buf[i] = (char)('A' + i % 23);
    fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    EXPECT_EQ("write_file", 4 * PAGE - 100, write(fd, buf, 4 * PAGE - 100));
    close(fd);                      /* the cache goes with the last reference */
    fd = open(path, O_RDWR);
    char *s = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *t = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    EXPECT_TRUE("three_mappings", s != MAP_FAILED && t != MAP_FAILED && p != MAP_FAILED);

    struct usmm_vma_info v[1];
    EXPECT_TRUE("pmap_lists_mapping", usmm_vmas(0, (uint64_t)s, v, 1) > 0 && v[0].start == (uint64_t)s);
    EXPECT_TRUE("pmap_names_the_file", strcmp(v[0].name, "lab10_file_fault.dat") == 0 &&
                                       strcmp(v[0].kind, "file") == 0);
    struct usmm_mmstat a = stat_now();
    volatile char c = s[2 * PAGE + 1];      /* page 2, never read: the disk */
    struct usmm_mmstat b = stat_now();
    EXPECT_TRUE("shared_read_gives_file_bytes", c == buf[2 * PAGE + 1]);
    EXPECT_EQ("first_touch_is_major", 1, b.maj_flt - a.maj_flt);
    EXPECT_EQ("first_touch_not_minor", 0, b.min_flt - a.min_flt);
    c = t[2 * PAGE + 1];
    struct usmm_mmstat d = stat_now();
    EXPECT_EQ("second_mapping_minor", 1, d.min_flt - b.min_flt);
    EXPECT_EQ("second_mapping_not_major", 0, d.maj_flt - b.maj_flt);

    uint64_t ws = pm(s + 2 * PAGE), wt = pm(t + 2 * PAGE);
    EXPECT_TRUE("shared_is_cache_frame", (ws & USMM_PM_PRESENT) && (ws & USMM_PM_FILE));
    EXPECT_EQ("both_shared_mappings_same_frame", ws & USMM_PM_PFN_MASK,
              wt & USMM_PM_PFN_MASK);
    EXPECT_TRUE("shared_writable", (ws & USMM_PM_WRITE) != 0);
    s[2 * PAGE] = '!';
    EXPECT_TRUE("store_sets_dirty", (pm(s + 2 * PAGE) & USMM_PM_DIRTY) != 0);
    EXPECT_TRUE("other_mapping_sees_store", t[2 * PAGE] == '!');

    c = p[2 * PAGE + 5];
    uint64_t wp = pm(p + 2 * PAGE);
    EXPECT_TRUE("private_read_is_cache_frame",
                (wp & USMM_PM_FILE) && (wp & USMM_PM_PFN_MASK) == (ws & USMM_PM_PFN_MASK));
    EXPECT_TRUE("private_read_readonly_cow", !(wp & USMM_PM_WRITE) && (wp & USMM_PM_COW));
    EXPECT_TRUE("private_sees_shared_store", p[2 * PAGE] == '!');
    p[2 * PAGE] = '?';
    wp = pm(p + 2 * PAGE);
    EXPECT_TRUE("private_write_copies", !(wp & USMM_PM_FILE) && (wp & USMM_PM_WRITE) &&
                (wp & USMM_PM_PFN_MASK) != (ws & USMM_PM_PFN_MASK));
    EXPECT_TRUE("file_unchanged_by_private", s[2 * PAGE] == '!');
    p[PAGE] = 'w';                  /* a write fault on a page never mapped */
    wp = pm(p + PAGE);
    EXPECT_TRUE("private_write_fault_copy", !(wp & USMM_PM_FILE) && (wp & USMM_PM_WRITE));
    EXPECT_TRUE("private_copy_has_file_bytes", p[PAGE + 1] == buf[PAGE + 1]);

    EXPECT_TRUE("last_partial_page_zero_tail",
                s[4 * PAGE - 101] == buf[4 * PAGE - 101] && s[4 * PAGE - 100] == 0);
    EXPECT_SIGNAL("past_end_sigbus", SIGBUS, {
        char *e = mmap(NULL, 8 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
        (void)*(volatile char *)(e + 5 * PAGE);
    });
    /* s: pages 2 and 3; t: page 2; p: pages 1 and 2 (copies) */
    EXPECT_EQ("rss_counts_mapped_pages", 5, stat_now().rss - a.rss);
    (void)c;
    EXPECT_EQ("check_mm_and_refcount_audit", 0, usmm_check_mm(0));
    close(fd);
    unlink(path);
    return utest_finish();
}
