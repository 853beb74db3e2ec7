// phases: 2 3
// disk-check: e2fsck
// disk-cat: /pc_periodic.dat written, never synced\n
/*
 * page_cache_writeback: what happens to a file's cached pages behind the
 * program's back.
 *   - vm.drop_caches drops the clean pages nobody maps -- not a mapped
 *     one, not a dirty one, not a RAM file's (it has nowhere to be read
 *     back from); a dropped page comes back with a major fault;
 *   - writeback runs every 5 seconds: a write() never synced reaches the
 *     disk on its own (the grader reads it back from the image), and its
 *     page is clean afterwards (drop_caches can take it).
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "utest.h"
#include <usmm.h>

#define PAGE 4096
#define PAGES 8

static int cached(const void *addr)
{
    unsigned char v = 0;
    return mincore((void *)addr, PAGE, &v) == 0 ? v & 1 : -1;
}

static void drop_caches(void)
{
    int64_t one = 1;
    EXPECT_EQ("drop_caches_sysctl", 0, usmm_sysctl("vm.drop_caches", NULL, &one));
}

static uint64_t writeback_pages(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.writeback_pages;
}

int main(void)
{
    static char buf[PAGES * PAGE];
    struct usmm_mmstat a, b;
    int fd, rfd;

    memset(buf, 'd', sizeof(buf));
    fd = open("/pc_drop.dat", O_CREAT | O_RDWR | O_TRUNC, 0644);
    EXPECT_EQ("write_8_pages", (long)sizeof(buf), write(fd, buf, sizeof(buf)));
    EXPECT_EQ("fsync", 0, fsync(fd));
    rfd = open("/tmp/pc_drop.dat", O_CREAT | O_RDWR | O_TRUNC, 0644);
    EXPECT_EQ("write_ram_file", (long)sizeof(buf), write(rfd, buf, sizeof(buf)));
    char *m = mmap(NULL, sizeof(buf), PROT_READ, MAP_SHARED, fd, 0);
    char *r = mmap(NULL, sizeof(buf), PROT_READ, MAP_SHARED, rfd, 0);
    EXPECT_TRUE("maps", m != MAP_FAILED && r != MAP_FAILED);
    EXPECT_EQ("all_cached_after_write", 1, cached(m + 3 * PAGE));
    (void)*(volatile char *)m;                              /* page 0: mapped */
    EXPECT_EQ("dirty_page_5", 1, pwrite(fd, "D", 1, 5 * PAGE));  /* page 5: dirty */
    drop_caches();
    EXPECT_EQ("mapped_page_kept", 1, cached(m));
    EXPECT_EQ("dirty_page_kept", 1, cached(m + 5 * PAGE));
    EXPECT_EQ("clean_unmapped_page_dropped", 0, cached(m + 3 * PAGE));
    EXPECT_EQ("ram_file_page_kept", 1, cached(r + 3 * PAGE));
    usmm_mmstat(0, &a);
    char c = *(volatile char *)(m + 3 * PAGE);
    usmm_mmstat(0, &b);
    EXPECT_EQ("dropped_page_reads_back", 'd', c);
    EXPECT_EQ("dropped_page_major_fault", 1, b.maj_flt - a.maj_flt);
    munmap(m, sizeof(buf));
    munmap(r, sizeof(buf));
    close(fd);
    close(rfd);
    unlink("/pc_drop.dat");
    unlink("/tmp/pc_drop.dat");

    /* periodic writeback: no fsync, no msync */
    const char text[] = "written, never synced\n";
    fd = open("/pc_periodic.dat", O_CREAT | O_RDWR | O_TRUNC, 0644);
    uint64_t before = writeback_pages();
    EXPECT_EQ("periodic_write", (long)strlen(text), write(fd, text, strlen(text)));
    m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
    for (int i = 0; i < 12 && writeback_pages() == before; i++)
        sleep(1);
    EXPECT_TRUE("periodic_writeback_wrote_it", writeback_pages() > before);
    munmap(m, PAGE);
    drop_caches();      /* (the file is still open: only a clean page can go) */
    m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
    EXPECT_EQ("written_back_page_clean_dropped", 0, cached(m));
    EXPECT_TRUE("reads_back_from_disk", memcmp(m, text, strlen(text)) == 0);
    munmap(m, PAGE);
    close(fd);
    return utest_finish();
}
