"""The header's model files in a real browser: a malformed file says why and changes nothing;
the message names the file and the model, follows the language and clears on the next action."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from panel_server import panel_app_url  # noqa: F401  (pytest fixture)
from playwright.sync_api import expect

from pycore.division import division_model
from pycore.serialization import to_json

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000


def bad_files(folder: Path) -> dict[str, Path]:
    """Eleven files that are not a usable division model, each broken in its own way."""
    good = json.loads(to_json(division_model("trained")))
    shapes = {**good, "weights": [good["weights"][0][:1], *good["weights"][1:]]}
    nan_weight = json.dumps(good).replace("-5.4774", "NaN", 1)
    unknown = json.loads(json.dumps(good))
    unknown["layers"][0]["config"]["activation"] = "magic"
    huge_weight = json.loads(json.dumps(good))
    huge_weight["weights"][2] = [[1e300], [-33.0]]
    other_net = json.loads(json.dumps(good))
    other_net["layers"][0]["config"]["units"] = 3
    texts = {
        "empty.json": "",
        "not-json.json": "this is not JSON",
        "list.json": "[]",
        "wrong-format.json": json.dumps({**good, "format": "keras"}),
        "wrong-shapes.json": json.dumps(shapes),
        "nan-weight.json": nan_weight,
        "unknown-activation.json": json.dumps(unknown),
        "huge-weight.json": json.dumps(huge_weight),
        "other-architecture.json": json.dumps(other_net),
        "truncated.json": json.dumps(good)[:200],
        "too-large.json": " " * 5_100_000,
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = folder / name
        paths[name].write_text(text)
    return paths


def message(page) -> str:
    return " ".join(page.locator(".nnlab-file-message").all_inner_texts()).strip()


def test_bad_files_say_why_and_change_nothing(panel_app_url, guarded_page, tmp_path):  # noqa: F811
    page = guarded_page
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(panel_app_url)
    quotient = page.locator(".nnlab-quotient")
    quotient.wait_for()
    before = quotient.inner_text()
    upload = page.locator(".nnlab-load-model input[type=file]")
    for name, path in bad_files(tmp_path).items():
        upload.set_input_files(str(path))
        page.locator(".nnlab-file-message", has_text=name).wait_for()
        text = message(page)
        assert "konnte nicht geladen werden" in text and "bleibt unverändert" in text, text
        assert "Divisionsnetz" in text, text
        assert quotient.inner_text() == before, name
    page.locator(".nnlab-lang button", has_text="EN").click()
    page.locator(".nnlab-file-message", has_text="Could not load too-large.json").wait_for()
    # the next action clears it: opening another tab
    page.locator(".bk-tab").nth(1).click()
    expect(page.locator(".nnlab-file-message")).to_have_count(0)
