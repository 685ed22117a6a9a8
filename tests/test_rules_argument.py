"""The argument rules on fixture drafts, each in text, HTML and DOCX.

Every fixture under tests/fixtures/argument/ states at its top, in comments:

    <!-- expect: NCND151:s31(3) NCND104 -->   the findings of the argument
                                            categories, exactly (or "none");
                                            ":id" also checks Finding.exemption
    <!-- type: ncnd -->                       response.type
    <!-- exemptions: s24(2) s31(3) -->        response.exemptions (optional)

Only the argument categories (missing-section, missing-factor,
exemption-mismatch, inconsistent-conclusion) are compared, so other families'
rules cannot break these tests; a finding in those categories that the
fixture does not expect fails the test.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from pathlib import Path

import pytest

from ncnd_check.engine import check_file
from ncnd_check.rules.registry import all_rules
from ncnd_check.settings import Settings
from tests import convert

FIXTURES = Path(__file__).parent / "fixtures" / "argument"
CATEGORIES = {"missing-section", "missing-factor", "exemption-mismatch", "inconsistent-conclusion"}
FORMATS = ("text", "html", "docx")
_FRONT = re.compile(r"<!--\s*(expect|type|exemptions|settings):\s*(.*?)\s*-->")


def _front(md: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in _FRONT.finditer(md)}


def fixture_names() -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob("*.md"))


def _settings(spec: str | None) -> Settings:
    settings = Settings()
    for item in shlex.split(spec or ""):
        key, _, value = item.partition("=")
        current = getattr(settings, key)
        setattr(settings, key, value.lower() == "true" if isinstance(current, bool) else value)
    return settings


def run_fixture(name: str, fmt: str, tmp_path: Path):
    md = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    paths = convert.write_all(md, tmp_path, name)
    meta = _front(md)
    result = check_file(paths[fmt], _settings(meta.get("settings")))
    assert result.error is None, result.error
    return meta, result


def _expected(spec: str) -> list[tuple[str, str | None]]:
    if spec.strip() == "none":
        return []
    out = []
    for item in spec.split():
        code, _, exemption = item.partition(":")
        out.append((code, exemption or None))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", fixture_names())
def test_fixture(name: str, fmt: str, tmp_path: Path) -> None:
    meta, result = run_fixture(name, fmt, tmp_path)
    ours = [f for f in result.findings if f.category in CATEGORIES]
    expected = _expected(meta["expect"])
    got_codes = Counter(f.rule for f in ours)
    want_codes = Counter(code for code, _ in expected)
    detail = "\n".join(f"  {f.rule} [{f.exemption}] block {f.location.block}: {f.message}" for f in ours)
    assert got_codes == want_codes, f"{name} ({fmt}) findings differ:\n{detail}"
    for code, exemption in expected:
        if exemption:
            assert any(f.rule == code and f.exemption == exemption for f in ours), f"{code} not for {exemption}:\n{detail}"
    assert result.response["type"] == meta["type"], f"{name} ({fmt}): type {result.response['type']}"
    if "exemptions" in meta:
        # Subsections exactly; a bare "Section 24 is qualified" may add "s24" (the citation finder's call).
        with_subsection = [e for e in result.response["exemptions"] if "(" in e]
        assert with_subsection == meta["exemptions"].split()
    # Categories of the expected codes come from the registry: a typo in a fixture fails here.
    rules = all_rules()
    assert {rules[c].category for c in want_codes} <= CATEGORIES


def test_there_are_enough_fixtures() -> None:
    assert len(fixture_names()) >= 25


def test_every_argument_rule_fires_on_some_fixture_and_is_silent_on_others() -> None:
    """Each rule has a should-fail fixture, and fixtures where it stays silent."""
    firing: Counter = Counter()
    for name in fixture_names():
        meta = _front((FIXTURES / f"{name}.md").read_text(encoding="utf-8"))
        for code, _ in _expected(meta["expect"]):
            firing[code] += 1
    ours = [code for code, r in all_rules().items() if r.category in CATEGORIES]
    missing = [code for code in ours if firing[code] == 0]
    assert not missing, f"no fixture makes these rules fire: {missing}"
    clean = [n for n in fixture_names() if _front((FIXTURES / f"{n}.md").read_text())["expect"] == "none"]
    assert len(clean) >= 10


def test_findings_carry_location_message_and_suggestion(tmp_path: Path) -> None:
    _, result = run_fixture("bad_missing_factors_against_table", "text", tmp_path)
    finding = next(f for f in result.findings if f.rule == "NCND152")
    assert finding.exemption == "s30(3)"
    assert "Section 30(3)" in finding.message and "against" in finding.message
    assert finding.location.block is not None and finding.location.line is not None
    assert finding.suggestion and "Factors against" in finding.suggestion


def test_seed_is_ncnd_and_only_lacks_the_closing_statement() -> None:
    from conftest import shared_path

    seed = shared_path("seed", "000_a7a05b5f3e6f79d7.txt")
    result = check_file(seed)
    assert result.response["type"] == "ncnd"
    assert result.response["exemptions"] == ["s24(2)", "s31(3)"]
    for name in ("request", "applicable-exemptions", "harm", "public-interest", "factors-for", "factors-against", "balancing-test"):
        assert name in result.response["sections"]
    ours = [f for f in result.findings if f.category in CATEGORIES]
    assert [f.rule for f in ours] == ["NCND104"]
    assert all(f.severity != "error" for f in ours)


def test_40_5b_pit_is_configurable(tmp_path: Path) -> None:
    """Dunhill (2025): with pit_for_40_5b, a 40(5B) NCND with no public interest test is reported."""
    md = (FIXTURES / "good_psni_40_5b.md").read_text(encoding="utf-8")
    paths = convert.write_all(md, tmp_path, "dunhill")
    plain = check_file(paths["text"])
    dunhill = check_file(paths["text"], Settings(pit_for_40_5b=True))
    assert not [f for f in plain.findings if f.category in CATEGORIES]
    codes = {f.rule for f in dunhill.findings if f.category in CATEGORIES}
    assert "NCND102" in codes


def test_rules_do_not_import_spacy_at_import_time() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import ncnd_check.rules.structure, ncnd_check.rules.factors, "
        "ncnd_check.rules.exemptions, ncnd_check.rules.conclusion; print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
