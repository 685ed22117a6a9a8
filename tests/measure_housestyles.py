"""Measure the analysis on the house-style corpus (tests/housestyles/, issue 15).

Run: python tests/measure_housestyles.py [--format text|html|docx|all]
(not a test: it prints figures for the notes; tests/test_housestyles.py asserts).

Per style and in total:
- false errors: findings at severity error on a correct letter (each category once per letter);
- warnings on correct letters, for information;
- misses: a defect variant's ``finds:`` category that was not found;
- unexpected errors: error categories on a defect variant beyond its ``errors:``;
- missing errors: ``errors:`` categories a defect variant did not get at severity error;
- wrong type / exemptions: response.type or response.exemptions differing from the front matter.
Then the leak classifier's precision and recall on leak_sentences.tsv, with
its false positives and false negatives listed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import housestyle_corpus as corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=(*corpus.FORMATS, "all"), default="text")
    parser.add_argument("--style", action="append", help="only this style (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every false error and miss")
    args = parser.parse_args(argv)
    formats = corpus.FORMATS if args.format == "all" else (args.format,)

    rows = defaultdict(lambda: defaultdict(int))
    notes: list[str] = []
    start = time.perf_counter()
    fixtures = [f for f in corpus.fixtures() if not args.style or f.style in args.style]
    with tempfile.TemporaryDirectory() as tmp:
        for fixture in fixtures:
            for fmt in formats:
                result = corpus.run(fixture, fmt, Path(tmp))
                row = rows[fixture.style]
                where = f"{fixture.id} ({fmt})"
                if result.error is not None:
                    row["unreadable"] += 1
                    notes.append(f"{where}: unreadable: {result.error}")
                    continue
                row["letters"] += 1
                errors = {f.category for f in result.findings if f.severity == "error"}
                found = {f.category for f in result.findings}
                if result.response["type"] != fixture.type:
                    row["wrong type"] += 1
                    notes.append(f"{where}: type {result.response['type']}, expected {fixture.type}")
                if result.response["exemptions"] != fixture.exemptions:
                    row["wrong exemptions"] += 1
                    notes.append(f"{where}: exemptions {result.response['exemptions']}, expected {fixture.exemptions}")
                if fixture.is_correct:
                    row["correct letters"] += 1
                    row["false errors"] += len(errors)
                    row["correct with an error"] += bool(errors)
                    row["warnings on correct"] += sum(f.severity != "error" for f in result.findings)
                    if fixture.all_none and result.findings and not errors:
                        row["findings on non-NCND"] += len(result.findings)
                    for f in result.findings:
                        if f.severity == "error" or fixture.all_none:
                            notes.append(f"{where}: false {f.severity} {f.rule} {f.category}: {(f.evidence or f.message)[:140]}")
                else:
                    row["defects"] += 1
                    missed = fixture.finds - found
                    row["misses"] += len(missed)
                    row["wanted"] += len(fixture.finds)
                    extra = errors - fixture.errors
                    lacking = fixture.errors - errors
                    row["unexpected errors"] += len(extra)
                    row["missing errors"] += len(lacking)
                    for category in sorted(missed):
                        notes.append(f"{where}: MISSED {category}")
                    for category in sorted(extra):
                        rules = sorted({f.rule for f in result.findings if f.category == category and f.severity == "error"})
                        notes.append(f"{where}: unexpected error {category} {' '.join(rules)}")
                    for category in sorted(lacking - missed):
                        notes.append(f"{where}: {category} found, but not at severity error")
    elapsed = time.perf_counter() - start

    columns = ("letters", "correct with an error", "false errors", "warnings on correct", "defects", "misses",
               "unexpected errors", "missing errors", "wrong type", "wrong exemptions")
    width = max([len(s) for s in rows] + [5])
    print(f"House-style corpus, format(s): {', '.join(formats)}  ({len(fixtures)} fixtures, {elapsed:.1f}s)")
    print("style".ljust(width) + "".join(f" {c[:12]:>12}" for c in columns))
    total = defaultdict(int)
    for style in sorted(rows):
        for c in columns:
            total[c] += rows[style][c]
        total["wanted"] += rows[style]["wanted"]
        print(style.ljust(width) + "".join(f" {rows[style][c]:>12}" for c in columns))
    print("TOTAL".ljust(width) + "".join(f" {total[c]:>12}" for c in columns))
    correct = sum(r["correct letters"] for r in rows.values())
    if correct:
        print(f"\ncorrect letters with at least one false error: {total['correct with an error']}/{correct}")
    if total["wanted"]:
        print(f"defect recall (finds: categories found): {1 - total['misses'] / total['wanted']:.3f} "
              f"({total['wanted'] - total['misses']}/{total['wanted']})")
    if args.verbose or len(fixtures) <= 80:
        print("\nDetail:")
        for note in notes:
            print("  " + note)

    score = corpus.score_leaks()
    n = len(score.tp) + len(score.fp) + len(score.fn) + len(score.tn)
    print(f"\nLeak sentences ({n}: {len(score.tp) + len(score.fn)} leaks, {len(score.fp) + len(score.tn)} ok): "
          f"precision {score.precision:.3f}, recall {score.recall:.3f} "
          f"(tp {len(score.tp)}, fp {len(score.fp)}, fn {len(score.fn)}, tn {len(score.tn)})")
    by_kind = defaultdict(lambda: [0, 0])
    for r, _ in score.tp:
        by_kind[r.kind][0] += 1
    for r, _ in score.fn:
        by_kind[r.kind][1] += 1
    for kind in corpus.LEAK_KINDS:
        found, missed = by_kind[kind]
        if found + missed:
            print(f"  recall on {kind}: {found / (found + missed):.3f} ({found}/{found + missed})")
    print("False positives (ok sentences classified as leaks):")
    for r, v in score.fp:
        print(f"  line {r.line} {r.style}: {r.sentence}  -> {v.label} ({v.cue!r})")
    print("False negatives (leaks missed):")
    for r, v in score.fn:
        print(f"  line {r.line} {r.style} [{r.kind}]: {r.sentence}  -> {v.label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
