/*
 * <stddef.h> - size_t, ptrdiff_t, NULL, offsetof (C11 7.19).
 *
 * The user build uses no header from the host (-nostdinc), so this and the
 * other freestanding headers (stdint, stdbool, stdarg, limits) are written
 * here for x86-64 (LP64) and GCC.
 */
#ifndef _STDDEF_H
#define _STDDEF_H

typedef unsigned long size_t;
typedef long ptrdiff_t;
typedef int wchar_t;

/* the most strictly aligned scalar type: 16 bytes, as malloc guarantees */
typedef struct {
    long long __max_align_ll __attribute__((aligned(8)));
    long double __max_align_ld __attribute__((aligned(16)));
} max_align_t;

#define NULL ((void *)0)
#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
