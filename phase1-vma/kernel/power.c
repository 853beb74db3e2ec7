/*
 * phase1-vma/kernel/power.c - the orderly power-off (see kernel/power.h).
 */
#include <arch/poweroff.h>
#include <kernel/power.h>
#include <stddef.h>

static power_off_hook_fn power_off_hook;

void power_off_set_hook(power_off_hook_fn fn)
{
    power_off_hook = fn;
}

void power_off(int status)
{
    power_off_hook_fn fn = power_off_hook;

    power_off_hook = NULL;      /* once, even if the hook ends in here again */
    if (fn)
        fn();
    arch_poweroff(status);
}
