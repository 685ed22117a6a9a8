"""Writing a learned library in the reference_texts format, byte for byte the same every time.

Nothing in the output depends on the clock, the machine or hash order: no
approval date (a learned paragraph is not approved yet: ``version = 1``
only), files and entries in a fixed order, file names relative to the
folders given. The folder is built beside its destination and renamed into
place, so a reader never sees half a library and a failed run leaves the
old one untouched.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

from ncnd_check.learn.attach import Entry
from ncnd_check.wording.library import SHARED

#: File names listed in a provenance comment before "and N more".
NAMES_SHOWN = 8
WIDTH = 80


class OutputExists(Exception):
    """The output folder exists and is not empty (and --force was not given)."""


def toml_string(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    out = "".join(ch if ch >= " " or ch == "\t" else f"\\u{ord(ch):04x}" for ch in out)
    return f'"{out}"'


def _multiline(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"""', '""\\"')
    body = "".join(ch if ch >= " " else " " for ch in body)
    lines = textwrap.wrap(body, width=WIDTH, break_long_words=False, break_on_hyphens=False)
    return '"""\n' + "\n".join(lines) + '\n"""'


def file_stem(exemption: str) -> str:
    """s24(2) -> s24-2, s40(5B) -> s40-5B, shared -> shared."""
    if exemption == SHARED:
        return SHARED
    return re.sub(r"[()]+", "-", exemption).strip("-")


_STOP = frozenset(
    "a an and any are as at be been being but by can could do does for from has have if in into is it its may "
    "no nor not of on or our that the their there these this those to under was we were what when where whether "
    "which who will with would you your".split()
)


def slug(text: str, taken: set[str], prefix: str) -> str:
    words = [w for w in re.findall(r"[a-z]+", re.sub(r"\{[a-z]+\}", " ", text.lower())) if w not in _STOP and len(w) > 2]
    base = "-".join(words[:3]) or "paragraph"
    name, n = base, 2
    while f"{prefix}.{name}" in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(f"{prefix}.{name}")
    return f"{prefix}.{name}"


def _names(letters: list[int], names: list[str]) -> str:
    shown = [names[i] for i in letters[:NAMES_SHOWN]]
    more = len(letters) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def paragraph_file(exemption: str, title: str, kind: str | None, entries: list[Entry], names: list[str], total: int) -> str:
    eligible = entries[0].eligible if entries else 0
    whose = "letters" if exemption == SHARED else f"letters citing {exemption}"
    lines = [
        f"# Learned by `ncnd-check refs learn` from {total} letters"
        + ("." if exemption == SHARED else f" ({eligible} of them citing {exemption})."),
        "# Each entry says how many letters it was seen in and which. Review the wording,",
        "# then add `approved = YYYY-MM-DD` to the entries your FOI team approves.",
        "",
        "[exemption]",
        f"id = {toml_string(exemption)}",
        f"title = {toml_string(title)}",
    ]
    if kind:
        lines.append(f"kind = {toml_string(kind)}")
    for e in entries:
        seen = f"{len(e.letters)} of the {e.eligible} {whose}"
        lines += ["", f"# seen in {seen}: {_names(e.letters, names)}", "[[paragraph]]", f"id = {toml_string(e.id)}",
                  f"role = {toml_string(e.role)}", f"required = {'true' if e.required else 'false'}"]
        if e.one_of:
            lines.append(f"one_of = {toml_string(e.one_of)}")
        lines += ["version = 1", f"text = {_multiline(e.text)}"]
    return "\n".join(lines) + "\n"


def manifest_file(name: str, authority: str | None, total: int) -> str:
    lines = ["# Whose wording this library is (see reference_texts/README.md).", "", "[library]", f"name = {toml_string(name)}"]
    if authority:
        lines.append(f"authority = {toml_string(authority)}")
    lines.append(f"description = {toml_string(f'Learned by ncnd-check refs learn from {total} letters.')}")
    lines.append(f"learned_from = {total}")
    return "\n".join(lines) + "\n"


def links_file(inherited, https_hosts: list[str], current: list[tuple[str, int]]) -> str:
    """The bundled register's superseded entries, then the links the letters use, as current."""
    lines = [
        "# The link register. [[superseded]]: copied from the bundled library's register",
        "# (moved and retired national documents are not one authority's wording).",
        "# [[current]]: the addresses the learned letters link to, taken as current.",
    ]
    for entry in inherited:
        lines += ["", "[[superseded]]", f"url = {toml_string(entry.url)}", f"match = {toml_string(entry.match)}"]
        for key in ("title", "replacement", "reason", "since"):
            value = getattr(entry, key)
            if value:
                lines.append(f"{key} = {toml_string(value)}")
        lines.append(f"verified = {'true' if entry.verified else 'false'}")
        if entry.rewrite:
            lines.append("rewrite = true")
    for url, count in current:
        lines += ["", "[[current]]", f"url = {toml_string(url)}", f"seen = {count}"]
    hosts = sorted(set(https_hosts) | {urlsplit(u).hostname or "" for u, _ in current if u.startswith("https://")} - {""})
    lines += ["", "[https]", "hosts = [" + ", ".join(toml_string(h) for h in hosts) + "]"]
    return "\n".join(lines) + "\n"


def write_folder(files: dict[str, str], output: str | os.PathLike, force: bool = False) -> Path:
    """Write ``files`` (name -> text) as the folder ``output``, atomically."""
    target = Path(output)
    if target.exists() and (not target.is_dir() or any(target.iterdir())) and not force:
        raise OutputExists(f"{target} exists and is not empty (use --force to replace it)")
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{target.name}.learn-", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(build, 0o777 & ~umask)  # mkdtemp's 0700 would outlive the rename
    try:
        for name, text in sorted(files.items()):
            with open(build / name, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
            os.rmdir(old)
            os.rename(target, old)
        os.rename(build, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink()
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return target
