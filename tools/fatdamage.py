#!/usr/bin/env python3
"""Damages a FAT32 volume of a tools/mkdisk.sh disk (the partition at 1 MiB)
on purpose, for the corrupt-volume tests (a scenario's `damage =` key):

  fatdamage.py IMG loop 'C:\\DIR\\FILE'     the file's last FAT entry points
                                            back to its first cluster
  fatdamage.py IMG past-end 'C:\\DIR\\FILE' its entry's first cluster lies past
                                            the volume's last
  fatdamage.py IMG free 'C:\\DIR\\FILE'     a free cluster in its chain
  fatdamage.py IMG lfn 'C:\\DIR\\FILE'      its long-name entries' checksum broken
  fatdamage.py IMG boot OFFSET=BYTE         a boot-sector byte (decimal offset)

Paths name every component by its 8.3 short name (as mtools shows it,
e.g. BADLFN~1.TXT); both FAT copies are changed."""
import struct
import sys

PART = 1 << 20          # tools/mkdisk.sh's FAT partition starts at sector 2048


class Volume:
    def __init__(self, f):
        self.f = f
        bs = self.read(0, 512)
        self.sector, self.per_cluster, reserved, self.fats = struct.unpack_from("<HBHB", bs, 11)
        self.total, self.fat_sectors, _, _, self.root = struct.unpack_from("<IIHHI", bs, 32)
        self.fat = reserved * self.sector
        self.data = self.fat + self.fats * self.fat_sectors * self.sector
        self.cluster_bytes = self.per_cluster * self.sector
        self.clusters = (self.total * self.sector - self.data) // self.cluster_bytes

    def read(self, at, n):
        self.f.seek(PART + at)
        return self.f.read(n)

    def write(self, at, data):
        self.f.seek(PART + at)
        self.f.write(data)

    def entry(self, c):
        return struct.unpack("<I", self.read(self.fat + 4 * c, 4))[0] & 0x0FFFFFFF

    def set_entry(self, c, value):
        for k in range(self.fats):
            self.write(self.fat + k * self.fat_sectors * self.sector + 4 * c,
                       struct.pack("<I", value))

    def chain(self, c):
        out = []
        while 2 <= c < self.clusters + 2 and len(out) <= self.clusters:
            out.append(c)
            c = self.entry(c)
        return out

    def cluster_at(self, c):
        return self.data + (c - 2) * self.cluster_bytes

    def find(self, path):
        """(byte offset of path's short entry, its first cluster)."""
        cluster, at = self.root, None
        for name in path[3:].split("\\"):
            base, _, ext = name.upper().partition(".")
            want = (base.ljust(8) + ext.ljust(3)).encode("ascii")
            at = next((self.cluster_at(c) + i for c in self.chain(cluster)
                       for i in range(0, self.cluster_bytes, 32)
                       if self.read(self.cluster_at(c) + i, 11) == want), None)
            if at is None:
                raise SystemExit("fatdamage: no %s in %s" % (name, path))
            hi, lo = struct.unpack("<H4xH", self.read(at + 20, 8))
            cluster = hi << 16 | lo
        return at, cluster


def first_sector(image, path):
    """The disk sector (from the disk's start) holding path's first byte."""
    with open(image, "rb") as f:
        v = Volume(f)
        return (PART + v.cluster_at(v.find(path)[1])) // 512


def damage(image, action, arg):
    """Applies action (see the module's text) with arg to image's volume."""
    with open(image, "r+b") as f:
        v = Volume(f)
        if action == "boot":
            offset, _, value = arg.partition("=")
            v.write(int(offset), bytes([int(value, 0)]))
            return
        at, first = v.find(arg)
        chain = v.chain(first)
        if action == "loop":
            v.set_entry(chain[-1], first)
        elif action == "free":
            v.set_entry(chain[len(chain) // 2], 0)
        elif action == "past-end":
            v.write(at + 20, struct.pack("<H", 0x0FFF))
        elif action == "lfn":
            if v.read(at - 32 + 11, 1) != b"\x0f":
                raise SystemExit("fatdamage: %s has no long name" % arg)
            v.write(at - 32 + 13, bytes([v.read(at - 32 + 13, 1)[0] ^ 0x55]))
        else:
            raise SystemExit("fatdamage: no action %s" % action)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    damage(*sys.argv[1:])
