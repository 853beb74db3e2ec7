/*
 * phase1-vma/mm/layout.c - the fixed layout of a new address space (see
 * mm/layout.h and the picture in mm/mm.h).
 */
#include <mm/layout.h>
#include <mm/mm.h>

static void (*randomizer)(struct mm_struct *mm);
uint64_t stack_initial_size = USER_STACK_SIZE;

void layout_set_randomizer(void (*fn)(struct mm_struct *mm))
{
    randomizer = fn;
}

void layout_init(struct mm_struct *mm)
{
    mm->mmap_min_addr = USER_MMAP_MIN_ADDR;
    mm->stack_top = USER_STACK_TOP;
    mm->mmap_base = USER_STACK_TOP - USER_STACK_GAP;
    if (randomizer)
        randomizer(mm);
}

void layout_place_heap(struct mm_struct *mm, uint64_t image_end)
{
    mm->start_brk = mm->brk = page_round_up(image_end);
}
