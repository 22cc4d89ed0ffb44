"""Every public function, class and method of the package has a numpydoc docstring.

Each module of ``arabic_media`` is imported (walked with `pkgutil`), and every public
name it lists in ``__all__`` (a module without ``__all__``: every function and class
it defines whose name has no leading underscore) is checked, with the public methods
of each public class: `docstring_problems` says what is wrong with one object. The
docstrings are parsed by `numpydoc.docscrape`, the parser numpydoc's Sphinx extension
renders them with, so a docstring that passes here renders there.

The rules, for each object:

* a docstring whose summary is one line, in numpydoc's layout: sections underlined
  with dashes, none unknown to numpydoc, no Google-style ``Args:`` headers;
* a function or method taking parameters (besides ``self``/``cls``): a
  ``Parameters`` section naming each of them as ``name : type`` (grouped as
  ``a, b : int`` if alike; ``*args``/``**kwargs`` with or without their stars, and
  with or without a type), and naming nothing else;
* a function or method that returns something: a ``Returns`` or ``Yields`` section.
  It returns nothing when its return annotation says ``None``; without an
  annotation, when its source has no ``return <value>`` and no ``yield``;
* a class whose own ``__init__`` takes parameters: a ``Parameters`` section naming
  them (as for a function); a dataclass: an ``Attributes`` section naming each field
  the constructor takes (``name : type``);
* a property: a summary line.

A name re-exported by another module (``arabic_media.terms`` lists
``CliticGrouper``) is checked once, where it is defined.
"""

from __future__ import annotations

import ast
import dataclasses
import doctest
import functools
import importlib
import inspect
import pkgutil
import re
import textwrap
import warnings

import pytest
from numpydoc.docscrape import NumpyDocString

import arabic_media

#: Section headers of other docstring styles, which numpydoc would read as plain text.
_FOREIGN_HEADER = re.compile(
    r"^\s*(Args|Arguments|Keyword Args|Kwargs|Parameters|Params|Returns|Return|Yields|Yield|Raises|Warns|"
    r"Notes|Note|Examples|Example|Attributes|References|See Also)\s*:\s*$",
    re.MULTILINE,
)


def module_names() -> list[str]:
    """The package and every module below it, sorted."""
    found = [info.name for info in pkgutil.walk_packages(arabic_media.__path__, "arabic_media.")]
    return sorted(["arabic_media", *found])


def is_function(value) -> bool:
    """Whether ``value`` is a function, decorated or not (`functools.cache`)."""
    return callable(value) and not inspect.isclass(value) and inspect.isfunction(inspect.unwrap(value))


def public_names(module) -> list[str]:
    """The public names of ``module``: its ``__all__``, else the functions and classes
    it defines whose names have no leading underscore."""
    if hasattr(module, "__all__"):
        return list(module.__all__)
    return sorted(name for name, value in vars(module).items()
                  if not name.startswith("_") and (is_function(value) or inspect.isclass(value))
                  and value.__module__ == module.__name__)


def public_members(cls) -> list[tuple[str, object, str]]:
    """``(name, member, kind)`` for the public methods and properties a class defines
    itself (not those it inherits): names without a leading underscore, and
    ``__call__``."""
    found = []
    for name, value in vars(cls).items():
        if name.startswith("_") and name != "__call__":
            continue
        if isinstance(value, (property, functools.cached_property)):
            found.append((name, value, "property"))
        elif isinstance(value, (staticmethod, classmethod)) or is_function(value):
            found.append((name, value, "method"))
    return found


@functools.cache
def objects_by_module() -> dict[str, list[tuple[str, object, str]]]:
    """``module -> [(qualified name, object, kind), ...]``: every public function,
    class, method and property, under the module that defines it, whichever module
    lists it (a name re-exported by a package is checked once, where it lives)."""
    found: dict[str, dict[str, tuple[str, object, str]]] = {}
    for module_name in module_names():
        module = importlib.import_module(module_name)
        for name in public_names(module):
            value = getattr(module, name)
            if not (is_function(value) or inspect.isclass(value)):
                continue  # constants: documented by their `#:` comments
            home = value.__module__
            if not home.startswith("arabic_media"):
                continue
            qualified = f"{home}.{value.__qualname__}"
            entries = found.setdefault(home, {})
            entries[qualified] = (qualified, value, "class" if inspect.isclass(value) else "function")
            if inspect.isclass(value):
                for member_name, member, kind in public_members(value):
                    entries[f"{qualified}.{member_name}"] = (f"{qualified}.{member_name}", member, kind)
    return {module: list(entries.values()) for module, entries in sorted(found.items())}


# --- what is wrong with one docstring -------------------------------------------------


def _function_of(member):
    """The plain function behind a method, static method or class method, and whether
    its first parameter is ``self``/``cls`` (a bound one, not documented)."""
    if isinstance(member, staticmethod):
        return member.__func__, False
    if isinstance(member, classmethod):
        return member.__func__, True
    return member, None


def _parameters(function, *, bound: bool) -> list[inspect.Parameter]:
    """The parameters a docstring must name: all but ``self``/``cls``."""
    parameters = list(inspect.signature(function).parameters.values())
    if bound and parameters:
        parameters = parameters[1:]
    return parameters


def _returns_something(function) -> bool:
    """Whether ``function`` returns a value: by its return annotation when it has one
    (``None`` or ``"None"``: no), else by its source (a ``return <value>`` or a
    ``yield`` in its own body, not in a function nested in it)."""
    annotation = inspect.signature(function).return_annotation
    if annotation is not inspect.Signature.empty:
        return annotation not in (None, type(None), "None")
    source = textwrap.dedent(inspect.getsource(inspect.unwrap(function)))
    definition = ast.parse(source).body[0]

    def walk(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            yield child
            yield from walk(child)

    for node in walk(definition):
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            return True
    return False


def _documented_names(entries) -> list[str]:
    """The parameter names of a section's entries (``a, b : int`` names two)."""
    return [part.strip() for entry in entries for part in entry.name.split(",") if part.strip()]


def _name_problems(section: str, entries, expected: list[str], starred: set[str]) -> list[str]:
    """What a ``section`` (Parameters, Attributes) gets wrong about the names it must
    hold: ``expected``, of which ``starred`` may be written with their stars."""
    problems = []
    written = _documented_names(entries)
    bare = [name.lstrip("*") if name.lstrip("*") in starred else name for name in written]
    missing = [name for name in expected if name not in bare]
    unknown = [name for name in written if (name.lstrip("*") if name.lstrip("*") in starred else name)
               not in expected]
    if missing:
        problems.append(f"{section} does not name {missing}")
    if unknown:
        problems.append(f"{section} names {unknown}, which it does not take")
    untyped = [entry.name for entry in entries if not entry.type.strip() and not entry.name.startswith("*")]
    if untyped:
        problems.append(f"{section} entries without a type (write `name : type`): {untyped}")
    return problems


def docstring_problems(obj, kind: str | None = None) -> list[str]:
    """What is wrong with the docstring of ``obj`` (a function, a class, a method as
    found in its class's ``__dict__``, or a property), by the rules of this module's
    docstring; an empty list when nothing is.

    ``kind`` is ``function``, ``method``, ``class`` or ``property`` (default: a class
    or a function, from ``obj``).
    """
    if kind is None:
        kind = "class" if inspect.isclass(obj) else "function"
    raw = obj.__doc__ if kind != "property" else getattr(obj, "__doc__", None)
    if isinstance(obj, (staticmethod, classmethod)):
        raw = obj.__func__.__doc__
    if kind == "class" and dataclasses.is_dataclass(obj) and raw and raw.startswith(f"{obj.__name__}("):
        raw = None  # the signature dataclasses write when a class has no docstring
    if not raw or not raw.strip():
        return ["no docstring"]
    doc = inspect.cleandoc(raw)
    problems = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            parsed = NumpyDocString(doc)
        except Exception as err:  # noqa: BLE001 - numpydoc's own words on a malformed docstring
            return [f"numpydoc cannot parse it: {err}"]
    problems += [f"numpydoc: {w.message}" for w in caught]
    foreign = _FOREIGN_HEADER.findall(doc)
    if foreign:
        problems.append(f"section headers of another style (numpydoc underlines them with dashes): {foreign}")
    summary = parsed["Summary"]
    if not summary or not "".join(summary).strip():
        problems.append("no summary line")
    elif len(summary) > 1:
        problems.append(f"the summary is {len(summary)} lines, not one (a blank line must follow it)")
    if kind == "property":
        return problems

    if kind == "class":
        if dataclasses.is_dataclass(obj):
            fields = [f.name for f in dataclasses.fields(obj) if f.init and not f.name.startswith("_")]
            problems += _name_problems("Attributes", parsed["Attributes"], fields, set())
        elif "__init__" in vars(obj) and inspect.isfunction(vars(obj)["__init__"]):
            parameters = _parameters(vars(obj)["__init__"], bound=True)
            starred = {p.name for p in parameters if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
            problems += _name_problems("Parameters", parsed["Parameters"] + parsed["Other Parameters"],
                                       [p.name for p in parameters], starred)
        return problems

    function, bound = _function_of(obj)
    if bound is None:
        bound = kind == "method"
    parameters = _parameters(function, bound=bound)
    starred = {p.name for p in parameters if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
    if parameters or parsed["Parameters"]:
        problems += _name_problems("Parameters", parsed["Parameters"] + parsed["Other Parameters"],
                                   [p.name for p in parameters], starred)
    if _returns_something(function) and not (parsed["Returns"] or parsed["Yields"]):
        problems.append("it returns a value, but has no Returns (or Yields) section")
    return problems


# --- the tests ------------------------------------------------------------------------


@pytest.mark.parametrize("module_name", module_names())
def test_public_docstrings_are_numpydoc(module_name):
    problems = [f"{name}: {problem}" for name, obj, kind in objects_by_module().get(module_name, [])
                for problem in docstring_problems(obj, kind)]
    assert not problems, "docstrings that are not numpydoc as the study writes it:\n" + "\n".join(problems)


@pytest.mark.parametrize("module_name", module_names())
def test_examples_in_docstrings_run(module_name):
    # an Examples section is a promise about the output: it is run, as a doctest
    module = importlib.import_module(module_name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    for test in doctest.DocTestFinder().find(module, module_name):
        runner.run(test, out=report.append)
    assert not runner.failures, "".join(report)


def test_every_module_is_checked():
    # no module is exempt: the walk reaches the subpackages, and the checker finds the
    # public objects of the analyses (converted last) as it does those of the corpus
    checked = module_names()
    objects = objects_by_module()
    for name in ("arabic_media.text", "arabic_media.corpus.load", "arabic_media.matching", "arabic_media.actors",
                 "arabic_media.stance.rules", "arabic_media.stance.evaluate", "arabic_media.attribution.rules",
                 "arabic_media.attribution.tables"):
        assert name in checked and objects.get(name), name


# --- the checker itself: it fails on a bad docstring ------------------------------------


def _bad(text, count, *args, unused=None):
    """Count the words of a text
    spread over two summary lines.

    Args:
        text: the text.

    Parameters
    ----------
    text : str
        The text.
    counted
        A name it does not take.
    """
    return len(text.split()) + count


def _good(text: str, count: int, *args, unused=None, **kwargs) -> int:
    """Count the words of a text.

    Parameters
    ----------
    text : str
        The text.
    count : int
        Added to the count.
    *args : object
        Ignored.
    unused, **kwargs : object, optional
        Ignored.

    Returns
    -------
    int
        The words.
    """
    return len(text.split()) + count


def _undocumented(text):
    return text


def _returns_none(text) -> None:
    """Print a text.

    Parameters
    ----------
    text : str
        The text.
    """
    print(text)


def _yields(texts):
    """Each text, stripped.

    Parameters
    ----------
    texts : list of str
        The texts.
    """
    for text in texts:
        yield text.strip()


@dataclasses.dataclass
class _Record:
    """A record with one field left out of its Attributes.

    Attributes
    ----------
    name : str
        Its name.
    """

    name: str
    size: int
    _cache: dict = dataclasses.field(default_factory=dict)


class _Unknown:
    """A class with a section numpydoc does not know.

    Parameters
    ----------
    value : int
        The value.

    Returnz
    -------
    nothing
    """

    def __init__(self, value, extra):
        self.value = value

    @property
    def double(self):
        return self.value * 2


def test_the_checker_accepts_a_numpydoc_docstring():
    assert docstring_problems(_good) == []
    assert docstring_problems(_returns_none) == []


def test_the_checker_finds_each_problem_of_a_bad_docstring():
    problems = "\n".join(docstring_problems(_bad))
    assert "summary is 2 lines" in problems
    assert "another style" in problems and "Args" in problems
    assert "does not name ['count', 'args', 'unused']" in problems
    assert "names ['counted'], which it does not take" in problems
    assert "without a type" in problems and "counted" in problems
    assert "no Returns" in problems
    assert docstring_problems(_undocumented) == ["no docstring"]
    assert any("no Returns (or Yields)" in p for p in docstring_problems(_yields))


def test_the_checker_finds_the_problems_of_a_bad_class():
    assert docstring_problems(_Record) == ["Attributes does not name ['size']"]
    problems = "\n".join(docstring_problems(_Unknown))
    assert "Unknown section Returnz" in problems
    assert "does not name ['extra']" in problems
    assert docstring_problems(vars(_Unknown)["double"], "property") == ["no docstring"]

    @dataclasses.dataclass
    class Bare:
        name: str

    assert docstring_problems(Bare) == ["no docstring"]


def test_the_checker_finds_an_undocumented_method():
    class Holder:
        """A holder."""

        def size(self, scale):
            """The size."""
            return scale

    problems = docstring_problems(vars(Holder)["size"], "method")
    assert "Parameters does not name ['scale']" in problems
    assert "it returns a value, but has no Returns (or Yields) section" in problems
