#!/usr/bin/env python3
"""Boots vados in QEMU (TCG only: KVM hangs on these machines).

  qemu.py run   --iso ISO            interactive: serial console on this terminal
  qemu.py debug --iso ISO --gdb-port N --kernel ELF
                                     halted at reset with the gdb stub listening
  qemu.py boot  --cmdline '...' [--module FILE[=NAME]]... [--timeout S] [--log FILE]
                                     headless one-shot: builds an ISO, boots it,
                                     exits 0 on pass, 1 fail, 2 panic, 3 timeout,
                                     4 reset (triple fault), 5 other

Every mode takes --disk IMG (a raw image, e.g. from tools/mkdisk.sh, as the
primary master IDE disk), --blkdebug CONF (QEMU's blkdebug error injection
on that disk: an .ini file of [inject-error] rules, see QEMU's
docs/devel/blkdebug.txt) and --ide N=IMG (N 1..3: a disk at another of the four
IDE positions, as QEMU's -drive index=N: 1 the primary slave, 2 the secondary
master, 3 the secondary slave; repeatable). The CD-ROM the ISO boots from is
the secondary master, or, when a disk takes that position, an AHCI drive
(which vados's IDE driver does not see).

The test runner (tools/run-tests.py) uses boot_headless() from here.
"""
import argparse
import contextlib
import glob
import os
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = os.path.join(TOP, "build", "kernel.elf")

# Held while an emulator runs (not while its ISO and disks are made, which
# is mostly waiting on grub-mkrescue, mkfs and mtools): the test runner puts
# a semaphore of --jobs here and prepares more machines than it boots at once.
BOOT_SLOT = contextlib.nullcontext()

# isa-debug-exit: the kernel writes a code, QEMU exits with (code << 1) | 1.
EXIT_STATUS = {33: "pass", 35: "fail", 37: "panic", 0: "reset"}
RESULT_CODES = {"pass": 0, "fail": 1, "panic": 2, "timeout": 3, "reset": 4, "error": 5}


CD_INDEX = 2    # -cdrom's place: the secondary master


def esc(path):
    """path for a QEMU option value (commas doubled)."""
    return os.path.abspath(path).replace(",", ",,")


def drive_args(disk=None, blkdebug=None, other_disks=()):
    """QEMU arguments attaching the raw image disk as the primary master IDE
    disk and other_disks ((index, image) pairs, index 1..3) at the other
    positions; with blkdebug (a config file), disk goes through QEMU's
    blkdebug driver, which sits between the raw format and the file and fails
    the requests its rules match."""
    if blkdebug and not disk:
        raise ValueError("blkdebug needs a disk image")
    if blkdebug:
        spec = "file.driver=blkdebug,file.config=%s,file.image.filename=%s" % (
            esc(blkdebug), esc(disk))
    else:
        spec = "file=%s" % esc(disk) if disk else None
    drives = [(0, spec)] if spec else []
    for index, image in other_disks:
        if not 1 <= int(index) <= 3:
            raise ValueError("IDE positions other than the primary master are 1..3, not %s"
                             % index)
        drives.append((int(index), "file=%s" % esc(image)))
    args = []
    for index, spec in drives:
        args += ["-drive", "%s,format=raw,if=ide,index=%d,media=disk" % (spec, index)]
    return args


def cdrom_args(iso, other_disks=()):
    """The boot CD: -cdrom (the secondary master) unless a disk takes that
    position; then an AHCI CD drive, which SeaBIOS boots from just as well."""
    if CD_INDEX not in [int(i) for i, _ in other_disks]:
        return ["-cdrom", iso, "-boot", "d"]
    return ["-device", "ahci,id=ahci", "-drive",
            "if=none,id=cd,file=%s,format=raw,media=cdrom,readonly=on" % esc(iso),
            "-device", "ide-cd,bus=ahci.0,drive=cd,bootindex=0"]


def qemu_args(iso, mem=128, cpu="max", extra=(), disk=None, blkdebug=None, other_disks=()):
    """The QEMU command line shared by every way of booting vados."""
    return ["qemu-system-i386", "-accel", "tcg", "-cpu", cpu, "-m", str(mem),
            *cdrom_args(iso, other_disks), "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            *drive_args(disk, blkdebug, other_disks), *extra]


def user_programs():
    """The built ring-3 programs, as mkiso module arguments named without .exe."""
    progs = sorted(glob.glob(os.path.join(TOP, "build", "user", "*.exe")))
    return ["%s=%s" % (p, os.path.basename(p)[:-len(".exe")]) for p in progs]


# Programs too big to ride along in every boot (boot modules take RAM: a
# 16 MB machine has room for the others only): carried when programs names them.
NAMED_ONLY = {"image-share",    # 1 MB of code (tests/user/image-share.c)
              "conform-heap", "conform-system"}    # one boot each: no room in 16 MB ones


def make_iso(out, cmdline="", modules=(), kernel=KERNEL, programs=None):
    """Builds a bootable ISO with tools/mkiso.sh: the kernel, the built user
    programs (every one but NAMED_ONLY, or those named in programs), and the
    extra modules given."""
    cmd = [os.path.join(TOP, "tools", "mkiso.sh"), "-o", out, "-k", kernel, "-c", cmdline]
    extra = {m.rpartition("=")[2] for m in modules}   # these replace same-named programs
    progs = [p for p in user_programs() if p.rpartition("=")[2] not in extra and
             (p.rpartition("=")[2] in programs if programs is not None
              else p.rpartition("=")[2] not in NAMED_ONLY)]
    if programs is not None and len(progs) != len(set(programs) - extra):
        raise ValueError("no such program among %s" % " ".join(programs))
    for m in list(modules) + progs:     # the ones asked for first: past 128 the list is cut
        cmd += ["-m", m]
    subprocess.run(cmd, check=True)


PROMPT = b"vados> "


def type_at_prompts(proc, log, lines, deadline):
    """Copies the console to log and types each line once the shell has
    printed one more prompt than lines typed so far, as a person would."""
    os.set_blocking(proc.stdout.fileno(), False)
    seen, sent = b"", 0
    with open(log, "wb") as out:
        while proc.poll() is None and time.monotonic() < deadline:
            chunk = proc.stdout.read() or b""
            out.write(chunk)
            out.flush()
            seen += chunk
            if sent < len(lines) and seen.count(PROMPT) > sent:
                proc.stdin.write(lines[sent].encode() + b"\n")
                proc.stdin.flush()
                sent += 1
            if not chunk:
                time.sleep(0.02)
        out.write(proc.stdout.read() or b"")


def boot_headless(cmdline, log, modules=(), mem=128, cpu="max", timeout=60,
                  extra=(), input_lines=(), disk=None, blkdebug=None, other_disks=(),
                  programs=None):
    """Boots once without a display, serial to log (and, with input_lines,
    typed into the shell at its prompts), with the disk images disk and
    other_disks attached (see drive_args) and the programs make_iso carries.
    Returns (result, seconds), result being one of RESULT_CODES."""
    with tempfile.TemporaryDirectory(prefix="vados-boot.") as tmp:
        iso = os.path.join(tmp, "vados.iso")
        make_iso(iso, cmdline, modules, programs=programs)
        serial = ["-serial", "stdio"] if input_lines else ["-serial", "file:" + log]
        args = qemu_args(iso, mem, cpu, ["-display", "none", *serial, "-monitor", "none",
                                         *extra], disk, blkdebug, other_disks)
        with BOOT_SLOT:
            return run_qemu(args, log, timeout, input_lines)


def run_qemu(args, log, timeout, input_lines):
    """boot_headless's emulator run: QEMU with args until it exits or timeout
    seconds pass; (result, seconds)."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    if input_lines:
        type_at_prompts(proc, log, list(input_lines), start + timeout)
    try:
        out, _ = proc.communicate(timeout=max(0.1, start + timeout - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return "timeout", time.monotonic() - start
    elapsed = time.monotonic() - start
    result = EXIT_STATUS.get(proc.returncode, "error")
    if result == "error":
        with open(log, "ab") as f:
            f.write(b"\n[qemu exited with status %d]\n" % proc.returncode + (out or b""))
    return result, elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["run", "debug", "boot"])
    ap.add_argument("--iso", default=os.path.join(TOP, "build", "vados.iso"))
    ap.add_argument("--mem", default="128")
    ap.add_argument("--cpu", default="max")
    ap.add_argument("--gdb-port", type=int, default=1234)
    ap.add_argument("--kernel", default=KERNEL)
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--module", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--log", default=None)
    ap.add_argument("--disk", default=None, help="raw disk image: the primary master")
    ap.add_argument("--blkdebug", default=None, help="blkdebug config for --disk")
    ap.add_argument("--ide", action="append", default=[], metavar="N=IMG",
                    help="raw disk image at IDE position N (1..3)")
    a = ap.parse_args()
    others = [tuple(x.split("=", 1)) for x in a.ide]
    if any(len(x) != 2 or x[0] not in ("1", "2", "3") for x in others):
        sys.exit("qemu.py: --ide takes N=IMG with N 1, 2 or 3")
    for path in [a.disk, a.blkdebug] + [img for _, img in others]:
        if path and not os.path.isfile(path):
            sys.exit("qemu.py: no such file: %s" % path)
    if a.blkdebug and not a.disk:
        sys.exit("qemu.py: --blkdebug needs --disk")

    if a.mode == "run":
        print("vados: serial console below. Quit QEMU with Ctrl-A X "
              "(Ctrl-A C: QEMU monitor).", flush=True)
        args = qemu_args(a.iso, a.mem, a.cpu, ["-display", "none", "-serial", "mon:stdio"],
                         a.disk, a.blkdebug, others)
        os.execvp(args[0], args)
    if a.mode == "debug":
        print("vados: QEMU halted at reset, gdb stub on localhost:%d. In another "
              "terminal:\n  make gdb GDBPORT=%d\nor:\n  gdb -x tools/gdbinit %s "
              "-ex 'target remote localhost:%d'\nQuit QEMU with Ctrl-A X."
              % (a.gdb_port, a.gdb_port, a.kernel, a.gdb_port), flush=True)
        args = qemu_args(a.iso, a.mem, a.cpu, ["-display", "none", "-serial", "mon:stdio",
                                                "-S", "-gdb", "tcp:localhost:%d" % a.gdb_port],
                         a.disk, a.blkdebug, others)
        os.execvp(args[0], args)

    boot_and_exit("qemu", a.log, lambda log: boot_headless(
        a.cmdline, log, a.module, a.mem, a.cpu, a.timeout, disk=a.disk, blkdebug=a.blkdebug,
        other_disks=others))


def boot_and_exit(machine, keep_log, boot):
    """The `boot` mode's end, shared with tools/bochs.py: boot(log) boots once
    with the serial log in log (keep_log, else a temporary file printed on
    stdout) and returns (result, seconds); exits with the result's code."""
    log = keep_log or os.path.join(tempfile.gettempdir(), "vados-boot-%d.log" % os.getpid())
    result, secs = boot(log)
    if not keep_log:
        with open(log, errors="replace") as f:
            sys.stdout.write(f.read())
        os.unlink(log)
    print("%s: %s after %.1fs" % (machine, result, secs), file=sys.stderr)
    sys.exit(RESULT_CODES[result])


if __name__ == "__main__":
    main()
