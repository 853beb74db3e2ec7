// phases: 2 3
// memory: 1G
// timeout: 600
/*
 * cow_process_chain_10000: the 10,000-process chain of process_chain_10000
 * with copy-on-write fork: the same chain that needs a 2 GiB guest with
 * phase 1's eager copy (about 98 KiB a process) fits in a 1 GiB one, each
 * process costing its kernel stack, its page tables and the few pages it
 * writes (its stack top): under 60 KiB.  Every frame comes back after.
 */
#define CHAIN_TEST "cow_process_chain_10000"
#define CHAIN_MEMORY_MIB 1024
#define CHAIN_CHECK "chain_of_10000_processes_lives_in_1GiB_under_60KiB_each"
#define CHAIN_MAX_BYTES (60 * 1024)
#include "process_chain.h"
