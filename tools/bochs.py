#!/usr/bin/env python3
"""Boots vados in Bochs, the second and stricter machine (Debian's bochs 2.7).

  bochs.py boot --cmdline '...' [--module FILE[=NAME]]... [--cpu MODEL] [--mem MB]
                [--disk IMG] [--ide N=IMG]... [--timeout S] [--log FILE]
                headless one-shot, as `qemu.py boot`: exits 0 on pass, 1 fail,
                2 panic, 3 timeout, 4 reset (triple fault), 5 other

--cpu takes a QEMU model name (max, pentium, pentium3: see CPU_MODELS) or a
Bochs one (pentium, p4_willamette, ...: `bochs --help cpu`). --disk attaches
a raw image as the primary master ATA disk; --ide 1=IMG as the primary slave,
--ide 3=IMG as the secondary slave (the secondary master is the boot CD).

How it runs headless: Debian's bochs starts in its built-in debugger, so it
gets a command file (-rc) that continues the simulation and then quits; its
only display is `term`, which draws the VGA screen on a pseudo-terminal this
script drains and ignores. The serial port is a second pseudo-terminal,
copied to the log (and typed into, for input lines). Bochs has no
isa-debug-exit: the kernel prints "vados: exit pass|fail|panic" and powers
off through the Bochs BIOS shutdown port 0x8900 (arch/cpu.c), so the verdict
is read from the serial log. tools/run-tests.py uses boot_headless().
"""
import argparse
import os
import pty
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402

TOP = qemu.TOP
RESULT_CODES = qemu.RESULT_CODES
SHARE = "/usr/share/bochs"
# Instructions per emulated second. Bochs derives every clock (PIT, TSC, the
# disk's delays) from the instruction count, so this only sets how many
# instructions a busy wait of the guest costs; idle (hlt) time is skipped.
IPS = 10000000
# How much longer than under QEMU a scenario may take (its timeout is scaled).
TIME_SCALE = 4

# QEMU -cpu names the scenarios use, and the Bochs model standing in for each.
# None: Bochs has no such CPU (its oldest model is the Pentium).
CPU_MODELS = {"max": "corei7_skylake_x", "pentium": "pentium", "pentium3": "p3_katmai",
              "486": None}
VERDICT = re.compile(r"^vados: exit (pass|fail|panic)\r?$", re.M)
# What Bochs logs when a third exception ends the machine (with
# reset_on_triple_fault=0 it stops instead of resetting).
TRIPLE_FAULT = re.compile(r"3rd \(\d+\) exception with no resolution|triple fault")


def bochs_cpu(cpu):
    """The Bochs model for cpu (a QEMU name or a Bochs one), or None."""
    return CPU_MODELS.get(cpu, cpu)


# Bochs's name for each IDE position (QEMU's -drive index); the CD is index 2.
ATA_POSITIONS = {0: "ata0-master", 1: "ata0-slave", 3: "ata1-slave"}


def bochsrc(iso, serial_dev, log, mem=128, cpu="max", disk=None, other_disks=()):
    """The configuration file's text: a PCI (i440FX) PC with the ISO as the
    secondary master CD-ROM, disk (if any) as the primary master and
    other_disks ((index, image) pairs) at positions 1 and 3, COM1 on
    serial_dev (a terminal) and Bochs's own log in log."""
    lines = [
        # Bochs allocates at most 2048 MB of host memory; above that it
        # keeps the guest's less used blocks in a file.
        "memory: guest=%s, host=%s" % (mem, min(int(mem), 2048)),
        "cpu: model=%s, ips=%d, reset_on_triple_fault=0" % (bochs_cpu(cpu), IPS),
        "romimage: file=%s/BIOS-bochs-latest" % SHARE,
        "vgaromimage: file=%s/VGABIOS-lgpl-latest" % SHARE,
        "pci: enabled=1, chipset=i440fx",
        "ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14",
        "ata1: enabled=1, ioaddr1=0x170, ioaddr2=0x370, irq=15",
        "ata1-master: type=cdrom, path=%s, status=inserted" % iso,
        "boot: cdrom",
        "com1: enabled=1, mode=term, dev=%s" % serial_dev,
        "display_library: term",
        "speaker: enabled=0",
        "log: %s" % log,
        "panic: action=fatal",
        "error: action=report",
        "info: action=report",
        "debug: action=ignore",
    ]
    for index, image in ([(0, disk)] if disk else []) + list(other_disks):
        if int(index) not in ATA_POSITIONS:
            raise ValueError("Bochs's IDE position %s is the boot CD" % index)
        lines.append("%s: type=disk, path=%s, mode=flat" % (ATA_POSITIONS[int(index)],
                                                          os.path.abspath(image)))
    return "\n".join(lines) + "\n"


def open_pty():
    """A raw pseudo-terminal pair: (master fd, slave fd, slave path)."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    return master, slave, os.ttyname(slave)


class Console:
    """The serial line: copies what arrives to the log, types input lines at
    the shell's prompts (as qemu.type_at_prompts does), and echoes to
    stream (a binary file) when given."""

    def __init__(self, fd, log, lines=(), stream=None):
        self.fd, self.out, self.lines, self.stream = fd, open(log, "wb"), list(lines), stream
        self.seen, self.sent = b"", 0

    def take(self, chunk):
        """Logs (and echoes) chunk; types the next line once the shell has
        printed one more prompt than lines typed so far."""
        self.out.write(chunk)
        self.out.flush()
        if self.stream:
            self.stream.write(chunk)
            self.stream.flush()
        if self.sent == len(self.lines):
            return
        self.seen += chunk
        if self.seen.count(qemu.PROMPT) > self.sent:
            os.write(self.fd, self.lines[self.sent].encode() + b"\n")
            self.sent += 1

    def close(self):
        """Closes the log."""
        self.out.close()


def read_some(fd, wait=None):
    """What fd has (b"" at its end: a pty whose other side closed); with
    wait (seconds), b"" as well when nothing came in that time."""
    if wait is not None and not select.select([fd], [], [], wait)[0]:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""


def pump(proc, console, screen, deadline):
    """Copies the serial line until Bochs ends or the deadline passes,
    draining the display's terminal; returns whether Bochs ended and the
    end of what Bochs wrote on that terminal (its messages)."""
    fds, said = [console.fd, screen], b""
    while proc.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select(fds, [], [], 0.2)
        for fd in ready:
            chunk = read_some(fd)
            if fd == console.fd and chunk:
                console.take(chunk)
            elif chunk:
                said = (said + chunk)[-8192:]
    chunk = read_some(console.fd, 0)
    while chunk:                     # what the guest sent just before the end
        console.take(chunk)
        chunk = read_some(console.fd, 0)
    return proc.poll() is not None, said + read_some(screen, 0)


def stop(proc):
    """Kills Bochs (its own process group) and reaps it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def verdict(log, bochs_log):
    """The run's result from the serial log's verdict line; without one,
    "reset" when Bochs stopped on a triple fault, else "error"."""
    with open(log, errors="replace") as f:
        found = VERDICT.findall(f.read())
    if found:
        return found[-1]
    if os.path.exists(bochs_log):
        with open(bochs_log, errors="replace") as f:
            if TRIPLE_FAULT.search(f.read()):
                return "reset"
    return "error"


def note_error(log, bochs_log, said):
    """Appends why Bochs stopped to the serial log: the end of its own log,
    or (when it stopped before opening it) of what it said on its terminal."""
    text = said.decode(errors="replace").replace("\r", "")
    if os.path.exists(bochs_log) and os.path.getsize(bochs_log):
        with open(bochs_log, errors="replace") as f:
            text = f.read()
    tail = [l for l in text.splitlines() if l.strip()][-15:]
    with open(log, "a") as f:
        f.write("\n[bochs ended without a verdict line; it said:]\n")
        f.write("\n".join(tail) + "\n")


def run_bochs(tmp, iso, log, mem, cpu, timeout, disk, input_lines=(), stream=None,
              other_disks=()):
    """Boots iso under Bochs in tmp (its config, command file and log) with
    the disks of bochsrc; returns (result, seconds)."""
    serial, serial_slave, serial_path = open_pty()
    screen, screen_slave, _ = open_pty()
    bochs_log = os.path.join(tmp, "bochs.log")
    with open(os.path.join(tmp, "bochsrc"), "w") as f:
        f.write(bochsrc(iso, serial_path, bochs_log, mem, cpu, disk, other_disks))
    with open(os.path.join(tmp, "commands"), "w") as f:
        f.write("c\nquit\n")     # the debugger: continue; when it stops, quit
    console = Console(serial, log, input_lines, stream)
    start = time.monotonic()
    proc = subprocess.Popen(["bochs", "-q", "-f", "bochsrc", "-rc", "commands"], cwd=tmp,
                            stdin=screen_slave, stdout=screen_slave, stderr=screen_slave,
                            env=dict(os.environ, TERM="vt100"), start_new_session=True)
    os.close(screen_slave)
    try:
        ended, said = pump(proc, console, screen, start + timeout)
    finally:
        stop(proc)
        console.close()
        for fd in (serial, serial_slave, screen):
            os.close(fd)
    elapsed = time.monotonic() - start
    if not ended:
        return "timeout", elapsed
    result = verdict(log, bochs_log)
    if result == "error":
        note_error(log, bochs_log, said)
    return result, elapsed


def boot_headless(cmdline, log, modules=(), mem=128, cpu="max", timeout=60,
                  extra=(), input_lines=(), disk=None, blkdebug=None, other_disks=(),
                  programs=None):
    """qemu.boot_headless's counterpart: one headless boot under Bochs, serial
    to log, input_lines typed at the shell's prompts, disk as the primary
    master and other_disks as in bochsrc. Returns (result, seconds), result
    being one of RESULT_CODES."""
    if extra or blkdebug:
        raise ValueError("Bochs takes neither QEMU arguments nor blkdebug")
    if bochs_cpu(cpu) is None:
        raise ValueError("Bochs has no %s model" % cpu)
    if any(int(i) not in ATA_POSITIONS for i, _ in other_disks):
        raise ValueError("Bochs's boot CD is the secondary master (IDE position 2)")
    with tempfile.TemporaryDirectory(prefix="vados-bochs.") as tmp:
        iso = os.path.join(tmp, "vados.iso")
        qemu.make_iso(iso, cmdline, modules, programs=programs)
        with qemu.BOOT_SLOT:
            return run_bochs(tmp, iso, log, mem, cpu, timeout, disk, input_lines,
                             other_disks=other_disks)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["boot"])
    ap.add_argument("--mem", default="128")
    ap.add_argument("--cpu", default="max")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--module", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=180)
    ap.add_argument("--log", default=None)
    ap.add_argument("--disk", default=None, help="raw disk image: the primary master")
    ap.add_argument("--ide", action="append", default=[], metavar="N=IMG",
                    help="raw disk image at IDE position N (1 or 3)")
    a = ap.parse_args()
    others = [tuple(x.split("=", 1)) for x in a.ide]
    if any(len(x) != 2 or x[0] not in ("1", "3") for x in others):
        sys.exit("bochs.py: --ide takes N=IMG with N 1 or 3 (2 is the boot CD)")
    for path in [a.disk] + [img for _, img in others]:
        if path and not os.path.isfile(path):
            sys.exit("bochs.py: no such file: %s" % path)
    if bochs_cpu(a.cpu) is None:
        sys.exit("bochs.py: Bochs has no %s model" % a.cpu)
    qemu.boot_and_exit("bochs", a.log, lambda log: boot_headless(
        a.cmdline, log, a.module, a.mem, a.cpu, a.timeout, disk=a.disk, other_disks=others))


if __name__ == "__main__":
    main()
