/*
 * phase1-vma/kernel/ktest_mm.c - in-kernel self tests of what only the
 * kernel can see: the rights of its own page tables, SMAP stopping a stray
 * access to user memory, and copy_from_user surviving a fault handler that
 * claims success without mapping anything.  Run one with `ktest=NAME`.
 */
#include <arch/cpu.h>
#include <arch/printk.h>
#include <kernel/ktest.h>
#include <mm/kernel_map.h>
#include <mm/mmap.h>
#include <mm/page_table.h>
#include <kernel/uaccess.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

/* rights_of: the last-level (or huge) entry that maps va in the kernel's
 * tables, or 0. */
static pte_t rights_of(uint64_t va)
{
    pte_t *table = kernel_pml4;
    for (int level = PT_LEVELS; level >= 1; level--) {
        pte_t e = table[pt_index(va, level)];
        if (!pte_present(e) || level == 1 || (e & PTE_HUGE))
            return e;
        table = phys_to_virt(pte_addr(e));
    }
    return 0;
}

/* expect_rights: va is mapped, writable iff `writable`, executable iff
 * `executable`, and never user-accessible. */
static int expect_rights(const char *what, uint64_t va, bool writable, bool executable)
{
    pte_t e = rights_of(va);
    bool nx = cpu_features.nx;

    KTEST_EXPECT_EQ(what, 1, pte_present(e));
    KTEST_EXPECT_EQ(what, writable, (e & PTE_WRITE) != 0);
    if (nx)
        KTEST_EXPECT_EQ(what, !executable, (e & PTE_NX) != 0);
    KTEST_EXPECT_EQ(what, 0, (e & PTE_USER) != 0);
    printk("ktest: %-10s %#lx %c%c%c\n", what, va, 'r', e & PTE_WRITE ? 'w' : '-',
           nx && (e & PTE_NX) ? '-' : 'x');
    return 0;
}

KTEST(kernel_map_rights)
{
    if (expect_rights("text", (uint64_t)__text_start, false, true) ||
        expect_rights("rodata", (uint64_t)__rodata_start, false, false) ||
        expect_rights("data", (uint64_t)__data_start, true, false) ||
        expect_rights("bss", (uint64_t)__bss_start, true, false) ||
        expect_rights("directmap", PHYS_MAP_BASE + 0x200000, true, false))
        return -1;
    KTEST_EXPECT_EQ("low memory unmapped", 0, pte_present(rights_of(0x100000)));
    KTEST_EXPECT_EQ("CR0.WP", CR0_WP, read_cr0() & CR0_WP);
    if (cpu_features.smep)
        KTEST_EXPECT_EQ("CR4.SMEP", CR4_SMEP, read_cr4() & CR4_SMEP);
    if (cpu_features.smap)
        KTEST_EXPECT_EQ("CR4.SMAP", CR4_SMAP, read_cr4() & CR4_SMAP);
    return 0;
}

/* A kernel that dereferences a user pointer directly, outside the
 * copy_*_user functions, is stopped by SMAP: a protection fault in kernel
 * mode, reported, then a panic (the grader expects exactly that). */
KTEST(smap_stops_stray_user_access)
{
    struct mm_struct *mm = mm_create();
    int64_t addr;

    if (!cpu_features.smap) {
        printk("ktest: this CPU has no SMAP (QEMU: -cpu max)\n");
        return -1;
    }
    addr = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
    KTEST_EXPECT_EQ("mmap", 0, addr < 0);
    mm_populate(mm, (uint64_t)addr, (uint64_t)addr + PAGE_SIZE);
    mm_activate(mm);
    printk("ktest: reading user address %#lx directly from the kernel\n", addr);
    return *(volatile int *)addr;   /* SMAP: #PF, protection, kernel mode */
}

/* lost_fault: a broken fault handler (a lab 5 that forgets pt_set, say):
 * it says the page is there, and maps nothing. */
static int lost_fault(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags)
{
    return 0;
}

static const struct vm_operations_struct lost_fault_ops = { .name = "lost", .fault = lost_fault };

/* The fault-loop guard: copy_from_user from a page whose fault handler
 * never maps it faults again and again at the same instruction; after
 * FAULT_LOOP_LIMIT fixes that change nothing it returns -EFAULT (and the
 * log names the handler), instead of spinning in the kernel for ever. */
KTEST(fault_loop_guard)
{
    struct mm_struct *mm = mm_create();
    int64_t addr = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
    int value = 0, err;

    KTEST_EXPECT_EQ("mmap", 0, addr < 0);
    find_vma(mm, (uint64_t)addr)->vm_ops = &lost_fault_ops;
    mm_activate(mm);
    current->mm = mm;
    err = copy_from_user(&value, (const void *)addr, sizeof(value));
    current->mm = NULL;     /* the machine powers off after the test */
    KTEST_EXPECT_EQ("copy_from_user from a page that is never mapped", -EFAULT, err);
    return 0;
}
