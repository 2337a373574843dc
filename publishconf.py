"""Production settings: absolute URLs and feeds, on top of `pelicanconf.py`."""

import os
import sys

sys.path.append(os.curdir)

from pelicanconf import *

# The public address of the site, e.g. https://<owner>.github.io/<repository>; the deploy
# workflow sets it. There is no default: feeds and canonical links need the real one.
if not os.environ.get("SITEURL"):
    sys.exit("publishconf.py: set SITEURL to the site's public address (https://...)")
SITEURL = os.environ["SITEURL"].rstrip("/")
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_MAX_ITEMS = 50

# Each entry links to its change history where the deploy names one, e.g.
# HISTORY_URL="https://github.com/OWNER/REPO/commits/main/{path}".
TIMELINE_HISTORY_URL = os.environ.get("HISTORY_URL") or None
