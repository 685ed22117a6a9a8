"""The house-style corpus (tests/housestyles/): loading, running and scoring it.

Shared by tests/test_housestyles.py (which asserts) and
tests/measure_housestyles.py (which prints figures), so both read the
fixtures' front matter and the leak sentence set the same way. The format is
described in tests/housestyles/README.md.
"""

from __future__ import annotations

import csv
import re
import shlex
from dataclasses import dataclass, field
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The corpus folder; NCND_HOUSESTYLES points the measuring script at another one
#: laid out the same way (tests/heldout/, written without seeing the tool).
ROOT = Path(os.environ.get("NCND_HOUSESTYLES") or HERE / "housestyles")
HELD_OUT = HERE / "heldout"
LEAK_TSV = ROOT / "leak_sentences.tsv"
FORMATS = ("text", "html", "docx")
LEAK_KINDS = ("held", "not-held", "indirect")

_FRONT = re.compile(r"<!--\s*(style|type|exemptions|errors|finds|all|settings|defect):\s*(.*?)\s*-->")


@dataclass(frozen=True)
class Fixture:
    style: str
    variant: str  # "correct" or "defect-..."
    path: Path
    meta: dict = field(hash=False, compare=False)

    @property
    def id(self) -> str:
        return f"{self.style}/{self.variant}"

    @property
    def is_correct(self) -> bool:
        return self.variant == "correct"

    @property
    def type(self) -> str:
        return self.meta["type"]

    @property
    def exemptions(self) -> list[str]:
        return _words(self.meta["exemptions"])

    @property
    def errors(self) -> set[str]:
        return set(_words(self.meta["errors"]))

    @property
    def finds(self) -> set[str]:
        return set(_words(self.meta["finds"]))

    @property
    def all_none(self) -> bool:
        return self.meta.get("all", "").strip() == "none"


def _words(spec: str) -> list[str]:
    spec = spec.strip()
    return [] if spec in ("", "none") else spec.split()


def front(md: str) -> dict[str, str]:
    """The front-matter comments at the top of a fixture."""
    return {m.group(1): m.group(2) for m in _FRONT.finditer(md)}


def fixtures(root: Path | None = None) -> list[Fixture]:
    out = []
    for path in sorted((root or ROOT).glob("*/*.md")):
        if path.stem != "correct" and not path.stem.startswith("defect-"):
            continue
        out.append(Fixture(path.parent.name, path.stem, path, front(path.read_text(encoding="utf-8"))))
    return out


def settings_for(fixture: Fixture):
    """The Settings a fixture's ``settings:`` comment asks for (shlex-split key=value)."""
    from ncnd_check.settings import Settings

    settings = Settings()
    for item in shlex.split(fixture.meta.get("settings", "")):
        key, _, value = item.partition("=")
        current = getattr(settings, key)
        setattr(settings, key, value.lower() == "true" if isinstance(current, bool) else value)
    return settings


def run(fixture: Fixture, fmt: str, folder: Path):
    """Convert the fixture to ``fmt`` in ``folder`` and check it; returns the FileResult."""
    try:
        from tests import convert
    except ImportError:  # run as a script from tests/
        import convert

    from ncnd_check.engine import check_file

    md = fixture.path.read_text(encoding="utf-8")
    stem = f"{fixture.style}__{fixture.variant}"
    paths = convert.write_all(md, folder, stem)
    return check_file(paths[fmt], settings_for(fixture))


# --- Leak sentences -------------------------------------------------------------


@dataclass(frozen=True)
class LeakRow:
    line: int
    label: str  # leak | ok
    kind: str  # held | not-held | indirect | -
    style: str
    subject: str
    sentence: str

    @property
    def is_leak(self) -> bool:
        return self.label == "leak"


def leak_rows(path: Path | None = None) -> list[LeakRow]:
    with (path or LEAK_TSV).open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == ["label", "kind", "style", "subject", "sentence"], header
        return [LeakRow(n, *row) for n, row in enumerate(reader, start=2)]


def subject_terms(subject: str) -> set[str]:
    """The content words of a subject, as the analysis itself reduces a request."""
    from ncnd_check.analysis.subject import content_terms

    return content_terms(subject)


@dataclass
class LeakScore:
    tp: list = field(default_factory=list)
    fp: list = field(default_factory=list)
    fn: list = field(default_factory=list)
    tn: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = len(self.tp) + len(self.fp)
        return len(self.tp) / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = len(self.tp) + len(self.fn)
        return len(self.tp) / wanted if wanted else 1.0


def score_leaks(rows: list[LeakRow] | None = None) -> LeakScore:
    """Run the public leak classifier on every row; a row is predicted a leak when its verdict is."""
    from ncnd_check.analysis.leaks import classify_sentence

    score = LeakScore()
    for row in rows if rows is not None else leak_rows():
        verdict = classify_sentence(row.sentence, subject_terms(row.subject))
        bucket = {
            (True, True): score.tp,
            (False, True): score.fp,
            (True, False): score.fn,
            (False, False): score.tn,
        }[(row.is_leak, verdict.is_leak)]
        bucket.append((row, verdict))
    return score
