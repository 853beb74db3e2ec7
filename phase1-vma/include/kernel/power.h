/*
 * kernel/power.h - powering the machine off when the system is done: init
 * exited, or called usmm_poweroff.
 *
 * A higher phase that keeps data in memory on its way to a disk (phase 2's
 * page cache) registers a hook that puts it there first: power_off runs it,
 * then turns the machine off.  A panic does not run it.
 */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

typedef void (*power_off_hook_fn)(void);

/* power_off_set_hook: run `fn` before every orderly power-off. */
void power_off_set_hook(power_off_hook_fn fn);

/* power_off: run the hook, then power off with `status` (the exit status
 * QEMU reports, arch/poweroff.h). */
__attribute__((noreturn)) void power_off(int status);

#endif
