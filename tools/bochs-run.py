#!/usr/bin/env python3
"""tools/bochs-run.py - Bochs in one terminal: its debugger and the kernel's
console, one at a time (`make phaseN bochs`).

Usage: bochs-run.py BOCHSRC PORT SYMBOLS STDERR-LOG

Bochs runs with its internal debugger on a pseudo-terminal of its own and
the guest's COM1 on a local socket (PORT); this program owns the real
terminal and switches it between the two:
  - at start, and whenever Bochs stops (a breakpoint, the magic breakpoint
    of BOCHS_BREAK=1), the terminal talks to the debugger;
  - after a `c` (continue) it talks to the kernel's console: what the
    shell prints shows, what you type goes to it (Ctrl-C included: it
    stops the running program, as in QEMU);
  - Ctrl-] in the console stops the machine in the debugger.
The kernel's symbols (SYMBOLS) are loaded with `ldsym` so the debugger
names functions.  Bochs's own start-up messages go to STDERR-LOG.  Exit
status: 0 when Bochs quit (`q`), else Bochs's.
"""
import os
import pty
import re
import select
import signal
import socket
import subprocess
import sys
import termios
import time
import tty

ESCAPE = b"\x1d"    # Ctrl-]
PROMPT = re.compile(rb"<bochs:\d+> $")


def debugger_keys(master, keys, typed):
    """Pass keys to the debugger up to the end of a `c` command, if any.
    Returns (the keys left over for the console, the command line typed so
    far, whether the machine was resumed)."""
    for i, k in enumerate(keys):
        if k in (0x7f, 0x08):
            typed = typed[:-1]
        elif k in (0x0d, 0x0a):
            if typed.strip() in (b"c", b"cont", b"continue"):
                os.write(master, keys[:i + 1])
                return keys[i + 1:], b"", True
            typed = b""
        else:
            typed += bytes([k])
    os.write(master, keys)
    return b"", typed, False


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    rc, port, symbols, errlog = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    startup = os.path.join(os.path.dirname(errlog), "bochs-startup.rc")
    with open(startup, "w") as f:
        f.write(f'ldsym global "{symbols}"\n')
    master, slave = pty.openpty()
    with open(errlog, "w") as err:
        bochs = subprocess.Popen(["bochs", "-q", "-f", rc, "-rc", startup], stdin=slave,
                                 stdout=slave, stderr=err, start_new_session=True)
    os.close(slave)
    console = None
    mode = "debugger"
    interactive = os.isatty(0)
    saved = termios.tcgetattr(0) if interactive else None
    if interactive:
        tty.setraw(0)
    out = sys.stdout.buffer
    tail = b""
    typed = b""                         # the debugger command being typed
    try:
        while bochs.poll() is None:
            if console is None:         # Bochs listens once the machine is built
                try:
                    console = socket.create_connection(("127.0.0.1", port), timeout=0.2)
                except OSError:
                    console = None
            fds = [0, master] + ([console] if console else [])
            ready, _, _ = select.select(fds, [], [], 0.2)
            if master in ready:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    break
                out.write(data)
                out.flush()
                tail = (tail + data)[-64:]
                if PROMPT.search(tail):
                    mode = "debugger"
            if console and console in ready:
                data = console.recv(4096)
                if not data:
                    console.close()
                    console = None
                else:
                    out.write(data)             # the kernel writes \r\n itself
                    out.flush()
            if 0 in ready:
                keys = os.read(0, 1024)
                if not keys:
                    if not interactive:
                        time.sleep(0.1)
                    continue
                if mode == "debugger":
                    keys, typed, resumed = debugger_keys(master, keys, typed)
                    if resumed:
                        mode = "console"
                        tail = b""
                if mode == "debugger" or not keys:
                    pass
                elif ESCAPE in keys:
                    os.killpg(bochs.pid, signal.SIGINT)     # Bochs stops in its debugger
                elif console:
                    console.sendall(keys)
    finally:
        if interactive:
            termios.tcsetattr(0, termios.TCSADRAIN, saved)
        if bochs.poll() is None:
            bochs.terminate()
    code = bochs.wait()
    print()
    return 0 if code in (0, 1) else code


if __name__ == "__main__":
    sys.exit(main())
