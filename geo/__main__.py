"""``python -m geo`` runs the ``geo`` command."""

from .cli import main

raise SystemExit(main())
