"""One module per CLI command; :mod:`ncnd_check.cli` imports them lazily."""
