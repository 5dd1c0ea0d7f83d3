"""The engine's layout: small modules that say what they hold, import nothing that queries,
and the one rule money depends on most (which registrations count) written in one place."""

import ast
import os
import re
import sys
from pathlib import Path

import pytest

import applications.engine

ENGINE = Path(applications.engine.__file__).parent
ROOT = ENGINE.parent.parent
MODULES = sorted(ENGINE.glob("*.py"))
MAX_LINES = 400
# Besides the standard library and itself, the engine reads only values: the models'
# choices, the pure helpers of portal, translated text and `Q` (a filter, not a query).
ALLOWED_IMPORTS = {
    "applications.models",
    "portal.dates",
    "portal.formatting",
    "portal.models",
    "django.utils.translation",
    "django.db.models",
}
# A filter on the credited flag: `is_credited=False`, or its spelling in a `Q(**{...})`.
# Not an assignment (`registration.is_credited = False`: a correction clears the flag).
CREDITED_FILTER = re.compile(r"is_credited(?:=|\W{0,2}:)\s*False")
NOT_PRODUCT_CODE = {"tests", "migrations", "node_modules", "static", "templates", "locale", "var"}


def imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def product_sources():
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            name for name in subfolders if not name.startswith(".") and name not in NOT_PRODUCT_CODE
        ]
        yield from (Path(folder, name) for name in files if name.endswith(".py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_every_engine_module_says_what_rules_it_holds(module):
    assert ast.get_docstring(ast.parse(module.read_text())), module.name


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_every_engine_module_stays_under_400_lines(module):
    assert len(module.read_text().splitlines()) < MAX_LINES, module.name


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_engine_modules_import_no_queries_writes_or_requests(module):
    foreign = {
        name
        for name in imports(module)
        if name.split(".")[0] not in sys.stdlib_module_names
        and name not in ALLOWED_IMPORTS
        and name != "applications.engine"
        and not name.startswith("applications.engine.")
    }
    assert foreign == set(), module.name


def test_which_registrations_count_against_the_quota_is_written_once():
    writers = {
        str(path.relative_to(ROOT))
        for path in product_sources()
        if CREDITED_FILTER.search(path.read_text())
    }
    assert writers == {"applications/engine/quota_use.py"}
