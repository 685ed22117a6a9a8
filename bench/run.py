"""Benchmark ncnd-check against a bare spaCy floor and print a table of figures.

    python bench/run.py            # the full benchmark (a few minutes on 2 cores)
    python bench/run.py --quick    # a smoke run over 3 tiny drafts (seconds)

It generates its own corpus (bench/generate.py) into bench/out/, then measures
every figure in a fresh process where the figure is about a fresh process:
cold ``check`` wall time, ``audit`` throughput with --jobs 1 and 2, peak
resident memory (the largest process of each command, from RUSAGE_CHILDREN),
start-up of ``--version`` / ``rules`` / ``refs list``, and in-process stage
times (read, analyse, rules, report) and library-size scaling. The floor is
a bare ``spacy.blank("en")`` + sentencizer loading and processing the same
texts, measured in the same run; every figure is shown absolute and as a
ratio to that floor. A measurement whose command or module does not exist
yet is listed as skipped with the reason, never a crash.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402  (bench/generate.py)

#: Runs a command, prints its wall time and the peak RSS of its largest process.
#: Descendants (audit's workers) are reaped by the command, so their peak is in
#: RUSAGE_CHILDREN of this wrapper too.
WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "maxrss_kb": ru.ru_maxrss, "rc": p.returncode, "cpu": ru.ru_utime + ru.ru_stime,
                  "stdout": p.stdout[-4000:].decode("utf-8", "replace"),
                  "stderr": p.stderr[-4000:].decode("utf-8", "replace")}))
"""

#: The floor: a bare blank English pipeline with a sentencizer, loading and processing texts.
FLOOR = r"""
import sys, time, json
t0 = time.perf_counter()
import spacy
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
t1 = time.perf_counter()
n = 0
for path in sys.argv[1:]:
    doc = nlp(open(path, encoding="utf-8").read())
    n += sum(1 for _ in doc.sents)
t2 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "process": t2 - t1, "sentences": n}))
"""

HEAVY_MODULES = ("rich", "jinja2", "matplotlib", "httpx")


# ---------------------------------------------------------------- results


@dataclass
class Row:
    section: str
    measure: str
    value: float | None
    unit: str
    floor: float | None = None  # the floor figure this is compared with (same unit)
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    info: dict = field(default_factory=dict)

    def add(self, *args, **kwargs) -> Row:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        print(f"  {row.section}: {row.measure} = {_fmt(row.value, row.unit)}" + (f" ({row.note})" if row.note else ""), file=sys.stderr, flush=True)
        return row

    def skip(self, what: str, why: str) -> None:
        self.skipped.append((what, why))
        print(f"  skipped {what}: {why}", file=sys.stderr, flush=True)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "/s":
        return f"{value:.0f} /s" if value >= 10 else f"{value:.1f} /s"
    return f"{value:g} {unit}"


# ---------------------------------------------------------------- running things


def ncnd_cmd() -> list[str]:
    """How a user runs the tool: the console script if installed, else python -m."""
    exe = shutil.which("ncnd-check")
    return [exe] if exe else [sys.executable, "-m", "ncnd_check"]


def measure(cmd: list[str]) -> dict:
    """Wall time, peak RSS and output of one fresh command."""
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def measure_many(cmd: list[str], repeats: int) -> tuple[float, float, dict]:
    """Best (lowest) wall time and maximum peak RSS (MB) over ``repeats`` runs; the last run's record.

    The best run, as timeit reports it: other work on the machine only ever
    slows a run down, so the fastest is the closest to the program's own cost.
    The median wall and CPU time are in the record too.
    """
    runs = [measure(cmd) for _ in range(repeats)]
    last = dict(runs[-1], cpu_best=min(r["cpu"] for r in runs), wall_median=statistics.median(r["wall"] for r in runs))
    return min(r["wall"] for r in runs), max(r["maxrss_kb"] for r in runs) / 1024, last


class Unavailable(Exception):
    """A command or module that has not landed yet: the measurement is skipped."""


def require_ok(rec: dict, what: str) -> None:
    if rec["rc"] in (0, 1):
        return
    lines = rec["stderr"].strip().splitlines() or ["(no message)"]
    err = next((l for l in lines if "error" in l.lower()), lines[-1])
    if "No such command" in rec["stderr"] or "No module named" in rec["stderr"]:
        raise Unavailable(f"{what} is not available yet: {err}")
    raise Unavailable(f"{what} exited {rec['rc']}: {err}")


def floor_run(text_paths: list[Path], repeats: int) -> dict:
    """The floor for the given texts: wall of a fresh process, and its load/process split."""
    walls, loads, procs, cpus = [], [], [], []
    for _ in range(repeats):
        rec = measure([sys.executable, "-c", FLOOR, *map(str, text_paths)])
        inner = json.loads(rec["stdout"])
        cpus.append(rec["cpu"])
        walls.append(rec["wall"])
        loads.append(inner["load"])
        procs.append(inner["process"])
    return {"wall": min(walls), "wall_median": statistics.median(walls), "cpu": min(cpus), "load": min(loads),
            "process": min(procs), "maxrss_mb": rec["maxrss_kb"] / 1024}


def imported_modules(cmd_args: list[str]) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """What a command imports, from ``-X importtime``.

    Returns {top-level package: the top-level import that first pulled it in}
    (so ``rich`` imported by ``spacy``'s own ``__init__`` is told apart from
    ``rich`` imported by ncnd-check), and the slowest direct imports (µs, name).
    """
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "ncnd_check", *cmd_args], capture_output=True, text=True)
    parsed = []
    for line in p.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if m:
            parsed.append((len(m.group(3)), int(m.group(2)), m.group(4)))
    # importtime prints children before their parent; the parent of a top-level
    # tree is the next line at the smallest indent.
    tops: dict[str, str] = {}
    pending: list[str] = []
    costs: list[tuple[int, str]] = []
    base = min((d for d, _, _ in parsed), default=1)
    for depth, cumulative, name in parsed:
        pending.append(name.split(".")[0])
        if depth == base:
            costs.append((cumulative, name))
            for pkg in pending:
                tops.setdefault(pkg, name.split(".")[0])
            pending = []
    costs.sort(reverse=True)
    return tops, costs[:6]


# ---------------------------------------------------------------- the measurements


def bench_floor(res: Results, corpus: dict, repeats: int) -> dict:
    typical = corpus["typical"]["text"][0]
    floors = {"typical": floor_run([typical], repeats)}
    if corpus["long"].get("text"):
        floors["long"] = floor_run([corpus["long"]["text"][0]], repeats)
    batch = corpus["typical"]["text"]
    floors["batch"] = floor_run(batch, 1)
    floors["per_draft_process"] = floors["batch"]["process"] / len(batch)
    f = floors["typical"]
    res.add("floor", "bare spaCy: load (import + blank + sentencizer)", f["load"], "s")
    res.add("floor", "bare spaCy: process one typical draft", f["process"] * 1000, "ms")
    res.add("floor", "bare spaCy: fresh process, load + process one typical draft", f["wall"], "s",
            note=f"best; median {f['wall_median'] * 1000:.0f} ms; CPU {f['cpu'] * 1000:.0f} ms")
    res.add("floor", f"bare spaCy: process per draft, warm ({len(batch)} drafts)", floors["per_draft_process"] * 1000, "ms")
    if "long" in floors:
        res.add("floor", "bare spaCy: fresh process, load + process the 100-page draft", floors["long"]["wall"], "s")
    res.add("floor", "bare spaCy: peak memory", f["maxrss_mb"], "MB")
    return floors


def bench_commands(res: Results, floors: dict, repeats: int) -> None:
    cmd = ncnd_cmd()
    for args in (["--version"], ["rules"], ["refs", "list"]):
        name = " ".join(args)
        try:
            wall, rss, rec = measure_many(cmd + args, repeats)
            require_ok(rec, f"`ncnd-check {name}`")
        except Unavailable as exc:
            res.skip(f"ncnd-check {name}", str(exc))
            continue
        tops, _ = imported_modules(args)
        spacy_in = "spacy" in tops
        res.add("start-up", f"ncnd-check {name}", wall, "s", floor=floors["typical"]["wall"],
                target="< 0.3 s, no spaCy", met=wall < 0.3 and not spacy_in,
                note="imports spaCy" if spacy_in else "spaCy not imported")


def bench_cold_check(res: Results, corpus: dict, floors: dict, repeats: int, formats: list[str]) -> None:
    cmd = ncnd_cmd()
    for fmt in formats:
        path = corpus["typical"][fmt][0]
        try:
            wall, rss, rec = measure_many(cmd + ["check", str(path), "--format", "json"], repeats)
            require_ok(rec, f"`check` on {fmt}")
        except Unavailable as exc:
            res.skip(f"cold check ({fmt})", str(exc))
            continue
        cpu = rec["cpu_best"]
        median, floor_median = rec["wall_median"], floors["typical"]["wall_median"]
        res.add("cold check", f"typical {fmt} draft, fresh process (median of {repeats})", median, "s",
                floor=floor_median, target="<= 1.3x floor", met=median <= 1.3 * floor_median,
                note=f"best {wall * 1000:.0f} ms = {wall / floors['typical']['wall']:.2f}x the floor's best; "
                f"CPU {cpu * 1000:.0f} ms = {cpu / floors['typical']['cpu']:.2f}x the floor's CPU")
        res.add("memory", f"check typical {fmt}: peak RSS", rss, "MB", floor=floors["typical"]["maxrss_mb"], target="< 300 MB", met=rss < 300)
    # Heavy imports a plain check must not pay for.
    path = corpus["typical"][formats[0]][0]
    tops, slowest = imported_modules(["check", str(path), "--format", "json"])
    ours = [m for m in HEAVY_MODULES if m in tops and tops[m] in ("ncnd_check", m)]
    theirs = [f"{m} (by {tops[m]})" for m in HEAVY_MODULES if m in tops and m not in ours]
    res.info["check: slowest imports"] = ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in slowest)
    note = ", ".join(ours) or "none"
    if theirs:
        note += "; pulled in by a dependency, as in the floor: " + ", ".join(theirs)
    res.add("cold check", "heavy modules ncnd-check imports for a plain check", len(ours), "modules",
            target="none of " + "/".join(HEAVY_MODULES), met=not ours, note=note)
    if corpus["long"].get("docx"):
        for fmt in formats:
            path = corpus["long"][fmt][0]
            try:
                wall, rss, rec = measure_many(cmd + ["check", str(path), "--format", "json"], max(1, repeats // 2))
                require_ok(rec, f"`check` on the long {fmt} draft")
            except Unavailable as exc:
                res.skip(f"100-page check ({fmt})", str(exc))
                continue
            res.add("long draft", f"100-page {fmt} draft, fresh process", wall, "s", floor=floors["long"]["wall"], target="< 2 s", met=wall < 2.0,
                    note=f"CPU {rec['cpu_best'] * 1000:.0f} ms")
            res.add("memory", f"check 100-page {fmt}: peak RSS", rss, "MB", floor=floors["long"]["maxrss_mb"], target="< 300 MB", met=rss < 300)


#: Paragraphs in the scale row's DOCX (issue 12, item 15: memory must not grow with the document).
SCALE_PARAGRAPHS = 100_000


def write_scale_docx(path: Path, paragraphs: int = SCALE_PARAGRAPHS, seed: int = 7) -> Path:
    """A DOCX of ``paragraphs`` short paragraphs (a heading every 50), written with tests/docx_factory."""
    import random

    sys.path.insert(0, str(ROOT / "tests"))
    from docx_factory import build_docx, heading, paragraph

    rng = random.Random(seed)
    words = ("the public interest in confirming or denying whether information is held must be weighed "
             "against the harm to law enforcement and national security").split()
    parts = [heading("Response", 1)]
    for i in range(paragraphs):
        if i % 50 == 0:
            parts.append(heading(f"Section {i // 50}", 2))
        parts.append(paragraph(" ".join(rng.choice(words) for _ in range(rng.randint(8, 30))) + f" ({i})."))
    path.write_bytes(build_docx("".join(parts)))
    return path


def bench_scale(res: Results, tmp: Path) -> None:
    """Peak memory and time of `check` on a 100,000-paragraph DOCX in a fresh process (target < 300 MB)."""
    path = write_scale_docx(tmp / "scale-100k.docx")
    rec = measure(ncnd_cmd() + ["check", str(path), "--format", "json", "--isolated"])
    require_ok(rec, "`check` on the 100,000-paragraph DOCX")
    rss = rec["maxrss_kb"] / 1024
    res.add("memory", f"check a {SCALE_PARAGRAPHS:,}-paragraph DOCX ({path.stat().st_size / 1048576:.1f} MB): peak RSS",
            rss, "MB", target="< 300 MB", met=rss < 300, note=f"{rec['wall']:.1f} s wall, CPU {rec['cpu']:.1f} s")


def _audit(folder: Path, jobs: int, tmp: Path, html: bool = True, repeats: int = 1) -> dict:
    """The fastest of ``repeats`` fresh ``audit`` runs: with an HTML report (the usual
    use), or with only the summary (no report kept: the runner's own memory)."""
    out = ["--report", str(tmp / f"audit-{jobs}-{folder.name}.html")] if html else ["--quiet"]
    best = None
    for _ in range(repeats):
        rec = measure(ncnd_cmd() + ["audit", str(folder), "--jobs", str(jobs), *out])
        require_ok(rec, "`audit`")
        best = rec if best is None or rec["wall"] < best["wall"] else best
    return best


def _throughput(res: Results, files: list[Path], tmp: Path, per_draft_floor: float, judge: bool, label: str,
                repeats: int = 5, start_up: bool = True) -> dict[int, float]:
    """Drafts/s of ``audit --report`` with --jobs 1 and 2 over ``files``, after start-up.

    Start-up is measured on two of the files, so --jobs 2 really starts its
    pool of two workers. --jobs 1 and --jobs 2 runs alternate (best of 5
    each), so a change in the machine's speed does not land on one of them only.
    """
    n = len(files)
    one = tmp / f"audit-start-{label}"
    one.mkdir(exist_ok=True)
    for f in files[:2]:
        shutil.copy(f, one / f.name)
    k = len(files[:2])
    folder = files[0].parent
    best: dict[tuple[int, str], dict] = {}
    for _ in range(repeats):
        for jobs in (1, 2):
            for what, where in (("start", one), ("all", folder)):
                if what == "start" and not start_up:
                    continue  # --quick: too few drafts to take start-up apart
                rec = _audit(where, jobs, tmp)
                if (jobs, what) not in best or rec["wall"] < best[jobs, what]["wall"]:
                    best[jobs, what] = rec
    rates = {}
    for jobs in (1, 2):
        start = best.get((jobs, "start"), {"wall": 0.0})
        rec = best[jobs, "all"]
        raw = n / rec["wall"]
        steady = (n - k) / max(1e-6, rec["wall"] - start["wall"]) if start_up else raw
        cpu_rate = (n - k) / max(1e-6, rec["cpu"] - start.get("cpu", 0.0))
        rates[jobs] = steady
        target = ">= 100 /s per core" if jobs == 1 else ">= 200 /s (2 cores)"
        res.add("audit", f"--jobs {jobs}, {label}: drafts/s after start-up", steady, "/s", floor=1 / per_draft_floor,
                target=target if judge else "", met=(steady >= 100 * jobs) if judge else None,
                note=f"{rec['wall']:.2f} s incl. {start['wall']:.2f} s start-up; {cpu_rate:.0f} drafts per CPU-second"
                + ("" if judge else "; not judged (see the distinct-drafts rows)" if start_up else "; too few drafts to judge (--quick)"))
        peak = rec["maxrss_kb"] / 1024
        res.add("memory", f"audit --jobs {jobs}, {label}: peak RSS of the largest process", peak, "MB", target="< 300 MB", met=peak < 300)
    res.add("audit", f"--jobs 2 speed-up over --jobs 1, {label}", rates[2] / rates[1], "x", target=">= 1.7x" if judge else "",
            met=(rates[2] / rates[1] >= 1.7) if judge else None)
    return rates


def bench_audit(res: Results, corpus: dict, floors: dict, tmp: Path, big: int, judge: bool = True) -> None:
    """Audit throughput and memory.

    Judged on ``big`` distinct typical DOCX drafts (default 1,000): an audit
    reads a whole disclosure log, and each worker learns the shared template
    wording (ncnd_check.memo) once, so a short run is mostly start-up and
    learning. The 200-draft corpus is measured too, for comparison.
    """
    per_draft_floor = floors["per_draft_process"]
    try:
        small = corpus["typical"]["docx"]
        if big > len(small) and judge:
            distinct = generate.generate(tmp / "distinct", typical=big, long=0, seed=1000 + big, formats=("docx",))["typical"]["docx"]
            _throughput(res, small, tmp, per_draft_floor, judge=False, label=f"{len(small)} typical DOCX", repeats=1)
            _throughput(res, distinct, tmp, per_draft_floor, judge=True, label=f"{big} distinct typical DOCX")
        else:
            _throughput(res, small, tmp, per_draft_floor, judge=False, label=f"{len(small)} typical DOCX", repeats=1, start_up=False)
            return
    except Unavailable as exc:
        res.skip("audit throughput", str(exc))
        return
    # Memory: repeating the same drafts must not grow it at all; drafts that are all
    # different fill the per-text memos to their caps, where memory levels off.
    folder = small[0].parent
    many = tmp / "audit-many"
    many.mkdir(exist_ok=True)
    n = len(small)
    for i in range(big):
        src = small[i % n]
        dst = many / f"{i:05d}_{src.name}"
        if not dst.exists():
            os.link(src, dst) if hasattr(os, "link") else shutil.copy(src, dst)
    base = _audit(folder, 1, tmp, html=False)["maxrss_kb"] / 1024
    repeated = _audit(many, 1, tmp, html=False)["maxrss_kb"] / 1024
    res.add("memory", f"audit --quiet over {n} -> {big} drafts (the {n} repeated): peak RSS", repeated, "MB",
            target="< 300 MB, flat in files", met=repeated < 300 and repeated - base <= 0.1 * base,
            note=f"{base:.0f} MB over {n}; {(repeated - base) * 1024 / (big - n):+.0f} KB per extra file")
    rec = _audit(many, 1, tmp)
    with_report = rec["maxrss_kb"] / 1024
    res.add("memory", f"audit --report over {big} drafts (the {n} repeated): peak RSS", with_report, "MB", target="< 300 MB", met=with_report < 300,
            note=f"{big / rec['wall']:.0f} drafts/s whole run")
    sizes = {}
    for count in (big, int(big * 2.5)):
        made = distinct if count == big else generate.generate(tmp / f"distinct-{count}", typical=count, long=0, seed=1000 + count, formats=("docx",))["typical"]["docx"]
        sizes[count] = _audit(made[0].parent, 1, tmp, html=False)["maxrss_kb"] / 1024
    (a, ra), (b, rb) = sizes.items()
    res.add("memory", f"audit --quiet over {a} -> {b} distinct drafts: peak RSS", rb, "MB",
            target="< 300 MB, levels off", met=rb < 300 and rb - ra <= 0.1 * ra,
            note=f"{ra:.0f} MB over {a}; {(rb - ra) * 1024 / (b - a):+.0f} KB per extra file (memos capped, see ncnd_check/memo.py)")


def bench_learn(res: Results, tmp: Path, count: int, repeats: int = 1) -> None:
    """``refs learn`` over ``count`` distinct typical DOCX drafts (a year of sent letters), --jobs 1 and 2."""
    if count < 2:
        res.skip("learn", "needs --many of at least 2")
        return
    letters = generate.generate(tmp / "learn-letters", typical=count, long=0, seed=2000 + count, formats=("docx",))["typical"]["docx"]
    folder = letters[0].parent
    for jobs in (1, 2):
        best = None
        for n in range(repeats):
            out = tmp / f"learned-{jobs}-{n}"
            rec = measure(ncnd_cmd() + ["refs", "learn", str(folder), "--output", str(out), "--jobs", str(jobs), "-q"])
            require_ok(rec, "`refs learn`")
            best = rec if best is None or rec["wall"] < best["wall"] else best
        entries = sum(path.read_text(encoding="utf-8").count("[[paragraph]]") for path in out.glob("*.toml"))
        res.add("learn", f"refs learn over {count} typical DOCX letters, --jobs {jobs}", best["wall"], "s",
                target="< 60 s" if jobs == 2 else "", met=(best["wall"] < 60) if jobs == 2 else None,
                note=f"{count / best['wall']:.0f} letters/s; CPU {best['cpu']:.1f} s; {entries} entries learned; "
                f"peak RSS {best['maxrss_kb'] / 1024:.0f} MB")


def _forget() -> None:
    """Empty ncnd-check's per-text memos (ncnd_check.memo), where it has them."""
    try:
        from ncnd_check.memo import forget_all
    except ImportError:
        return
    forget_all()


def _stage_times(paths: list[Path], settings, library, forget: bool = False) -> dict[str, list[float]]:
    """Per-draft seconds of each stage, in this (warm) process.

    ``forget``: empty the per-text memos before each draft, so no draft gains
    from wording another draft shared (the worst case: nothing repeats).
    """
    from ncnd_check.analysis import analyse
    from ncnd_check.engine import FileResult, run_rules
    from ncnd_check.readers import read_path
    from ncnd_check.report import render

    times: dict[str, list[float]] = {"read": [], "analyse": [], "rules": [], "report": [], "total": [], "findings": [], "cpu": []}
    for path in paths:
        if forget:
            _forget()
        c0 = time.process_time()
        t0 = time.perf_counter()
        doc = read_path(path, settings)
        t1 = time.perf_counter()
        analysis = analyse(doc, settings, library)
        t2 = time.perf_counter()
        findings = run_rules(analysis, doc.path)
        t3 = time.perf_counter()
        result = FileResult(path=doc.path, format=doc.format, response=analysis.response_dict(), findings=findings)
        render([result], "json", settings)
        t4 = time.perf_counter()
        for k, v in zip(("read", "analyse", "rules", "report", "total"), (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0)):
            times[k].append(v)
        times["findings"].append(len(findings))
        times["cpu"].append(time.process_time() - c0)
    return times


def _warm(settings, library, path: Path) -> None:
    """Load the pipeline and the library once, as a process would before its first draft."""
    _stage_times([path], settings, library)


def bench_stages(res: Results, corpus: dict, floors: dict) -> None:
    try:
        from ncnd_check.engine import get_library
        from ncnd_check.settings import Settings
    except ImportError as exc:
        res.skip("stage profile", f"engine not importable: {exc}")
        return
    settings = Settings(format="json")
    try:
        library = get_library(settings)
        _warm(settings, library, corpus["typical"]["text"][0])
    except Exception as exc:  # a module that has not landed
        res.skip("stage profile", f"{type(exc).__name__}: {exc}")
        return
    per_draft_floor = floors["per_draft_process"] * 1000
    for kind in ("typical", "long"):
        for fmt, paths in corpus[kind].items():
            if not paths:
                continue
            _forget()  # each format starts with empty memos, as an audit of that format would
            try:
                times = _stage_times(paths, settings, library)
            except Exception as exc:
                res.skip(f"stage profile ({kind} {fmt})", f"{type(exc).__name__}: {exc}")
                continue
            med = {k: statistics.median(v) * 1000 for k, v in times.items()}
            floor = per_draft_floor if kind == "typical" else floors.get("long", {}).get("process", 0) * 1000
            split = ", ".join(f"{k} {med[k]:.1f}" for k in ("read", "analyse", "rules", "report")) + f" ms; CPU {med['cpu']:.1f}"
            target = "< 2 s" if kind == "long" else ""
            res.add("stages", f"{kind} {fmt}: read+analyse+rules+report, warm, memos from empty", med["total"], "ms", floor=floor or None,
                    target=target, met=(med["total"] < 2000) if kind == "long" else None, note=f"{split} ms")
    # The worst case for the per-text memos: a log in which no wording repeats.
    paths = corpus["typical"].get("docx", [])[:60]
    if paths:
        times = _stage_times(paths, settings, library, forget=True)
        med = {k: statistics.median(v) * 1000 for k, v in times.items()}
        split = ", ".join(f"{k} {med[k]:.1f}" for k in ("read", "analyse", "rules", "report")) + f" ms; CPU {med['cpu']:.1f}"
        res.add("stages", "typical docx, memos emptied before each draft (no wording repeats)", med["total"], "ms",
                floor=per_draft_floor, note=f"{split} ms")


def bench_library_scaling(res: Results, corpus: dict, tmp: Path, scales: list[int]) -> None:
    try:
        from ncnd_check.engine import get_library
        from ncnd_check.settings import Settings
        import library_scale
    except ImportError as exc:
        res.skip("library scaling", f"not importable: {exc}")
        return
    base = ROOT / "reference_texts"
    try:
        base_count = library_scale.paragraph_count(base)
    except library_scale.NoLibrary as exc:
        res.skip("library scaling", str(exc))
        return
    paths = corpus["typical"]["docx"][:40]
    baseline = warm_baseline = None
    for scale in [1, *scales]:
        folder = base if scale == 1 else library_scale.scaled_library(base, tmp / f"library-x{scale}", scale)
        settings = Settings(format="json", reference_dir=str(folder))
        t0 = time.perf_counter()
        try:
            library = get_library(settings)
        except Exception as exc:
            res.skip(f"library x{scale}", f"{type(exc).__name__}: {exc}")
            continue
        load = time.perf_counter() - t0
        _warm(settings, library, paths[0])
        # Judged on a first pass with every per-text memo empty (the cost a bigger library
        # adds to new wording); the warm pass after it is what repeated wording costs.
        _forget()
        times = _stage_times(paths, settings, library)
        warm = statistics.median(_stage_times(paths, settings, library)["cpu"]) * 1000
        per = statistics.median(times["cpu"]) * 1000  # CPU: the ratio must not depend on other load
        found = sum(times["findings"]) / len(paths)
        baseline = baseline or per
        n = library_scale.paragraph_count(folder)
        warm_baseline = warm_baseline or warm
        if scale == 1:
            res.add("library", f"x1 ({n} paragraphs): per-draft CPU time, memos empty", per, "ms",
                    note=f"{warm:.1f} ms warm; library loads in {load * 1000:.0f} ms; {found:.1f} findings per draft")
        else:
            res.add("library", f"x{scale} ({n} paragraphs): per-draft CPU time vs x1, memos empty", per / baseline, "x",
                    target="< 1.5x" if scale == 10 else "", met=(per / baseline < 1.5) if scale == 10 else None,
                    note=f"{per:.1f} ms CPU per draft ({warm / warm_baseline:.2f}x warm); library loads in {load * 1000:.0f} ms; {found:.1f} findings per draft")
    res.info["library_paragraphs"] = base_count


# ---------------------------------------------------------------- printing


def table(res: Results) -> str:
    head = ("measure", "value", "x floor", "target", "status", "notes")
    lines = []
    for r in res.rows:
        status = "" if r.met is None else ("met" if r.met else "MISSED")
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        lines.append((f"[{r.section}] {r.measure}", _fmt(r.value, r.unit), ratio, r.target, status, r.note))
    widths = [max([len(head[i])] + [len(l[i]) for l in lines]) for i in range(6)]

    def fmt_line(l: tuple) -> str:
        cells = [l[i].rjust(widths[i]) if i in (1, 2) else l[i].ljust(widths[i]) for i in range(5)]
        return ("  ".join(cells) + "  " + l[5]).rstrip()

    return "\n".join([fmt_line(head), "  ".join("-" * w for w in widths[:5]) + "  -----", *map(fmt_line, lines)])


def markdown(res: Results) -> str:
    out = ["| measure | value | × floor | target | status |", "| --- | ---: | ---: | --- | --- |"]
    for r in res.rows:
        status = "" if r.met is None else ("met" if r.met else "**missed**")
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        note = f" ({r.note})" if r.note else ""
        out.append(f"| {r.section}: {r.measure}{note} | {_fmt(r.value, r.unit)} | {ratio} | {r.target} | {status} |")
    return "\n".join(out)


def report(res: Results) -> str:
    parts = ["", "ncnd-check benchmark", "=" * 20]
    parts += [f"{k}: {v}" for k, v in res.info.items()]
    parts += ["", "Floor = bare spacy.blank('en') + sentencizer loading and processing the same texts; 'x floor' = value / floor.", ""]
    parts.append(table(res))
    met = [r for r in res.rows if r.met is True]
    missed = [r for r in res.rows if r.met is False]
    parts += ["", f"targets met: {len(met)}, missed: {len(missed)}"]
    if res.skipped:
        parts += ["", "skipped (not available yet or failed):"]
        parts += [f"  - {what}: {why}" for what, why in res.skipped]
    return "\n".join(parts)


# ---------------------------------------------------------------- main


def _compile_package() -> str:
    """Byte-compile ncnd_check, as ``pip install`` does, so a cold start is not a source compile.

    (An editable install under PYTHONDONTWRITEBYTECODE=1 never writes .pyc files,
    which adds about 0.15 s to every fresh process; spaCy's own are compiled.)
    """
    import compileall

    import ncnd_check

    folder = Path(ncnd_check.__file__).parent
    try:
        ok = compileall.compile_dir(str(folder), quiet=1)
    except OSError as exc:
        return f"ncnd_check not byte-compiled ({exc}); cold figures include compiling it"
    return "ncnd_check byte-compiled first, as an installed package is" if ok else "byte-compiling ncnd_check failed in part"


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark ncnd-check (see bench/README.md).")
    ap.add_argument("--quick", action="store_true", help="smoke run: 3 tiny drafts, one repeat, no long draft")
    ap.add_argument("--out", type=Path, default=HERE / "out", help="where the corpus and results go (default bench/out)")
    ap.add_argument("--typical", type=int, default=200, help="typical drafts per format (default 200)")
    ap.add_argument("--repeats", type=int, default=5, help="runs per cold timing; the best is reported (default 5)")
    ap.add_argument("--many", type=int, default=1000, help="distinct drafts in the judged audit throughput and memory runs (default 1000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--only", help="comma list of sections: floor,commands,cold,audit,stages,library,learn,scale")
    ap.add_argument("--markdown", action="store_true", help="also print the table as Markdown (for the README)")
    args = ap.parse_args(argv)

    if args.quick:
        args.typical, args.repeats, args.many = 3, 1, 0
    only = set(args.only.split(",")) if args.only else None
    want = lambda s: only is None or s in only  # noqa: E731
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    res = Results()
    import spacy

    res.info.update({
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, spaCy {spacy.__version__}",
        "command": " ".join(["python bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
    })
    res.info["bytecode"] = _compile_package()
    load_start = _loadavg()
    t0 = time.perf_counter()
    print("generating the corpus ...", file=sys.stderr, flush=True)
    corpus = generate.generate(
        out / "corpus", typical=args.typical, long=0 if args.quick else 1, seed=args.seed,
        typical_words=200 if args.quick else 1000,
    )
    res.info["corpus"] = (
        f"{args.typical} typical drafts x docx/html/text (~{corpus['words']['typical']:.0f} words)"
        + ("" if args.quick else f", 1 long draft (~{corpus['words']['long']:.0f} words)")
        + f", from the {corpus['source']}, seed {args.seed}"
    )
    formats = ["text"] if args.quick else ["docx", "html", "text"]
    with tempfile.TemporaryDirectory(prefix="ncnd-bench-") as tmpdir:
        tmp = Path(tmpdir)
        print("floor ...", file=sys.stderr, flush=True)
        floors = bench_floor(res, corpus, args.repeats)
        steps = [
            ("commands", lambda: bench_commands(res, floors, args.repeats)),
            ("cold", lambda: bench_cold_check(res, corpus, floors, args.repeats, formats)),
            ("stages", lambda: bench_stages(res, corpus, floors)),
            ("audit", lambda: bench_audit(res, corpus, floors, tmp, args.many, judge=not args.quick)),
            ("library", lambda: bench_library_scaling(res, corpus, tmp, [10] if args.quick else [10, 100])),
            ("learn", lambda: bench_learn(res, tmp, args.many if not args.quick else 3)),
        ]
        if not args.quick:
            steps.append(("scale", lambda: bench_scale(res, tmp)))
        for name, step in steps:
            if not want(name):
                continue
            print(f"{name} ...", file=sys.stderr, flush=True)
            try:
                step()
            except Exception as exc:  # one broken measurement must not hide the others
                res.skip(name, f"{type(exc).__name__}: {exc}")
                if os.environ.get("NCND_BENCH_DEBUG"):
                    traceback.print_exc()
    res.info["benchmark time"] = f"{time.perf_counter() - t0:.0f} s"
    res.info["load average at start / end"] = f"{load_start} / {_loadavg()} (other work on the machine inflates every figure)"
    text = report(res)
    print(text)
    if args.markdown:
        print("\n" + markdown(res))
    (out / "results.json").write_text(json.dumps({"info": res.info, "rows": [r.__dict__ | {"ratio": r.ratio} for r in res.rows], "skipped": res.skipped}, indent=2))
    (out / "results.md").write_text(markdown(res) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
