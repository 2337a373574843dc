"""Where a reader sends a correction: the repository's issue form, or an email, prefilled.

A correction is only as useful as the entry it names, so the form arrives with the entry's file
in the repository and the page's address already written, in the reader's language. The
addresses are built here, every part percent-encoded, and templates only print them: a title
holding ``&`` or ``#`` would otherwise cut the query short.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from babel.support import NullTranslations

from .catalogs import N_

#: The subject of a correction to one entry; ``%(title)s`` is the entry's title.
ENTRY_SUBJECT = N_("Correction: %(title)s")
#: What the form or email starts with, so that the entry is named however the reader writes.
ENTRY_BODY = N_("Entry: %(path)s\nPage: %(page)s\n\nWhat is wrong, and a source that shows it:\n")
#: The subject of a correction that is about no entry in particular (a missing event).
GENERAL_SUBJECT = N_("Correction to the chronology")
#: Its body: what a useful report holds.
GENERAL_BODY = N_("What is wrong or missing, and a source that shows it:\n")


@dataclass(frozen=True)
class Message:
    """What a correction starts with: its subject and body, in the reader's language."""

    subject: str
    body: str


@dataclass(frozen=True)
class Route:
    """Where a correction can be sent, for the page being written; None where not set."""

    #: The repository's new-issue form, prefilled.
    issue: str | None
    #: A ``mailto:`` link, prefilled, for readers without an account on the repository's host.
    mail: str | None
    #: The address itself, to show.
    email: str | None

    def __bool__(self) -> bool:
        """Tell whether there is any route at all: the About page says nothing otherwise."""
        return bool(self.issue or self.mail)


def entry_message(title: str, path: str, page: str, words: NullTranslations) -> Message:
    """Return the subject and body of a correction to one entry.

    ``path`` is the entry's file below the repository (``content/events/2016/x.md``), ``page``
    its page's permanent address, ``words`` the catalog of the page's language.
    """
    return Message(
        subject=words.gettext(ENTRY_SUBJECT) % {"title": title},
        body=words.gettext(ENTRY_BODY) % {"path": path, "page": page},
    )


def general_message(words: NullTranslations) -> Message:
    """Return the subject and body of a correction that names no entry, as the About page's."""
    return Message(subject=words.gettext(GENERAL_SUBJECT), body=words.gettext(GENERAL_BODY))


def issue_url(repository: str, message: Message) -> str:
    """Return the GitHub form that opens a new issue in ``repository`` with ``message`` in it.

    ``repository`` is ``https://github.com/OWNER/REPO`` (the setting drops a trailing slash).
    Spaces are ``%20``, not ``+``, and nothing is left unencoded, ``/`` included.
    """
    query = urlencode({"title": message.subject, "body": message.body}, quote_via=quote)
    return f"{repository.rstrip('/')}/issues/new?{query}"


def mail_url(address: str, message: Message) -> str:
    """Return a ``mailto:`` link to ``address`` with ``message`` in it.

    RFC 6068 asks for line breaks as CRLF and for ``%20`` rather than ``+``; the ``@`` of the
    address stays as it is.
    """
    body = message.body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = urlencode({"subject": message.subject, "body": body}, quote_via=quote)
    return f"mailto:{quote(address, safe='@')}?{query}"


def route(repository: str | None, email: str | None, message: Message) -> Route:
    """Return the ways to send ``message``: each is None where its setting is not set."""
    return Route(
        issue=issue_url(repository, message) if repository else None,
        mail=mail_url(email, message) if email else None,
        email=email,
    )
