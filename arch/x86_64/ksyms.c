/*
 * arch/x86_64/ksyms.c - look up kernel function names for backtraces.
 * The table (sorted addresses, name offsets, names) is generated at link
 * time by tools/gen-ksyms.py; see arch/backtrace.h.
 */
#include <arch/backtrace.h>
#include <arch/memlayout.h>
#include <arch/printk.h>
#include <lib/string.h>
#include <stddef.h>

extern const uint64_t ksyms_count;
extern const uint64_t ksyms_addrs[];
extern const uint32_t ksyms_name_offsets[];
extern const char ksyms_names[];

const char *ksym_lookup(uint64_t addr, uint64_t *offset)
{
    uint64_t lo = 0, hi = ksyms_count;

    if (addr < (uint64_t)__text_start || addr >= (uint64_t)__text_end || hi == 0)
        return NULL;
    /* binary search for the last symbol at or below addr */
    while (hi - lo > 1) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (ksyms_addrs[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    if (ksyms_addrs[lo] > addr)
        return NULL;
    if (offset)
        *offset = addr - ksyms_addrs[lo];
    return ksyms_names + ksyms_name_offsets[lo];
}

uint64_t ksym_address(const char *name)
{
    for (uint64_t i = 0; i < ksyms_count; i++)
        if (strcmp(ksyms_names + ksyms_name_offsets[i], name) == 0)
            return ksyms_addrs[i];
    return 0;
}

static void print_frame(int n, uint64_t rip)
{
    uint64_t off;
    const char *name = ksym_lookup(rip, &off);
    if (name)
        printk("  #%d 0x%016lx %s+0x%lx\n", n, rip, name, off);
    else
        printk("  #%d 0x%016lx ?\n", n, rip);
}

/* frame_ok: a frame pointer we may read: 8-aligned kernel memory. */
static int frame_ok(uint64_t rbp)
{
    return rbp >= PHYS_MAP_BASE && (rbp & 7) == 0 && rbp < 0xfffffffffffff000ul;
}

static void walk(int n, uint64_t rbp)
{
    for (; n < 32 && frame_ok(rbp); n++) {
        uint64_t *frame = (uint64_t *)rbp;
        uint64_t rip = frame[1];
        if (rip < (uint64_t)__text_start || rip >= (uint64_t)__text_end)
            break;
        print_frame(n, rip);
        rbp = frame[0];
    }
}

void backtrace_print(uint64_t rbp)
{
    printk("backtrace:\n");
    walk(0, rbp);
}

void backtrace_print_from(uint64_t rip, uint64_t rbp)
{
    printk("backtrace:\n");
    print_frame(0, rip);
    walk(1, rbp);
}
