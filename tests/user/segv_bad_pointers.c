// phases: 1 3
// expect-log: ^segv_bad_pointers\[\d+\]: segfault at 0 ip [0-9a-f]{16} sp [0-9a-f]{16} error 4$
// expect-log: ^segv_bad_pointers\[\d+\]: segfault at ffffffff80100000 ip
/*
 * segv_bad_pointers: a process that touches what it may not dies with
 * SIGSEGV, the kernel logs one line like Linux's, the parent sees
 * WIFSIGNALED && WTERMSIG == SIGSEGV, and everyone else carries on.
 */
#include "utest.h"

static volatile int sink;

int main(void)
{
    EXPECT_SIGNAL("read_null_is_sigsegv", SIGSEGV, sink = *(volatile int *)0);
    EXPECT_SIGNAL("write_null_is_sigsegv", SIGSEGV, *(volatile int *)8 = 1);
    EXPECT_SIGNAL("read_kernel_address_is_sigsegv", SIGSEGV,
                  sink = *(volatile int *)0xffffffff80100000ul);
    EXPECT_SIGNAL("write_kernel_direct_map_is_sigsegv", SIGSEGV,
                  *(volatile int *)0xffff800000100000ul = 1);
    EXPECT_SIGNAL("non_canonical_address_is_sigsegv", SIGSEGV,
                  sink = *(volatile int *)0x0000900000000000ul);
    EXPECT_SIGNAL("jump_to_null_is_sigsegv", SIGSEGV, ((void (*)(void))0)());
    EXPECT_SIGNAL("unmapped_user_address_is_sigsegv", SIGSEGV,
                  sink = *(volatile int *)0x300000000000ul);
    EXPECT_SIGNAL("write_to_program_text_is_sigsegv", SIGSEGV, *(volatile char *)main = 0);
    EXPECT_SIGNAL("abort_is_sigabrt", SIGABRT, abort());
    /* and the parent is fine */
    EXPECT_EQ("parent_carries_on", 4, 2 + 2);
    return utest_finish();
}
