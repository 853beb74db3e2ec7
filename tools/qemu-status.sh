#!/bin/sh
# tools/qemu-status.sh STATUS - explain how QEMU ended, when the console
# does not (arch/poweroff.h): the kernel exits QEMU with (2 * status + 1) &
# 255 and prints "poweroff: status N" (after "KERNEL PANIC" on a panic), so
# an odd code needs no word; 0 means QEMU stopped without a power-off.
code=$1
if [ "$code" -eq 0 ]; then
    echo "usmm: QEMU stopped without a kernel power-off (quit by hand, or a triple fault)"
elif [ $((code % 2)) -eq 0 ]; then
    echo "usmm: QEMU failed (exit code $code)"
fi
exit 0
