/*
 * phase1-vma/kernel/main.c - kernel_main(): bring the kernel up in order and
 * start the first user program.
 *
 *   arch_start (arch/x86_64/start.c)   console, CPU features, GDT, IDT
 *   kernel_main
 *     boot log                          version, command line, memory map
 *     memory                            frames, kernel page tables, heap
 *     traps, timer, syscalls
 *     phases 1..N                       each phase's init hook
 *     ktest=NAME                        a self test instead of init
 *     init                              the first process
 */
#include <arch/cpu.h>
#include <arch/kernel_entry.h>
#include <arch/poweroff.h>
#include <arch/printk.h>
#include <kernel/boot.h>
#include <kernel/ktest.h>
#include <kernel/phase.h>
#include <lib/cmdline.h>
#include <mm/kernel_map.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#define KERNEL_VERSION "0.1"

struct cmdline kernel_cmdline;

int kernel_phase(void)
{
    int highest = 0;
    for (const struct phase_info *p = __phases_start; p < __phases_end; p++)
        if (p->number > highest)
            highest = p->number;
    return highest;
}

static const char *phase_title(int number)
{
    for (const struct phase_info *p = __phases_start; p < __phases_end; p++)
        if (p->number == number)
            return p->name;
    return "?";
}

static void print_banner(const struct boot_info *bi)
{
    pr_info("usmm %s: user-space memory management teaching kernel, phase %d (%s)\n",
            KERNEL_VERSION, kernel_phase(), phase_title(kernel_phase()));
    pr_info("boot: multiboot %d from %s\n", bi->multiboot_version, bi->loader_name);
    pr_info("boot: command line \"%s\"\n", bi->cmdline);
    if (kernel_cmdline.truncated)
        printk("boot: warning: command line too long, words dropped\n");
}

static void print_memory_map(const struct boot_info *bi)
{
    pr_info("boot: physical memory map (%d regions):\n", bi->nregions);
    for (int i = 0; i < bi->nregions; i++) {
        const struct mem_region *r = &bi->regions[i];
        pr_info("  [0x%012lx-0x%012lx] %10lu KiB %s\n", r->base, r->base + r->length - 1,
                r->length / 1024, mem_type_name(r->type));
    }
    pr_info("boot: kernel image at [0x%lx-0x%lx]\n", bi->kernel_phys_start,
            bi->kernel_phys_end - 1);
}

static void run_phase_inits(void)
{
    for (const struct phase_info *p = __phases_start; p < __phases_end; p++) {
        pr_info("phase %d: %s\n", p->number, p->name);
        if (p->init)
            p->init();
    }
}

void kernel_main(struct boot_info *bi)
{
    cmdline_parse(&kernel_cmdline, bi->cmdline);
    printk_set_quiet(cmdline_has(&kernel_cmdline, "quiet"));
    print_banner(bi);
    cpu_print_features();
    print_memory_map(bi);

    page_alloc_init(bi);
    kernel_map_print();
    page_alloc_print();
    kmalloc_init();

    run_phase_inits();
    ktest_run_selected(cmdline_get(&kernel_cmdline, "ktest"));

    printk("init: no user programs yet; powering off\n");
    arch_poweroff(0);
}

static void phase1_init(void)
{
}

DECLARE_PHASE(1, "VMA core", phase1_init);
