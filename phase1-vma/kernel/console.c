/*
 * phase1-vma/kernel/console.c - the console file: a terminal on the serial
 * port, with Linux's termios interface (see kernel/console.h).
 *
 * Input arrives by serial interrupt, or from the PC keyboard (how typing
 * reaches the kernel under Bochs), and goes through a small line
 * discipline, as Linux's n_tty does:
 *   ISIG    Ctrl-C sends SIGINT, Ctrl-\ SIGQUIT, to the foreground process
 *           group (TIOCSPGRP), and throws the line being typed away;
 *   ICANON  canonical mode: the line is edited here (Backspace, Ctrl-U,
 *           Ctrl-D for end of file) and read() returns only whole lines;
 *           without it (raw mode, what the shell's line editor uses) every
 *           byte is readable at once;
 *   ECHO    typed characters are echoed;  ICRNL  CR becomes NL.
 * A canonical line longer than CONSOLE_LINE_MAX is refused: the console
 * rings the bell and keeps what fits, as Linux's does.
 */
#include <arch/cpu.h>
#include <arch/keyboard.h>
#include <arch/serial.h>
#include <arch/trap.h>
#include <kernel/console.h>
#include <kernel/file.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <proc/sched.h>
#include <proc/signal.h>
#include <uapi/errno.h>
#include <uapi/termios.h>

#define INPUT_SIZE   8192
#define CTRL(c)      ((c) & 0x1f)

static char line[CONSOLE_LINE_MAX];  /* the line being typed (canonical) */
static unsigned line_len;
static char input[INPUT_SIZE];       /* readable bytes, not yet read */
static unsigned input_head, input_count;
static unsigned eof_count;           /* Ctrl-D on an empty line */
static struct wait_queue readers;
static struct file *console_file;
static struct termios tio;
static int foreground_pgrp;          /* Ctrl-C goes there; 0: nobody */

static const struct termios default_termios = {
    .c_iflag = ICRNL,
    .c_oflag = OPOST | ONLCR,
    .c_cflag = 0xbf,                 /* B38400 CS8 CREAD, as Linux reports */
    .c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN,
    .c_cc = { [VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = 0x7f,
              [VKILL] = CTRL('U'), [VEOF] = CTRL('D'), [VMIN] = 1, [VSUSP] = CTRL('Z') },
};

static void echo(const char *s, unsigned n)
{
    if (tio.c_lflag & ECHO)
        serial_write(s, n);
}

static void queue_input(const char *s, unsigned n)
{
    for (unsigned i = 0; i < n && input_count < INPUT_SIZE; i++) {
        input[(input_head + input_count) % INPUT_SIZE] = s[i];
        input_count++;
    }
    wake_up(&readers);
}

/* commit_line: hand the edited line to read(). */
static void commit_line(void)
{
    queue_input(line, line_len);
    line_len = 0;
}

static void erase_char(void)
{
    if (line_len > 0) {
        line_len--;
        echo("\b \b", 3);
    }
}

/* signal_char: Ctrl-C or Ctrl-\ with ISIG: a signal for the foreground
 * group, and the typed line is gone. */
static void signal_char(char c, int sig)
{
    char shown[4] = { '^', (char)(c + '@'), '\n', 0 };
    echo(shown, 3);
    line_len = 0;
    if (foreground_pgrp)
        kill_pgrp(foreground_pgrp, sig);
}

static void canonical_char(char c)
{
    if (c == '\n') {
        line[line_len++] = '\n';     /* room kept for it */
        echo("\n", 1);
        commit_line();
    } else if (c == tio.c_cc[VERASE] || c == '\b') {
        erase_char();
    } else if (c == tio.c_cc[VEOF]) {
        if (line_len == 0)
            eof_count++;
        commit_line();
    } else if (c == tio.c_cc[VKILL]) {
        while (line_len > 0)
            erase_char();
    } else if (line_len >= CONSOLE_LINE_MAX - 1) {
        serial_write("\a", 1);       /* full: refused, the bell says so */
    } else {
        line[line_len++] = c;
        echo(&c, 1);
    }
}

static void input_char(char c)
{
    if (c == '\r' && (tio.c_iflag & ICRNL))
        c = '\n';
    if ((tio.c_lflag & ISIG) && c == tio.c_cc[VINTR])
        signal_char(c, SIGINT);
    else if ((tio.c_lflag & ISIG) && c == tio.c_cc[VQUIT])
        signal_char(c, SIGQUIT);
    else if (tio.c_lflag & ICANON)
        canonical_char(c);
    else {
        queue_input(&c, 1);
        echo(&c, 1);
    }
}

static void serial_interrupt(struct trap_frame *tf)
{
    while (serial_read_ready())
        input_char(serial_read_byte());
}

/* take_input: up to n readable bytes into buf; in canonical mode no
 * further than the end of the oldest line. */
static unsigned take_input(char *buf, unsigned n)
{
    unsigned got = 0;
    while (got < n && input_count > 0) {
        char c = input[input_head];
        input_head = (input_head + 1) % INPUT_SIZE;
        input_count--;
        buf[got++] = c;
        if (c == '\n' && (tio.c_lflag & ICANON))
            break;
    }
    return got;
}

/* console_read: wait for input (or end of file), then hand out what is
 * there, in chunks copied with interrupts on. */
static int64_t console_read(struct file *f, void *user_buf, uint64_t n)
{
    char buf[256];
    uint64_t done = 0, flags = irq_save();

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
    while (done < n && input_count > 0) {
        unsigned got = take_input(buf, n - done < sizeof(buf) ? (unsigned)(n - done) : sizeof(buf));
        irq_restore(flags);
        if (copy_to_user((char *)user_buf + done, buf, got))
            return done ? (int64_t)done : -EFAULT;
        done += got;
        flags = irq_save();
        if (buf[got - 1] == '\n' && (tio.c_lflag & ICANON))
            break;
    }
    irq_restore(flags);
    return (int64_t)done;
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

/* set_termios: TCSETS and friends.  Leaving canonical mode hands the line
 * typed so far to read(), as Linux does. */
static int64_t set_termios(uint64_t request, uint64_t arg)
{
    struct termios t;
    uint64_t flags;

    if (copy_from_user(&t, (const void *)arg, sizeof(t)))
        return -EFAULT;
    flags = irq_save();
    if (request == TCSETSF) {
        input_count = 0;
        line_len = 0;
        eof_count = 0;
    }
    if ((tio.c_lflag & ICANON) && !(t.c_lflag & ICANON))
        commit_line();
    tio = t;
    irq_restore(flags);
    return 0;
}

static int64_t console_ioctl(struct file *f, uint64_t request, uint64_t arg)
{
    static const struct winsize size = { .ws_row = 24, .ws_col = 80 };
    int pgrp;

    switch (request) {
    case TCGETS:
        return copy_to_user((void *)arg, &tio, sizeof(tio));
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        return set_termios(request, arg);
    case TIOCGWINSZ:
        return copy_to_user((void *)arg, &size, sizeof(size));
    case TIOCGPGRP:
        return copy_to_user((void *)arg, &foreground_pgrp, sizeof(int));
    case TIOCSPGRP:
        if (copy_from_user(&pgrp, (const void *)arg, sizeof(int)))
            return -EFAULT;
        if (pgrp < 0)
            return -EINVAL;
        if (pgrp == 0 || kill_pgrp(pgrp, 0) != 0)   /* no such group */
            return -ESRCH;
        foreground_pgrp = pgrp;
        return 0;
    default:
        return -ENOTTY;
    }
}

/* console_poll: readable when a read would not wait (input, or an end of
 * file typed); always writable. */
static unsigned console_poll(struct file *f)
{
    return (input_count || eof_count ? POLLIN : 0) | POLLOUT;
}

static const struct file_operations console_ops = {
    .poll = console_poll,
    .read = console_read,
    .write = console_write,
    .ioctl = console_ioctl,
};

void console_init(void)
{
    wait_queue_init(&readers);
    tio = default_termios;
    console_file = file_alloc(&console_ops, NULL, "console", 2 /* O_RDWR */);
    serial_enable_rx_interrupt();
    irq_register(SERIAL_IRQ, serial_interrupt);
    serial_interrupt(NULL);     /* what arrived before: no interrupt will say so */
    keyboard_init(input_char);  /* a PC keyboard types into the same console */
}

struct file *console_open(void)
{
    file_get(console_file);
    return console_file;
}
