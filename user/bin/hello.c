/*
 * hello - the first user program: greets, then shows the arguments it was
 * given, which proves that the kernel built the initial stack right.
 *
 *   usmm$ hello a b
 *   hello, world
 *   argv[0] = "hello"
 *   argv[1] = "a"
 *   argv[2] = "b"
 */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("hello, world\n");
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = \"%s\"\n", i, argv[i]);
}
