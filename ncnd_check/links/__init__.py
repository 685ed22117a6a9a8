"""Links in a draft: the registry of superseded addresses, the online check, and the fixer.

``registry`` folds addresses and looks them up in the library's links.toml;
``online`` fetches them (only with --check-links-online) through an on-disk
cache; ``fixer`` writes the corrected copy ``check --fix`` makes.
"""
