"""Write ``docs/api.md``: the public API of the package, module by module.

For each module of ``arabic_media`` (text and corpus first, then the analyses, then
the output), the first paragraph of its docstring, then its public names (its
``__all__``; a module without one: the names its source defines without a leading
underscore): classes with their constructor's signature and their public methods,
functions with their signatures, constants with their type, each with the summary line
of its docstring (a constant: its ``#:`` comment). A name a module re-exports is
listed where it is defined, and named under the re-exporting module.

The page is built from the code alone: names sorted, defaults as written in the source
(never a value's repr, which could hold a machine path), no date. ``tests/test_api_docs.py``
builds it in memory and fails when the committed page differs.

Usage: ``make docs`` (``.venv/bin/python scripts/write_api_docs.py``)
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import importlib
import inspect
import pkgutil
import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "api.md"

#: The page's sections and the modules each holds, in order. A package stands for itself
#: and every module below it (the package first, then its modules by name); a module
#: no entry holds goes to a last section.
SECTIONS = (
    ("Text and corpus", (
        "arabic_media", "arabic_media.paths", "arabic_media.files", "arabic_media.text",
        "arabic_media.affixes", "arabic_media.clitics", "arabic_media.categories", "arabic_media.wordlists",
        "arabic_media.lexicons", "arabic_media.annotations", "arabic_media.corpus", "arabic_media.counting",
        "arabic_media.reference", "arabic_media.slices",
    )),
    ("Analyses", (
        "arabic_media.stats", "arabic_media.terms", "arabic_media.matching", "arabic_media.actors",
        "arabic_media.stance", "arabic_media.attribution", "arabic_media.coverage",
    )),
    ("Output", ("arabic_media.charts", "arabic_media.display", "arabic_media.report")),
)
OTHER_SECTION = "Other modules"

HEADER = """\
# API reference

The public API of the `arabic_media` package, module by module: what each module is
for (the first paragraph of its docstring), then its public names (its `__all__`) with
their signatures and the summary line of their docstrings. A name a module re-exports
is described where it is defined. The docstrings themselves (numpydoc: parameters,
returns, the Arabic trap each function handles) are in the code.

This page is written by `scripts/write_api_docs.py` (`make docs`); do not edit it by
hand. `tests/test_api_docs.py` fails when it no longer matches the code: run
`make docs` and commit the page.
"""


# --- which modules, which names ----------------------------------------------------------


def module_names() -> list[str]:
    """The package and every module below it."""
    import arabic_media

    found = [info.name for info in pkgutil.walk_packages(arabic_media.__path__, "arabic_media.")]
    return ["arabic_media", *found]


def sections() -> list[tuple[str, list[str]]]:
    """``(title, modules)`` for each section of the page, modules in page order."""
    names = module_names()
    placed: dict[str, list[str]] = {}
    rest = []
    for name in names:
        # the entry naming the module, or the longest one above it (the root holds only itself)
        holders = [entry for _, entries in SECTIONS for entry in entries
                   if name == entry or (entry != "arabic_media" and name.startswith(entry + "."))]
        if holders:
            placed.setdefault(max(holders, key=len), []).append(name)
        else:
            rest.append(name)
    out = []
    for title, entries in SECTIONS:
        modules = [m for entry in entries for m in sorted(placed.get(entry, []), key=lambda m: (m != entry, m))]
        out.append((title, modules))
    if rest:
        out.append((OTHER_SECTION, sorted(rest)))
    return out


@functools.cache
def _tree(module_name: str) -> ast.Module:
    module = importlib.import_module(module_name)
    return ast.parse(inspect.getsource(module))


def _defined_names(module_name: str) -> dict[str, list[str]]:
    """Each name the module's source assigns, defines or imports at the top, with the
    ``#:`` comment lines just above an assignment (empty for the others)."""
    module = importlib.import_module(module_name)
    lines = inspect.getsource(module).splitlines()
    found: dict[str, list[str]] = {}
    for node in _tree(module_name).body:
        targets: list[str] = []
        if isinstance(node, ast.Assign):
            for target in node.targets:
                targets += [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            targets = [node.name]
        comment: list[str] = []
        at = node.lineno - 2
        while targets and at >= 0 and lines[at].lstrip().startswith("#:"):
            comment.insert(0, lines[at].lstrip()[2:].strip())
            at -= 1
        for target in targets:
            found[target] = comment
    return found


def public_names(module_name: str) -> list[str]:
    """The module's ``__all__``, else the names its source defines without a leading
    underscore (assignments, functions, classes; not what it imports)."""
    module = importlib.import_module(module_name)
    if hasattr(module, "__all__"):
        return list(module.__all__)
    return [name for name in _defined_names(module_name) if not name.startswith("_")]


def _is_function(value) -> bool:
    return callable(value) and not inspect.isclass(value) and inspect.isfunction(inspect.unwrap(value))


def home_of(module_name: str, name: str, value) -> str:
    """The module that defines ``name``: a function's or class's ``__module__``; for a
    constant, the module whose source assigns the very object (this one first)."""
    if inspect.isclass(value) or _is_function(value):
        return value.__module__
    for candidate in [module_name, *module_names()]:
        if name in _defined_names(candidate) and getattr(importlib.import_module(candidate), name, None) is value:
            return candidate
    return module_name


# --- how one name is shown ----------------------------------------------------------------


def summary(value) -> str:
    """The first paragraph of an object's own docstring (or of a text), on one line."""
    doc = value if isinstance(value, str) else value.__doc__
    if not doc or not doc.strip():
        return "(no docstring)"
    return " ".join(inspect.cleandoc(doc).split("\n\n")[0].split())


def _definition(function):
    source = textwrap.dedent(inspect.getsource(inspect.unwrap(function)))
    return ast.parse(source).body[0]


def _arguments(function, *, drop_first: bool) -> str:
    """The parameters of ``function`` as its source writes them, without annotations."""
    arguments = _definition(function).args
    for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                     arguments.vararg, arguments.kwarg]:
        if argument is not None:
            argument.annotation = None
    if drop_first:
        if arguments.posonlyargs:
            arguments.posonlyargs = arguments.posonlyargs[1:]
        elif arguments.args:
            arguments.args = arguments.args[1:]
    return ast.unparse(arguments)


def _dataclass_arguments(cls) -> str:
    """A dataclass's constructor parameters, defaults as its source writes them
    (``<factory>`` for a default made by a factory)."""
    written = {}
    for node in _definition(cls).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            written[node.target.id] = node.value
    parts = []
    for field in dataclasses.fields(cls):
        if not field.init:
            continue
        value = written.get(field.name)
        if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) == "field":
            keywords = {k.arg: k.value for k in value.keywords}
            value = keywords.get("default", "<factory>" if "default_factory" in keywords else None)
        if value is None:
            parts.append(field.name)
        else:
            parts.append(f"{field.name}={value if isinstance(value, str) else ast.unparse(value)}")
    return ", ".join(parts)


def signature(value, *, method: bool = False) -> str:
    """How a class or function is called, as its source writes it."""
    name = value.__name__
    if inspect.isclass(value):
        if dataclasses.is_dataclass(value):
            return f"{name}({_dataclass_arguments(value)})"
        init = vars(value).get("__init__")
        if init is not None and inspect.isfunction(init):
            return f"{name}({_arguments(init, drop_first=True)})"
        return name
    return f"{name}({_arguments(value, drop_first=method)})"


def _members(cls) -> list[tuple[str, object]]:
    """The public methods and properties a class defines itself, and ``__call__``."""
    found = []
    for name, value in vars(cls).items():
        if name.startswith("_") and name != "__call__":
            continue
        if isinstance(value, (property, functools.cached_property, staticmethod, classmethod)) or _is_function(value):
            found.append((name, value))
    return sorted(found, key=lambda item: item[0].lower())


def _type_name(value) -> str:
    kind = type(value)
    if isinstance(value, Path):
        return "Path"  # PosixPath or WindowsPath: the page is the same on every machine
    return kind.__name__


_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def markdown(text: str) -> str:
    """rST-flavoured docstring text as Markdown: code spans kept, and outside them a
    ``<`` that could open an HTML tag escaped (a renderer would read ``<name>`` as one)."""
    out, at = [], 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_TAG_START.sub("&lt;", text[at:match.start()]))
        out.append(match.group(0))
        at = match.end()
    out.append(_TAG_START.sub("&lt;", text[at:]))
    return "".join(out)


def _code(text: str) -> str:
    """``text`` as one Markdown code span (longer fences when it holds backticks)."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _sort_key(name: str) -> tuple[str, str]:
    return name.lower(), name


def module_block(module_name: str) -> list[str]:
    """The page's lines for one module."""
    module = importlib.import_module(module_name)
    lines = [f"### `{module_name}`", "", markdown(summary(module.__doc__ or "")), ""]
    classes, functions, constants = [], [], []
    elsewhere: dict[str, list[str]] = {}
    for name in public_names(module_name):
        value = getattr(module, name)
        home = home_of(module_name, name, value)
        if home != module_name:
            elsewhere.setdefault(home, []).append(name)
        elif inspect.isclass(value):
            classes.append((name, value))
        elif _is_function(value):
            functions.append((name, value))
        else:
            constants.append((name, value))
    for name, cls in sorted(classes, key=lambda item: _sort_key(item[0])):
        lines.append(f"- class {_code(signature(cls))}: {markdown(summary(cls))}")
        for member_name, member in _members(cls):
            if isinstance(member, (property, functools.cached_property)):
                lines.append(f"  - property {_code(member_name)}: {markdown(summary(member))}")
            else:
                function = member.__func__ if isinstance(member, (staticmethod, classmethod)) else member
                shown = signature(function, method=not isinstance(member, staticmethod))
                prefix = "classmethod " if isinstance(member, classmethod) else ""
                lines.append(f"  - {prefix}{_code(shown)}: {markdown(summary(function))}")
    for name, function in sorted(functions, key=lambda item: _sort_key(item[0])):
        lines.append(f"- {_code(signature(function))}: {markdown(summary(function))}")
    comments = _defined_names(module_name)
    for name, value in sorted(constants, key=lambda item: _sort_key(item[0])):
        comment = " ".join(comments.get(name, []))
        lines.append(f"- {_code(name)} ({_type_name(value)})" + (f": {markdown(comment)}" if comment else ""))
    for home in sorted(elsewhere):
        names = ", ".join(_code(name) for name in sorted(elsewhere[home], key=_sort_key))
        lines.append(f"- from {_code(home)}: {names}")
    if lines[-1] == "":
        lines.append("(no public names)")
    lines.append("")
    return lines


def api_page() -> str:
    """The whole page, as written to ``docs/api.md``."""
    parts = sections()
    lines = [HEADER, "## Contents", ""]
    for title, modules in parts:
        lines.append(f"- {title}: " + ", ".join(f"`{m}`" for m in modules))
    lines.append("")
    for title, modules in parts:
        lines += [f"## {title}", ""]
        for module_name in modules:
            lines += module_block(module_name)
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    from arabic_media.files import replacing
    from arabic_media.paths import relative

    page = api_page()
    OUTPUT.parent.mkdir(exist_ok=True)
    with replacing(OUTPUT) as partial:
        partial.write_text(page, encoding="utf-8", newline="\n")
    print(f"wrote {relative(OUTPUT)} ({len(page.splitlines())} lines)")


if __name__ == "__main__":
    main()
