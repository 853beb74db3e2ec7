/*
 * user/lib/memory.c - the address space: the program break, mmap and its
 * family, memory locking and protection keys.  Thin system call stubs;
 * only brk/sbrk keep a little state.
 */
#include <stdarg.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "syscall.h"

static uintptr_t current_break;   /* 0 until the first brk/sbrk */

/* brk: move the end of the heap to addr.  The kernel answers with the
 * break it now has (Linux returns the old one when it refuses), or with
 * -errno: either way a break other than addr means ENOMEM. */
int brk(void *addr)
{
    long ret = syscall1(SYS_brk, (long)addr);
    if (syscall_failed(ret))
        return (int)syscall_return(ret);
    current_break = (uintptr_t)ret;
    if (current_break != (uintptr_t)addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* sbrk: grow (or shrink) the heap by `increment` bytes; returns the old
 * break, which is the start of the new memory, or (void *)-1. */
void *sbrk(intptr_t increment)
{
    uintptr_t old;

    if (current_break == 0) {
        long ret = syscall1(SYS_brk, 0);   /* brk(0): where is the break? */
        if (syscall_failed(ret)) {
            syscall_return(ret);
            return (void *)-1;
        }
        current_break = (uintptr_t)ret;
    }
    old = current_break;
    if (increment == 0)
        return (void *)old;
    if ((increment > 0 && old + (uintptr_t)increment < old) ||
        (increment < 0 && old < (uintptr_t)-increment)) {
        errno = ENOMEM;
        return (void *)-1;
    }
    if (brk((void *)(old + (uintptr_t)increment)) < 0)
        return (void *)-1;
    return (void *)old;
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    long ret = syscall6(SYS_mmap, (long)addr, (long)length, prot, flags, fd, offset);
    if (syscall_failed(ret)) {
        syscall_return(ret);
        return MAP_FAILED;
    }
    return (void *)ret;
}

int munmap(void *addr, size_t length)
{
    return (int)syscall_return(syscall2(SYS_munmap, (long)addr, (long)length));
}

int mprotect(void *addr, size_t length, int prot)
{
    return (int)syscall_return(syscall3(SYS_mprotect, (long)addr, (long)length, prot));
}

void *mremap(void *old, size_t old_size, size_t new_size, int flags, ...)
{
    void *new_address = NULL;
    long ret;
    if (flags & MREMAP_FIXED) {
        va_list ap;
        va_start(ap, flags);
        new_address = va_arg(ap, void *);
        va_end(ap);
    }
    ret = syscall5(SYS_mremap, (long)old, (long)old_size, (long)new_size, flags,
                   (long)new_address);
    if (syscall_failed(ret)) {
        syscall_return(ret);
        return MAP_FAILED;
    }
    return (void *)ret;
}

int msync(void *addr, size_t length, int flags)
{
    return (int)syscall_return(syscall3(SYS_msync, (long)addr, (long)length, flags));
}

int madvise(void *addr, size_t length, int advice)
{
    return (int)syscall_return(syscall3(SYS_madvise, (long)addr, (long)length, advice));
}

/* posix_madvise: returns the error number instead of setting errno.
 * POSIX_MADV_DONTNEED is only a hint here, so it is not passed on as
 * MADV_DONTNEED, which would throw the contents away (glibc agrees). */
int posix_madvise(void *addr, size_t length, int advice)
{
    long ret;
    if (advice == POSIX_MADV_DONTNEED)
        return 0;
    ret = syscall3(SYS_madvise, (long)addr, (long)length, advice);
    return syscall_failed(ret) ? (int)-ret : 0;
}

int mincore(void *addr, size_t length, unsigned char *vec)
{
    return (int)syscall_return(syscall3(SYS_mincore, (long)addr, (long)length, (long)vec));
}

int mlock(const void *addr, size_t length)
{
    return (int)syscall_return(syscall2(SYS_mlock, (long)addr, (long)length));
}

int munlock(const void *addr, size_t length)
{
    return (int)syscall_return(syscall2(SYS_munlock, (long)addr, (long)length));
}

int mlockall(int flags)
{
    return (int)syscall_return(syscall1(SYS_mlockall, flags));
}

int munlockall(void)
{
    return (int)syscall_return(syscall0(SYS_munlockall));
}

int pkey_alloc(unsigned int flags, unsigned int access_rights)
{
    return (int)syscall_return(syscall2(SYS_pkey_alloc, flags, access_rights));
}

int pkey_free(int pkey)
{
    return (int)syscall_return(syscall1(SYS_pkey_free, pkey));
}

int pkey_mprotect(void *addr, size_t length, int prot, int pkey)
{
    return (int)syscall_return(syscall4(SYS_pkey_mprotect, (long)addr, (long)length,
                                        prot, pkey));
}

/*
 * PKRU holds two bits per protection key (16 keys):
 *
 *     bit 2k: access disabled (PKEY_DISABLE_ACCESS)
 *     bit 2k+1: write disabled (PKEY_DISABLE_WRITE)
 *
 * RDPKRU/WRPKRU work in ring 3 and need ECX (and EDX for WRPKRU) zero.
 */
static unsigned int read_pkru(void)
{
    unsigned int eax, edx;
    __asm__ volatile("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));
    return eax;
}

static void write_pkru(unsigned int value)
{
    __asm__ volatile("wrpkru" : : "a"(value), "c"(0), "d"(0) : "memory");
}

/* pkey_get: the access rights (PKEY_DISABLE_*) of `pkey` for this thread */
int pkey_get(int pkey)
{
    if (pkey < 0 || pkey > 15) {
        errno = EINVAL;
        return -1;
    }
    return (int)(read_pkru() >> (2 * pkey)) & 3;
}

/* pkey_set: change the rights of `pkey` for this thread, no system call */
int pkey_set(int pkey, unsigned int access_rights)
{
    unsigned int pkru;
    if (pkey < 0 || pkey > 15 || access_rights > 3) {
        errno = EINVAL;
        return -1;
    }
    pkru = read_pkru() & ~(3u << (2 * pkey));
    write_pkru(pkru | access_rights << (2 * pkey));
    return 0;
}
