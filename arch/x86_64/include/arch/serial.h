/*
 * arch/serial.h - the COM1 serial port: the kernel console.  Under QEMU with
 * -serial stdio (or -nographic) it is the terminal; under Bochs a file or
 * the terminal; the grader captures it to build/.
 */
#ifndef ARCH_SERIAL_H
#define ARCH_SERIAL_H

#include <stdbool.h>
#include <stddef.h>

#define SERIAL_IRQ 4

void serial_init(void);
/* serial_write: send bytes, turning "\n" into "\r\n" for the terminal. */
void serial_write(const char *s, size_t len);
/* serial_read_ready / serial_read_byte: polled input. */
bool serial_read_ready(void);
char serial_read_byte(void);
/* serial_enable_rx_interrupt: raise IRQ 4 when a byte arrives. */
void serial_enable_rx_interrupt(void);

#endif
