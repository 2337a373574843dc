"""The generator of each language's data: events.json and its schema, the CSV files, TimelineJS."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from ..catalogs import N_, load_translations
from ..dataschema import events_schema
from ..exporters import is_absolute
from ..files import replace_file
from ..opendata import (
    EVENTS_CSV,
    EVENTS_JSON,
    EVENTS_SCHEMA,
    SOURCES_CSV,
    TIMELINEJS_JSON,
    Dataset,
    data_files,
    eras_of,
    events_csv,
    events_document,
    records,
    sources_csv,
    timelinejs_document,
    to_json,
)
from ..state import build_of
from .base import TimelineGenerator

logger = logging.getLogger(__name__)

#: The link from each TimelineJS slide to the event's page, in the site's language.
MORE = N_("The event's page, with its sources")
#: The files :meth:`OpenDataGenerator.write` writes, below the site's folder.
DATA_FILES = (EVENTS_JSON, EVENTS_SCHEMA, EVENTS_CSV, SOURCES_CSV, TIMELINEJS_JSON)


class OpenDataGenerator(TimelineGenerator):
    """Write ``data/`` for the site of this run, and give the Data page its field tables."""

    def generate_context(self) -> None:
        """Give the Data page (``theme/templates/data.html``) every file and its fields."""
        self.context["timeline_data_files"] = data_files(events_schema())

    def dataset(self) -> Dataset:
        """Return what the site says of its data: name, subtitle, language, address, licence."""
        settings = self.settings
        return Dataset(
            title=settings["SITENAME"],
            description=settings.get("SITESUBTITLE") or "",
            lang=settings["DEFAULT_LANG"],
            siteurl=settings["SITEURL"],
            license_name=settings["TIMELINE_LICENSE_NAME"],
            license_url=settings["TIMELINE_LICENSE_URL"],
        )

    def generate_output(self, writer: Any) -> None:
        """Write the data files into the writer's output folder; they are not pages."""
        write = partial(self.write, Path(writer.output_path))
        self.write_file_later(writer, DATA_FILES, self.context.get("articles", []), write)

    def write(self, output: Path) -> None:
        """Write ``events.json``, its schema, the CSV files and ``timelinejs.json`` there."""
        settings = self.settings
        dataset = self.dataset()
        build = build_of(settings)
        languages = build.languages

        def translations(article: Any) -> list[tuple[str, str]]:
            others = languages.alternates(dataset.lang, article.save_as)
            return sorted((a.lang, a.url) for a in others if a.exists and not a.current)

        events = records(self.context.get("articles", []), dataset, translations)
        eras = eras_of(build.run(settings).registries.entities.get("eras", {}), dataset.lang)
        schema_url = dataset.url(EVENTS_SCHEMA)
        words = load_translations(Path(self.theme) / "translations", dataset.lang)
        documents = (
            to_json(events_document(events, eras, dataset, schema_url)),
            to_json(events_schema(schema_url if is_absolute(dataset.siteurl) else None)),
            events_csv(events),
            sources_csv(events),
            to_json(timelinejs_document(events, eras, dataset, words.gettext(MORE))),
        )
        files = dict(zip(DATA_FILES, documents, strict=True))
        for name, data in files.items():
            path = output / name
            replace_file(path, data)
            logger.info("Writing %s", path)
