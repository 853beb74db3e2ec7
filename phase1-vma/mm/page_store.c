/*
 * phase1-vma/mm/page_store.c - the radix tree of mm/page_store.h.
 */
#include <mm/page_store.h>
#include <mm/slab.h>
#include <stdbool.h>
#include <stddef.h>
#include <uapi/errno.h>

#define STORE_BITS  6
#define STORE_SLOTS (1u << STORE_BITS)

/* A node's slots hold child nodes, or pages at the bottom level. */
struct store_node {
    void *slot[STORE_SLOTS];
    unsigned used;             /* non-empty slots */
};

void page_store_init(struct page_store *ps)
{
    ps->root = NULL;
    ps->height = 0;
    ps->count = 0;
}

/* max_index: the largest index a tree of `height` levels can hold. */
static uint64_t max_index(int height)
{
    if (height * STORE_BITS >= 64)
        return ~0ull;
    return (1ull << (height * STORE_BITS)) - 1;
}

static unsigned digit(uint64_t index, int level)
{
    return (unsigned)(index >> (level * STORE_BITS)) & (STORE_SLOTS - 1);
}

struct page *page_store_lookup(const struct page_store *ps, uint64_t index)
{
    struct store_node *node = ps->root;

    if (!node || index > max_index(ps->height))
        return NULL;
    for (int level = ps->height - 1; level > 0 && node; level--)
        node = node->slot[digit(index, level)];
    return node ? node->slot[digit(index, 0)] : NULL;
}

/* grow: add levels on top until `index` fits; false when out of memory. */
static bool grow(struct page_store *ps, uint64_t index)
{
    while (!ps->root || index > max_index(ps->height)) {
        struct store_node *top = kzalloc(sizeof(*top));
        if (!top)
            return false;
        if (ps->root) {
            top->slot[0] = ps->root;
            top->used = 1;
        }
        ps->root = top;
        ps->height++;
    }
    return true;
}

int page_store_insert(struct page_store *ps, uint64_t index, struct page *page)
{
    struct store_node *node;

    if (!grow(ps, index))
        return -ENOMEM;
    node = ps->root;
    for (int level = ps->height - 1; level > 0; level--) {
        void **slot = &node->slot[digit(index, level)];
        if (!*slot) {
            *slot = kzalloc(sizeof(struct store_node));
            if (!*slot)
                return -ENOMEM;     /* the empty nodes made so far stay: harmless */
            node->used++;
        }
        node = *slot;
    }
    if (!node->slot[digit(index, 0)])
        node->used++;
    node->slot[digit(index, 0)] = page;
    ps->count++;
    return 0;
}

/* remove_below: take `index` out of the subtree `node` of `level`; frees
 * nodes left empty.  Returns the page. */
static struct page *remove_below(struct store_node *node, int level, uint64_t index)
{
    void **slot = &node->slot[digit(index, level)];
    struct page *page;

    if (!*slot)
        return NULL;
    if (level == 0) {
        page = *slot;
    } else {
        struct store_node *child = *slot;
        page = remove_below(child, level - 1, index);
        if (child->used > 0)
            return page;
        kfree(child);
    }
    *slot = NULL;
    node->used--;
    return page;
}

struct page *page_store_remove(struct page_store *ps, uint64_t index)
{
    struct page *page;

    if (!ps->root || index > max_index(ps->height))
        return NULL;
    page = remove_below(ps->root, ps->height - 1, index);
    if (page)
        ps->count--;
    if (ps->root->used == 0) {
        kfree(ps->root);
        page_store_init(ps);
    }
    return page;
}

static void clear_below(struct store_node *node, int level, void (*release)(struct page *))
{
    for (unsigned i = 0; i < STORE_SLOTS; i++) {
        if (!node->slot[i])
            continue;
        if (level == 0)
            release(node->slot[i]);
        else
            clear_below(node->slot[i], level - 1, release);
    }
    kfree(node);
}

void page_store_clear(struct page_store *ps, void (*release)(struct page *page))
{
    if (ps->root)
        clear_below(ps->root, ps->height - 1, release);
    page_store_init(ps);
}

/* next_below: the lowest index >= `index` with a page in the subtree
 * `node` of `level`, whose first index is `base`; UINT64_MAX if none. */
static uint64_t next_below(const struct store_node *node, int level, uint64_t base,
                           uint64_t index)
{
    uint64_t span = 1ull << (level * STORE_BITS);   /* indexes per slot */
    unsigned first = index > base ? digit(index, level) : 0;

    for (unsigned i = first; i < STORE_SLOTS; i++) {
        uint64_t slot_base = base + i * span;
        uint64_t found;
        if (!node->slot[i])
            continue;
        if (level == 0)
            return slot_base;
        found = next_below(node->slot[i], level - 1, slot_base,
                           index > slot_base ? index : slot_base);
        if (found != UINT64_MAX)
            return found;
    }
    return UINT64_MAX;
}

uint64_t page_store_next(const struct page_store *ps, uint64_t index)
{
    if (!ps->root || index > max_index(ps->height))
        return UINT64_MAX;
    return next_below(ps->root, ps->height - 1, 0, index);
}
