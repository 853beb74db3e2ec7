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

void page_fault_init(void);
#include <arch/cpu.h>
#include <arch/kernel_entry.h>
#include <arch/poweroff.h>
#include <arch/printk.h>
#include <kernel/boot.h>
#include <kernel/entry.h>
#include <kernel/ktest.h>
#include <kernel/lab.h>
#include <kernel/phase.h>
#include <lib/cmdline.h>
#include <uapi/errno.h>
#include <kernel/console.h>
#include <kernel/file.h>
#include <kernel/syscall.h>
#include <mm/kernel_map.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <proc/exec.h>
#include <proc/exit.h>
#include <proc/fork.h>
#include <proc/sched.h>
#include <proc/task.h>

#define KERNEL_VERSION "0.1"

struct cmdline kernel_cmdline;

int kernel_phase(void)
{
    int highest = 0;
    for (const struct phase_info *const *p = __phases_start; p < __phases_end; p++)
        if ((*p)->number > highest)
            highest = (*p)->number;
    return highest;
}

static const char *phase_title(int number)
{
    for (const struct phase_info *const *p = __phases_start; p < __phases_end; p++)
        if ((*p)->number == number)
            return (*p)->name;
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
    for (const struct phase_info *const *p = __phases_start; p < __phases_end; p++) {
        pr_info("phase %d: %s\n", (*p)->number, (*p)->name);
        if ((*p)->init)
            (*p)->init();
    }
}

/* print_labs_needed: init could not start because labs are not done. */
static void print_labs_needed(const char *name)
{
    printk("init: cannot run %s: it needs lab", name);
    for (int lab = 0, n = 0; lab < 32; lab++)
        if (labs_not_done & (1u << lab))
            printk("%s %d", n++ ? "," : "", lab);
    printk(", whose stub refused it.  Labs 1 (find_vma) and 5 (the demand-zero fault) "
           "come before any program runs: see labs/README.md\n");
}

/* start_init: pid 1, running `name` (default "init") with the words after
 * "--" on the command line as its arguments, on the console. */
static void start_init(const char *name)
{
    const char *argv[CMDLINE_MAX_WORDS + 2];
    const char *envp[] = { "PATH=/bin", "HOME=/", NULL };
    struct task *t;
    int err;

    if (!name || !name[0])
        name = "init";
    argv[0] = name;
    for (int i = 0; i <= kernel_cmdline.init_argc; i++)
        argv[i + 1] = kernel_cmdline.init_argv[i];
    t = task_alloc(name);
    if (!t)
        panic("cannot start init: out of memory");
    init_task = t;
    t->pgid = t->pid;           /* the first process group */
    err = kernel_execve(t, name, argv, envp);
    if (err && labs_not_done)
        print_labs_needed(name);
    else if (err == -EFAULT)
        printk("init: cannot run %s: its pages could not be loaded: the page-fault path "
               "(find_vma, lab 1; do_anonymous_page, lab 5) refused them\n", name);
    else if (err)
        printk("init: cannot run %s: error %d\n", name, err);
    if (err)
        arch_poweroff(127);
    for (int fd = 0; fd < 3; fd++)
        t->files[fd] = console_open();
    task_start_user(t);
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

    task_init();
    mm_init();
    file_init();
    page_fault_init();
    entry_init();
    sched_init();
    clock_init();
    console_init();
    syscall_init();

    run_phase_inits();
    ktest_run_selected(cmdline_get(&kernel_cmdline, "ktest"));

    start_init(cmdline_get(&kernel_cmdline, "init"));
    sched_start();
}

static void phase1_init(void)
{
}

DECLARE_PHASE(1, "VMA core", phase1_init);
