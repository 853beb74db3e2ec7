#!/bin/sh
# tools/ensure-deps.sh - make sure the tools the build and the emulators need
# are installed; install what is missing on Debian/Ubuntu.
#
# Usage: tools/ensure-deps.sh [--check]
#   --check   only report what is missing (exit 1 if anything is)
#
# Needs root or sudo to install.  Elsewhere it names the packages and fails.
set -u

# command-or-file  debian-package
REQUIREMENTS="
nasm                                         nasm
qemu-system-x86_64                           qemu-system-x86
grub-mkrescue                                grub-common
/usr/lib/grub/i386-pc/multiboot2.mod         grub-pc-bin
xorriso                                      xorriso
mformat                                      mtools
bochs                                        bochs
/usr/lib/x86_64-linux-gnu/bochs/plugins/libbx_term_gui.so  bochs-term
/usr/share/bochs/BIOS-bochs-latest           bochsbios
/usr/share/vgabios/vgabios.bin               vgabios
python3                                      python3
gdb                                          gdb
mkfs.ext2                                    e2fsprogs
tmux                                         tmux
musl-gcc                                     musl-tools
"

have() {
    case "$1" in
        /*) [ -e "$1" ] ;;
        *) command -v "$1" >/dev/null 2>&1 || [ -x "/sbin/$1" ] || [ -x "/usr/sbin/$1" ] ;;
    esac
}

missing=$(echo "$REQUIREMENTS" | while read -r what pkg; do
    [ -n "$what" ] || continue
    have "$what" || echo "$pkg"
done | sort -u | tr '\n' ' ')

[ -z "$missing" ] && exit 0

if [ "${1:-}" = "--check" ]; then
    echo "missing packages: $missing"
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "usmm: these tools are missing and this system has no apt-get:" >&2
    echo "usmm:   $missing" >&2
    echo "usmm: install the equivalent packages with your package manager." >&2
    exit 1
fi

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "usmm: missing packages: $missing" >&2
    echo "usmm: run as root (or install sudo): apt-get install $missing" >&2
    exit 1
fi

echo "usmm: installing missing packages: $missing"
export DEBIAN_FRONTEND=noninteractive
# update the package lists once per machine (they may be absent on a fresh one)
if [ ! -e /var/lib/apt/lists/lock ] || [ -z "$(ls /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
    $SUDO apt-get update -qq || exit 1
fi
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
    echo "usmm: apt-get install failed; retrying after apt-get update" >&2
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
        echo "usmm: could not install: $missing" >&2
        exit 1
    }
fi
echo "usmm: installed $missing"
