// phases: 2 3
// cpus: max
// expect-log: ^pf: pkeys_fault_code\[\d+\] addr 0x[0-9a-f]+ \[[^]]*\] ip 0x[0-9a-f]+ vma .* rw- anon -> SIGSEGV \(SEGV_PKUERR\)$
// expect-log: ^pkeys_fault_code\[\d+\]: segfault at [0-9a-f]+ ip [0-9a-f]+ sp [0-9a-f]+ error 27$
/*
 * pkeys_fault_code: a write the page's protection key denies is a page
 * fault with the PK bit (error 0x27: present, write, user, PK), which the
 * kernel turns into SIGSEGV with si_code SEGV_PKUERR (the pftrace line
 * names it; task->fault_pkey keeps the key for si_pkey).  On a CPU with
 * PKU only.
 */
#include "utest.h"
#include <usmm.h>

int main(void)
{
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int k = pkey_alloc(0, PKEY_DISABLE_WRITE);

    p[0] = 1;
    EXPECT_EQ("pkey_alloc_succeeds", 1, k);
    EXPECT_EQ("pkey_mprotect_succeeds", 0, pkey_mprotect(p, 4096, PROT_READ | PROT_WRITE, k));
    EXPECT_SIGNAL("denied_write_is_sigsegv", SIGSEGV, {
        usmm_sysctl("kernel.pftrace", NULL, &(int64_t){ 1 });
        p[1] = 2;
    });
    usmm_sysctl("kernel.pftrace", NULL, &(int64_t){ 0 });
    return utest_finish();
}
