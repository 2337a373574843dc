"""Production settings on top of `pelicanconf.py`: the absolute URLs the feed and calendar need."""

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

# Pelican's own feeds stay off: they list articles in ARTICLE_ORDER_BY order, which is
# chronological here, and cut at FEED_MAX_ITEMS, so they would publish the oldest events.
# generator/site/exporters.py writes each language's feed instead, newest first
# (feeds/events.atom.xml, TIMELINE_FEED_ITEMS events), and its calendar.ics.
FEED_ALL_ATOM = None

# Each entry links to its change history where the deploy names one, e.g.
# HISTORY_URL="https://github.com/OWNER/REPO/commits/main/{path}".
TIMELINE_HISTORY_URL = os.environ.get("HISTORY_URL") or None

# "Suggest a correction" opens an issue in the repository the deploy names, e.g.
# REPOSITORY_URL="https://github.com/OWNER/REPO"; CORRECTIONS_EMAIL, where set, is the route
# for readers without an account there.
TIMELINE_REPOSITORY_URL = os.environ.get("REPOSITORY_URL") or None
TIMELINE_CORRECTIONS_EMAIL = os.environ.get("CORRECTIONS_EMAIL") or None
