"""The trained pipeline the leak analysis parses with is the pinned one (data/model.toml)."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

from ncnd_check.analysis.leaks.parser import model_facts, parser


def test_the_installed_model_is_the_pinned_version_and_weights() -> None:
    facts = model_facts()
    meta = json.loads(resources.files(facts["module"]).joinpath("meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == facts["version"]
    assert meta["name"].startswith("core_web_sm") and meta["lang"] == "en"  # spaCy's en_core_web_sm, re-uploaded
    folder = resources.files(facts["module"]).joinpath(f"{facts['module']}-{facts['version']}")
    for part, digest in facts["weights_sha256"].items():
        assert hashlib.sha256(folder.joinpath(part).read_bytes()).hexdigest() == digest, part


def test_the_pipeline_gives_a_parse_and_no_entities() -> None:
    nlp = parser()
    assert "parser" in nlp.pipe_names and "ner" not in nlp.pipe_names
    doc = nlp("The force does not hold the information.")
    assert any(t.dep_ == "neg" for t in doc)


def test_the_tokenizer_built_from_the_config_is_the_one_the_model_was_saved_with() -> None:
    # parser() skips reading the saved tokenizer back (it is a quarter of the load time);
    # that is only right while spaCy builds the very same one from the model's config.
    from spacy.tokenizer import Tokenizer

    facts = model_facts()
    nlp = parser()
    folder = resources.files(facts["module"]).joinpath(f"{facts['module']}-{facts['version']}")
    saved = Tokenizer(nlp.vocab).from_disk(folder.joinpath("tokenizer"))
    assert saved.to_bytes(exclude=["vocab"]) == nlp.tokenizer.to_bytes(exclude=["vocab"])
