/*
 * phase1-vma/kernel/ktest.c - run the in-kernel self test named by
 * `ktest=NAME` (see kernel/ktest.h).
 */
#include <arch/poweroff.h>
#include <arch/printk.h>
#include <kernel/ktest.h>
#include <lib/string.h>
#include <stdint.h>

extern const struct ktest *const __ktests_start[], *const __ktests_end[];

static const struct ktest *find_test(const char *name)
{
    for (const struct ktest *const *t = __ktests_start; t < __ktests_end; t++)
        if (strcmp((*t)->name, name) == 0)
            return *t;
    return NULL;
}

void ktest_run_selected(const char *name)
{
    const struct ktest *t;
    int result;

    if (name == NULL)
        return;
    if (strcmp(name, "list") == 0) {
        for (const struct ktest *const *k = __ktests_start; k < __ktests_end; k++)
            printk("ktest: %s\n", (*k)->name);
        arch_poweroff(0);
    }
    t = find_test(name);
    if (t == NULL) {
        printk("ktest %s: no such test (ktest=list shows them)\n", name);
        arch_poweroff(2);
    }
    printk("ktest %s: start\n", t->name);
    result = t->fn();
    if (result == 0) {
        printk("ktest %s: PASS\n", t->name);
        arch_poweroff(0);
    }
    printk("ktest %s: FAIL (%d)\n", t->name, result);
    arch_poweroff(1);
}

/* The foundation's own checks: the console works and the trap path reports
 * a kernel page fault precisely (the grader reads the report). */
KTEST(boot)
{
    return 0;
}

KTEST(page_fault_report)
{
    volatile uint64_t *p = (volatile uint64_t *)0xdead000ul; /* never mapped */
    *p = 42;   /* #PF, write, not present, kernel: the report, then a panic */
    return -1; /* not reached */
}
