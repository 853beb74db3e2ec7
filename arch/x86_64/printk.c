/*
 * arch/x86_64/printk.c - console output through the shared formatter, and
 * panic().
 */
#include <arch/backtrace.h>
#include <arch/cpu.h>
#include <arch/poweroff.h>
#include <arch/printk.h>
#include <arch/serial.h>

#define MAX_SINKS 4

struct sink {
    format_sink_fn fn;
    void *ctx;
};

static struct sink extra_sinks[MAX_SINKS];
static int in_panic;
static int quiet;

static void console_sink(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    serial_write(s, len);
    for (int i = 0; i < MAX_SINKS; i++)
        if (extra_sinks[i].fn)
            extra_sinks[i].fn(extra_sinks[i].ctx, s, len);
}

int vprintk(const char *fmt, va_list ap)
{
    uint64_t flags = irq_save();
    int n = vformat(console_sink, NULL, fmt, ap);
    irq_restore(flags);
    return n;
}

int printk(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vprintk(fmt, ap);
    va_end(ap);
    return n;
}

int pr_info(const char *fmt, ...)
{
    va_list ap;
    int n;
    if (quiet)
        return 0;
    va_start(ap, fmt);
    n = vprintk(fmt, ap);
    va_end(ap);
    return n;
}

void printk_set_quiet(int q)
{
    quiet = q;
}

int printk_add_sink(format_sink_fn fn, void *ctx)
{
    for (int i = 0; i < MAX_SINKS; i++) {
        if (!extra_sinks[i].fn) {
            extra_sinks[i] = (struct sink){ fn, ctx };
            return 0;
        }
    }
    return -1;
}

void panic(const char *fmt, ...)
{
    va_list ap;

    irq_disable();
    if (in_panic++) {           /* a panic while panicking: just stop */
        printk("\nKERNEL PANIC (nested)\n");
        arch_poweroff(POWEROFF_PANIC);
    }
    printk("\nKERNEL PANIC: ");
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
    backtrace_print((uint64_t)__builtin_frame_address(0));
    arch_poweroff(POWEROFF_PANIC);
}
