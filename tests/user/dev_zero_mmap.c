// phases: 2 3
// cmdline: check_mm=2
/*
 * dev_zero_mmap: mapping /dev/zero, as on Linux: MAP_PRIVATE is private
 * anonymous memory (zeros; after fork each side keeps its own writes),
 * MAP_SHARED is shared anonymous memory (writes seen across fork).  A
 * read-only descriptor may be mapped privately, even writable, but not
 * shared writable (EACCES); a write-only one not at all (EACCES).
 * /dev/null cannot be mapped (ENODEV).  The same program passes on Linux.
 */
#include "utest.h"
#include <fcntl.h>
#include <usmm.h>

#define LEN (4 * 4096)

static int all_zero(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

/* child_writes: fork; the child writes `c` at p[0] and p[LEN-1] and exits. */
static void child_writes(char *p, char c)
{
    int st;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        p[0] = c;
        p[LEN - 1] = c;
        _exit(0);
    }
    waitpid(pid, &st, 0);
}

int main(void)
{
    int fd = open("/dev/zero", O_RDWR);
    int ro = open("/dev/zero", O_RDONLY);
    int wo = open("/dev/zero", O_WRONLY);
    int null = open("/dev/null", O_RDWR);
    char *priv, *shared, *p;
    int st;

    EXPECT_TRUE("open_dev_zero", fd >= 0 && ro >= 0 && wo >= 0 && null >= 0);

    priv = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    EXPECT_TRUE("private_map_ok", priv != MAP_FAILED);
    EXPECT_TRUE("private_reads_zeros", all_zero(priv, LEN));
    priv[100] = 'p';
    child_writes(priv, 'c');
    EXPECT_EQ("private_parent_keeps_its_write", 'p', priv[100]);
    EXPECT_EQ("private_child_write_not_seen", 0, priv[0]);
    EXPECT_EQ("private_child_write_not_seen_last", 0, priv[LEN - 1]);
    UTEST_CHILD_STATUS(st, _exit(priv[100] == 'p' ? 0 : 1));
    EXPECT_EQ("private_child_sees_parent_before_fork", 0, WEXITSTATUS(st));

    shared = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    EXPECT_TRUE("shared_map_ok", shared != MAP_FAILED);
    EXPECT_TRUE("shared_reads_zeros", all_zero(shared, LEN));
    shared[100] = 's';
    child_writes(shared, 'c');
    EXPECT_EQ("shared_child_write_seen", 'c', shared[0]);
    EXPECT_EQ("shared_child_write_seen_last", 'c', shared[LEN - 1]);
    EXPECT_EQ("shared_parent_write_kept", 's', shared[100]);

    /* two mappings of /dev/zero are two objects, not one */
    p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    EXPECT_TRUE("second_shared_is_separate", p != MAP_FAILED && p[0] == 0);
    munmap(p, LEN);

    /* access modes */
    p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    EXPECT_TRUE("readonly_fd_private_writable_ok", p != MAP_FAILED);
    if (p != MAP_FAILED) {
        p[5] = 1;
        munmap(p, LEN);
    }
    p = mmap(NULL, LEN, PROT_READ, MAP_SHARED, ro, 0);
    EXPECT_TRUE("readonly_fd_shared_readonly_ok", p != MAP_FAILED);
    if (p != MAP_FAILED) {
        EXPECT_ERRNO("readonly_fd_shared_mprotect_write_eacces",
                     mprotect(p, LEN, PROT_READ | PROT_WRITE), EACCES);
        munmap(p, LEN);
    }
    EXPECT_ERRNO("readonly_fd_shared_writable_eacces",
                 (long)mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
    EXPECT_ERRNO("writeonly_fd_eacces",
                 (long)mmap(NULL, LEN, PROT_READ, MAP_PRIVATE, wo, 0), EACCES);
    EXPECT_ERRNO("dev_null_mmap_enodev",
                 (long)mmap(NULL, LEN, PROT_READ, MAP_PRIVATE, null, 0), ENODEV);
    EXPECT_ERRNO("unaligned_offset_einval",
                 (long)mmap(NULL, LEN, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL);

    /* a mapping outlives its descriptor */
    close(fd);
    shared[1] = 'x';
    EXPECT_EQ("mapping_outlives_close", 'x', shared[1]);
    EXPECT_EQ("munmap_private", 0, munmap(priv, LEN));
    EXPECT_EQ("munmap_shared", 0, munmap(shared, LEN));
    EXPECT_EQ("check_mm", 0, usmm_check_mm(0));
    return utest_finish();
}
