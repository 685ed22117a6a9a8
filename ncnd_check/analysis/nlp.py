"""The one spaCy pipeline: a blank English tokenizer taught FOIA citations, plus sentences.

Everything that needs tokens or sentences gets them from :func:`get_nlp` (or
:func:`process`), so spaCy is imported and the pipeline built once per process,
and only by commands that analyse text. Importing this module does not import
spaCy: ``ncnd-check rules`` and ``--version`` stay fast.

What the tokenizer is taught, and why:

* Citation numbers stay whole tokens, so the citation Matcher sees one token
  per provision: ``24(2)``, ``40(5B)(a)(i)``, ``1(1)(a)``, ``22A(2)``, a bare
  bracket group such as ``(2)`` or ``(5B)(a)(i)`` (``24 (2)``, ``17(1) & (4)``),
  a prefix written against the number (``s24(2)``, ``s.24(2)``, ``S31(3)(a)``,
  ``ss.23(5)``, ``S24``, ``Section31(3)``), and slash pairs (``24(2)/31(3)``, ``40(5)/(5B)``).
  A trailing full stop or comma still splits off: ``23(5).`` -> ``23(5)`` ``.``
* Abbreviations that end in a full stop stay one token (``No.``, ``Sect.``,
  ``para.``, ``ss.``, ``etc.``...), so the sentencizer, which ends a sentence
  at a ``.`` token, does not split "s. 23(5)", "No. 5" or "e.g. a".

A small component after the sentencizer puts back two boundaries that rule
removes or gets wrong: a sentence does end at "etc." (or "no.", "approx."...)
when a capitalised word follows, and a lone list label ("1.", "a.", "iv.")
does not make a sentence.

Elsewhere the tokenizer cuts exactly as spaCy's English one does (a property
test checks this), except that its affix searches look only at a string's
ends, which keeps runs such as "((((((" linear instead of quadratic.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["get_nlp", "process", "make_doc", "CITATION_TOKEN", "ATTACHED_PREFIX", "ABBREVIATIONS"]

#: One bracketed part of a provision: (2), (5B), (a), (ab), (iv).
_PART = r"\((?:\d{1,3}[A-Za-z]{0,2}|[A-Za-z]{1,4})\)"
#: A bracket group standing alone, "(2)", "(5B)", "(a)", "(ab)", "(iv)": lower-case
#: paragraph letters only, so "(NCND)", "(ICO)" or "(sic)" stay three tokens.
_LONE_PART = r"\((?:\d{1,3}[A-Za-z]{0,2}|[a-z]{1,2}|[ivx]{1,5})\)"
#: A prefix written against the number: s, ss, s., S., Sec., Sect., Section (any case).
ATTACHED_PREFIX = r"(?:[Ss](?:ECTIONS?|ections?|ECTS?|ects?|ECS?|ecs?|S|s)?\.?)"
#: A section number with its brackets, optionally with a prefix written against it.
_CITE = rf"{ATTACHED_PREFIX}?\d{{1,3}}[A-Za-z]?(?:{_PART})*"
#: One token: a citation (or bracket groups alone), optionally slash-joined to more.
CITATION_TOKEN = rf"(?:{_CITE}|{_LONE_PART}(?:{_PART})*)(?:/(?:{_CITE}|{_LONE_PART}(?:{_PART})*))*"
_CITATION_TOKEN_RE = re.compile(rf"^{CITATION_TOKEN}$")
# Plain numbers, and words such as "3D", are left to the default rules; the
# token match only takes over where there is a bracket, a slash or a prefix.
_NEEDS_TOKEN_MATCH = re.compile(rf"[()/]|^{ATTACHED_PREFIX}\d")
#: "(s.24(2)" or "[24(2)": a whole citation at the end of the string.
_ENDS_WITH_CITATION = re.compile(rf"(?:^|(?<=[^\w.]))(?:{CITATION_TOKEN})$")
_FINAL_STOP = re.compile(r"\.$")
#: "(4)," or "(5B)(a)." : keep the opening bracket so the group stays whole.
_BRACKET_GROUP_FIRST = re.compile(rf"^{_LONE_PART}(?:{_PART})*[^\w(]*$")

#: Where a citation runs into the next word: "24(2)-National", "24(2)/Section",
#: "24(2)and", "24(2)1" (a footnote mark). Whole citations are kept by the token match first.
_CITATION_INFIXES = [r"(?<=\))[-/](?=[A-Za-z0-9(])", r"(?<=\))(?=[A-Za-z]{2,}|\d)"]

#: Abbreviations ending in a full stop that must stay one token (not a sentence end).
ABBREVIATIONS = (
    "No.", "no.", "NO.", "Nos.", "nos.", "etc.", "Etc.", "cf.", "Cf.", "viz.", "approx.", "Approx.",
    "Sect.", "sect.", "SECT.", "Sec.", "sec.", "SEC.", "Secs.", "secs.", "Sects.", "sects.",
    "ss.", "Ss.", "SS.", "S.", "para.", "Para.", "paras.", "Paras.", "PARA.", "pp.", "pg.",
    "Art.", "art.", "Arts.", "Reg.", "reg.", "Regs.", "regs.", "Sch.", "sch.", "Ch.", "ch.",
    "Ref.", "ref.", "Refs.", "refs.", "Tel.", "tel.", "Dept.", "dept.", "Govt.", "govt.",
    "Supt.", "Insp.", "Sgt.", "Det.", "Ch.Supt.", "Cllr.",
    "Ave.", "Rd.", "Nr.", "nr.", "Fig.", "fig.", "Vol.", "vol.", "Encl.", "encl.", "Ext.", "ext.",
    "incl.", "Incl.", "excl.", "est.", "min.", "max.", "hrs.", "yrs.", "wk.", "wks.",
    # Not abbreviations, but one token each so a citation prefix stays whole.
    "Section(s)", "section(s)", "SECTION(S)", "Sections(s)", "sections(s)",
)

#: Abbreviations that also end sentences: a capitalised word after them starts a new one.
_MAY_END_SENTENCE = frozenset({
    "etc.", "no.", "approx.", "incl.", "excl.", "est.", "min.", "max.", "hrs.", "yrs.", "wks.",
})

#: List labels that a block may start with when the reader kept them in the text.
_LIST_LABEL = re.compile(r"^(?:\d{1,3}|[A-Za-z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})$")


#: No citation token is longer; longer strings skip the citation tests outright.
_MAX_CITATION_TOKEN = 64
#: spaCy only needs the length of an affix match, so prefix and suffix searches
#: look at this many characters at the string's ends. Without it a run such as
#: "((((..." costs the tokenizer quadratic time (2,000 brackets: ~2 s).
_AFFIX_WINDOW = 32


def _citation_token_match(text: str):
    if len(text) > _MAX_CITATION_TOKEN or not _NEEDS_TOKEN_MATCH.search(text):
        return None
    return _CITATION_TOKEN_RE.match(text)


_FIX_COMPONENT = "ncnd_sentence_fixes"


def _make_tokenizer(nlp: "Language"):
    """English tokenizer rules plus ours, built in one go.

    Each later assignment to a spaCy tokenizer's rules or match functions
    rebuilds its special-case table (about 0.3 s apiece), so the tokenizer is
    constructed once with everything instead of patched afterwards.
    """
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = nlp.Defaults
    default_prefix_search = compile_prefix_regex(defaults.prefixes).search
    default_suffix_search = compile_suffix_regex(defaults.suffixes).search

    def prefix_search(text: str):
        short = len(text) <= _MAX_CITATION_TOKEN
        if short and text.startswith("(") and _BRACKET_GROUP_FIRST.match(text):
            return None
        return default_prefix_search(text[:_AFFIX_WINDOW])

    def suffix_search(text: str):
        short = len(text) <= _MAX_CITATION_TOKEN
        # "(s.24(2)": the closing bracket is the citation's, not a suffix to split off.
        if short and text.endswith(")") and _ENDS_WITH_CITATION.search(text):
            return None
        # "see https://ico.org.uk/guidance/." : the full stop ends the sentence, not the URL.
        if text.endswith("/."):
            return _FINAL_STOP.search(text)
        return default_suffix_search(text[-_AFFIX_WINDOW:])

    rules = dict(defaults.tokenizer_exceptions)
    for abbreviation in ABBREVIATIONS:
        rules[abbreviation] = [{ORTH: abbreviation}]
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=prefix_search,
        suffix_search=suffix_search,
        infix_finditer=compile_infix_regex(list(defaults.infixes) + _CITATION_INFIXES).finditer,
        token_match=_citation_token_match,
        url_match=defaults.url_match,
    )


_TOKENIZER = "ncnd_check.tokenizer.v1"


def _register() -> None:
    """Register the tokenizer and the sentence fixer with spaCy (once)."""
    from spacy.language import Language
    from spacy.util import registry

    if _TOKENIZER not in registry.tokenizers:
        registry.tokenizers.register(_TOKENIZER, func=lambda: _make_tokenizer)
    if not Language.has_factory(_FIX_COMPONENT):
        Language.component(_FIX_COMPONENT, func=_fix_sentence_starts)


def _fix_sentence_starts(doc: "Doc") -> "Doc":
    """Mend the two places the punctuation rule gets wrong (see the module docstring).

    Only a token in _MAY_END_SENTENCE or a "." can change anything, so those are
    found first from the Doc's lower-case string ids (one array read, no Token
    objects) and only they are visited, in order, as a loop over every token
    would (a Token object per token was ~1 ms per draft).
    """
    from spacy.attrs import LOWER

    n = len(doc)
    if n < 2:
        return doc
    # The triggers are lower case, so a token is one exactly when its LOWER is.
    triggers = _trigger_ids()
    for i in [k for k, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in triggers]:
        token = doc[i]
        if i + 1 >= n:
            break
        nxt = doc[i + 1]
        # "... passwords, etc. The force ..." ends a sentence; "etc., and" and "No. 5" do not.
        if token.lower_ in _MAY_END_SENTENCE and nxt.is_alpha and nxt.is_title:
            nxt.is_sent_start = True
        # "1. The public ..." : the label belongs to the sentence it numbers.
        elif (
            nxt.is_sent_start
            and token.text == "."
            and i >= 1
            and doc[i - 1].is_sent_start
            and _LIST_LABEL.match(doc[i - 1].text)
        ):
            nxt.is_sent_start = False
    return doc


@cache
def _trigger_ids() -> frozenset[int]:
    """String ids of "." and the _MAY_END_SENTENCE words (spaCy's ids are hashes of the text,
    the same in every StringStore), added to the pipeline's store once."""
    strings = get_nlp().vocab.strings
    return frozenset(strings.add(w) for w in (*_MAY_END_SENTENCE, "."))


def _import_spacy():
    """``import spacy``, without the ``spacy.cli`` package its ``__init__`` pulls in.

    spaCy's ``__init__`` imports ``spacy.cli.info``, and with it the whole CLI
    (typer, rich, requests, httpx, jinja2, weasel): about a quarter of spaCy's
    import time, for commands a blank pipeline never runs. Stand-ins answer
    that one import and are removed at once, so a later ``import spacy.cli``
    gets the real package and ``spacy.info`` still works. If a spaCy release
    needs more of its CLI at import time, this falls back to a plain import.
    """
    import sys
    import types

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stub_cli = types.ModuleType("spacy.cli")
    stub_cli.__path__ = []
    stub_info = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    stub_info.info = info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = stub_cli, stub_info
    try:
        import spacy
    except ImportError:
        spacy = None
    finally:
        for name, stub in (("spacy.cli.info", stub_info), ("spacy.cli", stub_cli)):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
        loaded = sys.modules.get("spacy")
        if loaded is not None and getattr(loaded, "cli", None) is stub_cli:
            delattr(loaded, "cli")
    if spacy is None:
        import spacy
    return spacy


@cache
def get_nlp() -> "Language":
    """THE pipeline: ``spacy.blank("en")``, taught citations and abbreviations, plus sentences.

    Built once per process; every caller gets the same object.
    """
    spacy = _import_spacy()
    _register()
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": _TOKENIZER}}})
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(_FIX_COMPONENT, after="sentencizer")
    return nlp


def make_doc(text: str) -> "Doc":
    """Tokens only (no sentences): the cheap path for citation matching."""
    return get_nlp().make_doc(text)


def process(texts: Iterable[str], batch_size: int = 64) -> list["Doc"]:
    """Run the pipeline over many texts in one pass (the analysis keeps what it reads
    of each block's Doc in :mod:`ncnd_check.analysis.facts`, not the Doc)."""
    return list(get_nlp().pipe(texts, batch_size=batch_size))
