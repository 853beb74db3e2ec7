/*
 * phase2-mapping/phase2.c - phase 2 joins the kernel here: files and the
 * page cache, file and shared mappings, fork with copy-on-write, protection,
 * signal handlers (signal/).
 */
#include <kernel/phase.h>
#include <mm/cow.h>
#include <mm/protection.h>
#include <signal/sigstate.h>

static void phase2_init(void)
{
    signal_init();
    zero_page_init();
    fork_cow_init();
    cow_check_init();
    madvise_fork_init();
    vfork_init();
    protection_init();
}

DECLARE_PHASE(2, "mapping", phase2_init);
