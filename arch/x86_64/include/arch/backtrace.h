/*
 * arch/backtrace.h - frame-pointer backtraces with function names.
 *
 * The kernel is built with -fno-omit-frame-pointer, so every frame starts
 * with the caller's RBP followed by the return address:
 *
 *     rbp -> [ saved rbp ] ---> caller's frame -> ... -> 0 (boot or trap entry)
 *            [ return rip ]
 *
 * Names come from a symbol table linked into the image (.ksyms), generated
 * from the first link by tools/gen-ksyms.py.
 */
#ifndef ARCH_BACKTRACE_H
#define ARCH_BACKTRACE_H

#include <stdint.h>

/* ksym_lookup: the name of the kernel function containing `addr`, and the
 * offset of `addr` in it; NULL when `addr` is outside kernel text. */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);

/* ksym_address: the address of the function called `name`, or 0. */
uint64_t ksym_address(const char *name);

/* backtrace_print: print "  #n ADDR name+0xoff" for each frame, starting
 * with the frame whose frame pointer is `rbp`. */
void backtrace_print(uint64_t rbp);

/* backtrace_print_from: the same, but first print `rip` as frame #0 (a trap
 * or panic location that has no frame of its own yet). */
void backtrace_print_from(uint64_t rip, uint64_t rbp);

#endif
