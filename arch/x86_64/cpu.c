/*
 * arch/x86_64/cpu.c - find out what the CPU can do (CPUID) and switch on
 * the protection features the memory system relies on.
 */
#include <arch/cpu.h>
#include <arch/printk.h>
#include <arch/uaccess.h>
#include <lib/string.h>

struct cpu_features cpu_features;

static void read_brand(void)
{
    struct cpuid_regs r = cpuid(0x80000000, 0);
    if (r.eax < 0x80000004) {
        strlcpy(cpu_features.brand, "(no brand string)", sizeof(cpu_features.brand));
        return;
    }
    for (uint32_t leaf = 0; leaf < 3; leaf++) {
        r = cpuid(0x80000002 + leaf, 0);
        memcpy(cpu_features.brand + leaf * 16, &r, 16);
    }
    cpu_features.brand[48] = '\0';
}

void cpu_detect_features(void)
{
    struct cpuid_regs r = cpuid(0, 0);
    uint32_t max_leaf = r.eax, max_ext;
    struct cpu_features *f = &cpu_features;

    memcpy(f->vendor, &r.ebx, 4);
    memcpy(f->vendor + 4, &r.edx, 4);
    memcpy(f->vendor + 8, &r.ecx, 4);
    f->vendor[12] = '\0';

    r = cpuid(1, 0);
    f->pge = (r.edx >> 13) & 1;
    f->fxsr = (r.edx >> 24) & 1;
    f->xsave = (r.ecx >> 26) & 1;
    if (max_leaf >= 7) {
        r = cpuid(7, 0);
        f->smep = (r.ebx >> 7) & 1;
        f->smap = (r.ebx >> 20) & 1;
        f->pku = (r.ecx >> 3) & 1;
    }
    max_ext = cpuid(0x80000000, 0).eax;
    if (max_ext >= 0x80000001) {
        r = cpuid(0x80000001, 0);
        f->nx = (r.edx >> 20) & 1;
        f->gbpages = (r.edx >> 26) & 1;
    }
    if (max_ext >= 0x80000007)
        f->invariant_tsc = (cpuid(0x80000007, 0).edx >> 8) & 1;
    if (max_ext >= 0x80000008) {
        r = cpuid(0x80000008, 0);
        f->phys_addr_bits = r.eax & 0xff;
        f->virt_addr_bits = (r.eax >> 8) & 0xff;
    } else {
        f->phys_addr_bits = 36;
        f->virt_addr_bits = 48;
    }
    read_brand();
}

void cpu_enable_features(void)
{
    uint64_t cr4 = read_cr4();

    write_cr0(read_cr0() | CR0_WP);     /* the kernel too obeys read-only PTEs */
    if (cpu_features.nx)
        wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
    if (cpu_features.pge)
        cr4 |= CR4_PGE;
    if (cpu_features.smep)
        cr4 |= CR4_SMEP;
    if (cpu_features.smap) {
        cr4 |= CR4_SMAP;
        uaccess_smap_enabled = 1;
    }
    if (cpu_features.pku) {
        cr4 |= CR4_PKE;
        cpu_features.ospke = true;
    }
    write_cr4(cr4);
}

static const char *yes_no(bool b)
{
    return b ? "yes" : "no";
}

void cpu_print_features(void)
{
    const struct cpu_features *f = &cpu_features;
    pr_info("cpu: %s \"%s\"\n", f->vendor, f->brand);
    pr_info("cpu: NX %s, SMEP %s, SMAP %s, PKU %s, 1GiB-pages %s, global-pages %s\n",
           yes_no(f->nx), yes_no(f->smep), yes_no(f->smap), yes_no(f->pku),
           yes_no(f->gbpages), yes_no(f->pge));
    pr_info("cpu: %u-bit physical, %u-bit virtual addresses\n", f->phys_addr_bits,
           f->virt_addr_bits);
}
