"""Sub-commands of the CLI. Each module exposes `register(app)`; add new modules to `MODULES`.

Keeping one module per command lets the stages' owners work on their command without touching the others.
"""

from __future__ import annotations

import importlib

import typer

MODULES = (  # in the order `incidentmap --help` lists them: the pipeline's order
    "incidentmap.commands.extract",
    "incidentmap.commands.build",
    "incidentmap.commands.report",
    "incidentmap.commands.snapshot",
    "incidentmap.commands.export",
    "incidentmap.commands.places",
)


def register(app: typer.Typer) -> None:
    for name in MODULES:
        importlib.import_module(name).register(app)
