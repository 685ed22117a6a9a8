"""Measure wording-deviation precision/recall per threshold, and alignment time per library size.

Run: python tests/measure_wording.py   (not a test: it prints figures for the notes)

Ground truth:
- the fixture drafts in tests/fixtures/wording (*.expect.toml say which
  paragraphs are deviations, unchanged, or request-specific);
- synthetic drafts: every approved paragraph of each exemption, edited in the
  ways drafters drift (one word, an added sentence, a dropped clause, 10-50%
  of words replaced) = positives; every paragraph of the *other* exemptions
  dropped into a draft that does not cite them = negatives (they share
  openings such as "Confirming or denying whether {authority} holds
  information about {subject} would..." with the cited ones).
"""

from __future__ import annotations

import random
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from wording_synth import edited, scaled  # noqa: E402

from ncnd_check.document import Block, Document  # noqa: E402
from ncnd_check.wording.library import load_library  # noqa: E402
from ncnd_check.wording.matching import align_document  # noqa: E402
from ncnd_check.readers import read_bytes  # noqa: E402

FIX = HERE / "fixtures" / "wording"
KINDS = ("one-word", "added-sentence", "dropped-clause", "reworded-10", "reworded-20", "reworded-30", "reworded-40", "reworded-50")


def doc_of(paragraphs: list[str]) -> Document:
    return Document(path="<synthetic>", format="text", blocks=[Block(i, "paragraph", t) for i, t in enumerate(paragraphs)])


def cases(library):
    """(document, cites, {block: expected id or None}, {block: positive?})"""
    out = []
    for md in sorted(FIX.glob("*.md")):
        from convert import to_text

        if not md.with_suffix(".expect.toml").exists():
            continue
        exp = tomllib.loads(md.with_suffix(".expect.toml").read_text())
        doc = read_bytes(to_text(md.read_text()).encode(), md.name, "text")
        truth = {}
        for e in exp["expect"]:
            blk = next(b for b in doc.blocks if b.norm.lstrip("0123456789. ").startswith(e["starts"]))
            truth[blk.index] = e["outcome"] + (":fixture" if e["outcome"] == "deviation" else "")
        out.append((doc, exp["cites"], truth))
    rng = random.Random(3)
    exemptions = sorted({p.exemption for p in library.paragraphs} - {"shared"})
    for ex in exemptions:
        own = [p for p in library.paragraphs if p.exemption == ex]
        for kind in KINDS:
            texts = [edited(p.filled({"authority": "Avon and Somerset Police", "subject": "drones"}), kind, rng) for p in own]
            out.append((doc_of(texts), [ex], {i: "deviation:" + kind for i in range(len(texts))}))
        others = [p for p in library.paragraphs if p.exemption not in (ex, "shared")]
        texts = [p.filled({"authority": "Avon and Somerset Police", "subject": "drones"}) for p in others]
        out.append((doc_of(texts), [ex], {i: "none" for i in range(len(texts))}))
    return out


def measure(library, thresholds, accept=100.0, per_kind=True):
    data = cases(library)
    print(f"{'threshold':>9} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}  recall by kind of edit")
    for t in thresholds:
        tp = fp = fn = 0
        by_kind: dict[str, list[int]] = {}
        for doc, cites, truth in data:
            al = align_document(doc, library, cites, t)
            for block, outcome in truth.items():
                a = al.for_block(block)
                flagged = a is not None and a.score < accept and a.changed
                if outcome.startswith("deviation"):
                    tp += flagged
                    fn += not flagged
                    k = by_kind.setdefault(outcome.split(":", 1)[1], [0, 0])
                    k[0] += flagged
                    k[1] += 1
                else:
                    fp += flagged
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        kinds = " ".join(f"{k}={v[0] / v[1]:.2f}" for k, v in by_kind.items()) if per_kind else ""
        print(f"{t:>9} {tp:>4} {fp:>4} {fn:>4} {p:>9.3f} {r:>7.3f}  {kinds}")


def timing(library, repeat=15):
    """CPU time per draft (process time, best of ``repeat``: other work on the machine does not count)."""
    from convert import to_text

    docs = [read_bytes(to_text(md.read_text()).encode(), md.name, "text") for md in sorted(FIX.glob("*.md"))]
    seed = Path(HERE.parent.parent / "shared" / "seed" / "000_a7a05b5f3e6f79d7.txt")
    if seed.exists():
        docs.append(read_bytes(seed.read_bytes(), seed.name, "text"))
    base = None
    for factor in (1, 10, 100):
        lib = library if factor == 1 else scaled(library, factor)
        t0 = time.perf_counter()
        lib.index()
        build = time.perf_counter() - t0
        runs = []
        for _ in range(repeat):
            t0 = time.process_time()
            for d in docs:
                align_document(d, lib, None, 70.0)
            runs.append((time.process_time() - t0) / len(docs))
        per = min(runs)
        base = base or per
        print(f"library x{factor:<3} {len(lib.paragraphs):>5} paragraphs: index {build * 1000:7.1f} ms once, "
              f"alignment {per * 1000:6.1f} ms per draft ({per / base:.2f}x)")


if __name__ == "__main__":
    lib = load_library(None)
    measure(lib, [40, 50, 55, 60, 65, 70, 75, 80, 85, 90])
    print()
    print("accept < 100 (same thresholds at 70):")
    for acc in (95.0, 97.0, 99.0, 100.0):
        print(f"wording_accept={acc}")
        measure(lib, [70], accept=acc, per_kind=False)
    print()
    timing(lib)
