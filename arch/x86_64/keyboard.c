/*
 * arch/x86_64/keyboard.c - the PS/2 keyboard: scan codes (set 1, as the
 * 8042 translates them by default) to the bytes a terminal sends (see
 * arch/keyboard.h).
 */
#include <arch/cpu.h>
#include <arch/keyboard.h>
#include <arch/pic.h>
#include <arch/trap.h>
#include <stdbool.h>
#include <stdint.h>

#define KBD_DATA   0x60
#define KBD_STATUS 0x64
#define STATUS_OUTPUT_FULL 0x01

#define SC_LSHIFT   0x2a
#define SC_RSHIFT   0x36
#define SC_CTRL     0x1d
#define SC_CAPSLOCK 0x3a
#define SC_RELEASE  0x80
#define SC_EXTENDED 0xe0

/* scan code -> character, without and with Shift (0: no character) */
static const char plain[0x3a] = {
    0, 0x1b, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 0x7f, '\t',
    'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r', 0, 'a', 's',
    'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
    'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};
static const char shifted[0x3a] = {
    0, 0x1b, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 0x7f, '\t',
    'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0, 'A', 'S',
    'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
    'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};

static void (*deliver)(char c);
static bool shift, ctrl, capslock, extended;

static void send(const char *s)
{
    while (*s)
        deliver(*s++);
}

/* extended_key: the keys after an E0 prefix that a terminal encodes */
static void extended_key(uint8_t code)
{
    switch (code) {
    case 0x48: send("\x1b[A"); break;   /* up */
    case 0x50: send("\x1b[B"); break;   /* down */
    case 0x4d: send("\x1b[C"); break;   /* right */
    case 0x4b: send("\x1b[D"); break;   /* left */
    case 0x47: send("\x1b[H"); break;   /* home */
    case 0x4f: send("\x1b[F"); break;   /* end */
    case 0x53: send("\x1b[3~"); break;  /* delete */
    case 0x1c: deliver('\r'); break;    /* keypad enter */
    case 0x1d: ctrl = true; break;      /* right ctrl */
    default: break;
    }
}

static void scan_code(uint8_t code)
{
    bool release = code & SC_RELEASE;
    uint8_t key = code & ~SC_RELEASE;
    char c;

    if (code == SC_EXTENDED) {
        extended = true;
        return;
    }
    if (key == SC_LSHIFT || key == SC_RSHIFT) {
        shift = !release;
    } else if (key == SC_CTRL) {
        ctrl = !release;
    } else if (extended) {
        if (!release)
            extended_key(key);
        else if (key == SC_CTRL)
            ctrl = false;
    } else if (!release && key == SC_CAPSLOCK) {
        capslock = !capslock;
    } else if (!release && key < sizeof(plain) && plain[key]) {
        c = shift ? shifted[key] : plain[key];
        if (capslock && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            c ^= 0x20;
        if (ctrl && ((c >= 'a' && c <= 'z') || (c >= '@' && c <= '_')))
            c &= 0x1f;
        deliver(c);
    }
    extended = false;
}

static void keyboard_interrupt(struct trap_frame *tf)
{
    while (inb(KBD_STATUS) & STATUS_OUTPUT_FULL)
        scan_code(inb(KBD_DATA));
}

void keyboard_init(void (*fn)(char c))
{
    deliver = fn;
    while (inb(KBD_STATUS) & STATUS_OUTPUT_FULL)   /* drop what the firmware left */
        inb(KBD_DATA);
    irq_register(KEYBOARD_IRQ, keyboard_interrupt);
}
