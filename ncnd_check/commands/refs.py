"""``ncnd-check refs``: list, show and validate an approved-wording library.

Cheap on purpose (tomllib only, no spaCy, no rapidfuzz): an FOI team runs
``refs validate`` in its template repository's CI after every edit. So each
subcommand imports its own machinery (learning, comparing, the audit progress
bar) inside itself, deliberately: ``refs list`` does not pay for ``refs learn``.
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
    from ncnd_check.wording.library import load_library

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
      ncnd-check refs learn sent-letters/ --output my_library/
      ncnd-check refs diff reference_texts/ my_library/
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
    whose = f" ({library.authority}'s wording)" if library.authority else ""
    click.echo(f"{len(paragraphs)} paragraphs, {len(library.links)} link registry entries, from {library.folder}{whose}")


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

    from ncnd_check.wording.library import default_reference_dir, validate_library

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


@refs.command("learn")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", "output", required=True, type=click.Path(file_okay=False), help="Folder to write the library to (must not exist or be empty, unless --force).")
@click.option("--min-support", type=click.IntRange(min=1), default=None, help="Letters a paragraph must be seen in to be learned (default 3).")
@click.option("--authority", help="Whose letters these are, e.g. 'Kent Police' (default: the authority the letters name as responding).")
@click.option("--name", help="A name for the library (default: '<authority> (learned)').")
@click.option("--force", is_flag=True, help="Replace the output folder if it already holds files.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, help="Read letters in N parallel processes (default 1).")
@click.option("--quiet", "-q", is_flag=True, help="No summary table.")
def learn(paths, output, min_support, authority, name, force, jobs, quiet):
    """Learn a library from templates or sent letters (DOCX, HTML, text).

    Paragraphs that recur across letters become library entries: the
    authority's name, dates, reference numbers, people and the request's
    subject become placeholders; each entry is attached to its exemption and
    section, and marked required when nearly every letter citing that
    exemption has it. The result is in the reference_texts format, with a
    comment on each entry saying which letters it came from; check it with
    `refs validate` and point `reference-dir` at it.

    \b
    Examples:
      ncnd-check refs learn sent/2025/ --output templates/reference_texts
      ncnd-check refs learn templates/*.docx -o lib --authority "Kent Police" --min-support 2
    """
    from ncnd_check.commands.batch import progress_bar
    from ncnd_check.commands.paths import PathProblem, collect
    from ncnd_check.errors import ConfigError
    from ncnd_check.learn import DEFAULT_MIN_SUPPORT, LearnError
    from ncnd_check.learn import learn as run_learn
    from ncnd_check.learn.letters import display_names
    from ncnd_check.learn.writer import OutputExists, write_folder
    from ncnd_check.wording.library import validate_library

    try:
        from ncnd_check.config import load_settings

        settings = load_settings({}, start=paths[0])
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    files: list[str] = []
    roots: list[str] = []
    for raw in paths:
        for item in collect([raw]):
            if isinstance(item, PathProblem):
                click.echo(f"ncnd-check: {item.path}: {item.message}", err=True)
                sys.exit(2)
            files.append(item)
            roots.append(raw)
    from pathlib import Path

    target = Path(output)
    if target.exists() and (not target.is_dir() or any(target.iterdir())) and not force:
        click.echo(f"ncnd-check: {output}: exists and is not empty (use --force to replace it)", err=True)
        sys.exit(2)
    names = display_names(files, roots)
    support = min_support or DEFAULT_MIN_SUPPORT
    try:
        with progress_bar(len(files), label="reading") as advance:
            learned = run_learn(list(zip(files, names)), settings, support, authority, name, jobs, advance)
    except LearnError as exc:
        click.echo(f"ncnd-check: {exc}", err=True)
        sys.exit(2)
    for letter in learned.unreadable:
        click.echo(f"ncnd-check: warning: {letter.name}: {letter.error} (skipped)", err=True)
    try:
        write_folder(learned.files, target, force=force)
    except (OutputExists, OSError) as exc:
        click.echo(f"ncnd-check: {output}: {exc}", err=True)
        sys.exit(2)
    errors = [p for p in validate_library(target) if p.severity == "error"]
    for p in errors:  # a bug if it happens: say so rather than leave a library check cannot use
        click.echo(f"ncnd-check: internal error: the learned library does not validate: {p}", err=True)
    if not quiet:
        click.echo(learn_summary(learned, str(target), support), nl=False)
    sys.exit(2 if errors else 0)


def learn_summary(learned, output: str, support: int) -> str:
    """The end-of-run table: entries per exemption, required and optional, placeholders found."""
    import io

    from rich.console import Console
    from rich.table import Table

    from ncnd_check.learn import summary_rows

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=False, no_color=True, width=110, highlight=False, markup=False, emoji=False)
    table = Table(title=f"Learned library: {learned.name}", title_justify="left")
    for col, justify in (("exemption", "left"), ("entries", "right"), ("required", "right"), ("optional", "right"), ("placeholders", "left")):
        table.add_column(col, justify=justify, overflow="fold")
    rows = summary_rows(learned)
    for exemption, n, req, opt, ph in rows:
        table.add_row(exemption, str(n), str(req), str(opt), ph)
    table.add_row("total", str(sum(r[1] for r in rows)), str(sum(r[2] for r in rows)), str(sum(r[3] for r in rows)), "")
    console.print(table)
    letters = learned.letters
    console.print(
        f"{len(letters)} files read: {len(learned.used)} NCND letters learned from, "
        f"{len(learned.not_ncnd)} not NCND responses, {len(learned.unreadable)} unreadable; "
        f"paragraphs seen in at least {support} letters kept."
    )
    console.print(f"authority: {learned.authority or 'not found (use --authority)'}; written to {output}")
    console.print(f"Use it: reference-dir = \"{output}\" in ncnd-check.toml, or check --reference-dir {output}")
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())


@refs.command("diff")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the libraries differ.")
def diff(old, new, output_format, exit_zero):
    """What changed between two libraries: paragraphs added, removed, reworded (with a redline).

    Exit code 0: no change; 1: the libraries differ (for CI: review the
    change); 2: a folder does not exist or holds no paragraphs.

    \b
    Examples:
      ncnd-check refs diff reference_texts/ templates/reference_texts/
      ncnd-check refs diff old/ new/ --format json
    """
    from pathlib import Path

    from ncnd_check.learn.compare import compare_libraries
    from ncnd_check.wording.library import load_library

    libs = []
    for folder in (old, new):
        if not Path(folder).is_dir():
            click.echo(f"ncnd-check: {folder}: no such folder", err=True)
            sys.exit(2)
        lib = load_library(folder)
        if not lib.paragraphs:
            click.echo(f"ncnd-check: {folder}: holds no approved paragraphs", err=True)
            sys.exit(2)
        libs.append(lib)
    changes = compare_libraries(*libs)
    if output_format == "json":
        counts = {k: sum(1 for c in changes if c.kind == k) for k in ("added", "removed", "reworded", "changed")}
        click.echo(json.dumps({"old": old, "new": new, "changes": [c.to_dict() for c in changes], "counts": counts}, indent=2, ensure_ascii=False))
    else:
        click.echo(diff_text(changes, old, new, color=sys.stdout.isatty()), nl=False)
    sys.exit(0 if exit_zero or not changes else 1)


def diff_text(changes, old: str, new: str, color: bool = False) -> str:
    style = click.style if color else (lambda t, **_: t)
    marks = {"added": ("+", "green"), "removed": ("-", "red"), "reworded": ("~", "yellow"), "changed": ("*", "cyan")}
    lines = []
    for c in changes:
        mark, colour = marks[c.kind]
        p = c.new or c.old
        lines.append(f"{style(mark, fg=colour, bold=True)} {c.kind:<8} {style(c.id, bold=True)}  [{p.exemption}, {p.role}]")
        if c.kind == "reworded":
            lines.append(f"    {c.score:.0f}% similar: {_redline(c.redline, color)}")
        elif c.kind in ("added", "removed"):
            lines.append("    " + " ".join(p.text.split())[:200])
        for f, a, b in c.fields:
            lines.append(f"    {f}: {a} -> {b}")
    counts = {k: sum(1 for c in changes if c.kind == k) for k in marks}
    if changes:
        lines.append("")
    lines.append(f"{old} -> {new}: {counts['added']} added, {counts['removed']} removed, "
                 f"{counts['reworded']} reworded, {counts['changed']} changed" + ("" if changes else " (no change)"))
    return "\n".join(lines) + "\n"


def _redline(redline, color: bool) -> str:
    from ncnd_check.report import redline_coloured, redline_plain

    return redline_coloured(redline) if color else redline_plain(redline)
