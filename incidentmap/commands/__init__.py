"""Sub-commands of the CLI. Each module exposes `register(app)`; add new modules to `MODULES`.

Keeping one module per command lets the stages' owners work on their command without touching the others.
"""

from __future__ import annotations

import importlib

import typer

MODULES = (
    "incidentmap.commands.places",
    "incidentmap.commands.export",
    "incidentmap.commands.snapshot",
    "incidentmap.commands.report",
    "incidentmap.commands.build",
    "incidentmap.commands.extract",
)


def register(app: typer.Typer) -> None:
    for name in MODULES:
        importlib.import_module(name).register(app)
