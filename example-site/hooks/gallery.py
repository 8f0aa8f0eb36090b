"""Example-site hook: one gallery page per built-in journey template.

Generated at build time from the library itself, so the gallery can never
fall out of step with the templates it shows.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from mkdocs_custflow.templates import TemplateLibrary

GALLERY = "gallery"
# One content tab per language, each with the template drawn in that language.
TAB = """=== "{label}"

    ```journey
    use: {name}
    id: gallery-{name}-{locale}
    locale: {locale}
    playbook: false
    ignore: [template-catalog]
    views: [flow, sequence, journey, stages, raci]
    ```
"""
TABS = (("English", "en"), ("中文", "zh"))


def _page(name: str, library: TemplateLibrary) -> str:
    en = library.find(name, "en")
    zh = library.find(name, "zh")
    rows = "\n".join(
        f"| `{p.name}` | {p.default or ''} | "
        f"{zh.params[p.name].default if p.name in zh.params else ''} | {p.description} |"
        for p in en.params.values()
    )
    tabs = "\n".join(TAB.format(label=label, name=name, locale=loc) for label, loc in TABS)
    return f"""# {en.title} · {zh.title}

{en.description}

`use: {name}` · locales: {", ".join(en.locales)}

| Parameter | Default (en) | Default (zh) | Meaning |
|---|---|---|---|
{rows}

{tabs}"""


def on_files(files: Files, config: MkDocsConfig) -> Files:
    library = TemplateLibrary()
    names = library.names()
    index = ["# Template gallery", "", "Every built-in journey template, ready for `use:`.", "",
             "| Template | Title | Title (zh) |", "|---|---|---|"]
    for name in names:
        index.append(
            f"| [`{name}`]({name}.md) | {library.find(name, 'en').title} | "
            f"{library.find(name, 'zh').title} |"
        )
        files.append(File.generated(config, f"{GALLERY}/{name}.md", content=_page(name, library)))
    files.append(File.generated(config, f"{GALLERY}/index.md", content="\n".join(index) + "\n"))
    return files
