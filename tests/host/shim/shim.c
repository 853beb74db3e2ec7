/*
 * tests/host/shim/shim.c - what the kernel code under test needs from the
 * rest of the kernel, on the host.
 */
#include <arch/memlayout.h>
#include <mm/page.h>
#include <arch/printk.h>
#include <kernel/lab.h>
#include <stdarg.h>
#include <string.h>

uint8_t *host_ram;
struct page *page_array;
uint64_t max_pfn;
uint64_t host_ram_size;
void (*host_panic_hook)(const char *msg);

void host_ram_init(uint64_t pages)
{
    free(host_ram);
    host_ram_size = pages * PAGE_SIZE;
    host_ram = aligned_alloc(PAGE_SIZE, host_ram_size);
    if (!host_ram) {
        fprintf(stderr, "host_ram_init: out of memory\n");
        abort();
    }
    memset(host_ram, 0, host_ram_size);
}

void panic(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (host_panic_hook)
        host_panic_hook(msg);
    fprintf(stdout, "KERNEL PANIC: %s\n", msg);
    fflush(stdout);
    abort();
}

void host_frames_init(uint64_t frames)
{
    host_ram_init(frames);
    free(page_array);
    page_array = calloc(frames, sizeof(struct page));
    max_pfn = frames;
    for (uint64_t i = 0; i < frames; i++) {
        page_array[i].next = page_array[i].prev = PFN_NONE;
        page_array[i].flags = PG_RESERVED;
    }
}

unsigned labs_not_done;

void lab_not_done(int lab, const char *function, const char *file)
{
    if (labs_not_done & (1u << lab))
        return;
    labs_not_done |= 1u << lab;
    fprintf(stderr, "lab %d is not done: the test called %s(), still the stub in %s\n", lab,
            function, file);
}
