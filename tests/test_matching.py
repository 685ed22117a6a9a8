"""Alignment of draft paragraphs with approved wording, and the word-level redline."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from convert import write_all
from hypothesis import given, settings
from hypothesis import strategies as st
from wording_synth import markov_paragraphs

from ncnd_check.analysis.model import Analysis
from ncnd_check.document import Block, Document
from ncnd_check.wording.library import Library, load_library
from ncnd_check.wording.matching import align_document, compare, redline_text, words
from ncnd_check.readers import read_path
from ncnd_check.rules.context import RuleContext
from ncnd_check.rules.registry import RULES, all_rules
from ncnd_check.settings import Settings

WORDING = Path(__file__).parent / "fixtures" / "wording"
#: The bundled library named explicitly: these tests measure other forces' drafts against it on purpose
#: (with no reference_dir, NCND303 would say it is West Midlands Police's wording and stop there).
BUNDLED = str(Path(__file__).resolve().parent.parent / "reference_texts")
STEMS = ("reworded", "split_merged", "other_force")
FORMATS = ("text", "html", "docx")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(None)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("wording")
    return {stem: write_all((WORDING / f"{stem}.md").read_text(encoding="utf-8"), folder, stem) for stem in STEMS}


def expectations(stem: str) -> dict:
    return tomllib.loads((WORDING / f"{stem}.expect.toml").read_text(encoding="utf-8"))


def block_starting(doc: Document, start: str) -> Block:
    for b in doc.blocks:
        if b.norm.lstrip("0123456789.) ").startswith(start):
            return b
    raise AssertionError(f"no block starts with {start!r}")


def doc_of(*paragraphs: str) -> Document:
    return Document(path="<t>", format="text", blocks=[Block(i, "paragraph", t) for i, t in enumerate(paragraphs)])


def wording_findings(doc: Document, library: Library, exemptions, settings: Settings | None = None, response_type="ncnd"):
    """NCND301/302 findings for a document, with a hand-made analysis (cited exemptions given)."""
    all_rules()
    settings = settings or Settings(reference_dir=BUNDLED)
    analysis = Analysis(
        document=doc, block_sections=[None] * len(doc.blocks), exemptions=list(exemptions),
        response_type=response_type, settings=settings, library=library,
    )
    ctx = RuleContext(analysis=analysis)
    out = []
    for code in ("NCND301", "NCND302"):
        ctx.rule = RULES[code]
        out.extend(RULES[code].func(ctx))
    return out


# --------------------------------------------------------------------------- words and compare


def test_words_ignore_case_punctuation_quotes_dashes_and_list_labels():
    a = words("1. The Police Service’s “approach” – in short – is set.")
    b = words("the police service's \"approach\" - in short - is set")
    assert a.keys == b.keys
    assert words("a) Confirming or denying").keys == ["confirming", "or", "denying"]


def test_placeholder_matches_a_force_name_and_is_not_a_change():
    approved = words("To confirm whether {authority} uses {subject} would harm.", strip_label=False)
    draft = words("To confirm whether Police Service of Northern Ireland uses Microsoft Teams would harm.")
    c = compare(approved, draft)
    assert c.score == 100.0
    assert all(op == "equal" for op, _ in c.redline)
    assert c.fillers == {"authority": "Police Service of Northern Ireland", "subject": "Microsoft Teams"}


def test_placeholder_never_absorbs_an_added_sentence():
    approved = words("It would inform public debate about {subject}.", strip_label=False)
    draft = words("It would inform public debate about drones. However, we can confirm that some information is held.")
    c = compare(approved, draft)
    assert c.score < 100
    assert any(op == "insert" and "we can confirm" in text for op, text in c.redline)


def test_added_sentence_is_not_a_perfect_match():
    """The token_set_ratio trap: containing the approved text plus more is still a change."""
    approved = words("Any incident that results from such a disclosure would, by default, affect National Security.")
    draft = words(
        "Any incident that results from such a disclosure would, by default, affect National Security. "
        "However, we can confirm that the information is held."
    )
    c = compare(approved, draft)
    assert 50 < c.score < 100
    assert redline_text(c.redline).endswith("{+However, we can confirm that the information is held.+}")


def test_redline_marks_deleted_and_inserted_words():
    c = compare(words("the balance favours neither confirming nor denying"), words("the balance favours disclosure"))
    assert redline_text(c.redline) == "the balance favours [-neither confirming nor denying-] {+disclosure+}"


_WORD = st.sampled_from(["the", "police", "would", "harm", "confirm", "deny", "public", "interest", "held", "Kent", "risk,", "{subject}"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORD, min_size=0, max_size=40), st.lists(_WORD, min_size=0, max_size=40))
def test_redline_rebuilds_both_texts(approved_words, draft_words):
    """Equal + inserted words give back the draft; equal + deleted give back the approved text (no placeholders)."""
    approved = words(" ".join(w for w in approved_words if w != "{subject}"), strip_label=False)
    draft = words(" ".join(draft_words), strip_label=False)
    c = compare(approved, draft)
    assert 0.0 <= c.score <= 100.0
    new_side = " ".join(t for op, t in c.redline if op in ("equal", "insert")).split()
    assert new_side == draft.display
    old_side = " ".join(t for op, t in c.redline if op in ("equal", "delete"))
    assert words(old_side, strip_label=False).keys == approved.keys
    assert (c.score == 100.0) == (approved.keys == draft.keys)


# --------------------------------------------------------------------------- fixtures, three formats


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_fixture_paragraphs_align_as_expected(stem, fmt, drafts, library):
    exp = expectations(stem)
    doc = read_path(drafts[stem][fmt])
    aligned = align_document(doc, library, exp["cites"], Settings().wording_threshold)
    for e in exp["expect"]:
        block = block_starting(doc, e["starts"])
        a = aligned.for_block(block.index)
        if e["outcome"] == "none":
            assert a is None, f"{e['starts']!r} is request-specific but aligned with {a.ids}"
            continue
        assert a is not None, f"{e['starts']!r} not aligned"
        assert a.ids == e["id"]
        if "kind" in e:
            assert a.kind == e["kind"]
        if e["outcome"] == "same":
            assert not a.changed, f"{e['starts']!r}: {redline_text(a.redline)}"
        else:
            assert a.changed and a.score < 100
            assert [t for op, t in a.redline if op == "delete"] == e["deleted"]
            assert [t for op, t in a.redline if op == "insert"] == e["inserted"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_rules_report_rewording_with_redline_and_suggestion(fmt, drafts, library):
    doc = read_path(drafts["reworded"][fmt])
    findings = wording_findings(doc, library, ["s24(2)", "s31(3)"])
    deviations = [f for f in findings if f.rule == "NCND301"]
    expected = [e for e in expectations("reworded")["expect"] if e["outcome"] == "deviation"]
    assert len(deviations) == len(expected)
    harm = next(f for f in deviations if "s24-2.harm.terrorist-benefit" in f.message)
    assert harm.category == "wording-deviation" and harm.severity == "warning"
    assert "[-would-] {+could+}" in harm.evidence
    assert harm.redline and ("insert", "of some benefit") in harm.redline
    assert harm.suggestion.startswith("This type of information would be extremely beneficial")
    assert harm.exemption == "s24(2)"
    # Nothing required is missing from this draft.
    assert not [f for f in findings if f.rule == "NCND302"]


def test_force_name_and_subject_fill_the_suggestion(library):
    doc = doc_of(
        "Kent Police can neither confirm nor deny that it holds the information relevant to your request "
        "as the duty in Section 1(1)(a) of the Freedom of Information Act 2000 does not apply, by virtue of these exemptions:",
    )
    [f] = [f for f in wording_findings(doc, library, []) if f.rule == "NCND301"]
    assert "[-the following-] {+these+}" in f.evidence
    assert f.suggestion.startswith("Kent Police can neither confirm nor deny")


def test_other_forces_name_is_not_reported(drafts, library):
    doc = read_path(drafts["other_force"]["text"])
    assert not [f for f in wording_findings(doc, library, ["s24(2)", "s31(3)"]) if f.rule == "NCND301"]


def test_missing_required_paragraphs_reported_once_per_group(library):
    doc = doc_of("Section 30 is a class-based qualified exemption. There is no requirement to evidence harm, but "
                 "the public interest in confirming or denying whether information is held must be weighed against "
                 "the public interest in maintaining the exclusion of the duty to confirm or deny.",
                 "The Police Service relies on members of the public to provide information in confidence. Confirming "
                 "or denying whether information is held about a particular investigation could discourage people from "
                 "coming forward, which would harm future investigations.")
    missing = [f for f in wording_findings(doc, library, ["s30(3)"]) if f.rule == "NCND302"]
    ids = {f.message.split()[3] for f in missing}
    assert "s30-3.explanation.class-qualified" not in ids
    # The factor-against group is satisfied by its 'trust' member.
    assert "s30-3.factor-against.investigations" not in ids
    assert {"s30-3.factor-for.accountability", "s30-3.balancing"} <= ids
    assert "shared.ncnd-statement" in ids
    # Presence of the closing and the conclusion is NCND104's and NCND501's to judge.
    assert not [f for f in missing if "no-inference" in f.message or "conclusion" in f.message]
    assert all(f.category == "missing-approved-text" for f in missing)


def test_draft_in_another_house_style_is_not_listed_paragraph_by_paragraph(library):
    doc = doc_of("We shall neither confirm nor deny that we hold any information regarding your request.",
                 "To confirm or deny whether the force uses any covert capability would reveal tactical capability "
                 "and criminals would change their behaviour to evade detection.")
    assert not [f for f in wording_findings(doc, library, ["s31(3)"]) if f.rule == "NCND302"]


def test_exemption_not_cited_is_not_required(library):
    doc = doc_of("Nothing here resembles approved wording at all, it is about parking permits for staff.",
                 library.get("s24-2.factor-against.incident").text)
    missing = [f for f in wording_findings(doc, library, ["s24(2)"]) if f.rule == "NCND302"]
    assert missing and not any("s30-3" in f.message or "s43-3" in f.message for f in missing)


def test_template_mode_placeholders_match_themselves(library):
    text = library.get("s38-2.harm.endangerment").text
    doc = doc_of(text)
    settings = Settings(mode="template")
    assert not [f for f in wording_findings(doc, library, ["s38(2)"], settings) if f.rule == "NCND301"]


def test_unrelated_paragraph_of_another_exemption_not_aligned(library):
    """s43(3) harm shares its opening with s31(3) harm; a draft citing only s31(3) must not be told it deviates."""
    doc = doc_of(library.get("s43-3.harm.commercial").filled({"authority": "Kent Police", "subject": "body-worn cameras"}))
    assert not [f for f in wording_findings(doc, library, ["s31(3)"]) if f.rule == "NCND301"]


# --------------------------------------------------------------------------- scale


def _answers(doc, lib, cites):
    al = align_document(doc, lib, cites, Settings().wording_threshold)
    return [(a.blocks, a.ids, a.score, a.redline) for a in al.alignments]


@pytest.mark.parametrize("stem", STEMS)
def test_500_paragraph_library_gives_the_same_answers_as_50(stem, drafts, library):
    exp = expectations(stem)
    wanted = {library.canonical_exemption(e) for e in exp["cites"]} | {"shared"}
    relevant = [p for p in library.paragraphs if p.exemption in wanted]
    small = Library(paragraphs=relevant + markov_paragraphs(library, 50 - len(relevant), seed=11, exemptions=wanted))
    large = Library(paragraphs=list(small.paragraphs) + markov_paragraphs(library, 450, seed=12, exemptions=wanted))
    assert len(small.paragraphs) == 50 and len(large.paragraphs) == 500
    doc = read_path(drafts[stem]["text"])
    for cites in (exp["cites"], None):  # with the cited exemptions, and with none known (align against all)
        assert _answers(doc, small, cites) == _answers(doc, large, cites)
    assert _answers(doc, small, exp["cites"]) == _answers(doc, library, exp["cites"])


def test_one_changed_word_in_a_very_long_paragraph_is_still_reported():
    from ncnd_check.wording.library import Paragraph

    text = " ".join(f"w{i}" for i in range(1200))
    lib = Library(paragraphs=[Paragraph(id="long", exemption="shared", role="explanation", required=False, text=text)])
    draft = doc_of(text.replace("w600", "changed"))
    [f] = [f for f in wording_findings(draft, lib, []) if f.rule == "NCND301"]
    assert "[-w600-] {+changed+}" in f.evidence
    assert "(99.9% similar)" in f.message


def test_lead_in_labels_are_not_aligned(library):
    doc = doc_of("Factors favouring confirming or denying that information is held:")
    assert align_document(doc, library, None).considered == []


def test_missing_paragraph_is_located_at_the_section_it_belongs_in(tmp_path):
    from convert import to_text

    from ncnd_check.engine import check_file

    md = (WORDING / "reworded.md").read_text(encoding="utf-8")
    dropped = "1. Confirming or denying that information is held would allow the public"
    md = "\n".join(line for line in md.splitlines() if not line.startswith(dropped))
    draft = tmp_path / "no_factor_for.txt"
    draft.write_text(to_text(md), encoding="utf-8")
    result = check_file(draft, Settings(select=["NCND302"], reference_dir=BUNDLED))
    [f] = result.findings
    assert "s24-2.factor-for" in f.message and f.exemption == "s24(2)"
    assert f.location.section == "factors-for"
    heading = read_path(draft).blocks[f.location.block]
    assert heading.text.startswith("Factors favouring")


def test_suggestion_names_the_responding_force_when_no_authority_is_configured():
    """With no --authority and no placeholder matched, the suggestion names the force the draft speaks for."""
    from ncnd_check import Settings, check_text

    draft = (
        "Request 44/26\n\nYou asked whether the force uses automatic facial recognition software.\n\n"
        "In accordance with the Act, this letter represents a Refusal Notice for this particular request. "
        "Kent Police can neither confirm nor deny that it holds the information you have requested in its entirety "
        "as the duty in Section 1(1)(a) of the Freedom of Information Act 2000 does not apply, by virtue of the "
        "following exemption:\n\nSection 31(3) Law Enforcement\n"
    )
    findings = check_text(draft, settings=Settings(select=["NCND301"], reference_dir=BUNDLED)).findings
    statement = [f for f in findings if "shared.ncnd-statement" in f.message]
    assert statement, findings
    assert "{authority}" not in statement[0].suggestion
    assert statement[0].suggestion.startswith("Kent Police can neither confirm nor deny")
