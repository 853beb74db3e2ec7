/*
 * phase1-vma/kernel/uaccess.c - checked copies to and from user memory
 * (see kernel/uaccess.h).
 */
#include <arch/memlayout.h>
#include <arch/uaccess.h>
#include <kernel/uaccess.h>
#include <uapi/errno.h>

bool user_range_ok(uint64_t addr, uint64_t len)
{
    return len <= USER_TOP && addr <= USER_TOP - len;
}

int copy_from_user(void *dst, const void *user_src, size_t n)
{
    if (!user_range_ok((uint64_t)user_src, n))
        return -EFAULT;
    return arch_copy_from_user(dst, user_src, n) ? -EFAULT : 0;
}

int copy_to_user(void *user_dst, const void *src, size_t n)
{
    if (!user_range_ok((uint64_t)user_dst, n))
        return -EFAULT;
    return arch_copy_to_user(user_dst, src, n) ? -EFAULT : 0;
}

int clear_user(void *user_dst, size_t n)
{
    if (!user_range_ok((uint64_t)user_dst, n))
        return -EFAULT;
    return arch_clear_user(user_dst, n) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char *user_src, size_t max)
{
    uint64_t addr = (uint64_t)user_src;
    long len;

    if (max == 0 || addr >= USER_TOP)
        return -EFAULT;
    if (max > USER_TOP - addr)      /* never read past the end of user space */
        max = USER_TOP - addr;
    len = arch_strncpy_from_user(dst, user_src, max);
    if (len < 0)
        return -EFAULT;
    if ((size_t)len == max) {
        dst[max - 1] = '\0';
        return -ENAMETOOLONG;
    }
    return len;
}
