/*
 * arch/pic.h - the two 8259 interrupt controllers, remapped to vectors
 * IRQ_BASE..IRQ_BASE+15, and the 8254 timer (PIT) on IRQ 0.
 */
#ifndef ARCH_PIC_H
#define ARCH_PIC_H

#include <stdint.h>

#define TIMER_IRQ 0

void pic_init(void);
void pic_unmask(int irq);
void pic_mask(int irq);
void pic_send_eoi(int irq);
/* pic_spurious: true for a spurious IRQ 7 / 15 (no EOI must be sent). */
int pic_spurious(int irq);

/* pit_init: program channel 0 to interrupt `hz` times a second. */
void pit_init(unsigned hz);

#endif
