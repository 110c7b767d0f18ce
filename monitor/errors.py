"""Errors users see. A config error names the file, the key path and the reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    file: str
    key: str  # dotted path, e.g. "feeds.3.url"; "" for the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"


class ConfigError(Exception):
    """One or more configuration problems, reported together."""

    def __init__(self, problems: list[ConfigProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class FetchError(Exception):
    """A feed could not be fetched; the message is safe to log."""


class ParseError(Exception):
    """A feed body could not be parsed into entries; the message is safe to log."""
