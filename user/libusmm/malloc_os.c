/*
 * user/libusmm/malloc_os.c - malloc's memory comes from the kernel: the brk
 * heap for small blocks, anonymous mappings for large ones.  See
 * malloc_os.h for the contracts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <usmm.h>

#include "malloc_os.h"

void *__libc_heap_sbrk(intptr_t delta)
{
    void *old = usmm_sbrk(delta);
    return old == (void *)-1 ? NULL : old;
}

void *__libc_heap_mmap(size_t length)
{
    void *p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void __libc_heap_munmap(void *p, size_t length)
{
    munmap(p, length);
}

int __libc_heap_guard(void *p, size_t length)
{
    return mprotect(p, length, PROT_NONE);
}

/* the message goes out with one write() and without stdio, which may be
 * what is broken (its buffers live on the heap too) */
void __libc_heap_abort(const char *caller, const char *problem, void *p)
{
    char msg[160];
    int n = snprintf(msg, sizeof(msg), "%s(): %s %p\n", caller, problem, p);
    write(2, msg, n < (int)sizeof(msg) ? (size_t)n : sizeof(msg) - 1);
    abort();
}
