"""The benchmark harness works end to end at a tiny scale: data, a real gunicorn server, HTTP, results."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_harness_measures_real_requests(tmp_path):
    env_strip = {"PYTEST_VERSION"}
    import os

    env = {k: v for k, v in os.environ.items() if k not in env_strip}
    subprocess.run([sys.executable, "-m", "bench.run", "--scale", "tiny", "--requests", "3", "--regenerate",
                    "--only", "sign-in,people list", "--out", str(tmp_path)], cwd=ROOT, env=env, check=True,
                   timeout=300, capture_output=True)
    report = json.loads((tmp_path / "results.json").read_text())
    assert report["scale"] == "tiny" and report["db"] == "sqlite"
    rows = {r["page"]: r for r in report["results"]}
    assert set(rows) == {"sign-in page", "people list (national admin)", "people list (province)"}
    for row in rows.values():
        assert row["status"] == [200]
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["max_ms"]
        assert isinstance(row["queries"], int)
    people = rows["people list (national admin)"]
    assert people["queries"] > 0 and people["queries_constant"] is True
    assert "| page |" in (tmp_path / "results.md").read_text()
    # the floor of the same run (issues 11 and 16): layout without queries in the view, and a bare view, same bytes
    floor = report["floor"]
    assert floor["bare"]["p50_ms"] > 0 and floor["layout"]["p50_ms"] > 0 and floor["bare"]["queries"] == 0
    assert all(row["x_layout_floor"] > 0 and row["x_bare_floor"] > 0 for row in rows.values())
    assert "× layout" in (tmp_path / "results.md").read_text()
