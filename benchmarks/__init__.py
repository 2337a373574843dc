"""``make bench``: our build against vanilla Pelican and Hugo on the same synthetic entries.

``generate.py`` writes the entries (a script of its own, run once per entry count), ``run.py``
times the builds and the previews, ``preview.py`` drives the preview servers and ``results.py``
turns the figures into the table, with the ratios and the targets.
"""
