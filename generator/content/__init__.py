"""The entry format and its rules: what an entry and a registry may say, and every check.

Nothing here imports Pelican, the site or the tools (import-linter checks it in make lint),
so the checker and the editor's commands can read content without starting a build.
"""
