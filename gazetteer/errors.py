"""The one error the gazetteer raises for bad data: it names the file and the line."""

from __future__ import annotations


class GazetteerDataError(ValueError):
    """A data file could not be read; str() is one line: `path:line: what is wrong`."""

    def __init__(self, path: object, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
