"""Allow ``python -m generator``, the same as the ``timeline`` command."""

import sys

from .cli import main

sys.exit(main())
