"""The browser's size check (dashboards/file_picker.js) says what Python's says, word for word.

Node runs the picker's own ``sizeProblem`` on the same cases as
``common.files.size_problem``, including a file exactly at the limit.
"""

from __future__ import annotations

import json
import subprocess

from connecting_people.common.files import size_problem
from connecting_people.common.limits import UPLOAD_LIMIT_BYTES
from connecting_people.dashboards.file_picker import FilePicker
from tests.parity.node import node_or_skip

CASES = [
    ("small.csv", 10),
    ("at-limit.csv", UPLOAD_LIMIT_BYTES),
    ("one-over.csv", UPLOAD_LIMIT_BYTES + 1),
    ("big map.json", 12 * 1024 * 1024 + 5),
]


def test_browser_and_python_agree_on_every_size():
    node = node_or_skip()
    source = FilePicker._esm.replace("export default { render };", "")
    script = source + (
        f"\nconst cases = {json.dumps(CASES)};\n"
        f"const limit = {UPLOAD_LIMIT_BYTES};\n"
        "console.log(JSON.stringify(cases.map(([n, s]) => sizeProblem(n, s, limit))));"
    )
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True,
                            text=True, timeout=60, check=True)
    assert json.loads(result.stdout) == [size_problem(name, size) for name, size in CASES]
    assert json.loads(result.stdout)[:2] == [None, None]
