"""``python -m ncnd_check`` runs the CLI."""

from ncnd_check.cli import main

if __name__ == "__main__":
    main()
