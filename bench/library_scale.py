"""Bigger approved-wording libraries, for the library-size scaling benchmark.

A library ``scale`` times larger is the real one plus ``scale - 1``
distractors per approved paragraph, appended to the same file as extra
``[[paragraph]]`` entries (same role, not required). Distractors are what a
growing library really gains: paraphrases of the approved wording (sentences
shuffled, words swapped, a sentence borrowed from a sibling paragraph), so
they compete with the real paragraphs for every alignment and cannot be
pruned on cheap features alone. Seeded, so every run builds the same library.
"""

from __future__ import annotations

import random
import re
import shutil
import tomllib
from pathlib import Path

SWAPS = [
    ("would", "could"), ("information", "material"), ("confirm or deny", "confirm or not"),
    ("public", "community"), ("Police Service", "force"), ("terrorist", "criminal"),
    ("held", "retained"), ("extremely", "highly"), ("individuals", "people"), ("undermine", "weaken"),
]


class NoLibrary(Exception):
    """There is no approved-wording library to scale."""


def _paragraph_files(folder: Path) -> dict[Path, dict]:
    out = {}
    for path in sorted(Path(folder).glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if data.get("paragraph"):
            out[path] = data
    return out


def paragraph_count(folder: Path) -> int:
    """Approved paragraphs in a library folder (NoLibrary if it has none)."""
    files = _paragraph_files(folder)
    if not files:
        raise NoLibrary(f"no approved-wording paragraphs in {folder} (reference_texts/*.toml)")
    return sum(len(d["paragraph"]) for d in files.values())


def _distractor(text: str, siblings: list[str], rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    rng.shuffle(sentences)
    if siblings and rng.random() < 0.5:
        other = re.split(r"(?<=[.!?])\s+", " ".join(rng.choice(siblings).split()))
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(other))
    out = " ".join(sentences)
    for old, new in rng.sample(SWAPS, 4):
        out = out.replace(old, new)
    return out


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaled_library(base: Path, out: Path, scale: int, seed: int = 11) -> Path:
    """Copy ``base`` to ``out`` with ``scale - 1`` distractors per paragraph; returns ``out``."""
    files = _paragraph_files(base)
    if not files:
        raise NoLibrary(f"no approved-wording paragraphs in {base}")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(base, out)
    rng = random.Random(seed)
    for path, data in files.items():
        paragraphs = data["paragraph"]
        texts = [str(p.get("text", "")) for p in paragraphs]
        extra = []
        for i, p in enumerate(paragraphs):
            siblings = texts[:i] + texts[i + 1 :]
            for n in range(1, scale):
                extra.append(
                    "\n[[paragraph]]\n"
                    f"id = {_toml_string(str(p.get('id', f'p{i}')) + f'.variant-{n}')}\n"
                    f"role = {_toml_string(str(p.get('role', 'explanation')))}\n"
                    "required = false\n"
                    "version = 1\n"
                    "approved = 2026-01-01\n"
                    f"text = {_toml_string(_distractor(texts[i], siblings, rng))}\n"
                )
        target = out / path.name
        target.write_text(target.read_text("utf-8").rstrip("\n") + "\n" + "".join(extra), "utf-8")
    return out
