"""Sites that mkdocs-static-i18n builds once per language.

That plugin (named ``i18n`` in mkdocs.yml) runs the whole MkDocs build again
for each further language, with the same configuration, after the default
language's build (from its own ``on_post_build``). Each build sees only that
language's pages (and default-language pages standing in for missing
translations, marked by the ``locale`` it sets on each file). So each build
makes that language's playbook, in that language's words, in that language's
folder of the site.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

I18N_PLUGIN = "i18n"


@dataclass(frozen=True)
class LanguageBuild:
    """One language's build of a multi-language site."""

    language: str
    """The language as the i18n plugin names it (``en``, ``zh``, ``zh-TW``)."""
    site_folder: str
    """Folder of the site its pages go to: ``""`` for the default language."""
    nav_translations: tuple[tuple[str, str], ...] = ()

    def page_language(self, file: File) -> str:
        """The language a page is written in (a default-language page stands
        in for a missing translation)."""
        return str(getattr(file, "locale", None) or self.language)

    def in_this_language(self, file: File) -> bool:
        return self.page_language(file) == self.language

    def playbook_dir(self, directory: str) -> str:
        """Where this language's playbook goes, inside the docs paths."""
        return posixpath.join(self.site_folder, directory) if self.site_folder else directory

    def nav_title(self, title: str) -> str:
        """The i18n plugin's ``nav_translations`` for this language, applied
        to the Playbook section (added after that plugin translated the nav)."""
        return dict(self.nav_translations).get(title, title)

    def mark(self, files: Iterable[File]) -> None:
        """Give generated pages the language data the i18n plugin reads from
        every page (its language selector and page context)."""
        for file in files:
            file.locale = self.language  # type: ignore[attr-defined]
            file.locale_alternate_of = self.language  # type: ignore[attr-defined]
            file.localization = self.language if self.site_folder else None  # type: ignore[attr-defined]
            file.alternates = {self.language: file}  # type: ignore[attr-defined]
            file.norm_src_uri = file.src_uri  # type: ignore[attr-defined]


def language_build(config: MkDocsConfig) -> LanguageBuild | None:
    """This build's language, when mkdocs-static-i18n builds the site."""
    plugin = config.plugins.get(I18N_PLUGIN)
    if plugin is None:
        return None
    default = getattr(plugin, "default_language", None)
    current = getattr(plugin, "current_language", None) or default
    if not current:
        return None
    translations: dict[str, str] = {}
    if getattr(plugin, "current_language", None):  # set once its on_config has run
        language_config = getattr(plugin, "current_language_config", None)
        translations = dict(getattr(language_config, "nav_translations", None) or {})
    return LanguageBuild(
        str(current),
        "" if current == default else str(current),
        tuple((str(k), str(v)) for k, v in translations.items()),
    )


def is_further_language_build(config: MkDocsConfig) -> bool:
    """Whether this build is one the i18n plugin runs for a further language
    (from inside the default language's build)."""
    plugin = config.plugins.get(I18N_PLUGIN)
    return bool(getattr(plugin, "building", False))
