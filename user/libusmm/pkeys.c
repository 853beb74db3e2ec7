/*
 * user/libusmm/pkeys.c - the protection-key calls musl 1.2.3 lacks
 * (glibc has them since 2.27): pkey_alloc, pkey_free, pkey_mprotect as
 * system calls, pkey_get and pkey_set on the PKRU register itself
 * (rdpkru/wrpkru are ring-3 instructions: changing one's own rights costs
 * no system call, which is the point of protection keys).
 */
#include <errno.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "usmm.h"

int pkey_alloc(unsigned int flags, unsigned int access_rights)
{
    return (int)syscall(SYS_pkey_alloc, flags, access_rights);
}

int pkey_free(int pkey)
{
    return (int)syscall(SYS_pkey_free, pkey);
}

int pkey_mprotect(void *addr, size_t len, int prot, int pkey)
{
    return (int)syscall(SYS_pkey_mprotect, addr, len, prot, pkey);
}

/* ospke: CPUID leaf 7 says the OS turned PKRU on (ECX bit 4, OSPKE). */
static int ospke(void)
{
    uint32_t eax = 7, ebx, ecx = 0, edx;
    __asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
    return (ecx >> 4) & 1;
}

unsigned int usmm_rdpkru(void)
{
    uint32_t eax, edx;
    __asm__ volatile("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));
    return eax;
}

void usmm_wrpkru(unsigned int pkru)
{
    __asm__ volatile("wrpkru" : : "a"(pkru), "c"(0), "d"(0) : "memory");
}

int pkey_get(int pkey)
{
    if (pkey < 0 || pkey > 15) {
        errno = EINVAL;
        return -1;
    }
    if (!ospke()) {
        errno = ENOSYS;
        return -1;
    }
    return (int)(usmm_rdpkru() >> (2 * pkey)) & PKEY_ACCESS_MASK;
}

int pkey_set(int pkey, unsigned int access_rights)
{
    if (pkey < 0 || pkey > 15 || access_rights > PKEY_ACCESS_MASK) {
        errno = EINVAL;
        return -1;
    }
    if (!ospke()) {
        errno = ENOSYS;
        return -1;
    }
    usmm_wrpkru((usmm_rdpkru() & ~(3u << (2 * pkey))) | (access_rights << (2 * pkey)));
    return 0;
}
