"""Letter templates (resources/letters/*.txt): loading, checking, filling in.

An unknown placeholder, or a template missing a placeholder its kind needs, is an
error when the template loads; a placeholder with no value is an error when it is
filled. A printed letter never has a blank where a name or number should be.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache

from .. import paths

SERVICES = "[services]"
SURVIVOR_SERVICES = "[survivor services]"
IF_OWN_EXPERIENCE = "[if own experience]"

COMMON_FIELDS = frozenset({"organisation_name", "organisation_phone", "greeting_name",
                           "client_name", "reference", "date", "worker_name", "next_steps"})


@dataclass(frozen=True)
class Kind:
    title: str
    recipient: str                 # "client" or "referrer"
    fields: frozenset[str]         # placeholders allowed
    required: frozenset[str]       # placeholders the template must use
    needs_services: bool


KINDS = {
    "outcome_not_supported": Kind(
        "Outcome letter: not able to support", "client", COMMON_FIELDS,
        frozenset({"greeting_name", "organisation_name", "organisation_phone", "reference"}),
        True),
    "outcome_support_continues": Kind(
        "Outcome letter: support continues", "client", COMMON_FIELDS,
        frozenset({"greeting_name", "organisation_name", "organisation_phone", "reference"}),
        False),
    "signposting": Kind(
        "Signposting letter", "client", COMMON_FIELDS,
        frozenset({"greeting_name", "organisation_name", "organisation_phone"}), True),
    "referrer": Kind(
        "Letter to the referrer", "referrer",
        COMMON_FIELDS | {"referrer_name", "referrer_organisation"},
        frozenset({"referrer_name", "organisation_name", "reference"}), True),
}


class TemplateError(Exception):
    """A template that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Template:
    kind: str
    subject: str
    paragraphs: tuple[str, ...]

    def placeholders(self) -> set[str]:
        found = set()
        for text in (self.subject, *self.paragraphs):
            for _, name, spec, conversion in string.Formatter().parse(text):
                if name is not None:
                    if not name.isidentifier() or spec or conversion:
                        raise TemplateError(f"The {self.kind} letter template has a placeholder "
                                            f"that is not a plain name: {{{name}}}.")
                    found.add(name)
        return found

    def fill(self, values: dict[str, str], services: list[str],
             survivor_services: list[str] | None = None) -> tuple[str, list[str]]:
        """The subject and paragraphs with every placeholder filled in.

        ``survivor_services`` None leaves out the own-experience paragraphs.
        """
        missing = sorted(n for n in self.placeholders() if not str(values.get(n, "")).strip())
        if missing:
            raise TemplateError("This letter cannot be made yet: it needs "
                                + ", ".join(m.replace("_", " ") for m in missing) + ".")
        if KINDS[self.kind].needs_services and not services:
            raise TemplateError("Choose at least one service for this letter.")
        out = []
        for paragraph in self.paragraphs:
            if paragraph == SERVICES:
                out.extend(services)
                continue
            if paragraph == SURVIVOR_SERVICES:
                if survivor_services:
                    out.extend(survivor_services)
                continue
            if paragraph.startswith(IF_OWN_EXPERIENCE):
                if not survivor_services:
                    continue
                paragraph = paragraph[len(IF_OWN_EXPERIENCE):].strip()
            out.append(paragraph.format_map(values))
        return self.subject.format_map(values), out


def parse(kind: str, text: str) -> Template:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines or not lines[0].startswith("Subject:"):
        raise TemplateError(f"The {kind} letter template must start with a 'Subject:' line.")
    subject = lines[0][len("Subject:"):].strip()
    paragraphs, current = [], []
    for line in lines[1:] + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    template = Template(kind, subject, tuple(paragraphs))
    spec = KINDS[kind]
    used = template.placeholders()
    unknown = used - spec.fields
    if unknown:
        raise TemplateError(f"The {kind} letter template uses unknown placeholders: "
                            + ", ".join("{" + u + "}" for u in sorted(unknown)) + ".")
    absent = spec.required - used
    if absent:
        raise TemplateError(f"The {kind} letter template is missing placeholders it needs: "
                            + ", ".join("{" + a + "}" for a in sorted(absent)) + ".")
    if spec.needs_services and SERVICES not in template.paragraphs:
        raise TemplateError(f"The {kind} letter template must list the services ([services]).")
    return template


@lru_cache(maxsize=None)
def load(kind: str) -> Template:
    if kind not in KINDS:
        raise TemplateError(f"There is no letter called {kind}.")
    path = paths.resource("letters", f"{kind}.txt")
    return parse(kind, path.read_text("utf-8"))
