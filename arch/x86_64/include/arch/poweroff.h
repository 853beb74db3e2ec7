/*
 * arch/poweroff.h - leave the machine with a status the host can read.
 *
 * Under QEMU with -device isa-debug-exit,iobase=0xf4,iosize=0x04 writing v
 * makes QEMU exit with (2 * v + 1) & 255: never 0, so 0 can only mean "QEMU
 * stopped some other way" (a triple fault under -no-reboot exits 0).  The
 * exact status is also printed as the last console line,
 *     poweroff: status N
 * which is what tools/qemu-run and the grader read.  Under Bochs the magic
 * breakpoint (xchg bx, bx) stops in the debugger, whose script quits.
 */
#ifndef ARCH_POWEROFF_H
#define ARCH_POWEROFF_H

#define POWEROFF_PANIC 0x7f /* QEMU exit code 255 */

__attribute__((noreturn)) void arch_poweroff(int status);

/* bochs_magic_break: stop in the Bochs debugger (a no-op elsewhere). */
static inline void bochs_magic_break(void)
{
    __asm__ volatile("xchg %%bx, %%bx" ::: "memory");
}

#endif
