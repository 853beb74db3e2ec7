/*
 * phase2-mapping/mm/mincore.c - mincore(addr, length, vec) (hook:
 * syscall_register): which pages of a range are resident, one byte per
 * page, bit 0 set for a resident one.  The walk over one VMA is lab 11
 * (mincore_vma, solutions/lab11_mincore.c); this file checks the
 * arguments as Linux does and goes VMA by VMA, a page of bytes at a time:
 *
 *   EINVAL   addr not page-aligned
 *   ENOMEM   the range leaves user space, or meets a hole (the bytes of
 *            the VMAs before the hole are written already, as on Linux)
 *   EFAULT   vec cannot hold the bytes
 */
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <mm/mcalls.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include <proc/task.h>
#include <uapi/errno.h>

/* Linux's access_ok limit: the last page below USER_TOP is not user space. */
#define TASK_SIZE_MAX (USER_TOP - PAGE_SIZE)

/* do_mincore: fill buf for up to `pages` pages from `addr`, within one
 * VMA.  The number of pages done, or -ENOMEM when no VMA holds addr. */
static int64_t do_mincore(struct mm_struct *mm, uint64_t addr, uint64_t pages,
                          unsigned char *buf)
{
    struct vm_area_struct *vma = find_vma(mm, addr);
    uint64_t end;

    if (!vma || vma->vm_start > addr)
        return -ENOMEM;
    end = addr + (pages << PAGE_SHIFT);
    if (end > vma->vm_end)
        end = vma->vm_end;
    mincore_vma(vma, addr, end, buf);
    return (int64_t)((end - addr) >> PAGE_SHIFT);
}

int64_t sys_mincore(uint64_t start, uint64_t len, uint64_t vec)
{
    uint64_t pages;
    unsigned char *buf;
    int64_t ret = 0;

    if (start & ~PAGE_MASK)
        return -EINVAL;
    if (len > TASK_SIZE_MAX || start > TASK_SIZE_MAX - len)
        return -ENOMEM;
    pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
    if (pages > TASK_SIZE_MAX || vec > TASK_SIZE_MAX - pages)
        return -EFAULT;
    buf = kmalloc(PAGE_SIZE);
    if (!buf)
        return -EAGAIN;
    while (pages) {
        ret = do_mincore(current->mm, start, pages < PAGE_SIZE ? pages : PAGE_SIZE, buf);
        if (ret <= 0)
            break;
        if (copy_to_user((void *)vec, buf, (size_t)ret)) {
            ret = -EFAULT;
            break;
        }
        pages -= (uint64_t)ret;
        vec += (uint64_t)ret;
        start += (uint64_t)ret << PAGE_SHIFT;
        ret = 0;
    }
    kfree(buf);
    return ret;
}

void mincore_init(void)
{
    syscall_register(27, "mincore", SYSCALL_HANDLER(sys_mincore));
}
