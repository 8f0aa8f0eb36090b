"""The user guide and the Chinese example site.

- Every ```journey block of the guide is read as the site reads it (catalog,
  templates and language from the root mkdocs.yml): none has an error, and a
  block warns exactly when the page marks it with ``<!-- expect-warning: text -->``
  right above its fence (the troubleshooting page shows a few findings live).
- The block reference names every key a block accepts.
- The troubleshooting page quotes every message the package can print: the
  test reads the package's source for message texts, so a new or reworded
  message fails here until the page explains it.
- The Chinese site (example-site/zh/mkdocs.yml, which INHERITs the root config)
  builds with --strict, and every one of its pages renders in chromium with no
  Mermaid error and Chinese text in the diagrams.
"""

from __future__ import annotations

import ast
import dataclasses
import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from mkdocs_custflow.diagnostics import Severity
from mkdocs_custflow.messages import TEMPLATES, is_finding
from mkdocs_custflow.pipeline import Pipeline
from mkdocs_custflow.reading.fences import Fence, find_journey_fences
from mkdocs_custflow.reading.keys import JOURNEY_KEYS, MESSAGE_KEYS, STAGE_KEYS
from mkdocs_custflow.rules import RuleOptions
from mkdocs_custflow.settings.project import read_project
from mkdocs_custflow.structure import ACTOR_KINDS, VIEWS

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "example-site" / "docs" / "guide"
ZH_CONFIG = ROOT / "example-site" / "zh" / "mkdocs.yml"
PACKAGE = ROOT / "mkdocs_custflow"
MARKER = re.compile(r"^\s*<!--\s*expect-warning:\s*(?P<text>.+?)\s*-->\s*$")
TAB_LENGTH = 4  # the plugin expands tabs before finding fences


# -- the guide's blocks ---------------------------------------------------------------------
@dataclass(frozen=True)
class GuideBlock:
    page: Path
    fence: Fence
    expected_warning: str | None

    @property
    def name(self) -> str:
        return f"{self.page.name}:{self.fence.start + 1}"


def guide_blocks() -> list[GuideBlock]:
    blocks = []
    for page in sorted(GUIDE.glob("*.md")):
        lines = page.read_text(encoding="utf-8").expandtabs(TAB_LENGTH).split("\n")
        for fence in find_journey_fences(lines):
            above = fence.start - 1
            while above >= 0 and not lines[above].strip():
                above -= 1
            marker = MARKER.match(lines[above]) if above >= 0 else None
            blocks.append(GuideBlock(page, fence, marker["text"] if marker else None))
    return blocks


BLOCKS = guide_blocks()


@pytest.fixture(scope="module")
def expander() -> Pipeline:
    """Configured like the site: the plugin options of the root mkdocs.yml."""
    settings = read_project(ROOT / "mkdocs.yml").settings
    assert settings.catalog, "the example site has a catalog"
    # Each rule at its default severity, as a reader's site has it: the example
    # lowers the rules about time passing (review-overdue, measure-stale) to info
    # so that a later clone builds --strict; the guide's blocks warn as documented.
    settings = dataclasses.replace(settings, rules=RuleOptions())
    pipeline = Pipeline(settings)
    assert not pipeline.catalog_findings, pipeline.catalog_findings
    return pipeline


def test_the_guide_has_live_examples_of_every_kind() -> None:
    pages = {block.page.name for block in BLOCKS}
    for page in ("index.md", "blocks.md", "views.md", "templates.md", "catalog.md",
                 "troubleshooting.md"):
        assert page in pages, f"{page} shows no live journey block"
    assert len(BLOCKS) >= 20, len(BLOCKS)
    assert sum(block.expected_warning is not None for block in BLOCKS) >= 2


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.name)
def test_guide_block_reads_as_the_page_says(block: GuideBlock, expander: Pipeline) -> None:
    shown = block.page.relative_to(ROOT).as_posix()
    result = expander.read_block(block.fence.body, file=shown, line=block.fence.body_start + 1)
    assert block.fence.closed, f"{block.name}: fence never closed"
    errors = [str(d) for d in result.diagnostics if d.is_error]
    # Info findings are advice that fails nothing; the guide's examples may carry them.
    warnings = [str(d) for d in result.diagnostics if d.severity is Severity.WARNING]
    assert not errors, errors
    assert result.journey is not None
    if block.expected_warning is None:
        assert not warnings, f"unexpected warnings (mark the block if on purpose): {warnings}"
    else:
        assert warnings, f"{block.name} is marked expect-warning but does not warn"
        assert all(block.expected_warning in w for w in warnings), warnings
    assert result.journey.id.startswith("guide-"), "guide blocks have ids of their own"


def test_guide_blocks_stay_out_of_the_playbook_with_their_own_ids(
    expander: Pipeline,
) -> None:
    ids = []
    for block in BLOCKS:
        result = expander.read_block(block.fence.body, file=block.page.name,
                               line=block.fence.body_start + 1)
        assert result.journey is not None
        assert not result.journey.in_playbook, f"{block.name}: add 'playbook: false'"
        ids.append(result.journey.id)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_the_warning_hook_finds_the_same_marked_blocks() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "custflow_demos_hook", ROOT / "example-site" / "hooks" / "demos.py"
    )
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    for page in sorted(GUIDE.glob("*.md")):
        marked = [(b.fence.start + 1, b.expected_warning) for b in BLOCKS
                  if b.page == page and b.expected_warning]
        found = [(first, text) for first, _last, text in
                 hook.expected_warnings(page.read_text(encoding="utf-8"))]
        assert found == marked, page.name


def test_block_reference_names_every_key() -> None:
    text = (GUIDE / "blocks.md").read_text(encoding="utf-8")
    keys = {*JOURNEY_KEYS, *STAGE_KEYS, *ACTOR_KINDS, "team", "channel", "decide", "note"}
    missing = sorted(key for key in keys if f"`{key}`" not in text and f"`{key}:" not in text)
    assert not missing, f"blocks.md does not explain: {missing}"
    assert "`{" + ", ".join(MESSAGE_KEYS) + "}`" in text, "the long form of a step"
    templates_page = (GUIDE / "templates.md").read_text(encoding="utf-8")
    assert "`after:`" in templates_page and "`remove: true`" in templates_page
    views_page = (GUIDE / "views.md").read_text(encoding="utf-8")
    assert all(f"`{view}`" in views_page for view in VIEWS)


# -- the architecture page ---------------------------------------------------------------------
ARCHITECTURE = GUIDE / "architecture.md"
_DIAGRAM = re.compile(r'<pre class="mermaid"><code>(?P<text>.*?)</code></pre>', re.S)
_MODULE = re.compile(r"\b(?:[a-z_]+/)*[a-z_]+(?:\.py|/)(?=[\s`\",:)])")


def test_the_architecture_diagram_parses(mermaid_parser) -> None:  # type: ignore[no-untyped-def]
    text = ARCHITECTURE.read_text("utf-8")
    diagrams = [html.unescape(match["text"]) for match in _DIAGRAM.finditer(text)]
    assert len(diagrams) == 1
    result = mermaid_parser.parse(diagrams[0])
    assert result.ok, result.error
    labels = " ".join(result.db["vertices"].values())
    for step in ("fences", "located YAML", "templates", "reader", "model", "resolve", "checks",
                 "renderers", "playbook", "pages"):
        assert f"{step}:" in labels, step


def test_the_architecture_page_names_modules_that_exist() -> None:
    """Every module or folder the page names is there, so a move must update it."""
    text = ARCHITECTURE.read_text("utf-8")
    named = set(_MODULE.findall(text))
    assert {"reading/journey_reader.py", "pipeline.py", "plugin/"} <= named, named
    places = (PACKAGE, PACKAGE / "playbook", PACKAGE / "reading", ROOT)
    missing = [name for name in sorted(named) if not any((p / name).exists() for p in places)]
    assert missing == []


# -- every message in troubleshooting --------------------------------------------------------
_MESSAGE_CALLS = {"error", "warning", "info", "warn", "TemplateError", "MergeError", "PluginError",
                  "YamlReadError", "SystemExit"}
MIN_FRAGMENT = 12  # shorter literal parts ("template {}", "'{}': {}") say nothing


def _literal(node: ast.AST, names: dict[str, ast.AST]) -> str | None:
    """A message expression as text, ``{}`` where a value is inserted."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return (_literal(node.left, names) or "{}") + (_literal(node.right, names) or "{}")
    if isinstance(node, ast.Name) and node.id in names:
        return _literal(names[node.id], names)
    return None


def package_messages() -> dict[str, str]:
    """Message text -> where it is, for every message the package can print."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_names = {
            target.id: node.value for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)
        }
        for function in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
            names = dict(module_names)
            for node in ast.walk(function):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            names[target.id] = node.value
            candidates: list[ast.AST] = []
            for node in ast.walk(function):
                if isinstance(node, ast.Call):
                    func = node.func
                    name = (func.attr if isinstance(func, ast.Attribute)
                            else func.id if isinstance(func, ast.Name) else "")
                    if name in _MESSAGE_CALLS and node.args:
                        candidates.append(node.args[0])
                    elif name == "Diagnostic" and len(node.args) > 1:
                        candidates.append(node.args[1])
                    elif name == "append" and node.args and isinstance(node.args[0], ast.Tuple):
                        candidates.extend(node.args[0].elts)  # located_yaml's notes
                    elif name == "print" and node.args:
                        text = _literal(node.args[0], names)
                        if text and ": error:" in text:
                            candidates.append(node.args[0])
                elif (isinstance(node, ast.Return) and node.value is not None
                      and isinstance(function, ast.FunctionDef)
                      and function.name.endswith(("_message", "_note"))):
                    candidates.append(node.value)
            for candidate in candidates:
                text = _literal(candidate, names)
                if text and text.strip() != "{}":
                    found.setdefault(text, f"{path.relative_to(ROOT)}:{candidate.lineno}")
    for message_id, forms in TEMPLATES.items():  # the findings, each in English
        if is_finding(message_id):
            text = re.sub(r"\{[a-z_]+\}", "{}", forms["en"]).replace("{{", "{").replace("}}", "}")
            found.setdefault(text, f"messages: {message_id}")
    return found


def _fragment(message: str) -> str:
    """The longest literal part of a message: what a reader would search for."""
    parts = [" ".join(part.split()) for part in message.split("{}")]
    return max(parts, key=len)


def test_troubleshooting_explains_every_message() -> None:
    page = " ".join((GUIDE / "troubleshooting.md").read_text(encoding="utf-8").split())
    messages = package_messages()
    assert len(messages) >= 60, f"found only {len(messages)} messages; is the scan broken?"
    missing = [
        f"{where}: {message!r}" for message, where in sorted(messages.items(), key=lambda m: m[1])
        if len(_fragment(message)) >= MIN_FRAGMENT and _fragment(message) not in page
    ]
    assert not missing, "troubleshooting.md does not quote:\n" + "\n".join(missing)


# -- the Chinese site ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def both_sites(example_sites: Path) -> Path:
    """The English site in site/ and the Chinese one in site/zh (see conftest)."""
    return example_sites


def test_the_zh_site_is_chinese_and_linked_to_the_english_one(both_sites: Path) -> None:
    zh = both_sites / "zh"
    home = (zh / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in home
    assert "客户旅程手册" in home
    assert 'hreflang="en"' in home
    english = (both_sites / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="zh"' in english
    playbook = (zh / "playbook" / "stages" / "revisit" / "index.html").read_text(encoding="utf-8")
    for journey in ("售后报修", "投诉处理", "安装调试", "定期回访"):
        assert journey in playbook, journey
    assert not list(zh.glob("guide/**/*.html")), "the guide is English only"


def test_every_page_of_the_zh_site_renders(both_sites: Path, browser_session) -> None:
    zh = both_sites / "zh"
    paths = sorted(
        p.relative_to(both_sites).as_posix() for p in zh.rglob("*.html") if p.name != "404.html"
    )
    assert len(paths) >= 40, len(paths)
    reports = browser_session.check_site(both_sites, paths)
    failures = [r.summary() for r in reports if not r.ok or r.rendered != r.expected]
    assert not failures, "\n".join(failures)
    assert sum(r.expected for r in reports) >= 12
    # Long messages wrap into lines (between Chinese characters): compare without spaces.
    svg_text = "".join(text for r in reports for text in r.svg_texts).replace(" ", "")
    for expected in ("客户报修", "可以报价了吗？", "来电咨询40家门店的收银终端",
                     "当场建立工单，客户不必再打客服热线", "开始", "结束"):
        assert expected in svg_text, expected


@pytest.mark.parametrize(
    ("page", "query", "expected"),
    [("index.html", "revisit", "Periodic revisit"), ("zh/index.html", "回访", "定期回访"),
     ("index.html", "客户报修", "After-sales repair")],
)
def test_search_finds_both_languages(
    both_sites: Path, browser_session, page: str, query: str, expected: str
) -> None:
    from support.browser import serve_directory

    with serve_directory(both_sites) as base:
        tab, records = browser_session.new_page()
        try:
            tab.goto(base + page)
            tab.wait_for_function("() => typeof document$ !== 'undefined'", timeout=10_000)
            results = ""
            for _attempt in range(20):  # the index loads in a worker: retry until it answers
                tab.fill("input.md-search__input", query)
                tab.keyboard.press("End")  # Material searches on keyup
                tab.wait_for_timeout(500)
                results = " ".join(tab.locator(".md-search-result__item").all_inner_texts())
                if results:
                    break
        finally:
            tab.close()
    assert expected in results, results
    assert not records["page_errors"] and not records["console_errors"], records
