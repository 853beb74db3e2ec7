#!/bin/sh
# tools/bochsrc.sh ISO SERIAL LOG [extra lines...] - print a Bochs
# configuration that boots ISO from CD with COM1 written to the file SERIAL
# (or, for SERIAL = socket:HOST:PORT, on a socket Bochs listens on: the
# console that tools/bochs-run.py connects to), the
# emulator's own messages to LOG, the internal debugger, and the magic
# breakpoint (xchg bx, bx) enabled.  The `term` display needs a terminal
# (the grader runs Bochs under `script` to give it one); sound must be the
# dummy driver: Debian's Bochs 2.7 aborts in its ALSA plugin without a card.
iso=$1
serial=$2
log=$3
shift 3
cat <<CFG
megs: 512
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
cpu: model=tigerlake, count=1, ips=100000000, reset_on_triple_fault=0
ata0-master: type=cdrom, path="$iso", status=inserted
boot: cdrom
$(case "$serial" in
      socket:*) echo "com1: enabled=1, mode=socket-server, dev=${serial#socket:}" ;;
      *) echo "com1: enabled=1, mode=file, dev=$serial" ;;
  esac)
magic_break: enabled=1
display_library: term
sound: driver=dummy
clock: sync=none, time0=local
log: $log
panic: action=fatal
error: action=report
info: action=ignore
debug: action=ignore
CFG
for line in "$@"; do
    echo "$line"
done
