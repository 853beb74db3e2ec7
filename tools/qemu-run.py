#!/usr/bin/env python3
"""tools/qemu-run.py - run QEMU for `make run` and exit with the status of the
program the kernel ran.

Usage: qemu-run.py --qemu QEMU -- QEMU-ARGUMENTS...

The console passes through to the terminal (stdin stays QEMU's, so a
program can read the keyboard).  When stdin is not a terminal (a file, a
pipe, /dev/null) its bytes are copied to the console, and at its end the
guest gets end of file: Ctrl-D, which the console reads as end of input
(twice when the last line had no newline, as on a terminal).  The kernel's last line,
"poweroff: status N", gives the exact status; QEMU's own exit code
((2N + 1) & 255, arch/poweroff.h) only says whether the kernel powered off
at all.  Exit codes: N as the kernel reported it; 124 when QEMU stopped
without a power-off (a triple fault, or Ctrl-a x); 125 when QEMU failed.
"""
import os
import re
import subprocess
import sys
import threading


def feed(dest):
    """Copy our stdin to QEMU's, then end it with Ctrl-D (end of file)."""
    last = b"\n"
    try:
        while True:
            chunk = os.read(sys.stdin.fileno(), 4096)
            if not chunk:
                break
            dest.write(chunk)
            dest.flush()
            last = chunk[-1:]
        dest.write(b"\x04" if last == b"\n" else b"\x04\x04")
        dest.flush()
    except (BrokenPipeError, ValueError, OSError):
        pass


def main():
    argv = sys.argv[1:]
    if len(argv) < 3 or argv[0] != "--qemu" or argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    qemu, args = argv[1], argv[3:]
    status = None
    try:
        piped = not sys.stdin.isatty()
        if piped:   # no monitor to reach: plain stdio holds input until the guest takes it
            args = ["stdio" if a == "mon:stdio" else a for a in args]
        proc = subprocess.Popen([qemu] + args, stdout=subprocess.PIPE,
                                stdin=subprocess.PIPE if piped else None)
    except OSError as e:
        print(f"make run: cannot start {qemu}: {e}", file=sys.stderr)
        return 125
    if piped:
        threading.Thread(target=feed, args=(proc.stdin,), daemon=True).start()
    for raw in proc.stdout:
        line = raw.decode(errors="replace")
        m = re.match(r"poweroff: status (\d+)", line.strip())
        if m:
            status = int(m.group(1))
            continue
        sys.stdout.write(line)
        sys.stdout.flush()
    code = proc.wait()
    if status is not None and code % 2 == 1:
        if status != 0:
            print(f"make run: exit status {status}", file=sys.stderr)
        return status
    if code == 0 or code % 2 == 1:
        print("make run: QEMU stopped without a kernel power-off (triple fault, or quit)",
              file=sys.stderr)
        return 124
    print(f"make run: QEMU failed (exit code {code})", file=sys.stderr)
    return 125


if __name__ == "__main__":
    sys.exit(main())
