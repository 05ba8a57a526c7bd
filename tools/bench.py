#!/usr/bin/env python3
"""make bench: the virtual-memory benchmark, vados against Linux.

  tools/bench.py [--cpu MODEL] [--runs N] [--rounds N] [--swap-rounds N] [--no-peer]
                 [--rebuild-peer]

Boots vados (-m 64, a fresh 256 MB swap disk in build/bench/) with the ring-3
program vmbench (user/programs/vmbench.c), which prints every round's figure
in host TSC cycles and the kernel's counters, and runs the Linux 6.1 peer
(../shared/peer/linux686, built once) on the same QEMU, --runs times each,
alternately, so a change in the host's load falls on both. Like the peer,
each vados run is two boots: the original rows, then (vmbench --more C:) the
rows added later, with a fresh copy of the FAT32 test disk
(tools/mkbenchdisk.py, as the peer's) as the primary slave, C:. The vados
figure is the median of all its rounds (the file rows: one per run, but
file_read_warm's three), the
Linux one the median of its runs. Prints the table NAME vados linux ratio
(ratio = vados / linux: below 1, vados costs less; "-": not measured, the
reason below the table), the checks of the second boots, the counters, the
spreads and the change from the previous run, and writes it all to
build/bench.txt.

Exit status: 0 when vados was measured (even if the peer could not be: the
output says why), 1 when it could not be (no TSC, a failure in vmbench, a
panic), when swap_bad_pages is not 0 or when a check of the second boot
failed.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402

TOP = qemu.TOP
OUT = os.path.join(TOP, "build", "bench")
REPORT = os.path.join(TOP, "build", "bench.txt")
PEER_SRC = os.path.normpath(os.path.join(TOP, "..", "shared", "peer", "linux686"))
PEER_DIR = os.path.join(TOP, "build", "peer-linux686")
MEM_MB, DISK_MB, SWAP_MB = 64, 256, 96
FAT_DISK = os.path.join(OUT, "fat.img")        # tools/mkbenchdisk.py's, copied fresh per boot
FAT_DRIVE = "C:"            # the test disk's volume: disk 0 (swap) has no FAT partition
PEER_OUTPUTS = ("vmlinuz", "initrd.gz", "initrd-more.gz", "fat.img")


class BenchError(Exception):
    pass


def parse_vmbench(text):
    """vmbench's lines: {figures}, {rounds (a missing row: its reason)},
    {work lines}, {counter: value}, [check lines]."""
    figures = {m[0]: int(m[1]) for m in re.findall(r"^bench (\S+) (\d+)\s*$", text, re.M)}
    rounds = {m[1]: [int(v) for v in m[2].split()] if m[0] == "rounds" else m[2].strip()
              for m in re.findall(r"^(rounds|missing) (\S+) (.+?)\s*$", text, re.M)}
    work = {m[0]: dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", m[1]))
            for m in re.findall(r"^work (\S+)(.*)$", text, re.M)}
    counters = {m[0]: int(m[1]) for m in re.findall(r"^counter (\S+) (\d+)\s*$", text, re.M)}
    checks = re.findall(r"^check (?:ok|FAILED): .*$", text, re.M)
    return figures, rounds, work, counters, checks


def make_tool(args, what):
    """Runs one of tools/ (args); raises BenchError saying what failed."""
    made = subprocess.run([os.path.join(TOP, "tools", args[0])] + args[1:],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if made.returncode != 0:
        raise BenchError("cannot make %s: %s" % (what, made.stdout.strip()))


def fat_disk_copy():
    """A fresh copy of the FAT32 test disk (made once, and again when
    tools/mkbenchdisk.py changes), as the peer boots one: its path."""
    maker = os.path.join(TOP, "tools", "mkbenchdisk.py")
    if not os.path.isfile(FAT_DISK) or os.path.getmtime(FAT_DISK) < os.path.getmtime(maker):
        print("bench: making the FAT32 test disk %s" % os.path.relpath(FAT_DISK, TOP),
              flush=True)
        make_tool(["mkbenchdisk.py", FAT_DISK], "the FAT32 test disk")
    copy = os.path.join(OUT, "fat-run.img")
    if sh("cp --sparse=always %s %s" % (FAT_DISK, copy))[0] != 0:
        raise BenchError("cannot copy %s" % FAT_DISK)
    return copy


def run_vados(a, run):
    """One vados run, two boots as the peer's: the original rows, then the
    rows added later with the FAT32 test disk as the primary slave. Returns
    what parse_vmbench found in each, or raises BenchError."""
    os.makedirs(OUT, exist_ok=True)
    first = boot_vados(a, "%d" % run, "%d %d %d" % (a.rounds, a.swap_rounds, SWAP_MB))
    fat = fat_disk_copy()
    second = boot_vados(a, "%d-more" % run, "--more %s %d" % (FAT_DRIVE, a.rounds),
                        ["-drive", "file=%s,format=raw,if=ide,index=1,media=disk,cache=unsafe"
                         % qemu.esc(fat)])
    return first, second


def boot_vados(a, name, args, extra=()):
    """Boots vmbench ARGS once (log build/bench/vados-NAME.log) with a fresh
    swap disk as disk 0 and the QEMU arguments extra; returns what
    parse_vmbench found, or raises BenchError."""
    disk, log = os.path.join(OUT, "swap.img"), os.path.join(OUT, "vados-%s.log" % name)
    make_tool(["mkswapdisk.sh", str(DISK_MB), disk], "the swap disk")
    # lockcheck=off: the kernel as a distribution ships it, without the
    # run-time lock-order checks of the test boots (README "Locks").
    cmdline = "panic=exit lockcheck=off run=vmbench -- %s" % args
    print("bench: vados run %s: -m %d, %d MB swap disk%s, %s"
          % (name, MEM_MB, DISK_MB, ", the FAT32 test disk" if extra else "", cmdline),
          flush=True)
    # Only vmbench rides along (it spawns only itself), as the peer's initrd
    # holds only its benchmark: every other program would be a boot module
    # taking RAM out of the 64 MB machine.
    result, secs = qemu.boot_headless(cmdline, log, mem=MEM_MB, cpu=a.cpu,
                                      timeout=a.timeout, disk=disk, extra=extra,
                                      programs=["vmbench"])
    with open(log, errors="replace") as f:
        text = f.read()
    no_tsc = re.search(r"^vmbench: .*(time-stamp counter|rdtsc).*$", text, re.M)
    if no_tsc:
        raise BenchError("%s\nmake bench: nothing measured: the CPU (%s) has no usable TSC"
                         % (no_tsc.group(0), a.cpu))
    found = parse_vmbench(text)
    if result not in ("pass", "fail") or not found[0]:
        tail = "\n".join("  | " + l for l in text.splitlines()[-30:])
        raise BenchError("vados run ended with %s after %.0fs (log %s):\n%s"
                         % (result, secs, os.path.relpath(log, TOP), tail))
    print("bench: vados run %s: %s after %.0fs" % (name, result, secs), flush=True)
    return found


def sh(cmd, cwd=None):
    """Runs a shell command; returns (status, output)."""
    r = subprocess.run(cmd, shell=True, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return r.returncode, r.stdout.strip()


def build_peer(rebuild):
    """Builds the peer with its own build.sh (Debian's kernel and busybox, the
    i386 cross compiler vados builds with too, the FAT32 test disk) when one
    of its outputs is missing, or with rebuild; returns None, or why it cannot
    be built. build.sh installs packages: root only, the first time."""
    if not os.path.isfile(os.path.join(PEER_SRC, "build.sh")):
        return "no peer at %s" % PEER_SRC
    if not rebuild and all(os.path.isfile(os.path.join(PEER_DIR, f)) for f in PEER_OUTPUTS):
        print("bench: linux peer: already built in %s (--rebuild-peer builds it again)"
              % os.path.relpath(PEER_DIR, TOP), flush=True)
        return None
    print("bench: linux peer: building (%s)" % os.path.relpath(PEER_DIR, TOP), flush=True)
    if os.geteuid() != 0 and not os.path.isfile(os.path.join(PEER_DIR, "vmlinuz")):
        return "the peer's build.sh needs root the first time (apt-get)"
    os.makedirs(PEER_DIR, exist_ok=True)
    # build.sh's own apt-get update stops it when a mirror is mid-sync;
    # done here first, a failed update falls back on the cached lists.
    if "i386" not in sh("dpkg --print-foreign-architectures")[1].split() and os.geteuid() == 0:
        sh("dpkg --add-architecture i386 && apt-get update -qq")
    env = dict(os.environ, PEER_DIR=PEER_DIR)
    made = subprocess.run(["bash", os.path.join(PEER_SRC, "build.sh")], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if made.returncode != 0:
        tail = "\n".join(made.stdout.strip().splitlines()[-8:])
        return "build.sh failed with status %d:\n%s" % (made.returncode, tail)
    return None


def run_peer_once():
    """One run.sh: ({name: value}, [check lines]), or raises BenchError."""
    env = dict(os.environ, PEER_DIR=PEER_DIR)
    ran = subprocess.run(["bash", os.path.join(PEER_SRC, "run.sh"), str(MEM_MB), str(SWAP_MB)],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    figures = {m[0]: int(m[1]) for m in re.findall(r"^bench (\S+) (\d+)", ran.stdout, re.M)}
    bad = re.search(r"^bench swap_read_cycles_per_page \d+ bad=(\d+)", ran.stdout, re.M)
    if bad:
        figures["swap_bad_pages"] = int(bad.group(1))
    if "BENCH-DONE" not in ran.stdout or not figures:
        tail = "\n".join(ran.stdout.strip().splitlines()[-8:])
        raise BenchError("run.sh ended with status %d without its figures:\n%s"
                         % (ran.returncode, tail))
    return figures, re.findall(r"^check (?:ok|FAILED): .*$", ran.stdout, re.M)


class Results:
    """Every run's figures: vados's rounds and counters, the peer's runs."""

    def __init__(self):
        # vados: every round of each figure, in vmbench's order (the table's)
        self.vados, self.linux, self.counters, self.work = {}, {}, {}, {}
        self.missing = {}       # vados's rows it could not run: {name: why}
        self.checks = {"vados": [], "linux": []}     # the second boots' check lines
        self.vados_runs = 0
        self.peer_why = None

    def add_vados(self, boots):
        """One run: what parse_vmbench found in each of its boots."""
        for _, rounds, work, counters, checks in boots:
            for name, values in rounds.items():
                if isinstance(values, str):
                    self.missing[name] = values
                    values = []
                self.vados.setdefault(name, []).extend(values)
            self.checks["vados"] += checks
            for name, value in counters.items():
                self.counters[name] = self.counters.get(name, 0) + value
            for name, moved in work.items():
                for c, v in moved.items():
                    self.work.setdefault(name, {}).setdefault(c, []).append(v)
        self.vados_runs += 1

    def add_linux(self, found):
        figures, checks = found
        for name, v in figures.items():
            self.linux.setdefault(name, []).append(v)
        self.checks["linux"] += checks

    def failed_checks(self, who):
        """who's "check FAILED" lines, each once."""
        return sorted({c for c in self.checks[who] if c.startswith("check FAILED")})

    def vados_figure(self, name):
        return figure(name, self.vados.get(name))

    def linux_figure(self, name):
        return figure(name, self.linux.get(name))


def figure(name, values):
    """A row's figure from its samples: the median (swap_bad_pages: the sum)."""
    if not values:
        return None
    return sum(values) if name == "swap_bad_pages" else int(statistics.median(values))


def peer_run(results, run):
    """One run of the peer into results, unless it is out of use."""
    if results.peer_why:
        return
    print("bench: linux peer run %d" % run, flush=True)
    try:
        results.add_linux(run_peer_once())
    except BenchError as e:
        results.peer_why = str(e)

def previous_vados():
    """The vados column of the last build/bench.txt: {name: value}."""
    try:
        with open(REPORT) as f:
            text = f.read()
    except OSError:
        return {}
    return {m[0]: int(m[1]) for m in re.findall(r"^(\w+_(?:cycles\w*|pages))\s+(\d+)",
                                                text, re.M)}


def spread(values):
    """(max - min) / median, in percent."""
    med = statistics.median(values)
    return 100.0 * (max(values) - min(values)) / med if med else 0.0


NOISE_ROW = "touch_resident_cycles_per_page"    # QEMU alone: no kernel code runs


def noise_line(res):
    """How noisy the host was during the vados boots. The touch row runs no
    kernel code, so its rounds differ only by what the host did: a round more
    than 25% above the fastest was slowed by it. With a third of the rounds
    slowed, the medians of every row are at risk."""
    v = res.vados.get(NOISE_ROW, [])
    if len(v) < 4:
        return []
    slow = sum(1 for x in v if x > 1.25 * min(v))
    line = "noise: %d of %d rounds of %s (no kernel code) ran more than 25%% above the " \
           "fastest" % (slow, len(v), NOISE_ROW)
    if 3 * slow <= len(v):
        return ["", line + ": the host was quiet enough"]
    return ["", line + ": WARNING: the host was busy, the figures may differ from a quiet "
            "run's by more than 10%: run make bench again"]


def table(res):
    """The table's lines and its markdown form."""
    rows, md = ["%-31s %10s %10s %7s" % ("NAME", "vados", "linux", "ratio")], [
        "| figure (host cycles) | vados | Linux 6.1 | vados / Linux |", "|---|---:|---:|---:|"]
    for name in res.vados:
        v, l = res.vados_figure(name), res.linux_figure(name)
        ratio = "%.2f" % (v / l) if v is not None and l and name != "swap_bad_pages" else "-"
        vs = "-" if v is None else str(v)
        ls = "-" if l is None else str(l)
        rows.append("%-31s %10s %10s %7s" % (name, vs, ls, ratio))
        md.append("| `%s` | %s | %s | %s |" % (name, vs, ls, ratio))
    return rows, md


def details(res, before):
    """Per-row spreads: vados's rounds, the peer's runs, the previous run."""
    out = ["", "spread: (max - min) / median over vados's rounds and over the peer's runs; "
           "change: this run's vados figure against the previous run's"]
    for name in res.vados:
        if name == "swap_bad_pages":
            continue
        v, l, now = res.vados.get(name, []), res.linux.get(name, []), res.vados_figure(name)
        change = ("%+.1f%%" % (100.0 * (now - before[name]) / before[name])
                  if now is not None and before.get(name) else "-")
        out.append("%-31s vados %5s [%s]  linux %5s [%s]  change %s" % (
            name, "%.0f%%" % spread(v) if v else "-", " ".join(map(str, v)),
            "%.0f%%" % spread(l) if l else "-", " ".join(map(str, l)), change))
    return out


def check_lines(res):
    """Why rows are missing, and what the second boots' checks said."""
    out = [""] + ["missing: %s (vados): %s" % (n, why)
                  for n, why in res.missing.items() if not res.vados.get(n)]
    for who in ("vados", "linux"):
        failed = res.failed_checks(who)
        ok = sum(1 for c in res.checks[who] if c.startswith("check ok"))
        out.append("checks: %s: %d of %d second boots verified every call and word read%s"
                   % (who, ok, sum(1 for c in res.checks[who] if re.match(
                       r"check (ok|FAILED: \d+ of the checks)", c)), ":" if failed else ""))
        out += ["  " + c for c in failed]
    return out


def counter_lines(res):
    """The kernel's counters: for all vados runs, then per round of each
    workload (the mean over the runs)."""
    out = ["", "kernel counters, vados's %d runs together:" % res.vados_runs]
    out += ["counter %-24s %d" % (c, v) for c, v in res.counters.items()]
    out += ["", "kernel counters per round of each vados workload (those that moved):"]
    for name, moved in res.work.items():
        out.append("work %-18s %s" % (name, " ".join(
            "%s=%d" % (c, statistics.mean(v)) for c, v in moved.items() if sum(v))))
    return out


def host_line():
    """One line on the host: CPU model, CPUs, QEMU version, load."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M).group(1)
    except (OSError, AttributeError):
        pass
    qver = sh("qemu-system-i386 --version")[1].splitlines()[:1] or ["qemu ?"]
    return "host: %s, %d CPUs, %s, load %.2f" % (model, os.cpu_count() or 0, qver[0],
                                                 os.getloadavg()[0])


def prioritize(niceness):
    """Rdtsc counts wall time, so other work on the host inflates every figure:
    QEMU (vados's and the peer's alike) runs at the given niceness (root
    only), and a busy host is reported."""
    load, cpus = os.getloadavg()[0], os.cpu_count() or 1
    if niceness < 0 and os.geteuid() == 0:
        os.nice(niceness)
        print("bench: QEMU runs at nice %d" % niceness, flush=True)
    if load > 0.5 * cpus:
        print("bench: warning: host load %.2f on %d CPUs: other processes share the CPU, "
              "so the figures will be noisy" % (load, cpus), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cpu", default="max", help="QEMU CPU model for vados (486: no TSC)")
    ap.add_argument("--runs", type=int, default=3, help="boots of vados and runs of the peer")
    ap.add_argument("--rounds", type=int, default=9,
                    help="rounds of the CPU-bound workloads per vados boot")
    ap.add_argument("--swap-rounds", type=int, default=3,
                    help="rounds of the swap workload per vados boot")
    ap.add_argument("--no-peer", action="store_true", help="vados only")
    ap.add_argument("--rebuild-peer", action="store_true",
                    help="run the peer's build.sh even if its outputs exist")
    ap.add_argument("--timeout", type=float, default=400, help="seconds per vados boot")
    ap.add_argument("--nice", type=int, default=-10,
                    help="niceness of the QEMU runs (as root; 0: unchanged)")
    a = ap.parse_args()

    before = previous_vados()
    prioritize(a.nice)
    host = host_line()
    res = Results()
    try:
        res.add_vados(run_vados(a, 1))
        if a.no_peer:
            res.peer_why = "not run (--no-peer)"
        else:
            res.peer_why = build_peer(a.rebuild_peer)
        peer_run(res, 1)
        for run in range(2, a.runs + 1):
            res.add_vados(run_vados(a, run))
            peer_run(res, run)
    except BenchError as e:
        sys.exit("bench: %s" % e)

    rows, md = table(res)
    out = [host, "vados: the median of %d rounds (%d runs of two boots; the file rows: one "
           "round a run, file_read_warm three); linux: the median of %d runs; "
           "ratio = vados / linux (below 1: vados costs less)"
           % (len(res.vados.get(NOISE_ROW, [])), res.vados_runs,
              len(res.linux.get(NOISE_ROW, []))), ""] + rows
    if res.peer_why:
        out += ["", "linux: %s: the peer (%s) could not be used: %s"
                % ("stopped early" if res.linux else "no figures", PEER_SRC, res.peer_why)]
    out += noise_line(res)
    out += check_lines(res)
    out += ["", "query_* rows: the peer has no counterpart (Linux has no VirtualQuery)"]
    out += counter_lines(res) + details(res, before) + ["", "markdown:"] + md
    text = "\n".join(out) + "\n"
    print(text, end="")
    with open(REPORT, "w") as f:
        f.write(text)
    print("bench: written to %s" % os.path.relpath(REPORT, TOP))
    bad = res.vados_figure("swap_bad_pages")
    if bad:
        sys.exit("bench: swap_bad_pages is %d: pages came back from swap wrong" % bad)
    if res.failed_checks("vados"):
        sys.exit("bench: vados's second boot failed checks (above)")


if __name__ == "__main__":
    main()
