"""Report formats on a fixed set of results: golden files, schemas, escaping.

Update the golden files after a reviewed change with
``NCND_UPDATE_GOLDEN=1 python -m pytest tests/test_reports.py``.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import shared_path
from reporting import GOLDEN, fake_rules, sample_results, validate_report  # noqa: F401

from ncnd_check.report import redline_plain, render
from ncnd_check.settings import Settings

UPDATE = bool(os.environ.get("NCND_UPDATE_GOLDEN"))


def golden(name: str, text: str) -> None:
    from ncnd_check.wording.library import default_reference_dir

    # The library's folder (in the text header and the JSON tool object) depends on the checkout.
    text = text.replace(str(default_reference_dir()), "LIBRARY")
    path = GOLDEN / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"{path} is missing: run with NCND_UPDATE_GOLDEN=1 and review it")
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def settings(**kw) -> Settings:
    return Settings(select=["XT"], **kw)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- golden files --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github"])
def test_golden(fmt, fake_rules):
    ext = {"text": "txt", "json": "json", "junit": "xml", "github": "txt"}[fmt]
    text = render(sample_results(), fmt, settings())
    if fmt == "json":
        validate_report(json.loads(text))
    golden(f"report.{fmt}.{ext}", text.replace("0.1.0", "VERSION"))


def test_golden_text_colour(fake_rules):
    golden("report.text-colour.txt", render(sample_results(), "text", settings(), color=True))


def test_golden_statistics(fake_rules):
    golden("report.statistics.txt", render(sample_results(), "text", settings(), statistics=True))


def test_golden_sarif(fake_rules, in_tmp):
    data = json.loads(render(sample_results(), "sarif", settings()))
    data["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///SRCROOT/"
    data["runs"][0]["tool"]["driver"]["version"] = data["runs"][0]["tool"]["driver"]["semanticVersion"] = "VERSION"
    golden("report.sarif.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def test_golden_csv(fake_rules):
    from ncnd_check.report.csv_report import render as render_csv

    golden("report.csv", render_csv(sample_results()))


# --- text ----------------------------------------------------------------------


def test_text_groups_by_file_with_location_evidence_and_redline(fake_rules):
    out = render(sample_results(), "text", settings())
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0].startswith("library: ncnd-check bundled library, West Midlands Police's wording (")
    assert lines[1] == "drafts/a.txt"
    lines = lines[1:]
    assert "paragraph 1, line 1 [request]" in lines[1] and "error" in lines[1] and "XT101" in lines[1]
    assert "redline:    The force [-will not-] {+would+} confirm" in out
    assert "suggestion: Write the requester's name" in out
    assert "drafts/clean.html" not in out  # clean files are not listed
    assert "drafts/broken.docx\n  unreadable: not a zip file" in out
    assert lines[-1] == "5 findings (2 errors, 2 warnings, 1 info) in 4 files; 1 file could not be read."


def test_text_colour_marks_severity_and_redline(fake_rules):
    out = render(sample_results(), "text", settings(), color=True)
    assert "\x1b[31m" in out  # red
    assert "\x1b[32m" in out  # green insertion
    assert "[-" not in out


def test_text_quiet_drops_summary(fake_rules):
    out = render(sample_results(), "text", settings(), quiet=True)
    assert "findings (" not in out


def test_redline_plain_joins_words_once():
    assert redline_plain([("equal", "a "), ("delete", "b"), ("insert", "c"), ("equal", " d")]) == "a [-b-] {+c+} d"


# --- json ----------------------------------------------------------------------


def test_json_matches_contract_schema(fake_rules):
    data = json.loads(render(sample_results(), "json", settings()))
    validate_report(data)
    assert data["summary"] == {"files": 4, "unreadable": 1, "findings": {"error": 2, "warning": 2, "info": 1}}
    assert data["files"][3]["error"] == {"kind": "unreadable", "message": "not a zip file: the DOCX is damaged"}


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d["files"][0]["findings"][0].update(category="made-up"),
        lambda d: d["files"][0]["findings"][0].update(severity="fatal"),
        lambda d: d["files"][0]["findings"][0]["location"].pop("line"),
        lambda d: d["files"][3]["findings"].append(d["files"][0]["findings"][0]),
        lambda d: d.update(schema="ncnd-check/report/v2"),
        lambda d: d["summary"].pop("unreadable"),
    ],
)
def test_schema_rejects_broken_reports(break_it, fake_rules):
    data = json.loads(render(sample_results(), "json", settings()))
    validate_report(data)
    bad = copy.deepcopy(data)
    break_it(bad)
    with pytest.raises(jsonschema.ValidationError):
        validate_report(bad)


# --- sarif ---------------------------------------------------------------------


def sarif(fake_rules_=None) -> dict:
    return json.loads(render(sample_results(), "sarif", settings()))


def test_sarif_validates_against_official_schema(fake_rules, in_tmp):
    schema = json.loads(shared_path("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    data = sarif()
    jsonschema.Draft7Validator(schema).validate(data)
    assert data["version"] == "2.1.0" and len(data["runs"]) == 1


def test_sarif_meets_github_code_scanning_needs(fake_rules, in_tmp):
    run = sarif()["runs"][0]
    driver = run["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert {"XT101", "XT201", "XT301", "XT401"} <= set(rules)
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["help"]["text"] and r["help"]["markdown"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert r["properties"]["category"]
    assert "Put the requester's name in." in rules["XT101"]["help"]["text"]
    assert rules["XT101"]["properties"]["category"] == "template-residue"
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"]
        assert res["level"] in ("error", "warning", "note")
        assert res["partialFingerprints"]
        loc = res["locations"][0]
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "://" not in uri  # relative to the repository
        assert " " not in uri
    by_file = {}
    for res in run["results"]:
        by_file.setdefault(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], []).append(res)
    text_results = by_file["drafts/a.txt"]
    assert [r["locations"][0]["physicalLocation"].get("region", {}).get("startLine") for r in text_results] == [1, 7, 11, None]
    drift = next(r for r in text_results if r["ruleId"] == "XT301")
    assert drift["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "The force would confirm"
    docx = by_file["drafts/b.docx"][0]["locations"][0]
    assert "region" not in docx["physicalLocation"]
    assert docx["logicalLocations"][0]["name"] == "paragraph 12"
    # the unreadable file is a notification, not a result
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == ["drafts/broken.docx"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_fingerprints_are_stable_and_distinct(fake_rules, in_tmp):
    prints = [r["partialFingerprints"]["ncndFinding/v1"] for r in sarif()["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)
    assert prints == [r["partialFingerprints"]["ncndFinding/v1"] for r in sarif()["runs"][0]["results"]]


def test_sarif_path_outside_working_folder_is_a_file_uri(tmp_path, monkeypatch, fake_rules):
    from ncnd_check.report.sarif_report import artifact_uri

    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    uri, base = artifact_uri(str(tmp_path / "other dir" / "x.txt"))
    assert uri.startswith("file:///") and "%20" in uri and base is None


# --- junit ---------------------------------------------------------------------


def test_junit_one_case_per_file_failure_per_error(fake_rules):
    root = ET.fromstring(render(sample_results(), "junit", settings()))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["drafts/a.txt", "drafts/b.docx", "drafts/clean.html", "drafts/broken.docx"]
    assert [len(c.findall("failure")) for c in cases] == [1, 1, 0, 0]
    assert cases[3].find("error").get("type") == "unreadable"
    assert "XT301" in cases[0].find("system-out").text  # warnings are listed, not failures
    assert suite.get("tests") == "4" and suite.get("failures") == "2" and suite.get("errors") == "1"


def test_junit_fail_on_warning_makes_warnings_failures(fake_rules):
    root = ET.fromstring(render(sample_results(), "junit", settings(fail_on="warning")))
    assert len(root.find("testsuite").findall("testcase")[0].findall("failure")) == 3


# --- github --------------------------------------------------------------------


def test_github_workflow_commands_and_escaping(fake_rules):
    lines = render(sample_results(), "github", settings()).splitlines()
    assert lines[0].startswith("::error file=drafts/a.txt,line=1,title=XT101::Placeholder [NAME] left in")
    assert "%0ASuggestion: Write the requester's name" in lines[0]
    assert lines[1].startswith("::warning file=drafts/a.txt,line=7,title=XT301::")
    # % and newline escaped in the message; : and , only in properties
    assert 'Insecure link, 100%25 "plain", with: colons%0Aand a newline' in lines[2]
    assert lines[3].startswith("::notice file=drafts/a.txt,title=XT401::")
    assert lines[4].startswith("::error file=drafts/b.docx,title=XT101::")  # no line for DOCX
    assert lines[5] == "::error file=drafts/broken.docx,title=ncnd-check::unreadable: not a zip file: the DOCX is damaged"
    for line in lines[:-1]:
        assert "\n" not in line and "\r" not in line


def test_github_property_escaping():
    from ncnd_check.report.github_report import command

    assert command("error", "a%b\r\nc", file="dir,x/a:b.txt", line=3) == "::error file=dir%2Cx/a%3Ab.txt,line=3::a%25b%0D%0Ac"


# --- csv -----------------------------------------------------------------------


def test_csv_one_row_per_finding_and_formula_safe(fake_rules):
    from ncnd_check.report.csv_report import COLUMNS, render as render_csv

    rows = list(csv.DictReader(io.StringIO(render_csv(sample_results()))))
    # One row per finding, and one for each file without any (issue 12: every file accounted for).
    assert len(rows) == 7
    assert [(r["file"], r["status"]) for r in rows if r["status"] != "finding"] == [
        ("drafts/clean.html", "clean"), ("drafts/broken.docx", "unreadable")]
    assert rows[-1]["message"] == "not a zip file: the DOCX is damaged" and rows[-1]["rule"] == ""
    rows = [r for r in rows if r["status"] == "finding"]
    assert len(rows) == 5
    assert tuple(rows[0]) == COLUMNS
    assert rows[0]["file"] == "drafts/a.txt" and rows[0]["block"] == "0" and rows[0]["line"] == "1"
    assert rows[1]["evidence"] == "The force [-will not-] {+would+} confirm"
    assert rows[4]["evidence"] == "'=SUM(A1) [NAME]"


def test_github_paths_are_relative_to_the_working_folder(in_tmp):
    from ncnd_check.report.github_report import repo_path

    assert repo_path(str(in_tmp / "drafts" / "a.txt")) == "drafts/a.txt"
    assert repo_path("drafts/a.txt") == "drafts/a.txt"
    assert repo_path("/elsewhere/a.txt") == "/elsewhere/a.txt"
