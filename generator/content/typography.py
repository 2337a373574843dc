"""Language typography: the no-break spaces French puts around its high punctuation.

French sets a space before ``; : ! ?`` and ``»`` and after ``«``; an ordinary space there lets a
line begin with "?" or ":" (on a phone the French site's name broke before its colon). We follow
the Imprimerie nationale's rule: a narrow no-break space (U+202F) before ``; ! ?`` and ``»`` and
after ``«``, and a full-width no-break space (U+00A0) before ``:``. Editors type ordinary spaces;
the build applies the rule (:mod:`generator.site.reader`), and the French interface catalog
follows it as written (a unit test checks it).

Only a space that is there changes: an ordinary space, a tab or line break, a thin space, or
either no-break space becomes the rule's one. A mark with nothing before it ("http://", "12:30",
"?q=") stays as it is, because French text never leaves it bare and other text (addresses,
times, code) does; nothing is ever added where there was no space. Applying a rule twice
changes nothing more.

A language without a rule (English) is returned unchanged. In HTML, the text inside
``<code>``, ``<pre>``, ``<kbd>`` and ``<samp>`` is left alone, and an element with a ``lang``
attribute switches to that language's rule until it closes, so an English quotation marked
``lang="en"`` inside French keeps its spaces and French marked inside English gets its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Event, Source

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

#: What counts as "a space before the mark" in plain text: ordinary, thin or no-break.
_TEXT_SPACE = "[ \t\r\n\u2009\u00a0\u202f]"
#: The same in HTML, where the sanitizer writes U+00A0 as ``&nbsp;`` (and others may use the
#: numeric forms). No entity ends in a space, so the ``;`` closing one is never read as a mark.
_HTML_SPACE = rf"(?:{_TEXT_SPACE}|&nbsp;|&#160;|&#[xX]0*[aA]0;|&#8239;|&#[xX]202[fF];)"


@dataclass(frozen=True)
class Rule:
    """The space a language puts before some marks, and after others."""

    before: dict[str, str]
    after: dict[str, str]

    def apply(self, text: str, space: str = _TEXT_SPACE) -> str:
        """Return ``text`` with each run of ``space`` next to a mark turned into the rule's."""
        if self.before:
            marks = re.escape("".join(self.before))
            text = re.sub(rf"(?:{space})+([{marks}])", lambda m: self.before[m[1]] + m[1], text)
        if self.after:
            marks = re.escape("".join(self.after))
            text = re.sub(rf"([{marks}])(?:{space})+", lambda m: m[1] + self.after[m[1]], text)
        return text


#: Rules by primary language subtag; a language not listed (English) gets nothing.
RULES: dict[str, Rule] = {
    "fr": Rule(
        before={";": NARROW_NBSP, ":": NBSP, "!": NARROW_NBSP, "?": NARROW_NBSP, "»": NARROW_NBSP},
        after={"«": NARROW_NBSP},
    ),
}

#: Elements whose text is shown as written: code, program output, keys.
VERBATIM = frozenset({"code", "kbd", "pre", "samp", "script", "style"})
#: Elements that have no end tag, so never open a scope.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)

# The sanitizer quotes every attribute value with double quotes, and a quoted value may hold
# a raw ">" (only "&" and '"' are escaped there), so a tag ends at the first ">" outside quotes.
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_TAG_PARTS = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"""\s([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_ANY_LANG = re.compile(r"\slang\s*=", re.IGNORECASE)


def rule_for(lang: str | None) -> Rule | None:
    """Return the rule for a language tag (``fr``, ``fr-CA``), or None when it has none."""
    if not lang:
        return None
    return RULES.get(lang.split("-")[0].lower())


def typeset_text(text: str, lang: str | None) -> str:
    """Apply ``lang``'s rule to plain text, such as a title or a summary before it is escaped."""
    rule = rule_for(lang)
    return text if rule is None else rule.apply(text)


def typeset_html(html: str, lang: str | None) -> str:
    """Apply ``lang``'s rule to the text of sanitized HTML, never to tags or verbatim text.

    The HTML is split on its tags and only the text between them changes, so attribute values
    and addresses are never touched. A stack of open elements tracks which rule is in force:
    well-formed input is what the sanitizer guarantees, and a stray end tag closes only an
    element that is open. A space and its mark split by a tag (``<em>mot</em> :``) are in one
    text segment; a mark at the very start of a segment has nothing before it here, so it stays.
    """
    rule = rule_for(lang)
    if rule is None and not _ANY_LANG.search(html):
        return html
    # Each open element: its name, the rule inside it, and whether its text is verbatim.
    stack: list[tuple[str, Rule | None, bool]] = [("", rule, False)]
    out: list[str] = []
    position = 0
    for tag in _TAG.finditer(html):
        out.append(_typeset_segment(html[position : tag.start()], stack[-1]))
        out.append(tag[0])
        position = tag.end()
        _track(tag[0], stack)
    out.append(_typeset_segment(html[position:], stack[-1]))
    return "".join(out)


def _typeset_segment(text: str, scope: tuple[str, Rule | None, bool]) -> str:
    """Apply the scope's rule to one text segment, unless it is verbatim or has none."""
    _, rule, verbatim = scope
    if verbatim or rule is None or not text:
        return text
    return rule.apply(text, _HTML_SPACE)


def _track(tag: str, stack: list[tuple[str, Rule | None, bool]]) -> None:
    """Open or close the element of ``tag`` on the stack of open elements."""
    parts = _TAG_PARTS.match(tag)
    if parts is None:  # a doctype or a comment: no element
        return
    closing, name = parts[1] == "/", parts[2].lower()
    if closing:
        names = [entry[0] for entry in stack]
        if name in names[1:]:
            del stack[len(names) - 1 - names[::-1].index(name) :]
        return
    if name in VOID or tag.endswith("/>"):
        return
    _, rule, verbatim = stack[-1]
    for attribute in _ATTRIBUTE.finditer(tag, parts.end()):
        if attribute[1].lower() == "lang":
            rule = rule_for(attribute[2] or attribute[3] or attribute[4])
    stack.append((name, rule, verbatim or name in VERBATIM))


def typeset_event(event: Event) -> Event:
    """Return ``event`` with its title and summary, and its sources' titles, typeset.

    Each text follows its own language: the title and summary the entry's, a cited title its
    source's, and a [description] of an untitled source the language it was written in. So a
    French headline is set the French way on the English page too, and an English one is
    never set the French way on the French page.
    """
    return replace(
        event,
        title=typeset_text(event.title, event.lang),
        summary=typeset_text(event.summary, event.lang),
        sources=tuple(_typeset_source(source) for source in event.sources),
    )


def _typeset_source(source: Source) -> Source:
    """Typeset a source's title in the language it is written in."""
    lang = source.written_in if source.described else source.lang
    title = typeset_text(source.title, lang)
    return source if title == source.title else replace(source, title=title)
