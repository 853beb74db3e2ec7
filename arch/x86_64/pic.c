/*
 * arch/x86_64/pic.c - 8259 PIC pair and 8254 PIT.
 */
#include <arch/cpu.h>
#include <arch/pic.h>
#include <arch/trap.h>

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI   0x20
#define PIC_READ_ISR 0x0b
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01

#define PIT_CHANNEL0 0x40
#define PIT_COMMAND  0x43
#define PIT_HZ       1193182u

void pic_init(void)
{
    outb(PIC1_CMD, ICW1_INIT_ICW4);
    outb(PIC2_CMD, ICW1_INIT_ICW4);
    outb(PIC1_DATA, IRQ_BASE);      /* ICW2: vector offsets */
    outb(PIC2_DATA, IRQ_BASE + 8);
    outb(PIC1_DATA, 4);             /* ICW3: slave on line 2 */
    outb(PIC2_DATA, 2);
    outb(PIC1_DATA, ICW4_8086);
    outb(PIC2_DATA, ICW4_8086);
    outb(PIC1_DATA, 0xfb);          /* everything masked but the cascade */
    outb(PIC2_DATA, 0xff);
}

void pic_unmask(int irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) & ~(1u << (irq & 7)));
}

void pic_mask(int irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) | (1u << (irq & 7)));
}

void pic_send_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}

int pic_spurious(int irq)
{
    if (irq == 7) {
        outb(PIC1_CMD, PIC_READ_ISR);
        return !(inb(PIC1_CMD) & 0x80);
    }
    if (irq == 15) {
        outb(PIC2_CMD, PIC_READ_ISR);
        if (!(inb(PIC2_CMD) & 0x80)) {
            outb(PIC1_CMD, PIC_EOI);  /* the master did see the cascade */
            return 1;
        }
    }
    return 0;
}

void pit_init(unsigned hz)
{
    unsigned divisor = PIT_HZ / hz;
    outb(PIT_COMMAND, 0x34);        /* channel 0, lo/hi byte, rate generator */
    outb(PIT_CHANNEL0, divisor & 0xff);
    outb(PIT_CHANNEL0, (divisor >> 8) & 0xff);
}
