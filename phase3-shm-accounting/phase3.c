/*
 * phase3-shm-accounting/phase3.c - phase 3 joins the kernel here: shared
 * memory, accounting and limits, memory pressure, OOM, ASLR.
 */
#include <kernel/phase.h>

static void phase3_init(void)
{
}

DECLARE_PHASE(3, "shared memory and accounting", phase3_init);
