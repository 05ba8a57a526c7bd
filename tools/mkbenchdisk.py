#!/usr/bin/env python3
"""Makes the FAT32 test disk of make bench's second boot, as the Linux peer's
build.sh makes its own (../shared/peer/linux686): a 512 MiB raw image, an MBR
with one FAT32 LBA partition (type 0x0c) from sector 2048 to the end,
mkfs.fat -F 32 -s 8 (4 KB clusters), holding COLD1.BIN and COLD2.BIN of 16 MB
each, whose little-endian 32-bit word i is H(seed, i) (seeds 1 and 2; H as in
the peer's vmbench.c and user/programs/vmbench/more.c). No root: the layout is
tools/mkdisk.sh's (sfdisk, mkfs.fat --offset, mcopy).

  tools/mkbenchdisk.py OUT.img
"""
import array
import os
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAT_MB = 511                    # + the MiB before sector 2048: a 512 MiB disk
COLD_WORDS = (16 << 20) // 4
M32 = 0xFFFFFFFF


def cold_words(seed, words=COLD_WORDS):
    """Words 0..words-1 of the test file of seed: H(seed, i), little-endian."""
    s = (seed * 0x85EBCA77 + 1) & M32
    out = array.array("I", bytes(4 * words))
    for i in range(words):
        h = (i * 0x9E3779B1 + s) & M32
        h ^= h >> 16
        h = (h * 0x85EBCA6B) & M32
        h ^= h >> 13
        h = (h * 0xC2B2AE35) & M32
        out[i] = h ^ (h >> 16)
    if sys.byteorder != "little":
        out.byteswap()
    return out


def make(out):
    """Writes the disk to out; raises CalledProcessError when mkdisk.sh fails."""
    with tempfile.TemporaryDirectory(prefix="vados-benchdisk.") as tmp:
        files = []
        for seed in (1, 2):
            path = os.path.join(tmp, "COLD%d.BIN" % seed)
            with open(path, "wb") as f:
                cold_words(seed).tofile(f)
            files += ["--file", path]
        subprocess.run([os.path.join(TOP, "tools", "mkdisk.sh"), "--fat", str(FAT_MB),
                        "--swap", "0", "--cluster", "4096", *files, out],
                       check=True, stdout=subprocess.DEVNULL)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tools/mkbenchdisk.py OUT.img")
    try:
        make(sys.argv[1])
    except subprocess.CalledProcessError as e:
        sys.exit("mkbenchdisk: tools/mkdisk.sh failed with status %d" % e.returncode)
    print("mkbenchdisk: %s: 512 MiB, FAT32 from sector 2048, COLD1.BIN and COLD2.BIN"
          % sys.argv[1])


if __name__ == "__main__":
    main()
