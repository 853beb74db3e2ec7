/*
 * arch/kassert.h - KASSERT(cond): panic, naming the condition and its place,
 * when something the code relies on is not true.  (On the host, in the
 * unit tests, panic() comes from tests/host/shim and the same check works.)
 */
#ifndef ARCH_KASSERT_H
#define ARCH_KASSERT_H

#include <arch/printk.h>

#define KASSERT(cond)                                                        \
    do {                                                                     \
        if (!(cond))                                                         \
            panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); \
    } while (0)

#endif
