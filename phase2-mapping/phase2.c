/*
 * phase2-mapping/phase2.c - phase 2 joins the kernel here: files and the
 * page cache, file and shared mappings, fork with copy-on-write, protection,
 * signal handlers (signal/), the disk and its files (drivers/, fs/).
 */
#include <fs/syscalls.h>
#include <kernel/phase.h>
#include <mm/cow.h>
#include <mm/filemap.h>
#include <mm/mcalls.h>
#include <mm/protection.h>
#include <mm/special.h>
#include <signal/sigstate.h>

static void phase2_init(void)
{
    signal_init();
    zero_page_init();
    fork_cow_init();
    cow_check_init();
    madvise_init();     /* madvise; mlock, mincore, msync (mm/mcalls.h) */
    mlock_init();
    mincore_init();
    msync_init();
    vfork_init();
    fs_init();          /* the disk, ext2 at /, ramfs, devices, the file calls */
    writeback_init();   /* the page cache's periodic writeback, sync at power-off */
    clone_spawn_init(); /* clone for posix_spawn / system() */
    protection_init();
    vdso_init();        /* [vvar] and [vdso] in every program from now on */
}

DECLARE_PHASE(2, "mapping", phase2_init);
