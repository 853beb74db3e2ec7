/*
 * mm/layout.h - where a new process's stack, mmap area and heap go.  Every
 * base is set here, in layout_init(), and nowhere else: phase 3 randomises
 * them (ASLR) through layout_set_randomizer().
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <arch/memlayout.h>

#define USER_MMAP_MIN_ADDR 0x10000ul               /* 64 KiB: NULL+offset faults */
#define USER_STACK_TOP     (USER_TOP - PAGE_SIZE)  /* 0x7ffffffff000 */
#define USER_STACK_SIZE    (8ul << 20)             /* 8 MiB, Linux's default limit */
#define USER_STACK_GAP     (128ul << 20)           /* stack top to mmap base */
#define USER_ARG_MAX       (128ul << 10)           /* execve arguments + environment */

struct mm_struct;

/* stack_initial_size: the size of the stack VMA exec creates (more if the
 * arguments need it).  USER_STACK_SIZE in phase 1, where stacks do not
 * grow; phase 2 sets it smaller at boot and grows the stack on demand up
 * to RLIMIT_STACK (mm/stack_growth.c). */
extern uint64_t stack_initial_size;

/* layout_init: set mm's stack_top, mmap_base and mmap_min_addr. */
void layout_init(struct mm_struct *mm);

/* layout_place_heap: the heap of a program whose image ends at
 * `image_end` (set start_brk and brk; exec calls it after loading). */
void layout_place_heap(struct mm_struct *mm, uint64_t image_end);

/* layout_set_randomizer: called by layout_init after the defaults are set,
 * to move the bases. */
void layout_set_randomizer(void (*fn)(struct mm_struct *mm));

#endif
