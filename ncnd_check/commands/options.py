"""Options shared by the commands, and turning them into Settings."""

from __future__ import annotations

import functools
import os

import click

from ncnd_check.config import load_settings, resolve_rule_names
from ncnd_check.engine import get_library
from ncnd_check.errors import ConfigError

FORMATS = ("text", "json", "sarif", "junit", "github")


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def settings_options(func):
    """Options that feed Settings: library, authority, rule selection, config files."""

    @click.option("--reference-dir", type=click.Path(file_okay=False), help="Approved-wording library to use.")
    @click.option("--authority", help="The authority sending the response, e.g. 'West Midlands Police'.")
    @click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Settings file (pyproject.toml or ncnd-check.toml).")
    @click.option("--isolated", is_flag=True, help="Ignore settings files.")
    @click.option("--select", multiple=True, help="Rule codes, prefixes or categories to run (default ALL; replaces the settings file's list).")
    @click.option("--ignore", multiple=True, help="Rule codes, prefixes or categories to skip (added to the settings file's list).")
    @click.option("--mode", type=click.Choice(["letter", "template"]), help="template: the draft is a template, placeholders are expected.")
    @click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes the exit code 1 (default error).")
    @click.option("--check-links-online", is_flag=True, default=None, help="Also fetch each link (HEAD, then GET) and report dead ones.")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def output_options(func):
    @click.option("--format", "-f", "output_format", type=click.Choice(FORMATS), help="Report format (default text).")
    @click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of stdout. An existing FILE is replaced whole; an input, a link or a special file is refused.")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def jobs_option(func):
    @click.option("--jobs", "-j", type=click.IntRange(min=1), help="Check files in N parallel processes (default 1, or `jobs` in the settings).")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def build_settings(params: dict, paths: list[str] | tuple[str, ...] = ()):
    """Settings from the nearest config file, then flags on top (flags win).

    Rule selectors (``--select``, ``ignore``, per-file ignores, severity
    overrides) are checked against the registry: one that names no rule is a
    :class:`~ncnd_check.errors.ConfigError`, not a silent no-op.
    """
    flags: dict = {}
    if params.get("reference_dir"):
        flags["reference_dir"] = params["reference_dir"]
    if params.get("authority"):
        flags["authority"] = params["authority"]
    if params.get("select"):
        flags["select"] = _split(params["select"])
    extra_ignore = _split(params["ignore"]) if params.get("ignore") else []
    if params.get("mode"):
        flags["mode"] = params["mode"]
    if params.get("fail_on"):
        flags["fail_on"] = params["fail_on"]
    if params.get("output_format"):
        flags["format"] = params["output_format"]
    if params.get("check_links_online"):
        flags["check_links_online"] = True
    if params.get("jobs"):
        flags["jobs"] = params["jobs"]
    if params.get("reference_dir") and not os.path.isdir(params["reference_dir"]):
        raise ConfigError(f"--reference-dir {params['reference_dir']}: no such folder")
    settings = load_settings(
        flags,
        config_file=params.get("config_file"),
        isolated=bool(params.get("isolated")),
        start=paths[0] if paths else None,
    )
    if extra_ignore:
        # --ignore adds to the settings file's list (as in ruff); --select replaces it.
        settings = settings.copy(ignore=[*settings.ignore, *extra_ignore])
    if settings.reference_dir and not os.path.isdir(settings.reference_dir):
        raise ConfigError(f"setting 'reference-dir': {settings.reference_dir}: no such folder")
    return resolve_rule_names(settings)


def warn_about_library(settings) -> None:
    """Load the approved-wording library once and say on stderr what in it was skipped."""
    library = get_library(settings)
    for problem in getattr(library, "problems", None) or []:
        click.echo(f"ncnd-check: warning: approved-wording library: {problem}", err=True)
