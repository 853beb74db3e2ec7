/*
 * ps - the processes, with their memory:
 *
 *     PID   PPID STATE      RSS(KiB)  VIRT(KiB)  NAME
 *       1      0 sleeping         24        276  init
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <usmm.h>

static const char *state_name(int32_t state)
{
    switch (state) {
    case USMM_PROC_RUNNING: return "running";
    case USMM_PROC_SLEEPING: return "sleeping";
    case USMM_PROC_ZOMBIE: return "zombie";
    default: return "?";
    }
}

int main(void)
{
    uint64_t max = 64;
    struct usmm_ps_entry *procs = NULL;
    long count;

    /* ask with a buffer for `max`; if there are more, grow it and ask again */
    for (;;) {
        free(procs);
        procs = calloc(max, sizeof(*procs));
        if (procs == NULL) {
            fprintf(stderr, "ps: out of memory\n");
            return 1;
        }
        count = usmm_ps(procs, max);
        if (count < 0) {
            fprintf(stderr, "ps: %s\n", strerror(errno));
            return 1;
        }
        if ((uint64_t)count <= max)
            break;
        max = (uint64_t)count + 16;  /* room for a few born meanwhile */
    }

    printf("%6s %6s %-9s %9s %10s  %s\n", "PID", "PPID", "STATE", "RSS(KiB)", "VIRT(KiB)",
           "NAME");
    for (long i = 0; i < count; i++) {
        const struct usmm_ps_entry *p = &procs[i];
        printf("%6d %6d %-9s %9" PRIu64 " %10" PRIu64 "  %.*s\n", p->pid, p->ppid,
               state_name(p->state), p->rss * 4, p->total_vm * 4, (int)sizeof(p->name),
               p->name);
    }
    free(procs);
    return 0;
}
