"""The documents of the repository stand on their own: every link points to a file of the
repository (and an anchor to a heading there), no text points outside it, and docs/rules.md
names every refusal code of the portal and only tests that exist.

A person who clones the project has the repository and nothing beside it, so a document
that points to `../shared/…` from the root points at nothing.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DOCS = ROOT / "docs"
APPS = ("portal", "applications", "registrations", "coordination", "billing", "demo")
# Folders that are not the project's own documents.
NOT_DOCUMENTS = {"node_modules", "var", "build", "test-results"}

INLINE_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]+<?([^\s>]+)>?", re.MULTILINE)
PARENT_PATH = re.compile(r"(?<![\w.])((?:\.\./)+[^\s`)\]>\"'|,;]*)")
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
CODE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}


def documents(root: Path = ROOT) -> list[Path]:
    """Every Markdown file of the project (not of the virtualenv or other local state)."""
    return sorted(
        path
        for path in root.rglob("*.md")
        if not any(
            part.startswith(".") or part in NOT_DOCUMENTS for part in path.relative_to(root).parts
        )
    )


def _outside_code_blocks(text: str) -> str:
    """The text with fenced code blocks blanked (their lines kept, so line numbers hold)."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            lines.append("")
        else:
            lines.append("" if fenced else line)
    return "\n".join(lines)


def link_targets(path: Path) -> list[str]:
    text = _outside_code_blocks(path.read_text())
    return INLINE_LINK.findall(text) + REFERENCE_LINK.findall(text)


def slug(heading: str, seen: dict[str, int]) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as
    hyphens; a repeated heading gets -1, -2 …"""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", heading)
    base = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
    count = seen.get(base, 0)
    seen[base] = count + 1
    return base if count == 0 else f"{base}-{count}"


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    return {
        slug(match.group(1), seen)
        for line in _outside_code_blocks(path.read_text()).splitlines()
        if (match := HEADING.match(line))
    }


def broken_links(root: Path = ROOT) -> list[str]:
    """Every link that leaves the repository, points to nothing, or to a missing heading."""
    broken = []
    for document in documents(root):
        for target in link_targets(document):
            if EXTERNAL.match(target):
                continue
            name, _hash, fragment = target.partition("#")
            resolved = (document.parent / name).resolve() if name else document
            where = f"{document.relative_to(root)} → {target}"
            if not resolved.is_relative_to(root):
                broken.append(f"{where}: outside the repository")
            elif not resolved.exists():
                broken.append(f"{where}: no such file")
            elif fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
                broken.append(f"{where}: no such heading")
    return broken


def paths_outside(root: Path = ROOT) -> list[str]:
    """Every `../` path in the text (in code, too) that climbs out of the repository."""
    return [
        f"{document.relative_to(root)}:{number}: {found}"
        for document in documents(root)
        for number, line in enumerate(document.read_text().splitlines(), start=1)
        for found in PARENT_PATH.findall(line)
        if not (document.parent / found).resolve().is_relative_to(root)
    ]


# --- The links --------------------------------------------------------------------------


def test_every_relative_link_of_a_document_points_to_a_file_of_the_repository():
    assert broken_links() == []


def test_no_document_points_outside_the_repository():
    assert paths_outside() == []


def test_the_readme_links_the_architecture_and_the_rules():
    targets = set(link_targets(ROOT / "README.md"))
    assert {"docs/architecture.md", "docs/rules.md"} <= targets


def test_the_checks_find_a_link_and_a_path_that_leave_the_repository(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rules.md").write_text("# Rules\n\n## Billing\n")
    (tmp_path / "README.md").write_text(
        "See `../shared/domain.md`, [the rules](docs/rules.md#billing), "
        "[gone](docs/gone.md), [no heading](docs/rules.md#quotas), [up](../x.md), "
        "<https://example.org> and [here](#see).\n"
    )

    assert broken_links(tmp_path) == [
        "README.md → docs/gone.md: no such file",
        "README.md → docs/rules.md#quotas: no such heading",
        "README.md → ../x.md: outside the repository",
        "README.md → #see: no such heading",
    ]
    assert paths_outside(tmp_path) == ["README.md:1: ../shared/domain.md", "README.md:1: ../x.md"]


# --- What rules.md names ----------------------------------------------------------------


def _modules() -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if not {"migrations", "tests"} & set(path.relative_to(ROOT).parts)
    )


def _name_of(function: ast.expr) -> str:
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else ""


def _is_rule_module(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return "engine" in parts or "services" in parts or path.stem == "services"


def refusal_codes() -> set[str]:
    """The stable code of every refusal: `code=` of a ValidationError, the first argument of
    a `Refusal`, and in the rule modules a code written next to its message (the tables of
    exclusions and agreement terms, the bounds' `_outside(…, code, _(message))`)."""
    codes = set()
    for path in _modules():
        rules = _is_rule_module(path)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                codes |= {
                    keyword.value.value
                    for keyword in node.keywords
                    if keyword.arg == "code" and isinstance(keyword.value, ast.Constant)
                }
                if _name_of(node.func) == "Refusal" and node.args:
                    first = node.args[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        codes.add(first.value)
            if rules and isinstance(node, ast.Tuple | ast.Call):
                items = node.elts if isinstance(node, ast.Tuple) else node.args
                if any(isinstance(i, ast.Call) and _name_of(i.func) in GETTEXT for i in items):
                    codes |= {
                        item.value
                        for item in items
                        if isinstance(item, ast.Constant)
                        and isinstance(item.value, str)
                        and CODE.match(item.value)
                    }
    return codes


def test_the_rules_name_every_refusal_code():
    rules = (DOCS / "rules.md").read_text()
    codes = refusal_codes()

    assert {"quota_exceeded", "employed_by_requester", "start_out_of_range", "immutable"} <= codes
    assert sorted(code for code in codes if f"`{code}`" not in rules) == []


def _test_names() -> set[str]:
    return {
        node.name
        for path in (ROOT / "tests").rglob("test_*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def test_every_test_the_documents_name_exists():
    named = {
        name
        for document in DOCS.glob("*.md")
        for name in re.findall(r"`(test_\w+)`", document.read_text())
    }

    assert len(named) >= 20
    assert sorted(named - _test_names()) == []
