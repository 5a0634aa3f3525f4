"""Mail templates per language (Jinja2): `<lang>/<kind>.subject.txt`, `.txt` and `.html`."""

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from notifications.domain.mail import Language, RenderedMail


class JinjaMailRenderer:
    def __init__(self) -> None:
        # StrictUndefined: a missing value fails the render (and the event is retried) instead of
        # sending a mail with a hole in it.
        self._env = Environment(
            loader=PackageLoader("notifications", "templates"),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, kind: str, language: Language, context: Mapping[str, Any]) -> RenderedMail:
        subject = " ".join(self._env.get_template(f"{language}/{kind}.subject.txt").render(context).split())
        full_context = {**context, "subject": subject, "lang": language}
        return RenderedMail(
            subject=subject,
            text=self._env.get_template(f"{language}/{kind}.txt").render(full_context),
            html=self._env.get_template(f"{language}/{kind}.html").render(full_context),
        )
