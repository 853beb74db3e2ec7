// phases: 1 3
/*
 * exec_args: execve replaces the program and passes arguments and the
 * environment exactly; its errors leave the caller running.
 */
#include "utest.h"

static void exec_passes_arguments(void)
{
    char *argv[] = { "exec_target", "alpha", "beta gamma", "", "-x", NULL };
    char *envp[] = { "USMM_TEST=yes", NULL };
    EXPECT_EXIT("execve_passes_argv_and_envp", 0, execve("exec_target", argv, envp));
}

static void exec_errors(void)
{
    char *argv[] = { "nothing", NULL };
    static char big[200000];

    EXPECT_ERRNO("execve_missing_program_is_enoent", execve("no_such_program", argv, NULL), ENOENT);
    EXPECT_ERRNO("execve_empty_path_is_enoent", execve("", argv, NULL), ENOENT);
    EXPECT_ERRNO("execve_bad_path_pointer_is_efault", execve((char *)8, argv, NULL), EFAULT);
    EXPECT_ERRNO("execve_kernel_path_pointer_is_efault",
                 execve((char *)0xffffffff80100000ul, argv, NULL), EFAULT);
    EXPECT_ERRNO("execve_bad_argv_pointer_is_efault",
                 execve("exec_target", (char **)16, NULL), EFAULT);
    memset(big, 'a', sizeof(big) - 1);
    char *huge[] = { "exec_target", big, NULL };
    EXPECT_ERRNO("execve_huge_arguments_is_e2big", execve("exec_target", huge, NULL), E2BIG);
    EXPECT_ERRNO("execve_non_elf_is_enoexec", execve("not_an_elf", argv, NULL), ENOEXEC);
}

/* Arguments that fill the kernel's 128 KiB exactly, then an environment
 * string: no room is left for it (E2BIG, not EFAULT). */
static void exec_arguments_exactly_full(void)
{
    static char strings[32][4096];
    char *argv[33], *envp[] = { "A=1", NULL };

    for (int i = 0; i < 32; i++) {
        memset(strings[i], 'a' + i % 26, 4095);
        argv[i] = strings[i];
    }
    argv[32] = NULL;
    EXPECT_ERRNO("execve_arguments_filling_the_buffer_then_more_is_e2big",
                 execve("exec_target", argv, envp), E2BIG);
}

static void exec_null_argv(void)
{
    char *argv[] = { "exec_target", "count", "x", NULL };
    EXPECT_EXIT("exec_argc_counts_arguments", 3, execve("exec_target", argv, NULL));
}

int main(void)
{
    exec_passes_arguments();
    exec_errors();
    exec_arguments_exactly_full();
    exec_null_argv();
    EXPECT_TRUE("still_running_after_failed_execs", getpid() > 1);
    return utest_finish();
}
