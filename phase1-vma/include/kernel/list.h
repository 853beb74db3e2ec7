/*
 * kernel/list.h - circular doubly linked lists embedded in their elements,
 * as in Linux: a `struct list_head` inside each element, container_of() to
 * get from the link back to the element.
 */
#ifndef KERNEL_LIST_H
#define KERNEL_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_head {
    struct list_head *next, *prev;
};

#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

/* LIST_HEAD_DEFINE: a list head that starts empty. */
#define LIST_HEAD_DEFINE(name) struct list_head name = { &(name), &(name) }

#define list_entry(ptr, type, member) container_of(ptr, type, member)

static inline void list_init(struct list_head *h)
{
    h->next = h->prev = h;
}

static inline bool list_empty(const struct list_head *h)
{
    return h->next == h;
}

static inline void list_insert_between(struct list_head *n, struct list_head *prev,
                                       struct list_head *next)
{
    n->prev = prev;
    n->next = next;
    prev->next = n;
    next->prev = n;
}

/* list_add: insert n right after head (stack order). */
static inline void list_add(struct list_head *n, struct list_head *head)
{
    list_insert_between(n, head, head->next);
}

/* list_add_tail: insert n right before head (queue order). */
static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
    list_insert_between(n, head->prev, head);
}

static inline void list_del(struct list_head *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = n->prev = n;
}

#define list_for_each(pos, head) \
    for (pos = (head)->next; pos != (head); pos = pos->next)

#define list_for_each_safe(pos, tmp, head) \
    for (pos = (head)->next, tmp = pos->next; pos != (head); pos = tmp, tmp = pos->next)

#endif
