#!/usr/bin/env python3
"""The vados test suite: host unit tests, scenarios, tools/run-user and gdb tests.

Prints one line per test ("PASS name (time)", "FAIL name: why" or "SKIP name:
why") and ends with "N passed, N failed" (", N skipped" when any). Exit status
1 on any failure. Run through `make test` (which builds everything first);
`make test TESTS=regex` runs only the tests whose name matches.

The machines (--emulator, make's EMULATOR=):
  ci     (the default) everything under QEMU, and under Bochs the subset
         tests/bochs-subset.txt lists, named bochs/scenario/..., bochs/run-user/...
  qemu   everything under QEMU
  bochs  every scenario and tools/run-user test under Bochs; the ones that
         need QEMU (their emulators = key, a CPU Bochs lacks, the gdb stub)
         are skipped with the reason
"""
import argparse
import concurrent.futures
import glob
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bochs  # noqa: E402
import fatdamage  # noqa: E402
import killboot  # noqa: E402
import qemu  # noqa: E402
import scenarios as scenario_file  # noqa: E402

TOP = qemu.TOP
LOGS = os.path.join(TOP, "build", "test-logs")
DISKS = os.path.join(TOP, "build", "test-disks")     # each test's disks: a directory of its own
TAIL_LINES = 40
print_lock = threading.Lock()


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def skip(self, name, why):
        with print_lock:
            self.skipped += 1
            print("SKIP %s: %s" % (name, why), flush=True)

    def report(self, name, ok, detail="", log=None, seconds=None):
        with print_lock:
            took = " (%.1fs)" % seconds if seconds is not None else ""
            if ok:
                self.passed += 1
                print("PASS %s%s" % (name, took), flush=True)
                return
            self.failed += 1
            print("FAIL %s%s: %s" % (name, took, detail), flush=True)
            if log and os.path.exists(log):
                with open(log, errors="replace") as f:
                    lines = f.read().splitlines()[-TAIL_LINES:]
                print("  --- last %d lines of %s ---" % (len(lines), os.path.relpath(log, TOP)))
                for line in lines:
                    print("  | " + line)
                print("  ---", flush=True)


# ---- host unit tests -------------------------------------------------------

def run_host_tests(tally, selected):
    for binary in sorted(glob.glob(os.path.join(TOP, "build", "host", "test_*"))):
        if binary.endswith(".d") or not os.access(binary, os.X_OK):
            continue
        suite = "host/" + os.path.basename(binary)[len("test_"):]
        if not selected(suite):
            continue
        log = os.path.join(LOGS, suite.replace("/", "-") + ".log")
        try:
            proc = subprocess.run([binary], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  timeout=120, text=True, errors="replace")
            out, rc = proc.stdout, proc.returncode
        except subprocess.TimeoutExpired as e:
            out, rc = (e.stdout or b"").decode(errors="replace"), "timeout"
        with open(log, "w") as f:
            f.write(out)
        cases = 0
        for line in out.splitlines():
            m = re.match(r"^(PASS|FAIL) (\S+)(?:: (.*))?$", line)
            if m:
                cases += 1
                tally.report(m.group(2), m.group(1) == "PASS", m.group(3) or "")
        if rc != 0 and (cases == 0 or "FAIL" not in out):
            tally.report(suite, False, "exited with %s (sanitizer report or crash)" % rc, log)
        elif cases == 0:
            tally.report(suite, False, "ran no test case", log)


# ---- scenarios (QEMU or Bochs) ----------------------------------------------

MACHINES = {"qemu": qemu, "bochs": bochs}


def test_name(kind, name, emulator):
    """"scenario/NAME" under QEMU, "bochs/scenario/NAME" under Bochs."""
    return ("" if emulator == "qemu" else emulator + "/") + kind + "/" + name


# Forbidden in every scenario's log: a boot that lost some of its modules
# (programs the scenario may run; BOOT_MODULES_MAX in boot/bootinfo.h).
ALWAYS_FORBIDDEN = [r"^boot: warning: the module list was truncated"]


def check_log(log, scenario):
    """Returns the first unmet log expectation, or None."""
    with open(log, errors="replace") as f:
        lines = f.read().replace("\r", "").splitlines()
    for pattern in scenario["log"]:
        if not any(re.search(pattern, line) for line in lines):
            return "no log line matches /%s/" % pattern
    for pattern in scenario["nolog"] + ALWAYS_FORBIDDEN:
        hit = next((line for line in lines if re.search(pattern, line)), None)
        if hit is not None:
            return "log line %r matches forbidden /%s/" % (hit, pattern)
    return None


def disk_args(kind, mb):
    """tools/mkdisk.sh's arguments for a disk of kind "swap" (a swap partition
    from sector 2048 to the end of a disk of MB, as tools/mkswapdisk.sh makes)
    or "fat" (a FAT32 partition of MB alone); None for anything else."""
    if not mb.isdigit():
        return None
    if kind == "swap" and int(mb) >= 2:
        return ["--fat", "0", "--swap", str(int(mb) - 1)]
    if kind == "fat":
        return ["--fat", mb, "--swap", "0"]
    return None


class Disks:
    """A scenario's fresh disks, made in tmp (its own directory, so tests run
    at once never share one): disk 0 from disk = MB (a swap disk) or from
    fat = MB and swap = MB (tools/mkdisk.sh's layout, the programs in
    C:\\BIN), the others from ide = N KIND MB. fat lists the images holding
    a FAT volume, for fsck(); problem says why the disks could not be made."""

    def __init__(self, sc, tmp):
        self.disk = self.blkdebug = None
        self.others, self.fat, self.damaged = [], [], set()
        self.problem = self.make_disk0(sc, tmp)
        for spec in sc["ide"]:
            if self.problem:
                return
            index, kind, mb = (spec.split() + ["", "", ""])[:3]
            args = disk_args(kind, mb)
            if index not in ("1", "2", "3") or args is None:
                self.problem = "ide = N KIND MB: N 1..3, KIND swap or fat, not %r" % spec
                return
            image = os.path.join(tmp, "disk%s.img" % index)
            self.others.append((index, image))
            self.problem = self.make(args, image, fat=kind == "fat")
        for spec in sc["damage"]:
            if not self.problem:
                self.problem = self.damage(spec)
        if not self.problem and sc["blkdebug"]:
            self.problem = self.blkdebug_config(os.path.join(TOP, sc["blkdebug"]), tmp)

    def make_disk0(self, sc, tmp):
        """The primary master the scenario asks for, if any; None or why not."""
        if sc["disk"] and sc["fat"] or sc["swap"] and not sc["fat"]:
            return "disk = MB is a swap disk; a FAT disk is fat = MB (and swap = MB)"
        if sc["blkdebug"] and not (sc["disk"] or sc["fat"]):
            return "blkdebug needs a disk"
        if not (sc["disk"] or sc["fat"]):
            return None
        self.disk = os.path.join(tmp, "disk0.img")
        if sc["disk"]:
            args = disk_args("swap", sc["disk"])
            return self.make(args, self.disk) if args else "disk = MB: 2 or more, not %r" \
                % sc["disk"]
        progs = sorted(glob.glob(os.path.join(TOP, "build", "user", "*.exe")))
        files = [a for spec in sc["file"] for a in ("--file", os.path.join(TOP, spec))]
        return self.make(["--fat", sc["fat"], "--swap", sc["swap"] or "0"] + files, self.disk,
                         progs, fat=True)

    def damage(self, spec):
        """damage = DISK ACTION ARG: tools/fatdamage.py's ACTION on the FAT
        volume of disk DISK (0, or an ide = position), which fsck() then
        leaves unjudged. None, or why it could not be done."""
        index, action, arg = (spec.split(None, 2) + ["", ""])[:3]
        image = self.disk if index == "0" else dict(self.others).get(index)
        if image not in self.fat:
            return "damage = DISK ACTION ARG: DISK a FAT disk (0 or an ide = N), not %r" % spec
        self.damaged.add(image)
        try:
            fatdamage.damage(image, action, arg)
        except SystemExit as e:
            return "damage = %s: %s" % (spec, e)
        return None

    def blkdebug_config(self, config, tmp):
        """self.blkdebug: config, each {C:\\PATH} in it replaced by the disk
        sector holding the first byte of that file on disk 0's C:. None, or
        why not."""
        if not os.path.isfile(config):
            return "no blkdebug config " + os.path.relpath(config, TOP)
        with open(config) as f:
            text = f.read()
        try:
            text = re.sub(r"\{(C:\\[^}]*)\}",
                          lambda m: str(fatdamage.first_sector(self.disk, m.group(1))), text)
        except SystemExit as e:
            return "blkdebug config: %s" % e
        self.blkdebug = os.path.join(tmp, "blkdebug.conf")
        with open(self.blkdebug, "w") as f:
            f.write(text)
        return None

    def make(self, args, image, programs=(), fat=False):
        """Makes image with tools/mkdisk.sh; None, or why it failed."""
        made = subprocess.run([os.path.join(TOP, "tools", "mkdisk.sh")] + args + [image]
                              + list(programs), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        if made.returncode != 0:
            return "could not make the disk: " + made.stdout.strip()
        if fat:
            self.fat.append(image)
        return None

    def fsck(self, log, expect):
        """fsck.fat -n on each FAT volume (tools/mkdisk.sh --check), its
        output appended to log; None when each is as expect says ("clean",
        or "errors": the first has some), else why not. A dirty image is
        kept beside the log."""
        for n, image in enumerate(self.fat):
            out = subprocess.run([os.path.join(TOP, "tools", "mkdisk.sh"), "--check", image],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            name = os.path.basename(image)
            with open(log, "a") as f:
                f.write("\n[fsck.fat -n on %s: exit %d]\n%s" % (name, out.returncode, out.stdout))
            if image in self.damaged:
                continue
            if expect == "errors" and n == 0:
                if out.returncode == 0:
                    return "fsck.fat -n found %s clean, but the scenario expects errors" % name
                continue
            if out.returncode != 0:
                kept = os.path.splitext(log)[0] + "." + name
                subprocess.run(["cp", "--sparse=always", image, kept])
                problems = [l for l in out.stdout.splitlines()
                            if l.strip() and not re.match(r"fsck\.fat \d", l)][:3]
                return "fsck.fat -n: %s is not clean (kept as %s): %s" % (
                    name, os.path.relpath(kept, TOP), " / ".join(problems))
        return None


    def copy_out(self, path, out):
        """C:\\PATH on disk 0 copied to out by mtools: None, or why not."""
        got = subprocess.run(["mcopy", "-n", "-o", "-i", self.disk + "@@1M",
                              "::/" + path[3:].replace("\\", "/"), out],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if got.returncode != 0:
            return "mcopy could not read %s: %s" % (path, got.stdout.strip())
        return None

    def host_files(self, specs, tmp):
        """hostfile = C:\\PATH=HOST: C:\\PATH on disk 0, read by mtools after
        the boot, must equal the repository's file HOST. None, or why not."""
        for spec in specs:
            path, _, host = spec.partition("=")
            if not path.upper().startswith("C:\\") or not host:
                return "hostfile = C:\\PATH=HOST, not %r" % spec
            out = os.path.join(tmp, "hostfile.out")
            problem = self.copy_out(path, out)
            if problem:
                return problem
            with open(out, "rb") as a, open(os.path.join(TOP, host), "rb") as b:
                if a.read() != b.read():
                    return "%s as mtools reads it differs from %s" % (path, host)
        return None


    def host_crcs(self, specs, log, tmp):
        """hostcrc = C:\\PATH: the CRC-32 of C:\\PATH on disk 0 as mtools reads
        it must be the one the log names. None, or why not."""
        with open(log, errors="replace") as f:
            text = f.read()
        for path in specs:
            m = re.search(r"crc32 of %s is 0x([0-9a-f]{8})" % re.escape(path), text)
            if not m:
                return "the log names no crc32 of %s" % path
            out = os.path.join(tmp, "hostcrc.out")
            problem = self.copy_out(path, out)
            if problem:
                return problem
            crc = 0
            with open(out, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    crc = zlib.crc32(chunk, crc)
            if crc != int(m.group(1), 16):
                return "%s: crc32 0x%08x on the host, 0x%s in the log" % (path, crc, m.group(1))
        return None

    def host_serial(self, log):
        """hostserial = C: the serial number mtools' minfo reads from disk 0's
        C: must be the one the log names. None, or why not."""
        with open(log, errors="replace") as f:
            m = re.search(r"serial of C: is ([0-9A-F]{8})", f.read())
        if not m:
            return "the log names no serial of C:"
        info = subprocess.run(["minfo", "-i", self.disk + "@@1M", "::"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=dict(os.environ, MTOOLS_SKIP_CHECK="1"))
        host = re.search(r"serial number: ([0-9A-F]{8})", info.stdout)
        if not host:
            return "minfo shows no serial number: " + info.stdout.strip()[-200:]
        if host.group(1) != m.group(1):
            return "C:'s serial is %s to minfo, %s in the log" % (host.group(1), m.group(1))
        return None


def run_scenario(tally, sc, emulator="qemu"):
    """Boots the scenario on emulator with its fresh disks and checks how the
    kernel left the machine, the serial log and the FAT volumes."""
    name = test_name("scenario", sc["name"], emulator)
    prefix = "" if emulator == "qemu" else emulator + "-"
    log = os.path.join(LOGS, prefix + sc["name"] + ".log")
    os.makedirs(DISKS, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=prefix + sc["name"] + ".", dir=DISKS) as tmp:
        disks = Disks(sc, tmp)
        if disks.problem:
            tally.report(name, False, disks.problem)
            return
        if sc["kill"]:
            start = time.monotonic()
            problem = killboot.run(sc, disks, log, tmp)
            tally.report(name, problem is None, problem or "", log, time.monotonic() - start)
            return
        problem, secs = (boot_repeatedly if sc["boots"] else boot_scenario)(
            sc, emulator, log, disks)
        if problem is None and disks.fat:
            problem = disks.fsck(log, sc["fsck"])
        if problem is None and sc["hostfile"]:
            problem = disks.host_files(sc["hostfile"], tmp)
        if problem is None and sc["hostcrc"]:
            problem = disks.host_crcs(sc["hostcrc"], log, tmp)
        if problem is None and sc["hostserial"]:
            problem = disks.host_serial(log)
    tally.report(name, problem is None, problem or "", log, secs)


def boot_scenario(sc, emulator, log, disks):
    """Boots sc once on emulator; (the first problem found, None when the
    machine ended as expected and the log is right; seconds)."""
    modules = [os.path.join(TOP, m) for m in sc["module"]]
    cmdline = ("panic=exit " + sc["cmdline"]).strip()   # first: "--" may end the options
    timeout = scenario_file.timeout_for(sc, emulator)
    try:
        result, secs = MACHINES[emulator].boot_headless(
            cmdline, log, modules, sc["mem"], sc["cpu"], timeout,
            input_lines=[l.encode().decode("unicode_escape") for l in sc["input"]],
            disk=disks.disk, blkdebug=disks.blkdebug, other_disks=disks.others,
            programs=scenario_file.programs(sc))
    except subprocess.CalledProcessError as e:
        return "could not build the ISO: %s" % e, None
    except ValueError as e:      # a QEMU-only key (blkdebug) on another machine
        return "cannot run on %s: %s" % (emulator, e), None
    if result == "timeout":
        return "timed out after %gs (expected %s)" % (timeout, sc["expect"]), secs
    if result != sc["expect"]:
        return "expected %s, got %s" % (sc["expect"], result), secs
    if sc["expect"] == "pass":   # the kernel's invariants hold after every scenario
        sc = dict(sc, log=sc["log"] + [r"^mm: pfn_check ok: \d+ frames"])
    return check_log(log, sc), secs


def boot_repeatedly(sc, emulator, log, disks):
    """boots = N without kill: boots sc N times (the log of each checked, the
    last one kept); vary = REGEX's first group, from the first line it
    matches in each boot's log, must not be the same in every boot (what a
    boot chooses at random). As boot_scenario."""
    if not sc["boots"].isdigit() or int(sc["boots"]) < 2:
        return "boots = N without kill needs N of 2 or more", None
    seen, total = [], 0.0
    for k in range(int(sc["boots"])):
        problem, secs = boot_scenario(sc, emulator, log, disks)
        total += secs or 0.0
        if problem is not None:
            return "boot %d: %s" % (k + 1, problem), total
        if sc["vary"]:
            with open(log, errors="replace") as f:
                lines = (line.rstrip("\r\n") for line in f)
                hit = next((m for m in map(re.compile(sc["vary"]).search, lines) if m), None)
            if hit is None:
                return "boot %d: no log line matches vary /%s/" % (k + 1, sc["vary"]), total
            seen.append(hit.group(1))
    if sc["vary"] and len(set(seen)) == 1:
        return "every boot logged %r for /%s/" % (seen[0], sc["vary"]), total
    return None, total


def plan_scenarios(tally, scenarios, mode, subset, selected):
    """The (scenario, emulator) runs of this mode, Bochs's first (they are
    the slow ones); reports the scenarios a machine must skip, and why."""
    runs = []
    for emulator in ("bochs", "qemu"):
        if mode not in (emulator, "ci"):
            continue
        for sc in scenarios:
            name = test_name("scenario", sc["name"], emulator)
            why = scenario_file.why_not(sc, emulator)
            in_ci = emulator == "qemu" or "scenario/" + sc["name"] in subset
            if not selected(name) or (mode == "ci" and (why or not in_ci)):
                continue
            if why:
                tally.skip(name, why)
            else:
                runs.append((sc, emulator))
    return runs


# ---- gdb tests -----------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_header(script, key):
    with open(script) as f:
        return [m.group(1) for m in (re.match(r"^# %s: (.*)$" % key, l.rstrip("\n")) for l in f) if m]


def run_gdb_test(tally, script):
    """Boots QEMU halted with the gdb stub, runs the script in gdb batch mode (in
    the repository's top directory) and checks its output: every '# expect:'
    regex must match a line, no '# reject:' regex may. '# mem: MB' sets the
    RAM (128), '# disk: MB' attaches a fresh swap disk (as a scenario's disk =),
    '# fat: MB' a fresh FAT32 disk (as a scenario's fat =)."""
    os.makedirs(DISKS, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gdb-", dir=DISKS) as tmp:
        gdb_test_with_disk(tally, script, tmp)


def gdb_test_with_disk(tally, script, tmp):
    """run_gdb_test's work, its disk made in tmp."""
    base = os.path.basename(script)[:-len(".gdb")]
    name = "gdb/" + base
    log = os.path.join(LOGS, name.replace("/", "-") + ".log")
    cmdline = " ".join(["panic=exit"] + gdb_header(script, "cmdline"))
    mem = (gdb_header(script, "mem") or ["128"])[0]
    disks = Disks(dict(scenario_file.fresh("gdb-" + base),
                       disk=(gdb_header(script, "disk") or [""])[0],
                       fat=(gdb_header(script, "fat") or [""])[0]), tmp)
    if disks.problem:
        tally.report(name, False, disks.problem)
        return
    with tempfile.TemporaryDirectory(prefix="vados-gdb.") as tmp:
        iso = os.path.join(tmp, "vados.iso")
        # Only the programs the command line refers to (and their children):
        # every program would not fit below 16 MB on the small machines.
        qemu.make_iso(iso, cmdline, programs=scenario_file.referred_programs(
            {"cmdline": cmdline, "input": []}))
        with qemu.BOOT_SLOT:
            start = time.monotonic()
            port = free_port()
            vm = subprocess.Popen(qemu.qemu_args(iso, mem, "max", [
                "-display", "none", "-serial", "file:" + os.path.join(tmp, "serial.log"),
                "-monitor", "none", "-S", "-gdb", "tcp:127.0.0.1:%d" % port], disks.disk),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                gdb = subprocess.run(
                    ["gdb", "-nx", "-batch", "-ex", "set pagination off",
                     "-ex", "target remote 127.0.0.1:%d" % port, "-x", script, qemu.KERNEL],
                    cwd=TOP, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT, text=True, errors="replace", timeout=120)
                out = gdb.stdout
            except subprocess.TimeoutExpired as e:
                out = (e.stdout or b"").decode(errors="replace") + "\n[gdb timed out]\n"
            finally:
                vm.kill()
                vm.wait()
    with open(log, "w") as f:
        f.write(out)
    secs = time.monotonic() - start
    for pattern in gdb_header(script, "expect"):
        if not re.search(pattern, out, re.M):
            tally.report(name, False, "gdb output lacks /%s/" % pattern, log, secs)
            return
    for pattern in gdb_header(script, "reject"):
        hit = re.search(pattern, out, re.M)
        if hit:
            tally.report(name, False, "gdb output has %r, matching forbidden /%s/"
                         % (hit.group(0), pattern), log, secs)
            return
    tally.report(name, True, seconds=secs)


# ---- tools/run-user ------------------------------------------------------------

def run_user_lines():
    """tests/run-user/tests.txt as (name, code, pattern, args) tuples."""
    with open(os.path.join(TOP, "tests", "run-user", "tests.txt")) as f:
        lines = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    return [tuple(x.strip() for x in line.split("|", 3)) for line in lines]


RUN_USER_ALONE = threading.Lock()


def run_user_test(tally, test, emulator):
    """Runs tools/run-user as a user would (with --emulator), checking its
    exit code and output."""
    base, code, pattern, args = test
    name = test_name("run-user", base, emulator)
    log = os.path.join(LOGS, name.replace("/", "-") + ".log")
    # tools/run-user runs make (which two at once would race on build/) and
    # then makes its ISO and boots it.
    with RUN_USER_ALONE, qemu.BOOT_SLOT:
        start = time.monotonic()
        proc = subprocess.run([os.path.join(TOP, "tools", "run-user"), "--emulator", emulator]
                              + args.split(), cwd=TOP, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              errors="replace", timeout=600)
    with open(log, "w") as f:
        f.write(proc.stdout)
    secs = time.monotonic() - start
    if proc.returncode != int(code):
        tally.report(name, False, "exit code %d, want %s" % (proc.returncode, code), log, secs)
    elif not re.search(pattern, proc.stdout.replace("\r", ""), re.M):
        tally.report(name, False, "output lacks /%s/" % pattern, log, secs)
    else:
        tally.report(name, True, seconds=secs)


def plan_user_tests(tally, selected, mode, subset):
    """The tools/run-user tests of tests/run-user/tests.txt on this mode's
    machines (under ci, Bochs runs those the subset lists), as calls."""
    runs = []
    for emulator in ("qemu", "bochs"):
        for test in run_user_lines():
            name = test_name("run-user", test[0], emulator)
            in_ci = emulator == "qemu" or "run-user/" + test[0] in subset
            if mode in (emulator, "ci") and selected(name) and (mode != "ci" or in_ci):
                runs.append(lambda t=test, e=emulator: run_user_test(tally, t, e))
    return runs


def plan_gdb_tests(tally, selected, mode):
    """The gdb tests, as calls: they need QEMU's gdb stub, so Bochs skips them."""
    runs = []
    for script in sorted(glob.glob(os.path.join(TOP, "tests", "gdb", "*.gdb"))):
        name = "gdb/" + os.path.basename(script)[:-4]
        if not selected(name):
            continue
        if mode == "bochs":
            tally.skip(name, "qemu only: needs QEMU's gdb stub")
        else:
            runs.append(lambda s=script: run_gdb_test(tally, s))
    return runs


PREPARERS = 2


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=2, help="machines booted at once")
    ap.add_argument("--filter", default="", help="run tests whose name matches this regex")
    ap.add_argument("--emulator", default="ci", choices=["ci", "qemu", "bochs"])
    a = ap.parse_args()
    selected = lambda name: re.search(a.filter, name) is not None  # noqa: E731
    os.makedirs(LOGS, exist_ok=True)
    if not os.path.exists(qemu.KERNEL):
        raise SystemExit("run-tests: %s is missing: run `make test`, not this script"
                         % qemu.KERNEL)

    tally = Tally()
    scenarios = scenario_file.load(TOP)
    subset = scenario_file.bochs_subset(os.path.join(TOP, "tests", "bochs-subset.txt"),
                                        scenarios, [t[0] for t in run_user_lines()])
    run_host_tests(tally, selected)
    runs = [lambda r=r: run_scenario(tally, *r)
            for r in plan_scenarios(tally, scenarios, a.emulator, subset, selected)]
    runs += plan_user_tests(tally, selected, a.emulator, subset)
    runs += plan_gdb_tests(tally, selected, a.emulator)
    # --jobs machines run at once (qemu.BOOT_SLOT); PREPARERS more tests make
    # their ISOs and disks meanwhile, which is mostly waiting, not computing.
    qemu.BOOT_SLOT = threading.BoundedSemaphore(max(1, a.jobs))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs) + PREPARERS) as pool:
        list(pool.map(lambda run: run(), runs))

    summary = "%d passed, %d failed" % (tally.passed, tally.failed)
    if tally.skipped:
        summary += ", %d skipped" % tally.skipped
    print(summary)
    sys.exit(1 if tally.failed or tally.passed == 0 else 0)


if __name__ == "__main__":
    main()
