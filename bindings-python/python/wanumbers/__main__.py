"""``python -m wanumbers``: the same as the ``wanumbers`` command."""

from ._cli import main

raise SystemExit(main())
