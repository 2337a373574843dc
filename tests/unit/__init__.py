"""Unit tests; a package, so that test files may share a name with another folder's."""
