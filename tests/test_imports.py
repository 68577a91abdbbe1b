"""Only dashboard/ may import Streamlit: every other module loads without it. The layering
contracts of pyproject.toml ([tool.importlinter]) that already hold stay held."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Contract ids that hold; a new contract joins once it holds (dev.py's lint-imports step
# reports every contract, and fails the test command once IMPORTS_BLOCKING is True).
HELD_CONTRACTS = ("store-imports-only-model", "sql-only-in-store", "ingest-not-store",
                  "streamlit-only-in-dashboard")


def plain_modules() -> list[str]:
    names = []
    for package in ("geodata", "karabakh_map"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_no_streamlit_outside_dashboard() -> None:
    modules = plain_modules()
    assert "geodata.validate" in modules and "karabakh_map.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip() == ""


def test_layering_contracts_that_hold() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    cmd = [str(lint), "--no-logo", "--no-cache"]
    for contract in HELD_CONTRACTS:
        cmd += ["--contract", contract]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
