"""``refs learn``, ``refs diff`` and whose library a draft is checked against.

The letters come from tests/learn_letters.py: two authorities' house
styles, varied per letter (subject, date, reference, requester, exemptions).
"""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import shared_path
from learn_letters import CUMBRIA, one_letter, seed_variants, write_letters
from reporting import validate_report

from ncnd_check import check_text
from ncnd_check.cli import cli
from ncnd_check.wording.library import load_library
from ncnd_check.wording.matching import words
from ncnd_check.settings import Settings


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def cumbria(tmp_path_factory):
    """16 Cumbria Constabulary letters and the library learned from them."""
    root = tmp_path_factory.mktemp("cumbria")
    write_letters(root / "letters", "cumbria", 16)
    r = run("refs", "learn", str(root / "letters"), "--output", str(root / "lib"))
    assert r.exit_code == 0, r.stderr
    return root


def by_text(library, start: str):
    found = [p for p in library.paragraphs if p.text.startswith(start)]
    assert len(found) == 1, [p.text[:60] for p in library.paragraphs]
    return found[0]


# --- learning ----------------------------------------------------------------------


def test_learns_the_shared_paragraphs_with_placeholders(cumbria):
    lib = load_library(str(cumbria / "lib"))
    assert lib.authority == "Cumbria Constabulary" and lib.name == "Cumbria Constabulary (learned)"
    ncnd = by_text(lib, "{authority} neither confirms nor denies that it holds")
    assert ncnd.exemption == "shared" and ncnd.required
    preamble = by_text(lib, "Thank you for your email dated {date} in which you asked for information about {subject}.")
    assert preamble.required
    assert by_text(lib, "Freedom of Information request reference {reference}")
    review = by_text(lib, "If you are unhappy with the way your request")
    assert review.role == "closing" and "https://ico.org.uk/make-a-complaint/" in review.text
    # The request as asked is each letter's own, and so is the salutation.
    assert not [p for p in lib.paragraphs if "including costs and locations" in p.text or "Dear" in p.text]


def test_attaches_paragraphs_to_their_exemption_and_marks_the_required_ones(cumbria):
    lib = load_library(str(cumbria / "lib"))
    s24 = by_text(lib, "Disclosing whether or not {authority} holds information about {subject} would tell")
    s31 = by_text(lib, "Any confirmation or denial concerning {subject} would give offenders")
    assert (s24.exemption, s24.role, s24.required) == ("s24(2)", "harm", True)
    assert (s31.exemption, s31.role, s31.required) == ("s31(3)", "harm", True)
    factor = by_text(lib, "Confirming or denying would demonstrate openness about how {authority} spends public money on {subject}")
    assert (factor.exemption, factor.role) == ("s24(2)", "factor-for")
    against = by_text(lib, "Revealing the capabilities of the force")
    assert (against.exemption, against.role) == ("s31(3)", "factor-against")
    assert lib.exemptions["s24(2)"].kind == "qualified"


def test_entries_say_which_letters_they_came_from(cumbria):
    text = (cumbria / "lib" / "s24-2.toml").read_text()
    # 16 letters in rotation s24+s31, s24, s31: 11 cite s24(2).
    assert "# Learned by `ncnd-check refs learn` from 16 letters (11 of them citing s24(2))." in text
    assert "# seen in 11 of the 11 letters citing s24(2): letter_00.md, letter_01.md, letter_03.md" in text
    assert not [line for line in text.splitlines() if line.startswith("approved")]  # learned, not approved: no date invented


def test_refs_validate_passes_on_what_learn_writes(cumbria):
    r = run("refs", "validate", str(cumbria / "lib"), "--strict")
    assert r.exit_code == 0, r.output
    assert r.output.strip().endswith(": OK")


def test_summary_table_counts_entries_and_placeholders(tmp_path):
    write_letters(tmp_path / "letters", "cumbria", 15)
    r = run("refs", "learn", str(tmp_path / "letters"), "-o", str(tmp_path / "lib"))
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert "exemption" in out and "required" in out and "placeholders" in out
    assert "{authority}" in out and "{subject}" in out and "{date}" in out and "{reference}" in out
    row = next(line for line in out.splitlines() if "s24(2)" in line)
    assert [c.strip() for c in row.strip("│ ").split("│")][:4] == ["s24(2)", "3", "3", "0"]
    assert "15 files read: 15 NCND letters learned from" in out


# --- checking with it ----------------------------------------------------------------


def test_a_new_correct_letter_has_no_wording_finding(cumbria):
    settings = Settings(reference_dir=str(cumbria / "lib"))
    letter = one_letter("cumbria", 40, ("s24(2)", "s31(3)"), subject="the helicopter tracking contract")
    findings = check_text(letter, settings=settings).findings
    assert not [f for f in findings if f.category in ("wording-deviation", "missing-approved-text")], findings


def test_a_defective_letter_has_its_rewording_and_its_dropped_paragraph_found(cumbria):
    settings = Settings(reference_dir=str(cumbria / "lib"))
    reworded = CUMBRIA["balance"].replace("must come first", "should usually come first")
    letter = one_letter("cumbria", 41, ("s24(2)", "s31(3)"), text={"harm_s24": None, "balance": reworded})
    findings = check_text(letter, settings=settings).findings
    [deviation] = [f for f in findings if f.rule == "NCND301"]
    assert "[-must-] {+should usually+}" in deviation.evidence
    [missing] = [f for f in findings if f.rule == "NCND302"]
    assert "s24-2.harm.disclosing-holds-information" in missing.message and missing.exemption == "s24(2)"


def test_a_second_style_learns_a_second_library(cumbria, tmp_path):
    write_letters(tmp_path / "letters", "borset", 16)
    r = run("refs", "learn", str(tmp_path / "letters"), "-o", str(tmp_path / "lib"), "--authority", "Borsetshire Police")
    assert r.exit_code == 0, r.stderr
    other = load_library(str(tmp_path / "lib"))
    mine = load_library(str(cumbria / "lib"))
    assert other.authority == "Borsetshire Police"
    opening = by_text(other, "We received your request on {date}, {requester}, and have now completed")
    assert opening.required
    assert by_text(other, "{authority} will neither confirm nor deny the existence").required
    s30 = by_text(other, "Confirming or denying whether information about {subject} is held would reveal")
    assert s30.exemption == "s30(3)" and s30.role == "factor-against"
    assert by_text(other, "Confirming or denying that information is held would itself disclose").exemption == "s40(5B)"
    assert {p.text for p in other.paragraphs}.isdisjoint(p.text for p in mine.paragraphs)
    assert set(other.exemptions) == {"shared", "s30(3)", "s40(5B)"}
    r = run("refs", "diff", str(cumbria / "lib"), str(tmp_path / "lib"))
    assert r.exit_code == 1 and "added" in r.stdout and "removed" in r.stdout


def test_learning_is_deterministic(cumbria, tmp_path):
    r = run("refs", "learn", str(cumbria / "letters"), "-o", str(tmp_path / "again"), "--jobs", "2", "-q")
    assert r.exit_code == 0, r.stderr
    first = {p.name: p.read_bytes() for p in (cumbria / "lib").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "again").iterdir()}
    assert first == second and "shared.toml" in first and "library.toml" in first


def test_min_support_keeps_only_paragraphs_seen_often_enough(tmp_path):
    write_letters(tmp_path / "letters", "cumbria", 12)
    (tmp_path / "letters" / "letter_00.md").write_text(
        one_letter("cumbria", 0, ("s24(2)",)) + "\nWe also note your earlier correspondence about parking fines in the city centre.\n"
    )
    (tmp_path / "letters" / "letter_01.md").write_text(
        one_letter("cumbria", 1, ("s24(2)",)) + "\nWe also note your earlier correspondence about parking fines in the city centre.\n"
    )
    for support, expected in ((2, True), (3, False)):
        out = tmp_path / f"lib{support}"
        assert run("refs", "learn", str(tmp_path / "letters"), "-o", str(out), "--min-support", str(support), "-q").exit_code == 0
        assert any("parking fines" in p.text for p in load_library(str(out)).paragraphs) is expected


# --- the output folder -----------------------------------------------------------------


def test_an_existing_library_is_never_overwritten_unless_forced(cumbria, tmp_path):
    out = tmp_path / "lib"
    out.mkdir()
    (out / "mine.toml").write_text("# hand-written\n")
    r = run("refs", "learn", str(cumbria / "letters"), "-o", str(out), "-q")
    assert r.exit_code == 2 and "--force" in r.stderr
    assert [p.name for p in out.iterdir()] == ["mine.toml"]
    r = run("refs", "learn", str(cumbria / "letters"), "-o", str(out), "-q", "--force")
    assert r.exit_code == 0 and not (out / "mine.toml").exists() and (out / "shared.toml").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["lib"]  # no temporary folder left beside it


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    r = run("refs", "learn", str(tmp_path / "nothing"), "-o", str(tmp_path / "lib"))
    assert r.exit_code == 2 and "no such file or folder" in r.stderr
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "a.txt").write_text("Dear Sir,\n\nThank you for your letter about the parade.\n")
    r = run("refs", "learn", str(tmp_path / "letters"), "-o", str(tmp_path / "lib"))
    assert r.exit_code == 2 and "nothing to learn from" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "lib").exists()


def test_an_unreadable_letter_is_skipped_with_a_warning(tmp_path):
    write_letters(tmp_path / "letters", "cumbria", 6)
    (tmp_path / "letters" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    r = run("refs", "learn", str(tmp_path / "letters"), "-o", str(tmp_path / "lib"), "-q")
    assert r.exit_code == 0 and "broken.docx" in r.stderr and "skipped" in r.stderr


# --- refs diff -------------------------------------------------------------------------


def test_refs_diff_shows_added_removed_and_reworded_with_a_redline(cumbria, tmp_path):
    new = tmp_path / "new"
    shutil.copytree(cumbria / "lib", new)
    shared = (new / "shared.toml").read_text()
    shared = shared.replace("prevention of crime must come first", "prevention of crime should come first")
    (new / "shared.toml").write_text(shared)
    s31 = (new / "s31-3.toml").read_text()
    start = s31.index("# seen in", s31.index("s31-3.factor-for") - 200)
    end = s31.index("# seen in", start + 10)
    (new / "s31-3.toml").write_text(s31[:start] + s31[end:])  # one paragraph removed
    (new / "s24-2.toml").write_text((new / "s24-2.toml").read_text() + (
        '\n[[paragraph]]\nid = "s24-2.balancing.new"\nrole = "balancing"\nrequired = false\nversion = 1\n'
        'text = "National security outweighs the public interest in confirming or denying in this case."\n'))
    r = run("refs", "diff", str(cumbria / "lib"), str(new))
    assert r.exit_code == 1, r.output
    assert "reworded shared.conclusion.although-public-interest" in r.stdout
    assert "[-must-] {+should+}" in r.stdout
    assert "removed  s31-3.factor-for." in r.stdout and "added    s24-2.balancing.new" in r.stdout
    assert r.stdout.strip().endswith("1 added, 1 removed, 1 reworded, 0 changed")
    data = json.loads(run("refs", "diff", str(cumbria / "lib"), str(new), "--format", "json").stdout)
    assert data["counts"] == {"added": 1, "removed": 1, "reworded": 1, "changed": 0}
    assert run("refs", "diff", str(cumbria / "lib"), str(cumbria / "lib")).exit_code == 0
    assert run("refs", "diff", str(cumbria / "lib"), str(new), "--exit-zero").exit_code == 0
    assert run("refs", "diff", str(cumbria / "lib"), str(tmp_path / "none")).exit_code == 2


# --- the seed ------------------------------------------------------------------------


def test_learning_from_the_seed_reproduces_the_bundled_library(tmp_path):
    """The seed response, corrected and varied (force, system, exemptions), gives back the bundled wording.

    Of the 36 paragraphs in shared.toml, s24-2.toml and s31-3.toml, the 23 that
    come from the seed response are learned word for word (placeholders where
    the bundled library has them), with the bundled library's exemption; the
    other 13 were written for the library and are in no letter.
    """
    seed = shared_path("seed", "000_a7a05b5f3e6f79d7.txt")
    seed_variants(seed.read_text(encoding="utf-8"), tmp_path / "letters", 18)
    r = run("refs", "learn", str(tmp_path / "letters"), "-o", str(tmp_path / "lib"), "-q")
    assert r.exit_code == 0, r.stderr
    learned = {tuple(words(p.text, strip_label=False).keys): p for p in load_library(str(tmp_path / "lib")).paragraphs}
    bundled = [p for p in load_library(None).paragraphs if p.source in ("shared.toml", "s24-2.toml", "s31-3.toml")]
    found = {p.id: learned.get(tuple(words(p.text, strip_label=False).keys)) for p in bundled}
    reproduced = {pid: q for pid, q in found.items() if q is not None}
    assert len(bundled) == 36 and len(reproduced) == 23, sorted(set(found) - set(reproduced))
    assert all(q.exemption == load_library(None).get(pid).exemption for pid, q in reproduced.items())


# --- whose library a draft is checked against -------------------------------------


def test_another_authoritys_default_library_is_not_held_against_a_draft():
    letter = one_letter("cumbria", 42, ("s24(2)",))
    findings = check_text(letter, settings=Settings()).findings
    wording = [f for f in findings if f.category in ("wording-deviation", "missing-approved-text")]
    [note] = wording
    assert note.rule == "NCND303" and note.severity == "info"
    assert "Cumbria Constabulary" in note.message and "West Midlands Police" in note.message
    assert "refs learn" in note.suggestion
    # The bundled library's own authority is measured against it as before.
    wmp = check_text(letter.replace("Cumbria Constabulary", "West Midlands Police"), settings=Settings()).findings
    assert not [f for f in wmp if f.rule == "NCND303"] and [f for f in wmp if f.rule in ("NCND301", "NCND302")]
    # So is a draft checked against a library chosen on purpose.
    chosen = check_text(letter, settings=Settings(reference_dir=str(load_library(None).folder))).findings
    assert not [f for f in chosen if f.rule == "NCND303"]


def test_the_library_is_chosen_per_project_and_named_in_the_reports(cumbria, tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(cumbria / "lib", project / "templates" / "lib")
    (project / "ncnd-check.toml").write_text('reference-dir = "templates/lib"\n')
    (project / "drafts").mkdir()
    (project / "drafts" / "draft.md").write_text(one_letter("cumbria", 43, ("s31(3)",)))
    monkeypatch.chdir(project)
    r = run("check", "drafts/draft.md", "--format", "json", "--exit-zero")
    data = json.loads(r.stdout)
    validate_report(data)
    assert data["tool"]["library"] == {
        "path": str((project / "templates" / "lib").resolve()),
        "name": "Cumbria Constabulary (learned)",
        "authority": "Cumbria Constabulary",
    }
    assert not [f for f in data["files"][0]["findings"] if f["rule"].startswith("NCND30")]
    text = run("check", "drafts/draft.md", "--exit-zero").stdout
    assert text.splitlines()[0] == (
        f"library: Cumbria Constabulary (learned), Cumbria Constabulary's wording ({(project / 'templates' / 'lib').resolve()})"
    )


def test_a_manifest_without_an_authority_is_a_warning(tmp_path):
    shutil.copytree(load_library(None).folder, tmp_path / "lib")
    (tmp_path / "lib" / "library.toml").write_text('[library]\nname = "ours"\n')
    r = run("refs", "validate", str(tmp_path / "lib"))
    assert r.exit_code == 0 and "no authority" in r.output
    assert run("refs", "validate", str(tmp_path / "lib"), "--strict").exit_code == 1


def test_alternative_wordings_of_one_part_become_one_of(tmp_path):
    """Half the letters close one way, half another: each is required as one of the two, not optional."""
    other = "This letter should not be read as confirming or denying that any information you asked for exists or does not exist."
    for i, path in enumerate(write_letters(tmp_path / "letters", "cumbria", 16)):
        if i % 2:
            path.write_text(path.read_text().replace(CUMBRIA["no_inference"], other))
    assert run("refs", "learn", str(tmp_path / "letters"), "-o", str(tmp_path / "lib"), "-q").exit_code == 0
    lib = load_library(str(tmp_path / "lib"))
    first, second = by_text(lib, "Nothing in this response"), by_text(lib, "This letter should not be read")
    # Which letters have it does not tie it to an exemption those letters happen to cite.
    assert first.exemption == second.exemption == "shared"
    assert first.required and second.required and first.one_of == second.one_of == "closing"


def test_learned_links_are_current_and_the_national_register_is_kept(cumbria):
    lib = load_library(str(cumbria / "lib"))
    assert "https://ico.org.uk/make-a-complaint/" in lib.current_links
    bundled = {e.url for e in load_library(None).links}
    assert {e.url for e in lib.links} == bundled and "ico.org.uk" in lib.https_hosts
