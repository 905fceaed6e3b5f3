"""``python -m geo`` runs the ``geo`` command."""

from .cli import entry

# (guarded: importing the module, as tools and multiprocessing's spawn do, does not run the command)
if __name__ == "__main__":
    raise SystemExit(entry())
