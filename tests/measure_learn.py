"""Measure what ``refs learn --min-support N`` keeps and loses, for choosing its default.

Run: python tests/measure_learn.py   (not a test: it prints figures for the notes)

Two corpora with known answers:

- "house": 40 Cumbria-style letters (tests/learn_letters.py) where each
  letter also has one paragraph of its own that exactly one other letter
  shares (two requests on one subject: chance, not template wording), and
  3 letters cite s40(5B) with its own template paragraph (a rarely used
  exemption: template wording seen 3 times). Right answer: the 12 template
  paragraphs and the s40(5B) one; none of the 20 shared-by-chance ones.
- "bench": 200 drafts from bench/generate.py, assembled from the bundled
  library with rewording, missing and misplaced paragraphs. Counted: the
  bundled paragraphs recovered (at least 90% alike) and other entries.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from learn_letters import write_letters  # noqa: E402

from ncnd_check.learn import learn  # noqa: E402
from ncnd_check.learn.writer import write_folder  # noqa: E402
from ncnd_check.wording.library import load_library  # noqa: E402
from ncnd_check.wording.matching import words  # noqa: E402
from ncnd_check.settings import Settings  # noqa: E402

#: Words for the paragraphs two letters share by chance: each pair's own sentence.
VOCABULARY = ("parking fines vehicle seizures licensing events stadium marches festival harbour airport rail "
              "station schools hospital council housing flooding bridges tunnels moorland farms quarry lakes "
              "tourism cycling footpaths bus depots shops markets pubs nightclubs").split()


def chance(topic: int) -> str:
    """A sentence of its own for each topic: two letters on one subject share it, nobody else."""
    import random

    rng = random.Random(topic)
    picked = rng.sample(VOCABULARY, 6)
    return (f"Your earlier correspondence mentioned {picked[0]} and {picked[1]}; the {picked[2]} team and the "
            f"{picked[3]} office hold records about {picked[4]} near the {picked[5]}.")
S40 = "Confirming or denying that information is held would disclose personal data about an identifiable person."


def house(folder: Path) -> None:
    write_letters(folder, "cumbria", 40)
    for n in range(40):
        path = folder / f"letter_{n:02d}.md"
        text = path.read_text(encoding="utf-8")
        text = text.replace("## Balancing test", chance(n % 20) + "\n\n## Balancing test")
        if n in (5, 17, 29):
            text = text.replace("## Balancing test", "- Section 40(5B) Personal Information\n\n" + S40 + "\n\n## Balancing test")
        path.write_text(text, encoding="utf-8")


def learned(folder: Path, n: int):
    files = sorted(str(p) for p in folder.rglob("*") if p.suffix in (".md", ".txt"))
    result = learn([(f, os.path.basename(f)) for f in files], Settings(), min_support=n)
    out = Path(tempfile.mkdtemp()) / "lib"
    write_folder(result.files, out)
    return load_library(str(out))


def main() -> None:
    from rapidfuzz.distance import Indel

    tmp = Path(tempfile.mkdtemp())
    house(tmp / "house")
    print("house corpus (40 letters): 12 template paragraphs + 1 of a rarely cited exemption; 20 paragraphs shared by chance")
    for n in (1, 2, 3, 4, 5):
        lib = learned(tmp / "house", n)
        chance = sum(1 for p in lib.paragraphs if "earlier correspondence mentioned" in p.text)
        rare = any("identifiable person" in p.text for p in lib.paragraphs)
        template = len(lib.paragraphs) - chance - rare
        print(f"  min-support {n}: {template} template, rare exemption's paragraph {'kept' if rare else 'LOST'}, {chance} shared by chance")
    subprocess.run([sys.executable, str(HERE.parent / "bench" / "generate.py"), str(tmp / "bench"), "--typical", "200",
                    "--long", "0", "--seed", "11"], check=True, capture_output=True)
    bundled = [words(p.text, strip_label=False).keys for p in load_library(None).paragraphs]
    print(f"bench corpus (200 drafts from the bundled library's {len(bundled)} paragraphs)")
    for n in (1, 2, 3, 5, 8):
        lib = learned(tmp / "bench" / "typical" / "text", n)
        found, other = set(), 0
        for p in lib.paragraphs:
            k = words(p.text, strip_label=False).keys
            best = max(range(len(bundled)), key=lambda i: Indel.normalized_similarity(k, bundled[i]))
            if Indel.normalized_similarity(k, bundled[best]) >= 0.9:
                found.add(best)
            else:
                other += 1
        print(f"  min-support {n}: {len(found)} bundled paragraphs recovered, {other} other entries")


if __name__ == "__main__":
    main()
