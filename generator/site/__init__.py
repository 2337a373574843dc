"""The Pelican plugin and what it builds from checked content: pages, feeds, search, languages."""
