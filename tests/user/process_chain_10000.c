// phases: 1 3
// memory: 2G
// timeout: 600
/*
 * process_chain_10000: 10,000 processes alive at once.  Each process forks
 * the next and waits for it; the last one measures what the chain costs,
 * then the chain unwinds and every frame must come back.
 */
#define CHAIN_TEST "process_chain_10000"
#define CHAIN_MEMORY_MIB 2048
#define CHAIN_CHECK "chain_of_10000_processes_lives"
#define CHAIN_MAX_BYTES 0
#include "process_chain.h"
