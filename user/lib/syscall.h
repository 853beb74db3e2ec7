/*
 * user/lib/syscall.h - the system call instruction, for the library only.
 *
 * The convention is Linux's: number in RAX, arguments in RDI, RSI, RDX,
 * R10, R8, R9, the result in RAX.  The CPU overwrites RCX (return RIP) and
 * R11 (saved RFLAGS).  A result in [-4095, -1] is -errno; syscall_return()
 * turns it into errno and -1, the C library's convention.
 */
#ifndef USER_LIB_SYSCALL_H
#define USER_LIB_SYSCALL_H

#include <errno.h>
#include <uapi/syscall_numbers.h>

static inline long syscall0(long n)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(n) : "rcx", "r11", "memory");
    return ret;
}

static inline long syscall1(long n, long a1)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline long syscall2(long n, long a1, long a2)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline long syscall3(long n, long a1, long a2, long a3)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2), "d"(a3)
                     : "rcx", "r11", "memory");
    return ret;
}

/* the fourth to sixth arguments have no constraint letter: pin them */
static inline long syscall4(long n, long a1, long a2, long a3, long a4)
{
    long ret;
    register long r10 __asm__("r10") = a4;
    __asm__ volatile("syscall" : "=a"(ret)
                     : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline long syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
    long ret;
    register long r10 __asm__("r10") = a4;
    register long r8 __asm__("r8") = a5;
    __asm__ volatile("syscall" : "=a"(ret)
                     : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline long syscall6(long n, long a1, long a2, long a3, long a4, long a5,
                            long a6)
{
    long ret;
    register long r10 __asm__("r10") = a4;
    register long r8 __asm__("r8") = a5;
    register long r9 __asm__("r9") = a6;
    __asm__ volatile("syscall" : "=a"(ret)
                     : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

/* syscall_failed: the kernel's result is an error (-4095..-1) */
static inline int syscall_failed(long ret)
{
    return (unsigned long)ret >= (unsigned long)-4095;
}

/* syscall_return: a raw result as the C library returns it: errors become
 * errno and -1, anything else passes through. */
static inline long syscall_return(long ret)
{
    if (syscall_failed(ret)) {
        errno = (int)-ret;
        return -1;
    }
    return ret;
}

#endif
