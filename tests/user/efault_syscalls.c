// phases: 1 3
/*
 * efault_syscalls: a bad pointer handed to a system call gets EFAULT (the
 * kernel survives the fault inside copy_from_user), an unknown system call
 * gets ENOSYS, and a bad descriptor EBADF.
 */
#include "utest.h"
#include <time.h>

int main(void)
{
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct timespec ts = { 0, 0 };

    EXPECT_ERRNO("write_null_buffer_is_efault", write(1, NULL, 10), EFAULT);
    EXPECT_ERRNO("write_unmapped_buffer_is_efault", write(1, (void *)0x300000000000ul, 10), EFAULT);
    EXPECT_ERRNO("write_kernel_buffer_is_efault", write(1, (void *)0xffffffff80100000ul, 10), EFAULT);
    EXPECT_ERRNO("write_overflowing_range_is_efault", write(1, (void *)0x7ffffffff000ul, 0x2000), EFAULT);
    EXPECT_ERRNO("read_kernel_buffer_is_efault", read(0, (void *)0xffffffff80100000ul, 10), EFAULT);
    EXPECT_EQ("write_zero_bytes_is_0", 0, write(1, NULL, 0));
    /* a buffer whose second page is unmapped: the first page is written */
    munmap(page + 4096, 4096);
    memset(page, '.', 4096);
    page[4095] = '\n';
    EXPECT_EQ("write_stops_at_unmapped_page", 4096, write(1, page + 0, 8192));
    EXPECT_ERRNO("nanosleep_bad_pointer_is_efault", nanosleep((void *)1, NULL), EFAULT);
    EXPECT_ERRNO("nanosleep_bad_nsec_is_einval",
                 nanosleep(&(struct timespec){ 0, 1000000000 }, NULL), EINVAL);
    EXPECT_EQ("nanosleep_zero_is_0", 0, nanosleep(&ts, NULL));
    EXPECT_ERRNO("waitpid_bad_status_pointer_is_efault",
                 waitpid(-1, (int *)0xffffffff80000000ul, 0), EFAULT);
    EXPECT_ERRNO("unknown_syscall_is_enosys", syscall(400), ENOSYS);
    EXPECT_ERRNO("huge_syscall_number_is_enosys", syscall(100000), ENOSYS);
    EXPECT_ERRNO("negative_syscall_number_is_enosys", syscall(-1), ENOSYS);
    EXPECT_ERRNO("write_bad_fd_is_ebadf", write(99, "x", 1), EBADF);
    EXPECT_ERRNO("write_negative_fd_is_ebadf", write(-1, "x", 1), EBADF);
    EXPECT_ERRNO("close_unopened_fd_is_ebadf", close(17), EBADF);
    EXPECT_ERRNO("usmm_vmas_bad_buffer_is_efault",
                 syscall(501, 0, 0, (void *)0xffffffff80000000ul, 4), EFAULT);
    EXPECT_ERRNO("usmm_poweroff_by_non_init_is_eperm", syscall(504, 0), EPERM);
    return utest_finish();
}
