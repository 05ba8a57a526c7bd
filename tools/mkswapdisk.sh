#!/bin/sh
# Makes a raw disk image for vados holding only swap: an MBR with one
# partition of type 0x82 (Linux swap) from sector 2048 to the end, formatted
# by mkswap. The swap-only case of tools/mkdisk.sh, which does the work.
#
#   tools/mkswapdisk.sh SIZE_MB OUT.img
#
# SIZE_MB is the whole disk (2 .. 2097152, the MBR's 2 TiB); the image is
# sparse. Running it again replaces OUT.img with a fresh disk.
set -eu

die() { echo "mkswapdisk: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: tools/mkswapdisk.sh SIZE_MB OUT.img"
case $1 in
	''|*[!0-9]*) die "SIZE_MB must be a whole number of megabytes, not '$1'" ;;
esac
[ "$1" -ge 2 ] && [ "$1" -le 2097152 ] ||
	die "SIZE_MB must be 2 .. 2097152 (the partition starts at 1 MiB), not $1"
exec "$(dirname "$0")/mkdisk.sh" --fat 0 --swap $(($1 - 1)) "$2"
