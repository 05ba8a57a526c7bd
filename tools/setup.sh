#!/bin/sh
# Installs the Debian packages vados builds and tests with. Idempotent: it checks
# first and returns at once when everything is present.
set -eu

# fdisk (sfdisk), util-linux (mkswap), dosfstools (mkfs.fat, fsck.fat) and
# mtools (mcopy, mmd; grub-mkrescue needs it too): tools/mkdisk.sh and the
# FAT32 driver's host tests. bochs, its BIOS images and its terminal display:
# tools/bochs.py, the second machine.
PACKAGES="make gcc nasm grub-pc-bin grub-common xorriso mtools qemu-system-x86 \
binutils-i686-linux-gnu gcc-i686-linux-gnu g++-i686-linux-gnu gdb python3 fdisk util-linux \
dosfstools bochs bochsbios vgabios bochs-term"

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "setup: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q || echo "setup: apt-get update failed; trying the cached lists" >&2
$SUDO apt-get install -y -q --no-install-recommends $missing
