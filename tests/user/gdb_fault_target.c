// not-a-test: the program the GDB test (tests/grader.py) runs
/*
 * gdb_fault_target: takes one page fault at a fixed address, 0x500000000,
 * so that a debugger can break in the page-fault handler when CR2 says so.
 */
#include <sys/mman.h>

int main(void)
{
    volatile char *p = mmap((void *)0x500000000ul, 4096, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED)
        return 1;
    p[0] = 1;
    return p[0] == 1 ? 0 : 2;
}
