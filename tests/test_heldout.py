"""The held-out letters (tests/heldout/): written by someone who never saw the tool or our corpus.

They were measured before any change was made for them, and are kept apart
from tests/housestyles/ so that they keep telling how the analysis does on
wording nobody tuned it on. Only what a user must be able to trust is
asserted here: a correct letter, in any format, gets no error; a non-NCND
response gets no finding; the leak classifier keeps its precision on these
sentences. Recall on the planted defects is measured, not asserted:
``NCND_HOUSESTYLES=tests/heldout python tests/measure_housestyles.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import housestyle_corpus as corpus

CORRECT = [f for f in corpus.fixtures(corpus.HELD_OUT) if f.variant == "correct"]
CASES = [pytest.param(f, fmt, id=f"{f.id}/{fmt}") for f in CORRECT for fmt in corpus.FORMATS]


def test_the_held_out_set_is_there() -> None:
    assert len(CORRECT) >= 8
    assert len(corpus.fixtures(corpus.HELD_OUT)) >= 40


@pytest.mark.parametrize(("fixture", "fmt"), CASES)
def test_a_correct_held_out_letter_gets_no_error(fixture: corpus.Fixture, fmt: str, tmp_path: Path) -> None:
    result = corpus.run(fixture, fmt, tmp_path)
    assert result.error is None, result.error
    assert result.response["type"] == fixture.type
    errors = [f for f in result.findings if f.severity == "error"]
    assert not errors, [(f.rule, f.message) for f in errors]
    if fixture.all_none:
        assert not result.findings, [(f.rule, f.message) for f in result.findings]


def test_leak_precision_on_held_out_sentences() -> None:
    score = corpus.score_leaks(corpus.leak_rows(corpus.HELD_OUT / "leak_sentences.tsv"))
    false_alarms = "\n".join(f"  {r.sentence} -> {v.label} ({v.cue})" for r, v in score.fp)
    assert score.precision >= 0.97, f"precision {score.precision:.3f}\n{false_alarms}"
    assert score.recall >= 0.5, f"recall {score.recall:.3f}"
