"""The editor's commands: build, check, scaffold, count, preview and check links."""
