// phases: 2 3
// cmdline: wxorx=1
/*
 * nx_wxorx_cmdline: `wxorx=1` on the kernel command line turns the W^X
 * policy on from boot: mmap and mprotect refuse PROT_WRITE|PROT_EXEC with
 * EACCES; write-then-execute through mprotect still works.
 */
#include "utest.h"
#include <usmm.h>

int main(void)
{
    int64_t v = -1;
    unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    EXPECT_EQ("wxorx_sysctl_reads_1", 1, usmm_sysctl("vm.wxorx", &v, NULL) == 0 ? v : -1);
    EXPECT_ERRNO("mmap_rwx_is_eacces",
                 mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0), EACCES);
    EXPECT_ERRNO("mprotect_rwx_is_eacces", mprotect(p, 4096, PROT_READ | PROT_WRITE | PROT_EXEC),
                 EACCES);
    p[0] = 0xc3;
    EXPECT_EQ("mprotect_rx_after_writing", 0, mprotect(p, 4096, PROT_READ | PROT_EXEC));
    ((void (*)(void))p)();
    EXPECT_TRUE("written_code_runs_after_mprotect", 1);
    return utest_finish();
}
