/*
 * phase1-vma/mm/page_table.c - the page-table walker and the operations
 * built on it (see mm/page_table.h).
 */
#include <arch/printk.h>
#include <uapi/errno.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <mm/vmstat.h>

/* table_entries: the page-table page an entry lives in: its count of
 * non-empty entries is kept in the page's `index` field. */
static struct page *table_page(const pte_t *pte)
{
    return virt_to_page((const void *)((uint64_t)pte & PAGE_MASK));
}

void pt_set(pte_t *pte, pte_t val)
{
    pte_t old = *pte;
    if (old == 0 && val != 0)
        table_page(pte)->index++;
    else if (old != 0 && val == 0)
        table_page(pte)->index--;
    *pte = val;
}

uint64_t pt_alloc_user_table(void)
{
    struct page *p = alloc_zeroed_page();
    if (!p)
        return 0;
    p->flags |= PG_PAGETABLE;
    p->index = 0;
    vmstat.pagetable_pages++;
    return page_to_phys(p);
}

void pt_free_table(uint64_t pa)
{
    struct page *p = phys_to_page(pa);
    if (p->index != 0)
        panic("page table %#lx freed with %lu entries in use", pa, p->index);
    p->flags &= (uint16_t)~PG_PAGETABLE;
    vmstat.pagetable_pages--;
    put_page(p);
}

pte_t *pt_entry(pte_t *root, uint64_t va, int level, pt_alloc_fn alloc)
{
    pte_t *table = root;
    /* intermediate entries allow everything; the last level decides */
    pte_t table_flags = PTE_PRESENT | PTE_WRITE | (va < USER_TOP ? PTE_USER : 0);

    for (int l = PT_LEVELS; l > level; l--) {
        pte_t *e = &table[pt_index(va, l)];
        if (!pte_present(*e)) {
            uint64_t pa = alloc ? alloc() : 0;
            if (pa == 0)
                return NULL;
            pt_set(e, pa | table_flags);
        } else if (*e & PTE_HUGE) {
            return NULL;
        }
        table = phys_to_virt(pte_addr(*e));
    }
    return &table[pt_index(va, level)];
}

int pt_map(pte_t *root, uint64_t va, uint64_t pa, pte_t flags)
{
    pte_t *pte = pt_entry(root, va, 1, pt_alloc_user_table);
    if (!pte)
        return -ENOMEM;
    pt_set(pte, pa | flags | PTE_PRESENT);
    return 0;
}

struct walk {
    pt_leaf_fn leaf;
    void *ctx;
    bool free_empty;
    uint64_t visited;
};

/* walk_table: visit [start, end) inside `table`, a table at `level` whose
 * first entry translates address `base`. */
static void walk_table(struct walk *w, pte_t *table, int level, uint64_t base,
                       uint64_t start, uint64_t end)
{
    uint64_t size = pt_level_size(level);
    unsigned first = (unsigned)((start - base) / size);
    unsigned last = (unsigned)((end - 1 - base) / size);

    for (unsigned i = first; i <= last; i++) {
        pte_t *e = &table[i];
        uint64_t lo = base + i * size, hi = lo + size;
        if (level == 1) {
            /* a last-level entry is in use when non-zero: present, or
             * holding its frame while PROT_NONE makes it not present */
            if (*e != 0) {
                w->visited++;
                w->leaf(e, lo, w->ctx);
            }
            continue;
        }
        if (!pte_present(*e))
            continue;
        walk_table(w, phys_to_virt(pte_addr(*e)), level - 1, lo,
                   start > lo ? start : lo, end < hi ? end : hi);
        if (w->free_empty && table_page(phys_to_virt(pte_addr(*e)))->index == 0) {
            uint64_t child = pte_addr(*e);
            pt_set(e, 0);
            pt_free_table(child);
        }
    }
}

uint64_t pt_walk_range(pte_t *root, uint64_t start, uint64_t end, pt_leaf_fn leaf,
                       void *ctx, bool free_empty)
{
    struct walk w = { leaf, ctx, free_empty, 0 };
    if (start < end)
        walk_table(&w, root, PT_LEVELS, 0, start, end);
    return w.visited;
}

static void free_tables_below(pte_t *table, int level, unsigned first, unsigned last)
{
    for (unsigned i = first; i <= last; i++) {
        uint64_t child = pte_addr(table[i]);
        if (!pte_present(table[i]))
            continue;
        if (level > 2)
            free_tables_below(phys_to_virt(child), level - 1, 0, PT_ENTRIES - 1);
        pt_set(&table[i], 0);
        pt_free_table(child);
    }
}

void pt_free_user_tables(pte_t *root)
{
    free_tables_below(root, PT_LEVELS, 0, KERNEL_PML4_FIRST - 1);
}

static uint64_t count_tables_below(pte_t *table, int level, unsigned first, unsigned last)
{
    uint64_t n = 0;
    for (unsigned i = first; i <= last; i++) {
        if (!pte_present(table[i]))
            continue;
        n++;
        if (level > 2)
            n += count_tables_below(phys_to_virt(pte_addr(table[i])), level - 1, 0,
                                    PT_ENTRIES - 1);
    }
    return n;
}

uint64_t pt_count_user_tables(pte_t *root)
{
    return count_tables_below(root, PT_LEVELS, 0, KERNEL_PML4_FIRST - 1);
}
