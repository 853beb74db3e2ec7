/*
 * phase1-vma/mm/vmstat.c - the global memory counters (mm/vmstat.h).
 */
#include <mm/vmstat.h>

struct vm_counters vmstat;
