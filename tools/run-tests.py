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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bochs  # noqa: E402
import qemu  # noqa: E402
import scenarios as scenario_file  # noqa: E402

TOP = qemu.TOP
LOGS = os.path.join(TOP, "build", "test-logs")
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


def check_log(log, scenario):
    """Returns the first unmet log expectation, or None."""
    with open(log, errors="replace") as f:
        lines = f.read().replace("\r", "").splitlines()
    for pattern in scenario["log"]:
        if not any(re.search(pattern, line) for line in lines):
            return "no log line matches /%s/" % pattern
    for pattern in scenario["nolog"]:
        hit = next((line for line in lines if re.search(pattern, line)), None)
        if hit is not None:
            return "log line %r matches forbidden /%s/" % (hit, pattern)
    return None


def scenario_disk(sc, prefix=""):
    """A fresh swap disk of sc["disk"] MB for the scenario (tools/mkswapdisk.sh
    into build/test-disks/PREFIXNAME.img) and its blkdebug config, as paths;
    or None and why not."""
    if sc["blkdebug"] and not sc["disk"]:
        return None, None, "blkdebug needs a disk"
    if not sc["disk"]:
        return None, None, None
    disk = os.path.join(TOP, "build", "test-disks", prefix + sc["name"] + ".img")
    made = subprocess.run([os.path.join(TOP, "tools", "mkswapdisk.sh"), sc["disk"], disk],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if made.returncode != 0:
        return None, None, "could not make the disk: " + made.stdout.strip()
    conf = os.path.join(TOP, sc["blkdebug"]) if sc["blkdebug"] else None
    if conf and not os.path.isfile(conf):
        return None, None, "no blkdebug config " + sc["blkdebug"]
    return disk, conf, None


def run_scenario(tally, sc, emulator="qemu"):
    """Boots the scenario on emulator and checks how the kernel left the
    machine and the serial log."""
    name = test_name("scenario", sc["name"], emulator)
    prefix = "" if emulator == "qemu" else emulator + "-"
    log = os.path.join(LOGS, prefix + sc["name"] + ".log")
    modules = [os.path.join(TOP, m) for m in sc["module"]]
    cmdline = ("panic=exit " + sc["cmdline"]).strip()   # first: "--" may end the options
    disk, blkdebug, problem = scenario_disk(sc, prefix)
    if problem:
        tally.report(name, False, problem)
        return
    timeout = scenario_file.timeout_for(sc, emulator)
    try:
        result, secs = MACHINES[emulator].boot_headless(cmdline, log, modules, sc["mem"], sc["cpu"],
                                             timeout,
                                             input_lines=[l.encode().decode("unicode_escape")
                                                          for l in sc["input"]],
                                             disk=disk, blkdebug=blkdebug)
    except subprocess.CalledProcessError as e:
        tally.report(name, False, "could not build the ISO: %s" % e)
        return
    except ValueError as e:      # a QEMU-only key (blkdebug) on another machine
        tally.report(name, False, "cannot run on %s: %s" % (emulator, e))
        return
    if result == "timeout":
        tally.report(name, False, "timed out after %gs (expected %s)" % (timeout, sc["expect"]),
                     log, secs)
        return
    if result != sc["expect"]:
        tally.report(name, False, "expected %s, got %s" % (sc["expect"], result), log, secs)
        return
    if sc["expect"] == "pass":   # the kernel's invariants hold after every scenario
        sc = dict(sc, log=sc["log"] + [r"^mm: pfn_check ok: \d+ frames"])
    problem = check_log(log, sc)
    tally.report(name, problem is None, problem or "", log, secs)


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
    RAM (128), '# disk: MB' attaches a fresh swap disk (as a scenario's disk =)."""
    base = os.path.basename(script)[:-len(".gdb")]
    name = "gdb/" + base
    log = os.path.join(LOGS, name.replace("/", "-") + ".log")
    cmdline = " ".join(["panic=exit"] + gdb_header(script, "cmdline"))
    mem = (gdb_header(script, "mem") or ["128"])[0]
    disk, _, problem = scenario_disk({"name": "gdb-" + base, "blkdebug": "",
                                      "disk": (gdb_header(script, "disk") or [""])[0]})
    if problem:
        tally.report(name, False, problem)
        return
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="vados-gdb.") as tmp:
        iso = os.path.join(tmp, "vados.iso")
        qemu.make_iso(iso, cmdline)
        port = free_port()
        vm = subprocess.Popen(qemu.qemu_args(iso, mem, "max", [
            "-display", "none", "-serial", "file:" + os.path.join(tmp, "serial.log"),
            "-monitor", "none", "-S", "-gdb", "tcp:127.0.0.1:%d" % port], disk),
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


def run_user_test(tally, test, emulator):
    """Runs tools/run-user as a user would (with --emulator), checking its
    exit code and output."""
    base, code, pattern, args = test
    name = test_name("run-user", base, emulator)
    log = os.path.join(LOGS, name.replace("/", "-") + ".log")
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


def run_user_tests(tally, selected, mode, subset):
    """The tools/run-user tests of tests/run-user/tests.txt on this mode's
    machines (under ci, Bochs runs those the subset lists)."""
    for emulator in ("qemu", "bochs"):
        for test in run_user_lines():
            name = test_name("run-user", test[0], emulator)
            in_ci = emulator == "qemu" or "run-user/" + test[0] in subset
            if mode in (emulator, "ci") and selected(name) and (mode != "ci" or in_ci):
                run_user_test(tally, test, emulator)


def run_gdb_tests(tally, selected, mode):
    """The gdb tests: they need QEMU's gdb stub, so Bochs skips them."""
    for script in sorted(glob.glob(os.path.join(TOP, "tests", "gdb", "*.gdb"))):
        name = "gdb/" + os.path.basename(script)[:-4]
        if not selected(name):
            continue
        if mode == "bochs":
            tally.skip(name, "qemu only: needs QEMU's gdb stub")
        else:
            run_gdb_test(tally, script)


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
    runs = plan_scenarios(tally, scenarios, a.emulator, subset, selected)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        list(pool.map(lambda r: run_scenario(tally, *r), runs))
    run_user_tests(tally, selected, a.emulator, subset)
    run_gdb_tests(tally, selected, a.emulator)

    summary = "%d passed, %d failed" % (tally.passed, tally.failed)
    if tally.skipped:
        summary += ", %d skipped" % tally.skipped
    print(summary)
    sys.exit(1 if tally.failed or tally.passed == 0 else 0)


if __name__ == "__main__":
    main()
