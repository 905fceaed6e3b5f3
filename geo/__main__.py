"""``python -m geo`` runs the ``geo`` command."""

from .cli import main

# (guarded: a process started by ``spawn`` imports this module again, and must not run the command)
if __name__ == "__main__":
    raise SystemExit(main())
