"""Development helpers shared by the browser tests and the benchmarks; never shipped.

Why a package of its own: ``tests/browser/conftest.py`` and the scripts in ``benchmarks/`` both
launch the system Chromium, keep it offline, serve folders and the app, and build the static
site. One copy of each keeps their set-ups identical (a benchmark then measures what the tests
check), and neither side imports the other. Nothing here imports pytest.

- :mod:`labtools.browser`: the Chromium to launch, the request guard and the console log;
- :mod:`labtools.serve`: a folder over http, the app under ``panel serve``, free ports;
- :mod:`labtools.site`: building the offline site and waiting for its worker to settle.

It stays out of the wheel the site ships: ``pyproject.toml``'s package discovery includes only
``pycore`` and ``web``. Import it from the repository root (pytest's ``pythonpath = ["."]``;
``python -m benchmarks.<name>`` puts the working directory on ``sys.path``).
"""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
