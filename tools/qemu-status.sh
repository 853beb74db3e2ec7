#!/bin/sh
# tools/qemu-status.sh STATUS - explain how QEMU ended (arch/poweroff.h):
# the kernel exits QEMU with (2 * status + 1) & 255, so an even code means
# QEMU stopped some other way (0 after a triple fault under -no-reboot).
code=$1
if [ "$code" -eq 0 ]; then
    echo "usmm: QEMU stopped without a kernel power-off (quit by hand, or a triple fault)"
elif [ $((code % 2)) -eq 1 ]; then
    if [ "$code" -eq 255 ]; then
        echo "usmm: the kernel panicked"
    fi
else
    echo "usmm: QEMU failed (exit code $code)"
fi
exit 0
