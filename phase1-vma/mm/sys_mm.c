/*
 * phase1-vma/mm/sys_mm.c - the memory system calls: check every argument,
 * then call the mm (mm/mmap.h).  Errors are Linux's for the same call.
 *
 * Documented differences (docs/linux-differences.md): mmap() rejects flag
 * and protection bits it does not know with EINVAL (Linux ignores them),
 * so that a typo or an unsupported flag shows up at once; and nothing may
 * be mapped below mm->mmap_min_addr, not even by root (EPERM).
 */
#include <kernel/file.h>
#include <kernel/syscall.h>
#include <mm/mmap.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)
#define MAP_KNOWN (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_DENYWRITE | \
                   MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |         \
                   MAP_NONBLOCK | MAP_STACK | MAP_FIXED_NOREPLACE)

/* check_map_type: MAP_PRIVATE or MAP_SHARED, exactly one; as on Linux,
 * MAP_SHARED_VALIDATE is for files only (an unknown flag with it is
 * EOPNOTSUPP) and EINVAL for anonymous memory. */
static int check_map_type(int flags)
{
    switch (flags & MAP_TYPE) {
    case MAP_PRIVATE:
    case MAP_SHARED:
        return flags & ~MAP_KNOWN ? -EINVAL : 0;
    case MAP_SHARED_VALIDATE:
        if (flags & MAP_ANONYMOUS)
            return -EINVAL;
        return flags & ~MAP_KNOWN ? -EOPNOTSUPP : 0;
    default:
        return -EINVAL;
    }
}

int64_t sys_mmap(uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags, uint64_t fd,
                 uint64_t offset)
{
    struct file *file = NULL;
    int err;

    if (prot & ~(uint64_t)PROT_ALL)
        return -EINVAL;
    err = check_map_type((int)flags);
    if (err)
        return err;
    if (len == 0 || (offset & ~PAGE_MASK))
        return -EINVAL;
    if (len > USER_TOP)
        return -ENOMEM;
    len = page_round_up(len);
    if (!(flags & MAP_ANONYMOUS)) {
        file = fd_file((int)fd);
        if (!file)
            return -EBADF;
    }
    /* as Linux: only private anonymous memory may grow down */
    if ((flags & MAP_GROWSDOWN) && (file || (flags & MAP_TYPE) != MAP_PRIVATE))
        return -EINVAL;
    return do_mmap(current->mm, addr, len, (int)prot, (int)flags, file, offset >> PAGE_SHIFT);
}

int64_t sys_munmap(uint64_t addr, uint64_t len)
{
    if ((addr & ~PAGE_MASK) || len == 0 || addr > USER_TOP || len > USER_TOP - addr)
        return -EINVAL;
    return do_munmap(current->mm, addr, page_round_up(len));
}

int64_t mprotect_syscall(uint64_t addr, uint64_t len, uint64_t prot, int pkey,
                         bool (*pkey_valid)(const struct mm_struct *mm, int pkey))
{
    if (addr & ~PAGE_MASK)
        return -EINVAL;
    if (len == 0)
        return 0;
    if (len > USER_TOP || addr > USER_TOP - page_round_up(len))
        return -ENOMEM;
    if (prot & ~(uint64_t)(PROT_ALL | PROT_SEM))
        return -EINVAL;
    if (pkey_valid && !pkey_valid(current->mm, pkey))
        return -EINVAL;
    return do_mprotect_pkey(current->mm, addr, page_round_up(len), (int)(prot & PROT_ALL), pkey);
}

/* sys_mprotect: Linux's checks in Linux's order: a length of 0 succeeds
 * before the protection bits are looked at. */
int64_t sys_mprotect(uint64_t addr, uint64_t len, uint64_t prot)
{
    return mprotect_syscall(addr, len, prot, -1, NULL);
}

/* sys_mremap: Linux's checks in Linux's order.  An old length of 0 (which
 * Linux takes as "duplicate this shared mapping") is EINVAL here. */
int64_t sys_mremap(uint64_t addr, uint64_t old_len, uint64_t new_len, uint64_t flags,
                   uint64_t new_addr)
{
    if (flags & ~(uint64_t)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
        return -EINVAL;
    if (addr & ~PAGE_MASK)
        return -EINVAL;
    old_len = page_round_up(old_len);
    new_len = page_round_up(new_len);
    if (new_len == 0 || old_len == 0)
        return -EINVAL;
    return do_mremap(current->mm, addr, old_len, new_len, (int)flags, new_addr);
}

int64_t sys_brk(uint64_t addr)
{
    return (int64_t)do_brk(current->mm, addr);
}
