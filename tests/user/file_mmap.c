// phases: 2 3
// args: /file_mmap
// disk-check: e2fsck
// disk-cat: /file_mmap/shared.txt written by a store\n
/*
 * file_mmap: mapping files, on the ext2 disk and on the RAM file system
 * (/tmp), with Linux's semantics:
 *   - MAP_SHARED is coherent with read() and write() both ways, and
 *     across two processes;
 *   - MAP_PRIVATE reads the file until a page is written, then has a copy
 *     of its own that the file never sees (and fork copies it lazily);
 *   - past the end of the file, inside the mapping: SIGBUS (BUS_ADRERR,
 *     si_addr); the partial last page reads zeros past the end, and bytes
 *     stored there never reach the file; ftruncate makes the cut pages
 *     SIGBUS in every mapping;
 *   - close() and unlink() do not end a mapping;
 *   - mprotect respects the open mode; the errors of mmap.
 * Runs on Linux too (`file_mmap DIR`), with the same lines.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "utest.h"

#define PAGE 4096
static char base[256];
static sigjmp_buf jump;
static volatile void *bus_addr;
static volatile int bus_code, bus_signo;

static const char *at(const char *dir, const char *name)
{
    static char buf[4][512];
    static int n;
    char *p = buf[n++ % 4];
    snprintf(p, 512, "%s/%s", dir, name);
    return p;
}

static void on_bus(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    bus_signo = sig;
    bus_code = si->si_code;
    bus_addr = si->si_addr;
    siglongjmp(jump, 1);
}

/* touch: read one byte at p; 1 if it raised SIGBUS (recorded). */
static int touch_bus(volatile char *p, int write)
{
    bus_signo = 0;
    if (sigsetjmp(jump, 1) == 0) {
        if (write)
            *p = 'x';
        else
            (void)*p;
        return 0;
    }
    return 1;
}

/* make_file: a file of `size` bytes, byte i = 'a' + i % 26. */
static int make_file(const char *path, size_t size)
{
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    static char buf[3 * PAGE];
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (char)('a' + i % 26);
    if (fd < 0 || write(fd, buf, size) != (ssize_t)size)
        return -1;
    return fd;
}

static void shared_coherence(const char *fs, const char *dir)
{
    char name[96], buf[16] = { 0 };
    int fd = make_file(at(dir, "coherent"), 2 * PAGE);
    char *m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

    snprintf(name, sizeof(name), "%s_shared_map", fs);
    EXPECT_TRUE(name, m != MAP_FAILED);
    if (m == MAP_FAILED)
        return;
    snprintf(name, sizeof(name), "%s_shared_reads_file", fs);
    EXPECT_TRUE(name, m[0] == 'a' && m[PAGE + 1] == (char)('a' + (PAGE + 1) % 26));
    EXPECT_EQ("pwrite_then_mapping_sees_it", 5, pwrite(fd, "HELLO", 5, PAGE));
    snprintf(name, sizeof(name), "%s_write_visible_in_mapping", fs);
    EXPECT_TRUE(name, memcmp(m + PAGE, "HELLO", 5) == 0);
    memcpy(m + 100, "store", 5);
    EXPECT_EQ("pread_after_store", 5, pread(fd, buf, 5, 100));
    snprintf(name, sizeof(name), "%s_store_visible_to_read", fs);
    EXPECT_TRUE(name, memcmp(buf, "store", 5) == 0);
    /* another process's mapping sees the same page */
    pid_t pid = fork();
    if (pid == 0) {
        char *c = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (c == MAP_FAILED || memcmp(c + 100, "store", 5) != 0)
            _exit(1);
        memcpy(c + 200, "child", 5);
        _exit(0);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    snprintf(name, sizeof(name), "%s_other_process_shares", fs);
    EXPECT_TRUE(name, WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                      memcmp(m + 200, "child", 5) == 0);
    EXPECT_EQ("msync_sync", 0, msync(m, 2 * PAGE, MS_SYNC));
    EXPECT_EQ("munmap_shared", 0, munmap(m, 2 * PAGE));
    memset(buf, 0, sizeof(buf));
    EXPECT_EQ("pread_after_munmap", 5, pread(fd, buf, 5, 200));
    snprintf(name, sizeof(name), "%s_store_survives_munmap", fs);
    EXPECT_TRUE(name, memcmp(buf, "child", 5) == 0);
    close(fd);
}

static void private_isolation(const char *fs, const char *dir)
{
    char name[96], buf[8] = { 0 };
    int fd = make_file(at(dir, "private"), 2 * PAGE);
    char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

    snprintf(name, sizeof(name), "%s_private_map", fs);
    EXPECT_TRUE(name, p != MAP_FAILED);
    if (p == MAP_FAILED)
        return;
    /* not copied yet: a write() to the file shows through */
    EXPECT_EQ("pwrite_before_copy", 3, pwrite(fd, "XYZ", 3, 0));
    snprintf(name, sizeof(name), "%s_private_sees_file_until_written", fs);
    EXPECT_TRUE(name, memcmp(p, "XYZ", 3) == 0);
    p[1] = '!';                             /* the page is copied now */
    EXPECT_EQ("pread_private_page", 3, pread(fd, buf, 3, 0));
    snprintf(name, sizeof(name), "%s_private_store_not_in_file", fs);
    EXPECT_TRUE(name, memcmp(buf, "XYZ", 3) == 0);
    EXPECT_EQ("pwrite_after_copy", 3, pwrite(fd, "abc", 3, 0));
    snprintf(name, sizeof(name), "%s_copy_keeps_own_bytes", fs);
    EXPECT_TRUE(name, p[0] == 'X' && p[1] == '!' && p[2] == 'Z');
    /* fork: the child's private page is its own too */
    pid_t pid = fork();
    if (pid == 0) {
        p[PAGE] = 'C';
        _exit(p[0] == 'X' ? 0 : 1);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    snprintf(name, sizeof(name), "%s_fork_private_copy", fs);
    EXPECT_TRUE(name, WIFEXITED(status) && WEXITSTATUS(status) == 0 && p[PAGE] != 'C');
    EXPECT_EQ("pread_page1_untouched", 1, pread(fd, buf, 1, PAGE));
    snprintf(name, sizeof(name), "%s_child_store_not_in_file", fs);
    EXPECT_TRUE(name, buf[0] == 'a' + PAGE % 26);
    munmap(p, 2 * PAGE);
    close(fd);
}

static void end_of_file(const char *fs, const char *dir)
{
    char name[96], buf[PAGE];
    int fd = make_file(at(dir, "short"), 100);
    char *m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *q = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    struct stat st;

    snprintf(name, sizeof(name), "%s_map_past_end", fs);
    EXPECT_TRUE(name, m != MAP_FAILED && q != MAP_FAILED);
    if (m == MAP_FAILED || q == MAP_FAILED)
        return;
    snprintf(name, sizeof(name), "%s_partial_page_zero_past_end", fs);
    EXPECT_TRUE(name, m[99] == 'a' + 99 % 26 && m[100] == 0 && m[PAGE - 1] == 0);
    m[200] = 'Z';                           /* past the end, inside the page */
    EXPECT_EQ("msync_partial_page", 0, msync(m, PAGE, MS_SYNC));
    EXPECT_EQ("size_unchanged_by_store", 0, fstat(fd, &st));
    EXPECT_EQ("size_still_100", 100, st.st_size);
    snprintf(name, sizeof(name), "%s_next_page_sigbus", fs);
    EXPECT_TRUE(name, touch_bus(m + PAGE + 5, 0) && bus_signo == SIGBUS &&
                      bus_code == BUS_ADRERR && bus_addr == m + PAGE + 5);
    snprintf(name, sizeof(name), "%s_write_past_end_sigbus", fs);
    EXPECT_TRUE(name, touch_bus(m + 2 * PAGE, 1) && bus_signo == SIGBUS);
    snprintf(name, sizeof(name), "%s_private_past_end_sigbus", fs);
    EXPECT_TRUE(name, touch_bus(q + PAGE, 0) && bus_signo == SIGBUS);
    /* growing the file: the bytes stored past the old end are zeros */
    EXPECT_EQ("ftruncate_grow", 0, ftruncate(fd, 2 * PAGE));
    snprintf(name, sizeof(name), "%s_grown_page_readable", fs);
    EXPECT_TRUE(name, !touch_bus(m + PAGE + 5, 0) && m[PAGE + 5] == 0);
    EXPECT_EQ("pread_grown", 200, pread(fd, buf, 200, 0));
    snprintf(name, sizeof(name), "%s_store_past_end_never_reaches_file", fs);
    EXPECT_TRUE(name, buf[199] == 0 && buf[99] == 'a' + 99 % 26);
    /* shrinking it: pages past the new end SIGBUS in every mapping */
    (void)q[PAGE + 7];
    EXPECT_EQ("ftruncate_shrink", 0, ftruncate(fd, 10));
    snprintf(name, sizeof(name), "%s_truncated_shared_sigbus", fs);
    EXPECT_TRUE(name, touch_bus(m + PAGE, 0));
    snprintf(name, sizeof(name), "%s_truncated_private_sigbus", fs);
    EXPECT_TRUE(name, touch_bus(q + PAGE + 7, 0));
    snprintf(name, sizeof(name), "%s_truncated_tail_zero", fs);
    EXPECT_TRUE(name, m[9] == 'a' + 9 && m[10] == 0 && q[10] == 0);
    munmap(m, 3 * PAGE);
    munmap(q, 3 * PAGE);
    close(fd);
}

static void lifetime(const char *fs, const char *dir)
{
    char name[96];
    int fd = make_file(at(dir, "doomed"), PAGE);
    char *m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

    EXPECT_EQ("close_mapped_fd", 0, close(fd));
    EXPECT_EQ("unlink_mapped_file", 0, unlink(at(dir, "doomed")));
    snprintf(name, sizeof(name), "%s_mapping_outlives_close_and_unlink", fs);
    EXPECT_TRUE(name, m != MAP_FAILED && m[3] == 'd');
    if (m != MAP_FAILED) {
        m[3] = 'D';
        EXPECT_TRUE("store_after_unlink", m[3] == 'D');
        EXPECT_EQ("munmap_last_mapping", 0, munmap(m, PAGE));
    }
    EXPECT_ERRNO("file_gone", open(at(dir, "doomed"), O_RDONLY), ENOENT);
}

static void errors(const char *fs, const char *dir)
{
    char name[96];
    int rd, wr, rw, ap;

    close(make_file(at(dir, "modes"), PAGE));
    rd = open(at(dir, "modes"), O_RDONLY);
    wr = open(at(dir, "modes"), O_WRONLY);
    rw = open(at(dir, "modes"), O_RDWR);
    ap = open(at(dir, "modes"), O_RDWR | O_APPEND);
    snprintf(name, sizeof(name), "%s_shared_write_of_rdonly", fs);
    EXPECT_ERRNO(name, (long)mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, rd, 0),
                 EACCES);
    snprintf(name, sizeof(name), "%s_any_map_of_wronly", fs);
    EXPECT_ERRNO(name, (long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, wr, 0), EACCES);
    /* O_APPEND does not stop a shared writable mapping (Linux) */
    char *a = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ap, 0);
    snprintf(name, sizeof(name), "%s_shared_write_of_append_ok", fs);
    EXPECT_TRUE(name, a != MAP_FAILED);
    if (a != MAP_FAILED)
        munmap(a, PAGE);
    EXPECT_ERRNO("bad_fd", (long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED, 99, 0), EBADF);
    EXPECT_ERRNO("unaligned_offset",
                 (long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED, rd, 100), EINVAL);
    EXPECT_ERRNO("offset_overflow",
                 (long)mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, rd, 0x7ffffffffffff000),
                 EOVERFLOW);
    int dfd = open(dir, O_RDONLY);
    EXPECT_ERRNO("directory_nodev", (long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED, dfd, 0),
                 ENODEV);
    int nfd = open("/dev/null", O_RDWR);
    EXPECT_ERRNO("dev_null_nodev", (long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED, nfd, 0),
                 ENODEV);
    /* a read-only shared mapping may not become writable; a private one may */
    char *s = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, rd, 0);
    char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, rd, 0);
    snprintf(name, sizeof(name), "%s_mprotect_shared_rdonly", fs);
    EXPECT_ERRNO(name, mprotect(s, PAGE, PROT_READ | PROT_WRITE), EACCES);
    snprintf(name, sizeof(name), "%s_mprotect_private_rdonly_ok", fs);
    EXPECT_EQ(name, 0, mprotect(p, PAGE, PROT_READ | PROT_WRITE));
    p[0] = '#';
    EXPECT_TRUE("private_write_after_mprotect", p[0] == '#' && s[0] == 'a');
    /* an offset into the file, and a mapping in two parts that merge back */
    char *o = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, rw, 0);
    snprintf(name, sizeof(name), "%s_offset_zero_reads", fs);
    EXPECT_TRUE(name, o != MAP_FAILED && o[0] == 'a');
    munmap(s, PAGE);
    munmap(p, PAGE);
    munmap(o, PAGE);
    close(rd);
    close(wr);
    close(rw);
    close(ap);
    close(dfd);
    close(nfd);
}

static void offsets_and_split(const char *fs, const char *dir)
{
    char name[96];
    int fd = make_file(at(dir, "pages"), 3 * PAGE);
    char *m = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, PAGE);

    snprintf(name, sizeof(name), "%s_offset_one_page", fs);
    EXPECT_TRUE(name, m != MAP_FAILED && m[0] == 'a' + PAGE % 26 &&
                      m[PAGE] == 'a' + (2 * PAGE) % 26);
    /* split by mprotect, merged back: the offsets still line up */
    EXPECT_EQ("mprotect_split", 0, mprotect(m + PAGE, PAGE, PROT_NONE));
    EXPECT_EQ("mprotect_merge", 0, mprotect(m + PAGE, PAGE, PROT_READ));
    snprintf(name, sizeof(name), "%s_split_keeps_offsets", fs);
    EXPECT_TRUE(name, m[PAGE + 1] == 'a' + (2 * PAGE + 1) % 26);
    munmap(m, 2 * PAGE);
    close(fd);
}

static void persist(const char *dir)
{
    int fd = open(at(dir, "shared.txt"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    const char text[] = "written by a store\n";

    EXPECT_EQ("persist_size", 0, ftruncate(fd, sizeof(text) - 1));
    char *m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    EXPECT_TRUE("persist_map", m != MAP_FAILED);
    if (m == MAP_FAILED)
        return;
    memcpy(m, text, sizeof(text) - 1);
    EXPECT_EQ("persist_msync", 0, msync(m, PAGE, MS_SYNC));
    munmap(m, PAGE);
    close(fd);
}

int main(int argc, char **argv)
{
    struct sigaction sa = { 0 };
    char tmp[300];

    snprintf(base, sizeof(base), "%s", argc > 1 ? argv[1] : "/file_mmap");
    snprintf(tmp, sizeof(tmp), "/tmp/file_mmap.%d", getpid());
    mkdir(base, 0755);
    mkdir(tmp, 0755);
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    shared_coherence("disk", base);
    shared_coherence("ram", tmp);
    private_isolation("disk", base);
    private_isolation("ram", tmp);
    end_of_file("disk", base);
    end_of_file("ram", tmp);
    lifetime("disk", base);
    lifetime("ram", tmp);
    errors("disk", base);
    errors("ram", tmp);
    offsets_and_split("disk", base);
    offsets_and_split("ram", tmp);
    persist(base);
    return utest_finish();
}
