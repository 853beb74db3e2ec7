/*
 * arch/x86_64/serial.c - a 16550 UART on COM1, 115200 baud, 8N1.
 * Output is polled (the console must work before interrupts do); input can
 * raise IRQ 4 for the console driver.
 */
#include <arch/cpu.h>
#include <arch/serial.h>

#define COM1 0x3f8
#define UART_DATA        0   /* receive / transmit buffer (DLAB=0) */
#define UART_IER         1   /* interrupt enable (DLAB=0) */
#define UART_DIVISOR_LO  0   /* (DLAB=1) */
#define UART_DIVISOR_HI  1   /* (DLAB=1) */
#define UART_FCR         2   /* FIFO control */
#define UART_LCR         3   /* line control */
#define UART_MCR         4   /* modem control */
#define UART_LSR         5   /* line status */
#define LSR_DATA_READY   0x01
#define LSR_THR_EMPTY    0x20
#define LCR_DLAB         0x80
#define LCR_8N1          0x03
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the interrupt line to the PIC */
#define IER_RX_AVAILABLE 0x01

void serial_init(void)
{
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, LCR_DLAB);
    outb(COM1 + UART_DIVISOR_LO, 1);    /* 115200 / 1 */
    outb(COM1 + UART_DIVISOR_HI, 0);
    outb(COM1 + UART_LCR, LCR_8N1);
    /* FIFOs stay off: turning them on empties them, losing input that
     * arrived before the kernel did (piped in by `make run`); one byte at a
     * time is plenty for a console */
    outb(COM1 + UART_FCR, 0);
    outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
}

static void serial_put(char c)
{
    while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
        cpu_relax();
    outb(COM1 + UART_DATA, (uint8_t)c);
}

void serial_write(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            serial_put('\r');
        serial_put(s[i]);
    }
}

bool serial_read_ready(void)
{
    return (inb(COM1 + UART_LSR) & LSR_DATA_READY) != 0;
}

char serial_read_byte(void)
{
    return (char)inb(COM1 + UART_DATA);
}

void serial_enable_rx_interrupt(void)
{
    outb(COM1 + UART_IER, IER_RX_AVAILABLE);
}
