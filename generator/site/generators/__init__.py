"""Our Pelican generators, one module each; the plugin's one ``get_generators`` returns them.

Each is thin: what a page holds, and how a feed or the sitemap is written, live in the
modules of :mod:`generator.site` (``chronology``, ``facets``, ``exporters``…), which know
nothing of Pelican's generators, so they are tested without a build.
"""
