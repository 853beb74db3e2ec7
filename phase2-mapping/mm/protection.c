/*
 * phase2-mapping/mm/protection.c - phase 2's memory protection joins the
 * kernel: the W^X check and the choice of protection key go into phase
 * 1's mm_set_prot_policy() hook, stack growth into mm_set_expand_stack().
 */
#include <arch/cpu.h>
#include <arch/printk.h>
#include <mm/mmap.h>
#include <mm/protection.h>

static const struct mm_prot_policy phase2_prot_policy = {
    .check_prot = wxorx_check_prot,
    .choose_pkey = pkey_for_vma,
};

void protection_init(void)
{
    nx_policy_init();
    pkeys_init();
    stack_growth_init();
    mm_set_prot_policy(&phase2_prot_policy);
    mm_set_expand_stack(expand_stack);
    pr_info("protection: NX %s, protection keys %s, W^X %s, stack guard gap %lu pages\n",
            cpu_features.nx ? "on" : "off (the CPU has none)",
            cpu_features.ospke ? "on" : "off (the CPU has no PKU)",
            sysctl_wxorx ? "on" : "off", stack_guard_gap >> PAGE_SHIFT);
}
