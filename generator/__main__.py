"""Allow ``python -m generator``, the same as the ``timeline`` command."""

import sys

from .tools.cli import main

sys.exit(main())
