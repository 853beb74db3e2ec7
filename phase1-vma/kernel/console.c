/*
 * phase1-vma/kernel/console.c - the console file: serial output and a
 * line-editing input buffer (see kernel/console.h).
 */
#include <arch/cpu.h>
#include <arch/serial.h>
#include <arch/trap.h>
#include <kernel/console.h>
#include <kernel/file.h>
#include <kernel/uaccess.h>
#include <proc/sched.h>
#include <proc/signal.h>
#include <uapi/errno.h>

#define LINE_MAX_LEN 256
#define INPUT_SIZE   2048
#define CTRL(c)      ((c) & 0x1f)

static char line[LINE_MAX_LEN];    /* the line being typed */
static unsigned line_len;
static char input[INPUT_SIZE];     /* completed lines, not yet read */
static unsigned input_head, input_count;
static unsigned eof_count;         /* Ctrl-D on an empty line */
static struct wait_queue readers;
static struct file *console_file;

static void echo(const char *s, unsigned n)
{
    serial_write(s, n);
}

/* commit_line: move the edited line to the input buffer for read(). */
static void commit_line(void)
{
    for (unsigned i = 0; i < line_len && input_count < INPUT_SIZE; i++) {
        input[(input_head + input_count) % INPUT_SIZE] = line[i];
        input_count++;
    }
    line_len = 0;
    wake_up(&readers);
}

static void input_char(char c)
{
    if (c == '\r' || c == '\n') {
        if (line_len < LINE_MAX_LEN)
            line[line_len++] = '\n';
        echo("\n", 1);
        commit_line();
    } else if (c == 0x7f || c == '\b') {
        if (line_len > 0) {
            line_len--;
            echo("\b \b", 3);
        }
    } else if (c == CTRL('D')) {
        if (line_len == 0)
            eof_count++;
        commit_line();
    } else if (c == CTRL('U')) {
        while (line_len > 0) {
            line_len--;
            echo("\b \b", 3);
        }
    } else if ((unsigned char)c >= ' ' && line_len < LINE_MAX_LEN - 1) {
        line[line_len++] = c;
        echo(&c, 1);
    }
}

static void serial_interrupt(struct trap_frame *tf)
{
    while (serial_read_ready())
        input_char(serial_read_byte());
}

/* take_input: up to n bytes of the oldest line into buf. */
static unsigned take_input(char *buf, unsigned n)
{
    unsigned got = 0;
    while (got < n && input_count > 0) {
        char c = input[input_head];
        input_head = (input_head + 1) % INPUT_SIZE;
        input_count--;
        buf[got++] = c;
        if (c == '\n')
            break;
    }
    return got;
}

static int64_t console_read(struct file *f, void *user_buf, uint64_t n)
{
    char buf[LINE_MAX_LEN];
    unsigned got;
    uint64_t flags = irq_save();

    while (input_count == 0 && eof_count == 0) {
        if (signal_pending(current)) {
            irq_restore(flags);
            return -EINTR;
        }
        sleep_on(&readers);
    }
    if (input_count == 0) {
        eof_count--;
        irq_restore(flags);
        return 0;
    }
    got = take_input(buf, n < sizeof(buf) ? (unsigned)n : sizeof(buf));
    irq_restore(flags);
    return copy_to_user(user_buf, buf, got) ? -EFAULT : (int64_t)got;
}

static int64_t console_write(struct file *f, const void *user_buf, uint64_t n)
{
    char buf[256];
    uint64_t done = 0;

    while (done < n) {
        uint64_t chunk = n - done < sizeof(buf) ? n - done : sizeof(buf);
        uint64_t flags;
        if (copy_from_user(buf, (const char *)user_buf + done, chunk))
            return done ? (int64_t)done : -EFAULT;
        flags = irq_save();
        serial_write(buf, chunk);
        irq_restore(flags);
        done += chunk;
    }
    return (int64_t)done;
}

static const struct file_operations console_ops = {
    .read = console_read,
    .write = console_write,
};

void console_init(void)
{
    wait_queue_init(&readers);
    console_file = file_alloc(&console_ops, NULL, "console", 2 /* O_RDWR */);
    serial_enable_rx_interrupt();
    irq_register(SERIAL_IRQ, serial_interrupt);
}

struct file *console_open(void)
{
    file_get(console_file);
    return console_file;
}
