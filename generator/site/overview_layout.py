"""The overview drawing's layout: every label, box, tick and band placed, for an accessible SVG.

:func:`lay_out_overview` gives a :class:`Drawing`, plain data with every number computed and
rounded here and every word said by :mod:`generator.site.overview`; ``partials/overview.html``
writes it as SVG, and the theme owns the look (strokes, opacities).

Layout: one row per year that has events, and one short "no events" row per run of empty
years. The span is 64 years (1963–2026) but fewer than a third of them have an entry, and most
of the entries fall in 2015–2017: a linear axis (one column, or one cell of a decade bar, per
year) squeezes 64 years into a phone's 360 px, about 5 px a year, too small to read, to tell
kinds apart or to tap. Rows of a fixed height keep every label at full size at 360 px, every
year link at least 24 px high (WCAG 2.5.8), and still account for every year of the span: an
empty run is named ("1990–2008: no events") instead of being drawn as blank space. Within a
row, a bar is cut into one segment per kind, in the order of the legend, its length in
proportion to the number of events.

Eras are time spans, where distance matters, so they get their own linear axis above the rows:
one band per era, on its own line with its title and years, so overlapping eras never hide
each other, with a tick every decade.

Kinds are told apart by a fill pattern (lines, dots, hatches...) as well as by colour, named in
a legend, and named again in each segment's tooltip. The drawing has a ``<title>`` and a
``<desc>`` giving the counts, and ``partials/overview-table.html`` gives the same figures as
HTML tables, for a ``<details>`` beside the drawing.

The SVG has ``role="group"``, not ``role="img"``: an image's children are presentational, so
the year links inside would be hidden from screen readers, which axe-core reports as nested
interactive controls. It uses no ``style`` attribute, no ``<style>`` element and no script (the
site's Content-Security-Policy forbids inline styles): colours are presentation attributes,
text is ``currentColor``, and every element has a class the site's CSS can target. The same
input gives the same layout, and so byte-identical output.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from ..content.model import Entity, Event
from .overview import (
    EMPTY,
    ERAS,
    EVENTS_PER_YEAR,
    GapRow,
    Tally,
    Translator,
    Words,
    YearRow,
    count_events,
    describe,
    era_label,
    kind_count,
    tally,
    years_label,
)

# Geometry, in viewBox units: the width is a phone's, so at 360 px one unit is one CSS pixel.
WIDTH = 360
MARGIN = 8
FONT = 12
SMALL = 11
CHAR_WIDTH = 0.56  # average advance of a character, in ems, to estimate text widths
LEGEND_ROW = 20
SWATCH = 14
HEADING_ROW = 22
ERA_LINE = 14
ERA_BAND = 10
ERA_GAP = 8
AXIS_ROW = 18
YEAR_ROW = 28  # at least 24 px even when 360 units are drawn in 320 px
GAP_ROW = 20
BAR_X = 52
BAR_HEIGHT = 16
COUNT_SPACE = 28
MIN_ERA_WIDTH = 3
DECADE = 10

#: Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
TILE = 8
SRGB_KNEE = 0.04045  # below it, an sRGB channel is linear (WCAG's relative luminance)


@dataclass(frozen=True)
class Mark:
    """A shape drawn over a kind's colour in its tile: a path, or a circle at the tile's centre.

    ``stroke`` is the width of its line, 0 to fill the shape with the ink instead; a ``hollow``
    stroked shape keeps its inside empty.
    """

    d: str = ""
    r: float = 0
    stroke: float = 0
    hollow: bool = False
    centre: int = TILE // 2


#: Marks drawn over each kind's colour, so that kinds differ without colour too.
MARKS: tuple[Mark | None, ...] = (
    None,  # plain
    Mark("M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6", stroke=1.5),
    Mark("M0,0 L8,8 M-2,6 L2,10 M6,-2 L10,2", stroke=1.5),
    Mark("M0,4 L8,4", stroke=1.5),
    Mark("M4,0 L4,8", stroke=1.5),
    Mark("M0,0 L8,8 M0,8 L8,0", stroke=1),
    Mark(r=1.6),
    Mark("M0,4 L8,4 M4,0 L4,8", stroke=1),
    Mark(r=2.2, stroke=1, hollow=True),
    Mark("M0,0 H4 V4 H0 Z M4,4 H8 V8 H4 Z"),
    Mark("M0,6 L2,2 L4,6 L6,2 L8,6", stroke=1.2, hollow=True),
    Mark("M0,2 L3,2 M4,6 L7,6", stroke=1.5),
)


@dataclass(frozen=True)
class Label:
    """A text and where it is drawn: ``x``, and ``y`` the line it stands on."""

    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Box:
    """A rectangle: a legend's swatch, an era's band, a segment of a bar, a year's link area."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Pattern:
    """A kind's fill: its colour, and its mark (if any) over it in ``ink``, black or white."""

    id: str
    kind: str
    colour: str
    ink: str
    mark: Mark | None
    size: int = TILE


@dataclass(frozen=True)
class LegendItem:
    """A kind's swatch, filled with its pattern, and its name."""

    kind: str
    pattern: str
    swatch: Box
    name: Label


@dataclass(frozen=True)
class Legend:
    """The kinds of event, in one column or two."""

    heading: Label
    items: tuple[LegendItem, ...]


@dataclass(frozen=True)
class Tick:
    """A decade's line from ``top`` to ``bottom`` across the era bands, its year under them."""

    year: int
    x: float
    top: float
    bottom: float
    label_y: float


@dataclass(frozen=True)
class EraBand:
    """An era: its title, on as many lines as it takes, over a band from its start to its end."""

    id: str
    title: tuple[Label, ...]
    band: Box


@dataclass(frozen=True)
class Eras:
    """The eras on a linear axis of the span, with a tick every decade."""

    heading: Label
    ticks: tuple[Tick, ...]
    bands: tuple[EraBand, ...]


@dataclass(frozen=True)
class Segment:
    """A kind's part of a year's bar, and its tooltip: "Refusal: 2"."""

    kind: str
    pattern: str
    box: Box
    title: str


@dataclass(frozen=True)
class YearBar:
    """A year with events, all one link: its year, its bar cut by kind, its count."""

    gap: ClassVar[bool] = False
    href: str
    #: The link's accessible name: "2016: 3 events".
    name: str
    hit: Box
    year: Label
    segments: tuple[Segment, ...]
    count: Label


@dataclass(frozen=True)
class Rule:
    """A horizontal line from ``x1`` to ``x2``."""

    x1: float
    x2: float
    y: float


@dataclass(frozen=True)
class Gap:
    """A run of years without events: its label, and a dashed rule after it if there is room."""

    gap: ClassVar[bool] = True
    label: Label
    rule: Rule | None


@dataclass(frozen=True)
class Years:
    """The rows: a bar per year with events, a line per run of empty years."""

    heading: Label
    rows: tuple[YearBar | Gap, ...]


@dataclass(frozen=True)
class Drawing:
    """One overview, laid out for ``partials/overview.html``, top to bottom.

    ``years`` is None when there are no events, and ``empty`` is said in their place. Sizes
    are in viewBox units; ``font`` and ``small`` are the sizes the layout measured texts in.
    """

    prefix: str
    width: int
    height: float
    font: int
    small: int
    title: str
    desc: str
    patterns: tuple[Pattern, ...]
    legend: Legend | None
    eras: Eras | None
    years: Years | None
    empty: Label | None


def lay_out_overview(
    events: Sequence[Event],
    eras: Sequence[Entity],
    lang: str,
    translations: Translator,
    year_href: Callable[[int], str],
    *,
    id_prefix: str = "overview",
) -> Drawing:
    """Place events per year (the entries in ``lang``), kinds and eras for one SVG.

    The words come from ``translations``, the interface catalog of the page's language, so
    they are translated where the templates' are; ``lang`` picks the names of kinds and eras
    and the way dates are written. ``year_href(2016)`` gives each year's link, e.g.
    ``/#y2016``; ``id_prefix`` keeps the ids unique if the page holds two drawings.
    """
    data = tally(events, eras, lang)
    return _Layout(data, lang, Words(translations, lang), year_href, id_prefix).drawing()


class _Layout:
    """Place one overview's pieces top to bottom: legend, eras, then the year rows."""

    def __init__(
        self,
        data: Tally,
        lang: str,
        words: Words,
        year_href: Callable[[int], str],
        prefix: str,
    ) -> None:
        self.data = data
        self.lang = lang
        self.words = words
        self.year_href = year_href
        self.prefix = prefix
        self.y: float = MARGIN

    def drawing(self) -> Drawing:
        legend = self._legend()
        eras = self._eras()
        years = self._years()
        empty = None if years else self._empty()
        return Drawing(
            prefix=self.prefix,
            width=WIDTH,
            height=_n(self.y + MARGIN),
            font=FONT,
            small=SMALL,
            title=self._title(),
            desc=describe(self.data, self.lang, self.words),
            patterns=self._patterns(),
            legend=legend,
            eras=eras,
            years=years,
            empty=empty,
        )

    def _title(self) -> str:
        span = self.data.span
        if not self.data.total or span is None:
            return self.words.gettext(EVENTS_PER_YEAR)
        if span[0] == span[1]:
            return self.words.gettext("Events in %(year)s", year=span[0])
        return self.words.gettext(
            "Events per year, %(first)s–%(last)s", first=span[0], last=span[1]
        )

    def _pattern_id(self, index: int) -> str:
        return f"{self.prefix}-kind-{index}"

    def _patterns(self) -> tuple[Pattern, ...]:
        patterns = []
        for index, kind in enumerate(self.data.kinds):
            colour = COLOURS[index % len(COLOURS)]
            mark = MARKS[index % len(MARKS)]
            patterns.append(Pattern(self._pattern_id(index), kind.id, colour, _ink(colour), mark))
        return tuple(patterns)

    def _heading(self, text: str) -> Label:
        heading = _label(text, MARGIN, self.y + 15)
        self.y += HEADING_ROW
        return heading

    def _legend(self) -> Legend | None:
        kinds = self.data.kinds
        if not kinds:
            return None
        heading = self._heading(self.words.gettext("Kinds of event"))
        inner = WIDTH - 2 * MARGIN
        names = [kind.name_in(self.lang) for kind in kinds]
        column = inner / 2
        fits = all(_width(name, FONT) <= column - SWATCH - 10 for name in names)
        columns = 2 if fits else 1
        items = []
        for index, (kind, name) in enumerate(zip(kinds, names, strict=True)):
            x = MARGIN + (index % columns) * column
            y = self.y + (index // columns) * LEGEND_ROW
            swatch = _box(x, y + 2, SWATCH, SWATCH)
            label = _label(name, x + SWATCH + 6, y + 14)
            items.append(LegendItem(kind.id, self._pattern_id(index), swatch, label))
        self.y += math.ceil(len(kinds) / columns) * LEGEND_ROW + ERA_GAP
        return Legend(heading, tuple(items))

    def _eras(self) -> Eras | None:
        eras, span = self.data.eras, self.data.span
        if not eras or span is None:
            return None
        left, right = MARGIN, WIDTH - MARGIN
        origin, stop = date(span[0], 1, 1), date(span[1] + 1, 1, 1)
        days = (stop - origin).days

        def x_of(day: date) -> float:
            return left + (right - left) * min(max((day - origin).days / days, 0.0), 1.0)

        heading = self._heading(self.words.gettext(ERAS))
        top = self.y
        blocks = []
        for era in eras:
            label = era_label(era, self.lang, self.words)
            lines = _wrap(label, right - left, SMALL)
            blocks.append((era, lines))
        height = sum(len(lines) * ERA_LINE + ERA_BAND + ERA_GAP for _, lines in blocks)
        ticks = _decades(span, x_of, top, height)
        bands = []
        for era, lines in blocks:
            start = era.start.first_day if era.start else origin
            end = era.end.last_day + timedelta(days=1) if era.end else stop
            x0, x1 = x_of(start), x_of(end)
            if x1 - x0 < MIN_ERA_WIDTH:
                x0 = min(x0, right - MIN_ERA_WIDTH)
                x1 = x0 + MIN_ERA_WIDTH
            block = max(_width(line, SMALL) for line in lines)
            text_x = max(left, min(x0, right - block))
            title = tuple(
                _label(line, text_x, self.y + (number + 1) * ERA_LINE - 3)
                for number, line in enumerate(lines)
            )
            self.y += len(lines) * ERA_LINE
            bands.append(EraBand(era.id, title, _box(x0, self.y, x1 - x0, ERA_BAND)))
            self.y += ERA_BAND + ERA_GAP
        self.y += AXIS_ROW
        return Eras(heading, ticks, tuple(bands))

    def _years(self) -> Years | None:
        years = [row for row in self.data.rows if isinstance(row, YearRow)]
        if not years:
            return None
        heading = self._heading(self.words.gettext(EVENTS_PER_YEAR))
        most = max(row.total for row in years)
        unit = (WIDTH - MARGIN - BAR_X - COUNT_SPACE) / most
        rows = tuple(
            self._gap(row) if isinstance(row, GapRow) else self._year(row, unit)
            for row in self.data.rows
        )
        return Years(heading, rows)

    def _empty(self) -> Label:
        empty = _label(self.words.gettext(EMPTY), WIDTH / 2, self.y + 18)
        self.y += YEAR_ROW
        return empty

    def _year(self, row: YearRow, unit: float) -> YearBar:
        y = self.y
        events = count_events(row.total, self.words)
        # Translators: a year's link in the overview: "2016: 3 events".
        name = self.words.gettext("%(year)s: %(events)s", year=row.year, events=events)
        x: float = BAR_X
        segments = []
        for kind, count in row.kinds:
            index = self.data.kinds.index(kind)
            tip = kind_count(kind, count, self.lang, self.words)
            box = _box(x, y + 6, count * unit, BAR_HEIGHT)
            segments.append(Segment(kind.id, self._pattern_id(index), box, tip))
            x += count * unit
        self.y += YEAR_ROW
        return YearBar(
            href=self.year_href(row.year),
            name=name,
            hit=_box(0, y, WIDTH, YEAR_ROW),
            year=_label(str(row.year), MARGIN, y + 19),
            segments=tuple(segments),
            count=_label(str(row.total), x + 6, y + 19),
        )

    def _gap(self, row: GapRow) -> Gap:
        # Translators: a run of years without events in the overview: "2013–2014: no events".
        label = self.words.gettext("%(years)s: no events", years=years_label(row, self.words))
        y = self.y
        end = MARGIN + _width(label, SMALL) + 6
        rule = Rule(_n(end), WIDTH - MARGIN, _n(y + 10)) if end < WIDTH - MARGIN else None
        self.y += GAP_ROW
        return Gap(_label(label, MARGIN, y + 14), rule)


def _decades(
    span: tuple[int, int], x_of: Callable[[date], float], top: float, height: float
) -> tuple[Tick, ...]:
    """Place a light line and a label at each decade, under the era bands."""
    first = -(-span[0] // DECADE) * DECADE
    return tuple(
        Tick(year, _n(x_of(date(year, 1, 1))), _n(top), _n(top + height), _n(top + height + 12))
        for year in range(first, span[1] + 1, DECADE)
    )


def _width(text: str, size: float) -> float:
    """Estimate how wide a text is drawn; used only to place and wrap labels."""
    return len(text) * size * CHAR_WIDTH


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Cut a text into lines that fit ``width``, at spaces; a long word keeps its own line."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _ink(colour: str) -> str:
    """Black or white, whichever contrasts more with the colour, for the pattern's marks."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= SRGB_KNEE else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]  # WCAG 2
    on_black = (luminance + 0.05) / 0.05
    on_white = 1.05 / (luminance + 0.05)
    return "#000000" if on_black >= on_white else "#ffffff"


def _label(text: str, x: float, y: float) -> Label:
    return Label(text, _n(x), _n(y))


def _box(x: float, y: float, width: float, height: float) -> Box:
    return Box(_n(x), _n(y), _n(width), _n(height))


def _n(value: float) -> float:
    """Round a coordinate to two decimals, a whole number to an int: it prints the same way."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded
