// phases: 2 3
// cmdline: check_mm=2
/*
 * dev_mem_vga: /dev/mem maps device memory, the VGA text buffer
 * (0xb8000-0xbffff) and nothing else (EPERM, as Linux's STRICT_DEVMEM).
 * Root writes a string through one mapping and reads it back through it
 * and through a second one; the frames are not RAM of the process (rss
 * does not grow); a forked child sees the same bytes, and its writes reach
 * the parent (the same device frames, never copied).  mprotect keeps the
 * frame; mremap may not grow it (EFAULT); a private mapping is read-only
 * (PROT_WRITE: EACCES, see docs/linux-differences.md); offsets past the
 * physical address space are EINVAL; a user other than root cannot open
 * the file (EPERM).  The reference-count audit (usmm_check_mm) accepts it.
 */
#include "utest.h"
#include <fcntl.h>
#include <usmm.h>

#define VGA 0xb8000
#define MSG "usmm /dev/mem: hello, VGA"

static uint64_t rss(void)
{
    struct usmm_mmstat s;
    usmm_mmstat(0, &s);
    return s.rss;
}

static int vma_of(void *addr, struct usmm_vma_info *out)
{
    return usmm_vmas(0, (uint64_t)(uintptr_t)addr, out, 1) >= 1 &&
           out->start == (uint64_t)(uintptr_t)addr;
}

int main(void)
{
    int fd = open("/dev/mem", O_RDWR | O_SYNC);
    int ro = open("/dev/mem", O_RDONLY);
    struct usmm_vma_info v;
    char *a, *b, *p;
    uint64_t rss0;
    int st;

    EXPECT_TRUE("root_opens_dev_mem", fd >= 0 && ro >= 0);
    rss0 = rss();
    a = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, VGA);
    b = mmap(NULL, 2 * 4096, PROT_READ, MAP_SHARED, ro, VGA);
    EXPECT_TRUE("map_vga_text_buffer", a != MAP_FAILED && b != MAP_FAILED);
    if (a == MAP_FAILED || b == MAP_FAILED)
        return utest_finish();
    memcpy(a + 160, MSG, sizeof(MSG));
    EXPECT_TRUE("read_back_through_the_mapping", memcmp(a + 160, MSG, sizeof(MSG)) == 0);
    EXPECT_TRUE("read_back_through_a_second_mapping", memcmp(b + 160, MSG, sizeof(MSG)) == 0);
    (void)*(volatile char *)(b + 4096);
    EXPECT_EQ("rss_does_not_grow", (long long)rss0, (long long)rss());
    EXPECT_TRUE("vma_is_io_pfnmap_dontexpand",
                vma_of(a, &v) && (v.flags & USMM_VM_IO) && (v.flags & USMM_VM_PFNMAP) &&
                    (v.flags & USMM_VM_DONTEXPAND));
    EXPECT_TRUE("pmap_names_it", vma_of(a, &v) && strcmp(v.name, "/dev/mem") == 0);
    EXPECT_EQ("vma_offset_is_the_physical_address", VGA, (long long)v.offset);
    EXPECT_EQ("check_mm_and_audit_accept_it", 0, usmm_check_mm(0));

    /* fork: the child maps the very same frames */
    UTEST_CHILD_STATUS(st, {
        int same = memcmp(a + 160, MSG, sizeof(MSG)) == 0;
        a[160] = 'U';
        _exit(same && usmm_check_mm(0) == 0 ? 0 : 1);
    });
    EXPECT_EQ("child_sees_the_same_bytes", 0, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    EXPECT_EQ("child_write_reaches_the_parent", 'U', b[160]);

    /* mprotect keeps the frame */
    EXPECT_EQ("mprotect_read_only", 0, mprotect(a, 4096, PROT_READ));
    EXPECT_EQ("same_bytes_after_mprotect", 'U', a[160]);
    EXPECT_SIGNAL("write_after_mprotect_segv", SIGSEGV, a[160] = 'x');
    EXPECT_EQ("mprotect_writable_again", 0, mprotect(a, 4096, PROT_READ | PROT_WRITE));
    a[160] = 'u';
    EXPECT_EQ("write_after_mprotect_reaches_device", 'u', b[160]);
    EXPECT_ERRNO("mprotect_readonly_fd_writable_eacces",
                 mprotect(b, 4096, PROT_READ | PROT_WRITE), EACCES);
    EXPECT_ERRNO("mremap_grow_efault", (long)mremap(a, 4096, 2 * 4096, MREMAP_MAYMOVE), EFAULT);

    /* private mappings */
    p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, VGA);
    EXPECT_TRUE("private_read_only_ok", p != MAP_FAILED && p[160] == 'u');
    if (p != MAP_FAILED) {
        EXPECT_ERRNO("private_mprotect_writable_eacces_usmm",
                     mprotect(p, 4096, PROT_READ | PROT_WRITE), EACCES);
        munmap(p, 4096);
    }
    EXPECT_ERRNO("private_writable_eacces_usmm",
                 (long)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, VGA), EACCES);

    {
        char c;
        EXPECT_ERRNO("read_is_einval_usmm", read(fd, &c, 1), EINVAL);
    }

    /* the window and the offsets */
    EXPECT_ERRNO("outside_the_window_eperm",
                 (long)mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0), EPERM);
    EXPECT_ERRNO("ram_eperm",
                 (long)mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0x200000), EPERM);
    EXPECT_ERRNO("past_the_window_end_eperm",
                 (long)mmap(NULL, 9 * 4096, PROT_READ, MAP_SHARED, fd, VGA), EPERM);
    EXPECT_ERRNO("below_the_window_eperm",
                 (long)mmap(NULL, 2 * 4096, PROT_READ, MAP_SHARED, fd, VGA - 4096), EPERM);
    EXPECT_TRUE("whole_window_ok",
                (p = mmap(NULL, 8 * 4096, PROT_READ, MAP_SHARED, fd, VGA)) != MAP_FAILED &&
                    munmap(p, 8 * 4096) == 0);
    EXPECT_ERRNO("offset_wraps_einval",
                 (long)mmap(NULL, 2 * 4096, PROT_READ, MAP_SHARED, fd, (off_t)-4096), EINVAL);
    EXPECT_ERRNO("offset_past_physical_space_einval",
                 (long)mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (off_t)1 << 60), EINVAL);
    EXPECT_ERRNO("unaligned_offset_einval",
                 (long)mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, VGA + 8), EINVAL);

    /* mappings that touch merge only when their frames continue */
    {
        char *w = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, VGA);
        char *x = mmap(NULL, 4 * 4096, PROT_READ, MAP_SHARED, fd, VGA);
        struct usmm_vma_info vx;
        for (int i = 0; i < 8; i++)
            w[i * 4096 + 7] = (char)('0' + i);
        /* x covers frames 0-3; below it frame 6, above it frames 4-5 */
        EXPECT_TRUE("fixed_below_with_other_frame",
                    mmap(x - 4096, 4096, PROT_READ, MAP_SHARED | MAP_FIXED, fd, VGA + 6 * 4096) ==
                        x - 4096);
        EXPECT_TRUE("fixed_above_continuing",
                    mmap(x + 4 * 4096, 2 * 4096, PROT_READ, MAP_SHARED | MAP_FIXED, fd,
                         VGA + 4 * 4096) == x + 4 * 4096);
        EXPECT_TRUE("non_continuing_frames_do_not_merge",
                    vma_of(x - 4096, &vx) && vx.end == (uint64_t)(uintptr_t)x);
        EXPECT_TRUE("continuing_frames_merge",
                    vma_of(x, &vx) && vx.end == (uint64_t)(uintptr_t)(x + 6 * 4096));
        EXPECT_EQ("page_below_maps_frame_6", '6', x[-4096 + 7]);
        EXPECT_EQ("first_page_maps_frame_0", '0', x[7]);
        EXPECT_EQ("merged_page_maps_frame_5", '5', x[5 * 4096 + 7]);
        munmap(x - 4096, 7 * 4096);
        munmap(w, 8 * 4096);
    }

    /* not root: no /dev/mem */
    UTEST_CHILD_STATUS(st, {
        if (setgid(1000) || setuid(1000))
            _exit(2);
        errno = 0;
        _exit(open("/dev/mem", O_RDONLY) == -1 && errno == EPERM ? 0 : 1);
    });
    EXPECT_EQ("non_root_open_eperm", 0, WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    EXPECT_EQ("munmap", 0, munmap(a, 4096));
    EXPECT_EQ("munmap_second", 0, munmap(b, 2 * 4096));
    EXPECT_EQ("rss_unchanged_at_the_end", (long long)rss0, (long long)rss());
    EXPECT_EQ("check_mm", 0, usmm_check_mm(0));
    return utest_finish();
}
