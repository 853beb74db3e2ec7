/*
 * arch/x86_64/idt.c - the interrupt descriptor table: every vector points at
 * its stub in trap_entry.asm.
 */
#include <arch/gdt.h>
#include <arch/pic.h>
#include <arch/trap.h>

struct idt_gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
} __attribute__((packed));

struct idt_pointer {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate (IF off) */
#define GATE_DPL3      0x60 /* reachable with `int` from ring 3 */

extern const uint64_t trap_stubs[256];
static struct idt_gate idt[256] __attribute__((aligned(16)));

static void set_gate(int vector, uint8_t attr, uint8_t ist)
{
    uint64_t addr = trap_stubs[vector];
    idt[vector] = (struct idt_gate){
        .offset_lo = addr & 0xffff,
        .selector = KERNEL_CS,
        .ist = ist,
        .type_attr = attr,
        .offset_mid = (addr >> 16) & 0xffff,
        .offset_hi = (uint32_t)(addr >> 32),
    };
}

void idt_init(void)
{
    struct idt_pointer p = { sizeof(idt) - 1, (uint64_t)idt };

    for (int v = 0; v < 256; v++)
        set_gate(v, GATE_INTERRUPT, 0);
    set_gate(TRAP_BP, GATE_INTERRUPT | GATE_DPL3, 0);   /* int3 from user code */
    set_gate(TRAP_DF, GATE_INTERRUPT, IST_DOUBLE_FAULT);
    set_gate(TRAP_NMI, GATE_INTERRUPT, IST_NMI);
    __asm__ volatile("lidt %0" : : "m"(p));
    pic_init();
}
