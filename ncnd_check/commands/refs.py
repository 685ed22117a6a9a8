"""``ncnd-check refs``: list, show and validate an approved-wording library.

Cheap on purpose (tomllib only, no spaCy, no rapidfuzz): an FOI team runs
``refs validate`` in its template repository's CI after every edit.
"""

from __future__ import annotations

import json
import sys

import click

_REF_DIR = click.option(
    "--reference-dir",
    type=click.Path(file_okay=False),
    help="Approved-wording library to use (default: the settings file's reference_dir, else the bundled one).",
)


def _library(reference_dir: str | None):
    """The library the settings point at; exit 2 with a clear message if there is none."""
    from ncnd_check.errors import ConfigError
    from ncnd_check.library import load_library

    if not reference_dir:
        try:
            from ncnd_check.config import load_settings

            reference_dir = load_settings({}).reference_dir
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from None
    library = load_library(reference_dir)
    if library.folder is None or not library.paragraphs:
        where = reference_dir or "the bundled reference_texts"
        click.echo(f"ncnd-check: no approved paragraphs in {where}", err=True)
        for p in library.problems:
            click.echo(f"  {p}", err=True)
        sys.exit(2)
    return library


@click.group()
def refs() -> None:
    """Inspect and validate an approved-wording library.

    \b
    Examples:
      ncnd-check refs list
      ncnd-check refs show s24-2.harm.general
      ncnd-check refs show "s24(2)"
      ncnd-check refs validate reference_texts/
    """


@refs.command("list")
@_REF_DIR
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--exemption", "-e", help="Only this exemption's paragraphs (e.g. s24(2), or shared).")
def list_(reference_dir, output_format, exemption):
    """List every approved paragraph: id, exemption, role, whether required, version."""
    library = _library(reference_dir)
    paragraphs = library.paragraphs
    if exemption:
        wanted = library.canonical_exemption(exemption)
        paragraphs = [p for p in paragraphs if p.exemption == wanted]
    if output_format == "json":
        click.echo(json.dumps({"folder": library.folder, "paragraphs": [_paragraph_dict(p) for p in paragraphs]}, indent=2))
        return
    width = max((len(p.id) for p in paragraphs), default=10)
    for p in paragraphs:
        required = "required" if p.required else "optional"
        if p.one_of:
            required += f" (one of {p.one_of})"
        version = f"v{p.version}" if p.version else ""
        approved = p.approved or ""
        click.echo(f"{p.id:<{width}}  {p.exemption:<8} {p.role:<15} {required:<28} {version:<4} {approved}".rstrip())
    click.echo(f"{len(paragraphs)} paragraphs, {len(library.links)} link registry entries, from {library.folder}")


@refs.command("show")
@click.argument("ident")
@_REF_DIR
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text")
def show(ident, reference_dir, output_format):
    """Show one approved paragraph in full (or every paragraph of an exemption, e.g. s24(2))."""
    library = _library(reference_dir)
    paragraph = library.get(ident)
    if paragraph is not None:
        chosen = [paragraph]
    else:
        ex = library.canonical_exemption(ident)
        chosen = [p for p in library.paragraphs if p.exemption == ex]
    if not chosen:
        import difflib

        ids = [p.id for p in library.paragraphs]
        close = [i for i in ids if ident.lower() in i.lower()][:8] or difflib.get_close_matches(ident, ids, n=5, cutoff=0.6)
        hint = f"; did you mean: {', '.join(close)}" if close else "; `ncnd-check refs list` lists them"
        click.echo(f"ncnd-check: no approved paragraph or exemption {ident!r}{hint}", err=True)
        sys.exit(2)
    if output_format == "json":
        click.echo(json.dumps([_paragraph_dict(p) for p in chosen], indent=2))
        return
    for n, p in enumerate(chosen):
        if n:
            click.echo("")
        click.echo(click.style(p.id, bold=True))
        click.echo(f"  exemption: {p.exemption}    role: {p.role}    required: {'yes' if p.required else 'no'}"
                   + (f" (one of {p.one_of})" if p.one_of else ""))
        meta = [f"version {p.version}" if p.version else "", f"approved {p.approved}" if p.approved else "",
                f"topic {p.topic}" if p.topic else "", f"file {p.source}"]
        click.echo("  " + "    ".join(m for m in meta if m))
        if p.placeholders:
            click.echo("  placeholders: " + ", ".join("{" + n + "}" for n in dict.fromkeys(p.placeholders)))
        if p.notes:
            click.echo(f"  notes: {p.notes}")
        click.echo("")
        click.echo(click.wrap_text(p.text, width=88, initial_indent="  ", subsequent_indent="  "))


@refs.command("validate")
@click.argument("folder", type=click.Path(), required=False)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
def validate(folder, strict):
    """Check a library folder: duplicate ids, unknown roles, missing fields, placeholders, registry URLs.

    Exit code 0: no errors (warnings are printed); 1: errors found (or
    warnings with --strict); 2: the folder does not exist.
    """
    from pathlib import Path

    from ncnd_check.library import default_reference_dir, validate_library

    target = Path(folder) if folder else default_reference_dir()
    if target is None or not target.is_dir():
        click.echo(f"ncnd-check: {folder or 'reference_texts'}: no such folder", err=True)
        sys.exit(2)
    problems = validate_library(target)
    for p in problems:
        colour = "red" if p.severity == "error" else "yellow"
        where = f" {p.where}:" if p.where else ""
        click.echo(f"{p.file}:{where} {click.style(p.severity, fg=colour)}: {p.message}")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if not problems:
        click.echo(f"{target}: OK")
    else:
        click.echo(f"{target}: {errors} error(s), {warnings} warning(s)")
    sys.exit(1 if errors or (strict and warnings) else 0)


def _paragraph_dict(p) -> dict:
    return {
        "id": p.id,
        "exemption": p.exemption,
        "role": p.role,
        "required": p.required,
        "one_of": p.one_of,
        "version": p.version,
        "approved": p.approved,
        "topic": p.topic,
        "placeholders": sorted(set(p.placeholders)),
        "text": p.text,
        "notes": p.notes,
        "file": p.source,
    }
