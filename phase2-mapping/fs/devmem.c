/*
 * phase2-mapping/fs/devmem.c - /dev/mem (char 1,1): physical memory, as
 * Linux's drivers/char/mem.c with STRICT_DEVMEM, reduced to one window:
 * the VGA text buffer.
 *
 *   0x000b8000 .. 0x000bffff   the only range mmap allows (anything else:
 *                              EPERM, Linux's range_is_allowed)
 *
 * Opening needs root (Linux's CAP_SYS_RAWIO: EPERM).  A mapping is
 * VM_IO | VM_PFNMAP | VM_DONTEXPAND: its entries point at the device's
 * frames, uncached (PCD | PWT: the PAT's entry 3, UC), put in at the first
 * touch of each page; they are never reference counted, never in rss,
 * never copied by fork (the child faults in the same frames), never locked.
 * A private mapping is read-only for good (no VM_MAYWRITE): Linux would
 * copy written pages into anonymous memory, which this kernel does not do
 * for VM_PFNMAP; PROT_WRITE with MAP_PRIVATE is EACCES (see
 * docs/linux-differences.md).  read() and write() of the file are not
 * offered (EINVAL, as for a file without them).
 */
#include <arch/cpu.h>
#include <fs/vfs.h>
#include <mm/mmap.h>
#include <mm/special.h>
#include <proc/task.h>
#include <uapi/errno.h>

#define VGA_TEXT_START 0xb8000ull
#define VGA_TEXT_END   0xc0000ull
#define PHYS_ADDR_LIMIT (1ull << 52)    /* x86-64's widest physical address */

int devmem_file_open(struct file *f)
{
    struct fs_struct *fs = task_fs(current);
    return fs && fs->euid == 0 ? 0 : -EPERM;
}

/* range_is_allowed: [start, start + size) lies in the VGA text buffer. */
static bool range_is_allowed(uint64_t start, uint64_t size)
{
    return start >= VGA_TEXT_START && start < VGA_TEXT_END && size <= VGA_TEXT_END - start;
}

/* devmem_fault: the device frame at the VMA's offset, uncached; -EFAULT
 * (never a frame) outside the window, whatever the VMA says. */
static int devmem_fault(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    uint64_t phys = (vma->vm_pgoff << PAGE_SHIFT) + (addr - vma->vm_start);

    if (!range_is_allowed(phys, PAGE_SIZE))
        return -EFAULT;
    return vmf_insert_pfn(vma, addr, phys, PTE_PCD | PTE_PWT);
}

/* devmem_open: a new VMA of the mapping (split, fork, mremap's move), and
 * devmem_mmap's too.  vm_private_data holds the distance between frame
 * and page numbers (vm_pgoff - vm_start / PAGE_SIZE): VMAs merge only when
 * their private data agree (vma_can_merge), so two mappings that touch
 * but map frames that do not continue never become one. */
static void devmem_open(struct vm_area_struct *vma)
{
    vma->vm_private_data = (void *)(uintptr_t)(vma->vm_pgoff - (vma->vm_start >> PAGE_SHIFT));
}

static const char *devmem_name(const struct vm_area_struct *vma)
{
    return "/dev/mem";
}

static const struct vm_operations_struct devmem_vm_ops = {
    .name = "devmem",
    .fault = devmem_fault,
    .open = devmem_open,
    .vma_name = devmem_name,
};

/* devmem_mmap: Linux's mmap_mem: an offset that wraps or passes the
 * physical address space is EINVAL, one outside the window EPERM. */
int devmem_mmap(struct file *f, struct vm_area_struct *vma)
{
    uint64_t size = vma->vm_end - vma->vm_start;
    uint64_t offset = vma->vm_pgoff << PAGE_SHIFT;

    if ((offset >> PAGE_SHIFT) != vma->vm_pgoff || offset + size - 1 < offset ||
        offset + size > PHYS_ADDR_LIMIT)
        return -EINVAL;
    if (!range_is_allowed(offset, size))
        return -EPERM;
    if ((f->flags & O_ACCMODE) == O_WRONLY)
        return -EACCES;
    if (vma->vm_flags & VM_SHARED) {
        if ((f->flags & O_ACCMODE) == O_RDONLY) {
            if (vma->vm_flags & VM_WRITE)
                return -EACCES;
            vma->vm_flags &= ~VM_MAYWRITE;
        }
    } else {
        if (vma->vm_flags & VM_WRITE)
            return -EACCES;     /* no copy-on-write of device memory here */
        vma->vm_flags &= ~VM_MAYWRITE;
    }
    vma->vm_flags |= VM_IO | VM_PFNMAP | VM_DONTEXPAND;
    vma->vm_file = NULL;        /* no reference held: pmap's name comes from vm_ops */
    vma->vm_ops = &devmem_vm_ops;
    devmem_open(vma);
    return 0;
}
