// phases: 2 3
/*
 * vdso_time: one static musl binary, run unchanged on the host's Linux and
 * inside usmm (the grader compares the output): the kernel hands it a vDSO
 * (AT_SYSINFO_EHDR) that exports __vdso_clock_gettime with version
 * LINUX_2.6 where musl's __vdsosym looks (DT_HASH, DT_VERSYM, DT_VERDEF),
 * and musl's clock_gettime, gettimeofday and time, which go through it,
 * agree with the clock_gettime system call and never go backwards.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* vdso_has: the vDSO defines `name` with version `ver`, found as musl
 * finds it (src/internal/vdso.c). */
static int vdso_has(const char *ver, const char *name)
{
    const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
    const Elf64_Phdr *ph;
    const Elf64_Dyn *d = NULL;
    const Elf64_Sym *syms = NULL;
    const Elf64_Word *hash = NULL;
    const Elf64_Half *versym = NULL;
    const Elf64_Verdef *def0 = NULL;
    const char *str = NULL;
    size_t base = (size_t)-1;

    if (!eh)
        return 0;
    ph = (const void *)((const char *)eh + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD)
            base = (size_t)eh + ph[i].p_offset - ph[i].p_vaddr;
        else if (ph[i].p_type == PT_DYNAMIC)
            d = (const void *)((const char *)eh + ph[i].p_offset);
    }
    if (!d || base == (size_t)-1)
        return 0;
    for (; d->d_tag; d++) {
        const void *p = (const void *)(base + d->d_un.d_ptr);
        if (d->d_tag == DT_STRTAB) str = p;
        if (d->d_tag == DT_SYMTAB) syms = p;
        if (d->d_tag == DT_HASH) hash = p;
        if (d->d_tag == DT_VERSYM) versym = p;
        if (d->d_tag == DT_VERDEF) def0 = p;
    }
    if (!str || !syms || !hash || !versym || !def0)
        return 0;
    for (size_t i = 0; i < hash[1]; i++) {
        const Elf64_Verdef *def = def0;
        if (!syms[i].st_shndx || strcmp(str + syms[i].st_name, name))
            continue;
        for (;;) {
            if (!(def->vd_flags & VER_FLG_BASE) && (def->vd_ndx & 0x7fff) == (versym[i] & 0x7fff)) {
                const Elf64_Verdaux *aux = (const void *)((const char *)def + def->vd_aux);
                if (!strcmp(ver, str + aux->vda_name))
                    return 1;
                break;
            }
            if (!def->vd_next)
                break;
            def = (const void *)((const char *)def + def->vd_next);
        }
    }
    return 0;
}

static long long ns(struct timespec t)
{
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* agrees: vDSO, system call, vDSO read in that order never go backwards. */
static int agrees(clockid_t clk)
{
    for (int i = 0; i < 5000; i++) {
        struct timespec a, b, c;
        clock_gettime(clk, &a);
        syscall(SYS_clock_gettime, clk, &b);
        clock_gettime(clk, &c);
        if (ns(a) > ns(b) || ns(b) > ns(c))
            return 0;
    }
    return 1;
}

int main(void)
{
    const unsigned char *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
    struct timespec sys;
    struct timeval tv;
    time_t t0, t1;

    printf("AT_SYSINFO_EHDR: %s\n", eh ? "set" : "missing");
    printf("ELF image: %s\n", eh && !memcmp(eh, ELFMAG, SELFMAG) ? "yes" : "no");
    printf("__vdso_clock_gettime@LINUX_2.6: %s\n",
           vdso_has("LINUX_2.6", "__vdso_clock_gettime") ? "found" : "missing");
    printf("__vdso_gettimeofday@LINUX_2.6: %s\n",
           vdso_has("LINUX_2.6", "__vdso_gettimeofday") ? "found" : "missing");
    printf("__vdso_time@LINUX_2.6: %s\n",
           vdso_has("LINUX_2.6", "__vdso_time") ? "found" : "missing");
    printf("CLOCK_MONOTONIC agrees with the system call: %s\n",
           agrees(CLOCK_MONOTONIC) ? "yes" : "no");
    printf("CLOCK_REALTIME agrees with the system call: %s\n",
           agrees(CLOCK_REALTIME) ? "yes" : "no");
    t0 = time(NULL);
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &sys);
    gettimeofday(&tv, NULL);
    t1 = time(NULL);
    printf("time() agrees: %s\n", t0 <= sys.tv_sec && sys.tv_sec <= t1 ? "yes" : "no");
    printf("gettimeofday() agrees: %s\n",
           tv.tv_sec >= sys.tv_sec && tv.tv_sec <= t1 ? "yes" : "no");
    return 0;
}
