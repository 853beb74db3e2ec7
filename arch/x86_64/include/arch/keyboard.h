/*
 * arch/keyboard.h - the PC keyboard (PS/2, through the 8042 controller):
 * what a terminal would send for each key.  Under QEMU with a display and
 * under Bochs (whose `term` display turns the keys typed in its terminal
 * into keyboard scan codes) this is how typing reaches the console.
 */
#ifndef ARCH_KEYBOARD_H
#define ARCH_KEYBOARD_H

#define KEYBOARD_IRQ 1

/* keyboard_init: from now on call deliver(c) for every byte a key press
 * produces, as a terminal encodes it: letters with Shift and Caps Lock,
 * Ctrl-A..Ctrl-Z as 1..26, Enter as '\r', Backspace as 0x7f, the arrows,
 * Home, End and Delete as ESC [ A/B/C/D/H/F and ESC [ 3 ~.  Called from
 * the keyboard interrupt. */
void keyboard_init(void (*deliver)(char c));

#endif
