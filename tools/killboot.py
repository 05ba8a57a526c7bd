"""Power cuts for the test runner (tools/run-tests.py): a scenario with
`kill = MIN-MAX` boots `boots = N` times (default 1), each time on a fresh
copy of its disks, and kills QEMU (SIGKILL: the machine loses power; what
QEMU wrote to the image stays, what the guest had not yet written is lost)
at a random moment MIN..MAX seconds after its serial log printed a line
matching `ready = REGEX`. The N moments are spread over the range (boot k
draws from the k-th of N equal slices), and each is logged.

After each kill, every FAT volume must be one fsck.fat -n finds at worst
with lost clusters, a wrong free count, a chain longer than its file, or the
second FAT behind the first (what vados's write ordering allows; README "The
FAT32 driver"), and every file the boot's log declared flushed, with a line
"... intact C:\\PATH N bytes, crc32 HEX", must read back through mtools with
that size and CRC-32."""
import os
import random
import re
import shutil
import subprocess
import time
import zlib

import qemu
import scenarios as scenario_file

INTACT = re.compile(r"\bintact (C:\\.*) (\d+) bytes, crc32 ([0-9a-f]{8})$")

# What fsck.fat -n may say about a volume cut at any moment: its banner, the
# summary, lost clusters, the free count, the FAT copies one write apart,
# and the path lines that head a "chain longer than the file" report.
ALLOWED = re.compile(r"^\s*(fsck\.fat \d|Reclaimed |Free cluster summary wrong|Auto-correcting"
                     r"|Truncating file to|Leaving filesystem unchanged|.* files, "
                     r"|FATs differ but appear to be intact|Using first FAT|/|\s*$)")
LONGER = re.compile(r"File size is (\d+) bytes, cluster chain length is (>?)\s*(\d+)")


def parse_range(value):
    """kill = MIN-MAX (seconds, fractions allowed): (MIN, MAX) or None."""
    m = re.match(r"^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$", value.strip())
    if not m or float(m.group(1)) > float(m.group(2)):
        return None
    return float(m.group(1)), float(m.group(2))


def fsck_problems(image):
    """The lines of fsck.fat -n's report on image's FAT volume that a power
    cut must not leave (a cross-linked file, a chain shorter than its file, a
    free cluster in a chain, a bad entry...); the report itself."""
    out = subprocess.run([os.path.join(qemu.TOP, "tools", "mkdisk.sh"), "--check", image],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    bad = []
    for line in out.splitlines():
        m = LONGER.search(line)
        if m:
            if not (m.group(2) or int(m.group(3)) > int(m.group(1))):
                bad.append(line.strip())
        elif not ALLOWED.match(line):
            bad.append(line.strip())
    return bad, out


def intact_problems(image, log_text, tmp):
    """Every file the log declared flushed, as mtools reads it from image's
    C: (one mcopy for all), against its declared size and CRC-32: the first
    difference, or None. Also returns how many files were checked."""
    files = [m.groups() for m in map(INTACT.search, log_text.splitlines()) if m]
    out = os.path.join(tmp, "intact")
    shutil.rmtree(out, ignore_errors=True)
    os.mkdir(out)
    if files:
        subprocess.run(["mcopy", "-n", "-o", "-i", image + "@@1M"] +
                       ["::/" + path[3:].replace("\\", "/") for path, _, _ in files] + [out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for path, size, crc in files:
        copy = os.path.join(out, path.rpartition("\\")[2])
        if not os.path.exists(copy):
            return "flushed %s is gone" % path, len(files)
        with open(copy, "rb") as f:
            data = f.read()
        if len(data) != int(size) or "%08x" % zlib.crc32(data) != crc:
            return "flushed %s: %d bytes, crc32 %08x; flushed as %s bytes, crc32 %s" % (
                path, len(data), zlib.crc32(data), size, crc), len(files)
    return None, len(files)


def boot_once(args, serial, ready, moment, limit):
    """Boots QEMU (args) with its serial in serial, kills it moment seconds
    after a line matches ready; (what happened, seconds after ready)."""
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    start, seen = time.monotonic(), None
    try:
        while proc.poll() is None and time.monotonic() < start + limit:
            now = time.monotonic()
            if seen is None and os.path.exists(serial):
                with open(serial, errors="replace") as f:
                    if any(re.search(ready, l) for l in f.read().splitlines()):
                        seen = now
            if seen is not None and now >= seen + moment:
                proc.kill()
                proc.wait()
                return "killed", now - seen
            time.sleep(0.01)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if seen is None:
        return "never printed /%s/" % ready, 0.0
    return "ended by itself before the kill", time.monotonic() - seen


def judge(sc, disks, log, tmp, what, after, text, bad):
    """One boot's verdict: None when it was killed and left its volume as a
    power cut may (bad: fsck's forbidden lines; every flushed file whole, log
    and nolog kept), else the problem. A dirty volume is kept beside log."""
    if what != "killed":
        return what
    if bad:
        kept = os.path.splitext(log)[0] + ".cut.img"
        subprocess.run(["cp", "--sparse=always", disks.disk, kept])
        return "killed %.2fs after ready: fsck.fat -n: %s (kept as %s)" % (
            after, " / ".join(bad[:3]), os.path.relpath(kept, qemu.TOP))
    intact, _ = intact_problems(disks.disk, text, tmp)
    if intact:
        return "killed %.2fs after ready: %s" % (after, intact)
    lines = text.splitlines()
    for pattern in sc["log"]:
        if not any(re.search(pattern, l) for l in lines):
            return "no log line matches /%s/" % pattern
    for pattern in sc["nolog"]:
        if any(re.search(pattern, l) for l in lines):
            return "a log line matches forbidden /%s/" % pattern
    return None


def run(sc, disks, log, tmp):
    """The kill scenario's boots; None when every one left its volume as a
    power cut may, else the first problem. Each boot's serial output, fsck
    report and flushed-file count are appended to log."""
    span, boots = parse_range(sc["kill"]), sc["boots"] or "1"
    if span is None or not boots.isdigit() or int(boots) < 1 or not sc["ready"]:
        return "kill = MIN-MAX needs ready = REGEX and boots = N (1 or more)"
    if not disks.disk or disks.blkdebug or disks.others:
        return "kill = works on one FAT disk (fat =), nothing else attached"
    boots = int(boots)
    pristine = disks.disk + ".pristine"
    shutil.copyfile(disks.disk, pristine)
    iso = os.path.join(tmp, "vados.iso")
    qemu.make_iso(iso, ("panic=exit " + sc["cmdline"]).strip(),
                  programs=scenario_file.programs(sc))
    serial = os.path.join(tmp, "serial.log")
    rng = random.Random()
    open(log, "w").close()
    for k in range(boots):
        shutil.copyfile(pristine, disks.disk)
        if os.path.exists(serial):
            os.unlink(serial)
        moment = span[0] + (k + rng.random()) / boots * (span[1] - span[0])
        args = qemu.qemu_args(iso, sc["mem"], sc["cpu"], ["-display", "none", "-serial",
                              "file:" + serial, "-monitor", "none"], disks.disk)
        with qemu.BOOT_SLOT:
            what, after = boot_once(args, serial, sc["ready"], moment, float(sc["timeout"]))
        text = open(serial, errors="replace").read() if os.path.exists(serial) else ""
        bad, report = fsck_problems(disks.disk)
        problem = judge(sc, disks, log, tmp, what, after, text, bad)
        flushed = sum(1 for l in text.splitlines() if INTACT.search(l))
        with open(log, "a") as f:
            f.write("[boot %d of %d: %s %.2fs after the ready line; %d flushed files]\n%s\n"
                    "[fsck.fat -n]\n%s\n" % (k + 1, boots, what, after, flushed, text, report))
        if problem:
            return "boot %d: %s" % (k + 1, problem)
    return None
