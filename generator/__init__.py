"""Build a sourced, bilingual chronology site from one Markdown file per event."""
