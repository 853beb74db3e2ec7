/*
 * phase1-vma/mm/pfn_list.c - doubly linked lists of frames, linked through
 * the frame numbers in struct page (see mm/page.h).
 */
#include <mm/page.h>
#include <stddef.h>

void pfn_list_init(struct pfn_list *l)
{
    l->head = PFN_NONE;
    l->count = 0;
}

void pfn_list_push(struct pfn_list *l, struct page *p)
{
    uint32_t pfn = (uint32_t)page_to_pfn(p);
    p->prev = PFN_NONE;
    p->next = l->head;
    if (l->head != PFN_NONE)
        pfn_to_page(l->head)->prev = pfn;
    l->head = pfn;
    l->count++;
}

void pfn_list_remove(struct pfn_list *l, struct page *p)
{
    if (p->prev != PFN_NONE)
        pfn_to_page(p->prev)->next = p->next;
    else
        l->head = p->next;
    if (p->next != PFN_NONE)
        pfn_to_page(p->next)->prev = p->prev;
    p->next = p->prev = PFN_NONE;
    l->count--;
}

struct page *pfn_list_first(const struct pfn_list *l)
{
    return l->head == PFN_NONE ? NULL : pfn_to_page(l->head);
}
