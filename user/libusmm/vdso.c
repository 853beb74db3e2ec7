/*
 * user/libusmm/vdso.c - finding a function in the kernel's vDSO, as musl's
 * __vdsosym does (AT_SYSINFO_EHDR, the dynamic symbol table, DT_HASH's
 * count, the LINUX_2.6 version), and the vDSO's getpid, which no C library
 * asks for (getpid() stays a system call in musl and glibc alike).
 */
#include <elf.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "usmm.h"

/* version_ok: symbol `i` has version `want` (or none). */
static int version_ok(const Elf64_Verdef *def, const Elf64_Half *versym, size_t i,
                      const char *strings, const char *want)
{
    Elf64_Half v = versym[i] & 0x7fff;

    for (;;) {
        if (!(def->vd_flags & VER_FLG_BASE) && (def->vd_ndx & 0x7fff) == v) {
            const Elf64_Verdaux *aux = (const void *)((const char *)def + def->vd_aux);
            return strcmp(want, strings + aux->vda_name) == 0;
        }
        if (!def->vd_next)
            return 0;
        def = (const void *)((const char *)def + def->vd_next);
    }
}

void *usmm_vdso_sym(const char *version, const char *name)
{
    const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
    const Elf64_Phdr *ph;
    const Elf64_Dyn *dyn = NULL;
    const Elf64_Sym *syms = NULL;
    const Elf64_Word *hash = NULL;
    const Elf64_Half *versym = NULL;
    const Elf64_Verdef *verdef = NULL;
    const char *strings = NULL;
    uintptr_t base = (uintptr_t)-1;

    if (!eh)
        return NULL;
    ph = (const void *)((const char *)eh + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD)
            base = (uintptr_t)eh + ph[i].p_offset - ph[i].p_vaddr;
        else if (ph[i].p_type == PT_DYNAMIC)
            dyn = (const void *)((const char *)eh + ph[i].p_offset);
    }
    if (!dyn || base == (uintptr_t)-1)
        return NULL;
    for (; dyn->d_tag != DT_NULL; dyn++) {
        const void *p = (const void *)(base + dyn->d_un.d_ptr);
        switch (dyn->d_tag) {
        case DT_STRTAB: strings = p; break;
        case DT_SYMTAB: syms = p; break;
        case DT_HASH: hash = p; break;
        case DT_VERSYM: versym = p; break;
        case DT_VERDEF: verdef = p; break;
        }
    }
    if (!strings || !syms || !hash)
        return NULL;
    for (size_t i = 0; i < hash[1]; i++) {
        if (!syms[i].st_shndx || strcmp(name, strings + syms[i].st_name) != 0)
            continue;
        if (versym && verdef && !version_ok(verdef, versym, i, strings, version))
            continue;
        return (void *)(base + syms[i].st_value);
    }
    return NULL;
}

int usmm_vdso_getpid(void)
{
    static int (*fn)(void);

    if (!fn)
        fn = (int (*)(void))usmm_vdso_sym("LINUX_2.6", "__vdso_getpid");
    return fn ? fn() : getpid();
}
