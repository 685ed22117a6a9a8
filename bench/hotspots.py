"""Where a draft's time goes: CPU milliseconds per draft for each stage, each rule and
the analysis steps behind them, in one warm process.

    python bench/hotspots.py                       # 60 typical DOCX drafts from bench/out/corpus
    python bench/hotspots.py FILE...               # your own drafts
    python bench/hotspots.py --cprofile 25 FILE    # also cProfile's top 25 functions by own time

CPU time (time.process_time) rather than wall time, so the figures hold on a
machine other work is using. Steps that do not exist (yet) are skipped.
Run ``python bench/run.py`` (or ``--quick``) first to generate the corpus.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

#: (module, function) pairs timed separately; their callers' times include them.
STEPS = [
    ("ncnd_check.readers", "read_path"),
    ("ncnd_check.analysis", "analyse"),
    ("ncnd_check.analysis.facts", "facts_for"),
    ("ncnd_check.analysis.structure", "find_structure"),
    ("ncnd_check.analysis.response_type", "classify_response"),
    ("ncnd_check.analysis.conclusions", "find_conclusions"),
    ("ncnd_check.analysis.leaks", "find_leaks"),
    ("ncnd_check.analysis.leaks", "parse_all"),
    ("ncnd_check.analysis.authorities", "role_mentions"),
    ("ncnd_check.analysis.subject", "find_subject"),
    ("ncnd_check.wording.matching", "align_document"),
    ("ncnd_check.engine", "run_rules"),
]


def _wrap(acc: dict, module: str, name: str) -> bool:
    try:
        mod = importlib.import_module(module)
        func = getattr(mod, name)
    except (ImportError, AttributeError):
        return False
    label = f"{module.removeprefix('ncnd_check.')}.{name}"

    def timed(*args, **kwargs):
        t = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            acc[label] += time.process_time() - t

    setattr(mod, name, timed)
    return True


def _wrap_rules(acc: dict) -> None:
    from ncnd_check.rules.registry import all_rules

    for rule in all_rules().values():
        func = rule.func

        def timed(ctx, func=func, code=rule.code):
            t = time.process_time()
            out = list(func(ctx))
            acc[f"rule {code} ({rule_names[code]})"] += time.process_time() - t
            return out

        try:
            rule.func = timed
        except AttributeError:  # a frozen dataclass
            object.__setattr__(rule, "func", timed)
    rule_names.update({code: r.name for code, r in all_rules().items()})


rule_names: dict[str, str] = {}


def _forgetter(each_draft: bool):
    """forget(): empty ncnd-check's per-text memos (ncnd_check.memo) if asked for each draft,
    or at once with always=True; a no-op where the memos do not exist."""
    try:
        from ncnd_check.memo import forget_all
    except ImportError:
        forget_all = None

    def forget(always: bool = False) -> None:
        if forget_all is not None and (always or each_draft):
            forget_all()

    return forget


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="CPU time per draft by stage, step and rule.")
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--cprofile", type=int, metavar="N", help="also print cProfile's top N functions (own time)")
    ap.add_argument("--top", type=int, default=30, help="rows to print (default 30)")
    ap.add_argument("--forget", action="store_true",
                    help="empty the per-text memos before each draft (the no-repetition worst case)")
    args = ap.parse_args(argv)
    paths = args.paths or sorted((HERE / "out" / "corpus" / "typical" / "docx").glob("*.docx"))[:60]
    if not paths:
        print("no drafts: run `python bench/run.py --quick` first, or name files", file=sys.stderr)
        return 2

    acc: dict[str, float] = defaultdict(float)
    # rules first: the registry imports the rule modules, which import analysis helpers by name
    from ncnd_check.rules.registry import all_rules

    all_rules()
    _wrap_rules(acc)
    wrapped = [f"{m}.{n}" for m, n in STEPS if _wrap(acc, m, n)]
    from ncnd_check.engine import check_file, get_library
    from ncnd_check.settings import Settings

    settings = Settings(format="json")
    library = get_library(settings)
    check_file(paths[0], settings, library)  # warm: pipeline, library, first-use compiles
    forget = _forgetter(args.forget)
    forget(always=True)  # then the memos start empty, as in a fresh audit
    acc.clear()
    elapsed = 0.0
    for path in paths:
        forget()
        t0 = time.process_time()
        check_file(path, settings, library)
        elapsed += time.process_time() - t0
    total = elapsed / len(paths) * 1000
    how = "memos emptied before each draft" if args.forget else "memos from empty, as in an audit"
    print(f"{len(paths)} drafts, CPU per draft {total:.1f} ms (check_file, warm; {how}); steps timed: {len(wrapped)}")
    for label, seconds in sorted(acc.items(), key=lambda kv: -kv[1])[: args.top]:
        ms = seconds / len(paths) * 1000
        print(f"  {ms:8.2f} ms  {100 * ms / total:5.1f}%  {label}")
    if args.cprofile:
        forget(always=True)
        prof = cProfile.Profile()
        for path in paths:
            forget()
            prof.enable()
            check_file(path, settings, library)
            prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
