/*
 * user/libusmm/malloc_os.h - where malloc gets its memory from, and what it
 * does when it finds the heap damaged.  malloc_os.c implements these with
 * sbrk, mmap and abort(); the host tests (tests/host/test_libc.c) with a
 * static buffer and a longjmp, so that the allocator itself is tested
 * unchanged.
 */
#ifndef USER_LIBUSMM_MALLOC_OS_H
#define USER_LIBUSMM_MALLOC_OS_H

#include <stddef.h>
#include <stdint.h>

/* __libc_heap_sbrk: move the program break by `delta` bytes (0: just ask)
 * and return the old break, as sbrk() does; NULL on failure. */
void *__libc_heap_sbrk(intptr_t delta);

/* __libc_heap_mmap: `length` bytes (a multiple of the page size) of fresh
 * zeroed private memory, page-aligned; NULL on failure. */
void *__libc_heap_mmap(size_t length);

/* __libc_heap_munmap: give back a mapping __libc_heap_mmap returned */
void __libc_heap_munmap(void *p, size_t length);

/* __libc_heap_guard: make [p, p + length) (page-aligned, inside a mapping
 * from __libc_heap_mmap) inaccessible (PROT_NONE); 0 or -1. */
int __libc_heap_guard(void *p, size_t length);

/* __libc_heap_abort: report "CALLER(): PROBLEM 0xPOINTER" and end the
 * process (SIGABRT).  Does not return. */
void __libc_heap_abort(const char *caller, const char *problem, void *p)
        __attribute__((noreturn));

#endif
