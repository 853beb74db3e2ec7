/*
 * pmap [PID]      the address space of a process, one line per VMA
 * pmap -s [PID]   its memory counters only
 *
 * PID 0, the default, is pmap itself.  The lines read like Linux's
 * /proc/PID/maps, with pmap -x's size and resident columns:
 *
 *   START-END                         PERM OFFSET     KBYTES    RSS  MAPPING
 *   0000000000400000-0000000000401000 r--p 00000000        4      4  pmap
 *   ...
 *   00007ffffffde000-00007ffffffff000 rw-p 00000000      132      8  [stack]
 *   6 VMAs                                              1234     56  KiB total
 *
 * The VMAs are fetched a batch at a time (usmm_vmas from an address), so a
 * process with 100,000 of them needs no more memory here than one with 5.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <usmm.h>

#define BATCH 64
#define KIB(pages) ((pages) * 4)

static struct usmm_vma_info batch[BATCH];

/* mapping_name: what the VMA maps: its name, else [heap]/[stack], else the
 * kind of mapping in brackets, else [anon] */
static const char *mapping_name(const struct usmm_vma_info *v, char *buf, size_t size)
{
    if (v->name[0] != '\0')
        snprintf(buf, size, "%.*s", (int)sizeof(v->name), v->name);
    else if (v->flags & USMM_VM_HEAP)
        snprintf(buf, size, "[heap]");
    else if (v->flags & USMM_VM_STACK)
        snprintf(buf, size, "[stack]");
    else if (v->kind[0] != '\0' && strncmp(v->kind, "anon", sizeof(v->kind)) != 0)
        snprintf(buf, size, "[%.*s]", (int)sizeof(v->kind), v->kind);
    else
        snprintf(buf, size, "[anon]");
    return buf;
}

static void print_vma(const struct usmm_vma_info *v)
{
    char name[48], pkey[16] = "";
    unsigned key = (v->flags & USMM_VM_PKEY_MASK) >> USMM_VM_PKEY_SHIFT;

    if (key != 0)
        snprintf(pkey, sizeof(pkey), " (pkey %u)", key);
    printf("%016" PRIx64 "-%016" PRIx64 " %c%c%c%c %08" PRIx64 " %8" PRIu64 " %6" PRIu64
           "  %s%s%s\n",
           v->start, v->end,
           v->flags & USMM_VM_READ ? 'r' : '-',
           v->flags & USMM_VM_WRITE ? 'w' : '-',
           v->flags & USMM_VM_EXEC ? 'x' : '-',
           v->flags & USMM_VM_SHARED ? 's' : 'p',
           v->offset, (v->end - v->start) / 1024, KIB(v->rss_pages),
           mapping_name(v, name, sizeof(name)),
           v->flags & USMM_VM_LOCKED ? " (locked)" : "", pkey);
}

/* print_maps: every VMA of pid, then the totals; 0 or 1 (error) */
static int print_maps(int pid)
{
    uint64_t from = 0, seen = 0, total_kib = 0, rss_kib = 0;
    struct usmm_mmstat st;
    char count[32];

    if (usmm_mmstat(pid, &st) != 0) {       /* no such process: say only that */
        fprintf(stderr, "pmap: %d: %s\n", pid, strerror(errno));
        return 1;
    }
    printf("%d:   %.*s\n", st.pid, (int)sizeof(st.name), st.name);
    printf("%-33s %-4s %-8s %8s %6s  %s\n", "START-END", "PERM", "OFFSET", "KBYTES",
           "RSS", "MAPPING");
    for (;;) {
        long total;
        int copied = 0;

        /* a slot the kernel did not fill keeps end == 0, below any `from` */
        memset(batch, 0, sizeof(batch));
        total = usmm_vmas(pid, from, batch, BATCH);
        if (total < 0) {
            fprintf(stderr, "pmap: %d: %s\n", pid, strerror(errno));
            return 1;
        }
        while (copied < BATCH && seen < (uint64_t)total && batch[copied].end > from) {
            const struct usmm_vma_info *v = &batch[copied++];
            print_vma(v);
            total_kib += (v->end - v->start) / 1024;
            rss_kib += KIB(v->rss_pages);
            from = v->end;
            seen++;
        }
        if (copied < BATCH || seen >= (uint64_t)total)
            break;
    }
    snprintf(count, sizeof(count), "%" PRIu64 " VMAs", seen);
    printf("%-47s %8" PRIu64 " %6" PRIu64 "  KiB total\n", count, total_kib, rss_kib);
    return 0;
}

static void range(const char *what, uint64_t start, uint64_t end)
{
    printf("  %-12s %016" PRIx64 "-%016" PRIx64 " %8" PRIu64 " KiB\n", what, start, end,
           end > start ? (end - start) / 1024 : 0);
}

/* print_summary: the process's counters from usmm_mmstat; 0 or 1 */
static int print_summary(int pid)
{
    struct usmm_mmstat st;

    if (usmm_mmstat(pid, &st) < 0) {
        fprintf(stderr, "pmap: %d: %s\n", pid, strerror(errno));
        return 1;
    }
    printf("%d:   %.*s\n", st.pid, (int)sizeof(st.name), st.name);
    printf("  VMAs         %8" PRIu64 "\n", st.map_count);
    printf("  virtual      %8" PRIu64 " KiB   (code %" PRIu64 ", data %" PRIu64
           ", stack %" PRIu64 ", locked %" PRIu64 ")\n",
           KIB(st.total_vm), KIB(st.exec_vm), KIB(st.data_vm), KIB(st.stack_vm),
           KIB(st.locked_vm));
    printf("  resident     %8" PRIu64 " KiB   (shared %" PRIu64 ", private %" PRIu64
           "; zero page %" PRIu64 " not counted)\n", KIB(st.rss), KIB(st.shared_pages),
           KIB(st.private_pages), KIB(st.zero_pages));
    printf("  page tables  %8" PRIu64 " KiB\n", KIB(st.pagetable_pages));
    printf("  page faults  %8" PRIu64 "\n", st.min_flt);
    range("code", st.start_code, st.end_code);
    range("data", st.start_data, st.end_data);
    range("heap", st.start_brk, st.brk);
    printf("  %-12s %016" PRIx64 "\n", "stack top", st.start_stack);
    printf("  %-12s %016" PRIx64 "\n", "mmap base", st.mmap_base);
    return 0;
}

int main(int argc, char **argv)
{
    int summary = 0, pid = 0;
    int i = 1;
    char *end;

    if (i < argc && strcmp(argv[i], "-s") == 0) {
        summary = 1;
        i++;
    }
    if (i < argc) {
        pid = (int)strtol(argv[i], &end, 10);
        if (*end != '\0' || end == argv[i] || pid < 0 || i + 1 < argc) {
            fprintf(stderr, "usage: pmap [-s] [PID]   (PID 0: pmap itself)\n");
            return 2;
        }
    }
    return summary ? print_summary(pid) : print_maps(pid);
}
