"""The start-up edits to Panel apply to the pinned release and keep what they promise."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import panel
import pytest

from sitebuild import PANEL_VERSION
from sitebuild.patches import EDITS, patch_member

PANEL_ROOT = Path(panel.__file__).parent.parent  # site-packages: Bokeh's files are there too
EDITS_BOKEH = "bokeh/server/static/js/bokeh.min.js"


def patched_source(member: str) -> str:
    return patch_member(member, (PANEL_ROOT / member).read_bytes()).decode()


def test_the_installed_panel_is_the_pinned_release() -> None:
    assert panel.__version__ == PANEL_VERSION


@pytest.mark.parametrize("member", sorted(EDITS))
def test_every_edit_applies_and_leaves_valid_python(member: str) -> None:
    source = patched_source(member)
    if member.endswith(".py"):
        compile(source, member, "exec")
    assert source != (PANEL_ROOT / member).read_text()


def test_no_stylesheet_sets_the_css_variables_whose_reads_bokehjs_skips() -> None:
    """BokehJS's reads of ``--bk-line-color`` & co. are cut (``_CSS_VALUE``): that changes
    nothing only while no stylesheet of the site sets such a variable. The one mention in
    Bokeh's and Panel's browser files is the prefix those reads use."""
    static = [*(PANEL_ROOT / "bokeh/server/static").rglob("*"),
              *(PANEL_ROOT / "panel/dist").rglob("*")]
    ours = [*(Path(__file__).parents[2] / "web").rglob("*.py"),
            *(Path(__file__).parents[2] / "sitebuild").rglob("*.css")]
    mentions = {path.name: path.read_bytes().count(b"--bk-") for path in [*static, *ours]
                if path.is_file() and path.suffix in (".js", ".css", ".py", ".html")}
    assert {name: n for name, n in mentions.items() if n} == {"bokeh.min.js": 1, "bokeh.js": 1}
    assert b"css_prefix=`--bk-${" in (PANEL_ROOT / EDITS_BOKEH).read_bytes()
    assert "getComputedStyle" not in patched_source(EDITS_BOKEH).split("_get_css_value(t)")[1][:40]


def test_the_cache_no_longer_imports_unittest_but_still_hashes_mocks() -> None:
    source = patched_source("panel/io/cache.py")
    assert "import unittest" not in source
    spec = importlib.util.spec_from_loader("patched_panel_cache", loader=None,
                                           origin=str(PANEL_ROOT / "panel/io/cache.py"))
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "panel.io"
    exec(compile(source, "panel/io/cache.py", "exec"), module.__dict__)
    from unittest.mock import Mock

    mock = Mock()
    assert module._find_hash_func(mock)(mock) == module._int_to_bytes(id(mock))


def test_markdown_is_imported_only_by_its_own_renderer() -> None:
    source = patched_source("panel/pane/markup.py")
    markdown_class = source.split("\nclass Markdown(", 1)[1].split("\nclass ", 1)[0]
    transform = markdown_class.split("def _transform_object", 1)[1].split("\n    def ", 1)[0]
    before_branch, branch = transform.split("if self.renderer == 'markdown':", 1)
    assert "import markdown" not in before_branch
    assert branch.lstrip().startswith("import markdown")


def test_a_changed_release_stops_the_build() -> None:
    with pytest.raises(SystemExit, match=r"cannot patch panel/io/cache\.py"):
        patch_member("panel/io/cache.py", b"import unittest.mock\n")


def test_members_without_edits_pass_through_unchanged() -> None:
    data = b"\x00 not text"
    assert patch_member("panel/viewable.py", data) is data


def test_patched_panel_imports_without_the_unused_modules_and_loads_them_on_use(
        tmp_path: Path) -> None:
    target = tmp_path / "panel"
    shutil.copytree(PANEL_ROOT / "panel", target,
                    ignore=shutil.ignore_patterns("dist", "tests", "__pycache__"))
    for member in EDITS:
        if member.startswith("panel/"):
            (tmp_path / member).write_text(patched_source(member))
    check = (
        "import sys, panel\n"
        "assert panel.__file__.startswith(sys.argv[1]), panel.__file__\n"
        "unused = ['panel.chat', 'panel.template', 'unittest.mock', 'markdown']\n"
        "print(sorted(m for m in unused if m in sys.modules))\n"
        "print(panel.chat.ChatInterface.__name__, panel.Template.__name__,\n"
        "      panel.template.FastListTemplate.__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", check, str(tmp_path)], cwd=tmp_path,
                            env={"PYTHONPATH": str(tmp_path)}, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "ChatInterface Template FastListTemplate"]


def test_the_worker_serializer_writes_the_patches_of_bokehs_own() -> None:
    """The same JSON and buffers as ``Serializer(references=doc.models.synced_references)``
    for changes of known models, new models (sent in full once) and binary arrays."""
    import numpy as np
    from bokeh.core.serialization import Buffer, Serializer
    from bokeh.document import Document
    from bokeh.document.json import PatchJson
    from bokeh.model import Model
    from bokeh.models import ColumnDataSource
    from bokeh.plotting import figure

    from sitebuild.patches import _SYNCED_SERIALIZER

    namespace = {"Serializer": Serializer, "Model": Model}
    exec(compile(_SYNCED_SERIALIZER, "_SYNCED_SERIALIZER", "exec"), namespace)
    doc = Document()
    plot = figure()
    line = plot.line("x", "y", source=ColumnDataSource({"x": [0.0], "y": [1.0]}))
    doc.add_root(plot)
    doc.models.flush_synced()
    events = []
    doc.on_change(events.append)
    line.data_source.data = {"x": np.arange(50.0), "y": np.ones(50)}
    line.data_source.stream({"x": [50.0], "y": [2.0]})
    line.data_source = ColumnDataSource({"x": [1.0], "y": [3.0]})  # a model the page lacks
    plot.title.text = "changed"
    assert len(events) == 4 and doc.models._new_models

    def plain(value: object) -> object:
        """The patch with each binary buffer as its bytes (buffer ids differ per call)."""
        if isinstance(value, Buffer):
            return bytes(value.to_bytes())
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        return value

    def encoded(serializer: Serializer) -> object:
        return plain(PatchJson(events=serializer.encode(events)))

    ours = namespace["_SyncedSerializer"](doc.models)
    theirs = Serializer(references=doc.models.synced_references)
    assert encoded(ours) == encoded(theirs)
    new = next(iter(doc.models._new_models))
    assert ours.has_ref(new) and ours.has_ref(plot) and not ours.has_ref(Model.__new__(Model))


def test_the_events_of_one_unhold_reach_the_page_as_one_patch() -> None:
    """What a document hold collected goes as one list (one patch, one message), in order;
    events outside a hold go one by one, as before."""
    from bokeh.document import Document
    from bokeh.models import ColumnDataSource, Range1d

    from sitebuild.patches import _SEND_HELD_AS_ONE

    namespace: dict = {}
    exec(compile(_SEND_HELD_AS_ONE, "_SEND_HELD_AS_ONE", "exec"), namespace)
    doc, source, bounds = Document(), ColumnDataSource({"x": [0.0]}), Range1d(0, 1)
    doc.add_root(source)
    doc.add_root(bounds)
    sent: list[list[str]] = []
    doc.on_change(namespace["_send_held_as_one"](
        doc, lambda events: sent.append([getattr(e, "attr", type(e).__name__) for e in events])))
    bounds.start = -1
    assert sent == [["start"]]
    doc.hold("combine")
    source.stream({"x": [1.0]})
    bounds.end = 2
    bounds.start = -2
    assert sent == [["start"]]  # nothing while held
    doc.unhold()
    assert sent == [["start"], ["data", "end", "start"]]
    doc.unhold()  # not held: nothing more
    bounds.end = 3
    assert sent[-1] == ["end"] and len(sent) == 3
