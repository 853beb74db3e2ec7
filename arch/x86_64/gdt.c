/*
 * arch/x86_64/gdt.c - the GDT and the TSS (layout in arch/gdt.h).
 */
#include <arch/gdt.h>
#include <lib/string.h>

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));

struct gdt_pointer {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

/* Descriptor bits: present, DPL, code/data, executable, writable, long. */
#define SEG_PRESENT (1ull << 47)
#define SEG_DPL3    (3ull << 45)
#define SEG_NONSYS  (1ull << 44)
#define SEG_EXEC    (1ull << 43)
#define SEG_RW      (1ull << 41)
#define SEG_LONG    (1ull << 53)
#define SEG_32BIT   (1ull << 54)
#define SEG_4K      (1ull << 55)
#define SEG_LIMIT   (0xfull << 48 | 0xffffull)

static uint64_t gdt[8] __attribute__((aligned(16)));
static struct tss tss __attribute__((aligned(16)));
static uint8_t double_fault_stack[8192] __attribute__((aligned(16)));
static uint8_t nmi_stack[8192] __attribute__((aligned(16)));

static void set_tss_descriptor(int slot, struct tss *t)
{
    uint64_t base = (uint64_t)t, limit = sizeof(*t) - 1;
    gdt[slot] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
                (0x9ull << 40) /* 64-bit available TSS */ | SEG_PRESENT |
                ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
    gdt[slot + 1] = base >> 32;
}

void gdt_init(void)
{
    struct gdt_pointer p = { sizeof(gdt) - 1, (uint64_t)gdt };

    gdt[0] = 0;
    gdt[1] = SEG_PRESENT | SEG_NONSYS | SEG_EXEC | SEG_RW | SEG_LONG;
    gdt[2] = SEG_PRESENT | SEG_NONSYS | SEG_RW;
    gdt[3] = 0;     /* no 32-bit user code: see arch/gdt.h */
    gdt[4] = SEG_PRESENT | SEG_DPL3 | SEG_NONSYS | SEG_RW | SEG_32BIT | SEG_4K | SEG_LIMIT;
    gdt[5] = SEG_PRESENT | SEG_DPL3 | SEG_NONSYS | SEG_EXEC | SEG_RW | SEG_LONG;

    memset(&tss, 0, sizeof(tss));
    tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)double_fault_stack + sizeof(double_fault_stack);
    tss.ist[IST_NMI - 1] = (uint64_t)nmi_stack + sizeof(nmi_stack);
    tss.iomap_base = sizeof(tss); /* no I/O permission bitmap: ring 3 gets no ports */
    set_tss_descriptor(6, &tss);

    __asm__ volatile(
        "lgdt %0\n\t"
        "pushq %1\n\t"
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1:\n\t"
        "movw %w2, %%ax\n\t"
        "movw %%ax, %%ds\n\t"
        "movw %%ax, %%es\n\t"
        "movw %%ax, %%ss\n\t"
        "xorw %%ax, %%ax\n\t"
        "movw %%ax, %%fs\n\t"
        "movw %%ax, %%gs\n\t"
        "ltr %w3\n\t"
        :
        : "m"(p), "i"(KERNEL_CS), "r"((uint64_t)KERNEL_DS), "r"((uint64_t)TSS_SEL)
        : "rax", "memory");
}

void tss_set_kernel_stack(uint64_t rsp0)
{
    tss.rsp[0] = rsp0;
}
