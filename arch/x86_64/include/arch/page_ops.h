/*
 * arch/page_ops.h - zero and copy whole 4 KiB pages.
 *
 * `rep stosq` / `rep movsq`: 512 steps of 8 bytes.  Under QEMU's -icount
 * each step counts as one instruction, so benchmark counts include the
 * real cost of zeroing (a `rep stosb` would count 4096).
 */
#ifndef ARCH_PAGE_OPS_H
#define ARCH_PAGE_OPS_H

#include <arch/memlayout.h>

static inline void clear_page(void *page)
{
    void *d = page;
    unsigned long n = PAGE_SIZE / 8;
    __asm__ volatile("rep stosq" : "+D"(d), "+c"(n) : "a"(0ul) : "memory");
}

static inline void copy_page(void *dst, const void *src)
{
    void *d = dst;
    const void *s = src;
    unsigned long n = PAGE_SIZE / 8;
    __asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}

#endif
