/*
 * phase2-mapping/phase2.c - phase 2 joins the kernel here: files and the
 * page cache, file and shared mappings, fork with copy-on-write, protection.
 */
#include <kernel/phase.h>
#include <mm/protection.h>

static void phase2_init(void)
{
    protection_init();
}

DECLARE_PHASE(2, "mapping", phase2_init);
