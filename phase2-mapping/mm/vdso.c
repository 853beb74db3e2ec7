/*
 * phase2-mapping/mm/vdso.c - the vDSO and its [vvar] data, mapped into
 * every program (hooks: exec_set_additional_pages, sched_set_tick_hook).
 *
 *   mmap_base (the top of the mmap area: get_unmapped_area at exec)
 *     [vvar]  r--  page 0: the clock (one frame for all, the timer tick
 *                  updates it under a sequence count)
 *                  page 1: this process's page (its pid)
 *     [vdso]  r-x  the ELF image of phase2-mapping/vdso/ (AT_SYSINFO_EHDR)
 *
 * Both VMAs are VM_PFNMAP | VM_DONTEXPAND: their frames belong to the
 * kernel, not to the mapping (no reference, not in rss, fork's child faults
 * them in itself), mremap may not grow them, and neither may become
 * writable (no VM_MAYWRITE: mprotect says EACCES, a write SIGSEGV).
 * The process page is the VMA's (vm_private_data, a reference per VMA);
 * its fault writes the caller's pid, and gives a VMA a page of its own
 * when the page it shares (fork) holds another process's pid.
 */
#include <arch/cpu.h>
#include <arch/printk.h>
#include <kernel/boot.h>
#include <lib/string.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/special.h>
#include <mm/vvar.h>
#include <proc/exec.h>
#include <proc/sched.h>
#include <proc/task.h>
#include <uapi/errno.h>

#define AT_SYSINFO_EHDR 33
#define VDSO_MAX_PAGES 4

extern const uint8_t vdso_image_start[], vdso_image_end[];

static struct page *vdso_frames[VDSO_MAX_PAGES];
static uint64_t vdso_pages;
static struct page *vvar_clock_frame;
static struct vvar_clock *vvar_clock;

/* vvar_tick: the tick hook: publish the new tick count (seq odd while
 * writing, as the vDSO's readers expect). */
static void vvar_tick(uint64_t now)
{
    vvar_clock->seq++;
    __asm__ volatile("" ::: "memory");
    vvar_clock->ticks = now;
    __asm__ volatile("" ::: "memory");
    vvar_clock->seq++;
}

/* vvar_fault: page 0 the clock, page 1 the process's own page (see the
 * top); 0, -ENOMEM or -EFAULT. */
static int vvar_fault(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    uint64_t index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
    struct page *page = vma->vm_private_data;
    struct vvar_proc *proc;

    if (index == 0)
        return vmf_insert_pfn(vma, addr, page_to_phys(vvar_clock_frame), 0);
    if (index != 1)
        return -EFAULT;
    proc = page_address(page);
    if (proc->pid != current->pid) {
        if (page->refcount > 1) {       /* another process's (fork): a page of our own */
            struct page *own = alloc_zeroed_page();
            if (!own)
                return -ENOMEM;
            put_page(page);
            vma->vm_private_data = page = own;
            proc = page_address(page);
        }
        proc->pid = current->pid;
    }
    return vmf_insert_pfn(vma, addr, page_to_phys(page), 0);
}

static void vvar_open(struct vm_area_struct *vma)
{
    get_page(vma->vm_private_data);
}

static void vvar_close(struct vm_area_struct *vma)
{
    put_page(vma->vm_private_data);
}

static const char *vvar_name(const struct vm_area_struct *vma)
{
    return "[vvar]";
}

static const struct vm_operations_struct vvar_vm_ops = {
    .name = "vvar",
    .fault = vvar_fault,
    .open = vvar_open,
    .close = vvar_close,
    .vma_name = vvar_name,
};

/* vdso_fault: the image's frame for the page; -EFAULT past its end. */
static int vdso_fault(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    uint64_t index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);

    if (index >= vdso_pages)
        return -EFAULT;
    return vmf_insert_pfn(vma, addr, page_to_phys(vdso_frames[index]), 0);
}

static const char *vdso_name(const struct vm_area_struct *vma)
{
    return "[vdso]";
}

static const struct vm_operations_struct vdso_vm_ops = {
    .name = "vdso",
    .fault = vdso_fault,
    .vma_name = vdso_name,
};

#define VVAR_FLAGS (VM_READ | VM_MAYREAD | VM_IO | VM_PFNMAP | VM_DONTEXPAND)
#define VDSO_FLAGS (VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC | VM_PFNMAP | VM_DONTEXPAND)

/* vdso_setup_pages: the exec hook (Linux's arch_setup_additional_pages):
 * [vvar] and [vdso] at the top of the new mm's mmap area, right below
 * mmap_base (where Linux 6.x puts them: the first mapping there), and
 * AT_SYSINFO_EHDR.  The place is get_unmapped_area's answer to that hint,
 * free in a new mm: no gap search, so a kernel whose lab 2 is still a stub
 * runs programs all the same.  The number of auxv pairs (1), or -ENOMEM. */
static int vdso_setup_pages(struct mm_struct *mm, uint64_t *aux, int max_pairs)
{
    uint64_t len = (VVAR_PAGES + vdso_pages) << PAGE_SHIFT;
    int64_t base = get_unmapped_area(mm, mm->mmap_base - len, len, 0);
    uint64_t text = (uint64_t)base + (VVAR_PAGES << PAGE_SHIFT);
    struct vm_area_struct *vvar, *vdso;
    struct page *proc;

    if (base < 0)
        return (int)base;
    if (max_pairs < 1 || !(proc = alloc_zeroed_page()))
        return -ENOMEM;
    vvar = mm_insert_vma(mm, (uint64_t)base, text, VVAR_FLAGS);
    if (!vvar) {
        put_page(proc);
        return -ENOMEM;
    }
    vvar->vm_ops = &vvar_vm_ops;
    vvar->vm_private_data = proc;
    vdso = mm_insert_vma(mm, text, text + (vdso_pages << PAGE_SHIFT), VDSO_FLAGS);
    if (!vdso)
        return -ENOMEM;         /* mm_destroy closes [vvar] */
    vdso->vm_ops = &vdso_vm_ops;
    aux[0] = AT_SYSINFO_EHDR;
    aux[1] = text;
    return 1;
}

void vdso_init(void)
{
    uint64_t size = (uint64_t)(vdso_image_end - vdso_image_start);
    uint64_t flags;

    vdso_pages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
    if (vdso_pages == 0 || vdso_pages > VDSO_MAX_PAGES)
        panic("vdso: the image is %lu bytes (at most %d pages)", size, VDSO_MAX_PAGES);
    for (uint64_t i = 0; i < vdso_pages; i++) {
        uint64_t n = size - i * PAGE_SIZE < PAGE_SIZE ? size - i * PAGE_SIZE : PAGE_SIZE;
        vdso_frames[i] = alloc_zeroed_page();
        if (!vdso_frames[i])
            panic("vdso: no memory for the image");
        memcpy(page_address(vdso_frames[i]), vdso_image_start + i * PAGE_SIZE, n);
    }
    vvar_clock_frame = alloc_zeroed_page();
    if (!vvar_clock_frame)
        panic("vdso: no memory for [vvar]");
    vvar_clock = page_address(vvar_clock_frame);
    vvar_clock->hz = TIMER_HZ;
    vvar_clock->nsec_per_tick = 1000000000ull / TIMER_HZ;
    flags = irq_save();         /* the epoch and the tick count of one moment */
    vvar_clock->ticks = ticks;
    vvar_clock->boot_epoch = clock_realtime_seconds() - ticks / TIMER_HZ;
    sched_set_tick_hook(vvar_tick);
    irq_restore(flags);
    exec_set_additional_pages(vdso_setup_pages);
}
