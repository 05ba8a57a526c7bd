"""The scenario files (tests/scenarios.txt and tests/scenarios/*.txt, format at
the top of the first) and which machine may run which scenario. Used by
tools/run-tests.py."""
import glob
import os
import re

import bochs

EMULATORS = ("qemu", "bochs")


def fresh(name):
    """A scenario's keys with their defaults."""
    return {"name": name, "cmdline": "", "expect": "pass", "cpu": "max", "mem": "128",
            "timeout": "60", "module": [], "log": [], "nolog": [], "input": [],
            "disk": "", "fat": "", "swap": "", "ide": [], "fsck": "clean", "blkdebug": "",
            "file": [], "hostfile": [], "hostcrc": [], "hostserial": "", "kill": "", "boots": "", "ready": "",
            "damage": [], "vary": "",
            "emulators": list(EMULATORS), "why": "", "bochs_timeout": "", "programs": ""}


def set_emulators(sc, value):
    """Reads "emulators = NAME...  # reason": the machines that may run the
    scenario; leaving one out needs the reason. Returns an error or None."""
    names, _, why = value.partition("#")
    names, why = names.split(), why.strip()
    if not names or any(n not in EMULATORS for n in names):
        return "emulators must list some of %s" % " ".join(EMULATORS)
    if len(names) < len(EMULATORS) and not why:
        return "emulators leaving a machine out needs '# the reason'"
    sc["emulators"], sc["why"] = names, why
    return None


def parse_scenarios(path):
    """Reads one scenario file into a list of dicts."""
    scenarios, cur = [], None
    with open(path) as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^\[([a-z0-9][a-z0-9._-]*)\]$", line)
            if m:
                cur = fresh(m.group(1))
                scenarios.append(cur)
                continue
            m = re.match(r"^(\w+)\s*=\s*(.*)$", line)
            if not m or cur is None or m.group(1) not in cur or m.group(1) in ("name", "why"):
                raise SystemExit("%s:%d: cannot parse %r" % (path, n, line))
            key, value = m.groups()
            if key == "fsck" and value not in ("clean", "errors"):
                raise SystemExit("%s:%d: fsck = clean or errors, not %r" % (path, n, value))
            if key == "emulators":
                problem = set_emulators(cur, value)
                if problem:
                    raise SystemExit("%s:%d: %s" % (path, n, problem))
            elif isinstance(cur[key], list):
                cur[key].append(value)
            else:
                cur[key] = value
    return scenarios


def programs(sc):
    """The programs a scenario's ISO carries as boot modules: those its
    programs = key names ("none": no program, "all": every one), else those
    it refers to (referred_programs). Each module costs a boot ~15 ms of
    GRUB reading it from the CD and the runner putting it on the ISO: the
    whole set was a third of the suite's time."""
    names = sc["programs"].split()
    if names == ["all"]:
        return None
    if names:
        return [] if names == ["none"] else names
    return referred_programs(sc)


# Programs the kernel itself starts (init, the shell) or its self-tests run.
KERNEL_PROGRAMS = ("init", "shell", "hello", "stack-overflow", "unhandled-exception")
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def words(text):
    """The words a program's name may be among."""
    return set(re.findall(r"[A-Za-z0-9_-]+", text))


def string_words(text):
    """The words of C source text's string literals."""
    found = set()
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
        found |= words(literal)
    return found


def source_refs(name):
    """The words of the string literals of program name's sources (and of
    the headers of tests/user they include)."""
    paths = [os.path.join(TOP, d, name + ext) for d in ("user/programs", "tests/user")
             for ext in (".c", ".cpp")] + \
        glob.glob(os.path.join(TOP, "user", "programs", name, "*.c"))
    found = set()
    for path in [p for p in paths if os.path.exists(p)]:
        with open(path, errors="replace") as f:
            text = f.read()
        for header in re.findall(r'^#include "([^"/]+)"', text, re.M):
            h = os.path.join(TOP, "tests", "user", header)
            if os.path.exists(h):
                with open(h, errors="replace") as f:
                    text += f.read()
        found |= string_words(text)
    return found


_REFS = {}


def referred_programs(sc):
    """The built programs a scenario refers to: named in its command line or
    typed input, started by the kernel, or named in a string of one of
    those programs' sources, and so on (a program's children)."""
    built = {os.path.basename(p)[:-len(".exe")]
             for p in glob.glob(os.path.join(TOP, "build", "user", "*.exe"))}
    todo = [n for n in words(" ".join([sc["cmdline"]] + sc["input"])) | set(KERNEL_PROGRAMS)
            if n in built]
    seen = set(todo)
    while todo:
        name = todo.pop()
        if name not in _REFS:
            _REFS[name] = source_refs(name)
        for child in _REFS[name] & built - seen:
            seen.add(child)
            todo.append(child)
    return sorted(seen)


def load(top):
    """Every scenario of tests/scenarios.txt and tests/scenarios/*.txt."""
    files = [os.path.join(top, "tests", "scenarios.txt")] + \
        sorted(glob.glob(os.path.join(top, "tests", "scenarios", "*.txt")))
    scenarios = [s for path in files for s in parse_scenarios(path)]
    names = [s["name"] for s in scenarios]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise SystemExit("run-tests: scenarios named twice: %s" % ", ".join(twice))
    return scenarios


def why_not(sc, emulator):
    """Why emulator cannot run the scenario, or None when it can."""
    if emulator not in sc["emulators"]:
        return "%s only: %s" % ("/".join(sc["emulators"]), sc["why"])
    if emulator == "bochs" and bochs.bochs_cpu(sc["cpu"]) is None:
        return "qemu only: Bochs has no %s model (its oldest is the Pentium)" % sc["cpu"]
    return None


def timeout_for(sc, emulator):
    """The scenario's timeout in seconds on emulator: under Bochs its
    bochs_timeout, else its timeout scaled by bochs.TIME_SCALE."""
    if emulator != "bochs":
        return float(sc["timeout"])
    return float(sc["bochs_timeout"] or float(sc["timeout"]) * bochs.TIME_SCALE)


def bochs_subset(path, scenarios, run_user_names):
    """The test names tests/bochs-subset.txt lists ("scenario/NAME",
    "run-user/NAME"; # comments), checked to exist and to run on Bochs."""
    by_name = {"scenario/" + s["name"]: s for s in scenarios}
    known = set(by_name) | {"run-user/" + n for n in run_user_names}
    with open(path) as f:
        names = [l.split("#")[0].strip() for l in f]
    names = [n for n in names if n]
    for n in names:
        if n not in known:
            raise SystemExit("%s: no test %s" % (path, n))
        if n in by_name and why_not(by_name[n], "bochs"):
            raise SystemExit("%s: %s: %s" % (path, n, why_not(by_name[n], "bochs")))
    return set(names)
