"""Settings: built once from config/ YAML plus MONITOR_* environment, then passed in.

Nothing else in the package reads the environment or config files (arq's rule):
stages receive the slice of settings they need through their constructors.

Sources, strongest first: environment (`MONITOR_STORE__URL=…`), then
`settings.yaml`. Feeds live in `feeds.yaml`, watchlists in `watchlists/*.yaml`.
pydantic-settings silently ignores a missing YAML file (FACTS.md), so we check
existence ourselves, and we map validation errors back to file, key and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from monitor.dedupe import DedupeConfig
from monitor.errors import ConfigError, ConfigProblem
from monitor.notify.config import NotifyConfig

SETTINGS_FILE = "settings.yaml"
FEEDS_FILE = "feeds.yaml"
WATCHLISTS_DIR = "watchlists"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeedConfig(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    url: str
    language: Literal["ar", "en"] = "ar"
    outlet: str | None = None  # display name; defaults to the feed's own title
    interval_seconds: int = Field(default=300, ge=1, le=86_400)  # ≥ 60 in production
    jitter_seconds: int | None = Field(default=None, ge=0, le=3_600)
    enabled: bool = True
    # First-run flood guard: on a feed's first poll, items older than this are
    # remembered but not alerted. None disables it.
    first_poll_max_age_hours: float | None = Field(default=24.0, ge=0)
    # A recorded archive (the bundled fixtures): every item is judged on its
    # content whatever its age — no first-poll guard, no retention-age guard.
    archive: bool = False
    # A new item is expected at least this often; nothing new for
    # notify.source_health.silence_factor × this raises one "source silent"
    # notice. None: never flag silence (archives, rarely updated feeds).
    expected_cadence_hours: float | None = Field(default=6.0, gt=0)

    @property
    def silence_interval(self) -> float | None:
        """Seconds of expected cadence for the silence check, or None."""
        if self.archive or self.expected_cadence_hours is None:
            return None
        return self.expected_cadence_hours * 3600

    @field_validator("url")
    @classmethod
    def _scheme(cls, v: str) -> str:
        if not v.startswith(("http://", "https://", "file:")):
            raise ValueError("must start with http://, https:// or file:")
        return v


class FetchConfig(_Strict):
    connect_timeout: float = Field(default=10.0, gt=0)
    read_timeout: float = Field(default=20.0, gt=0)
    deadline: float = Field(default=45.0, gt=0)  # whole request, body included
    max_bytes: int = Field(default=10_000_000, ge=1_000)
    max_redirects: int = Field(default=5, ge=0, le=20)
    user_agent: str = "monitor/0.1 (+https://github.com/monitor/monitor)"


class SchedulerConfig(_Strict):
    default_jitter_seconds: int = Field(default=15, ge=0)
    max_backoff_seconds: int = Field(default=3_600, ge=60)  # cap for failing feeds
    delivery_interval_seconds: float = Field(default=5.0, gt=0)
    prune_interval_hours: float = Field(default=6.0, gt=0)
    shutdown_grace_seconds: float = Field(default=10.0, ge=0)


class StoreConfig(_Strict):
    # A DSN may carry a password: SecretStr keeps it out of logs and dumps.
    # None: a SQLite file in data_dir (the embedded default; no server needed).
    url: SecretStr | None = None


class LogConfig(_Strict):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["console", "json"] = "console"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MONITOR_", env_nested_delimiter="__", extra="forbid", frozen=True,
    )

    data_dir: Path = Path("data")
    store: StoreConfig = StoreConfig()
    fetch: FetchConfig = FetchConfig()
    scheduler: SchedulerConfig = SchedulerConfig()
    dedupe: DedupeConfig = DedupeConfig()
    notify: NotifyConfig = NotifyConfig()
    logging: LogConfig = LogConfig()
    # Not settable from YAML: filled in by load_settings.
    config_dir: Path = Path("config")
    feeds: tuple[FeedConfig, ...] = ()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # init kwargs carry the YAML; env must beat it, so env goes first.
        return (env_settings, init_settings)

    @property
    def watchlists_dir(self) -> Path:
        return self.config_dir / WATCHLISTS_DIR

    @property
    def store_url(self) -> str:
        """The secret DSN: call only where the connection is opened, never log it."""
        if self.store.url is not None:
            return self.store.url.get_secret_value()
        return f"sqlite:///{self.data_dir / 'monitor.db'}"

    @property
    def enabled_feeds(self) -> tuple[FeedConfig, ...]:
        return tuple(f for f in self.feeds if f.enabled)


# --- loading -------------------------------------------------------------------


def _read_yaml(path: Path, problems: list[ConfigProblem]) -> tuple[Any, yaml.Node | None]:
    if not path.is_file():
        problems.append(ConfigProblem(str(path), "", "file not found"))
        return None, None
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnicodeDecodeError as exc:
        problems.append(ConfigProblem(str(path), "", f"not UTF-8 text ({exc.reason})"))
        return None, None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(ConfigProblem(str(path), "", f"invalid YAML{where}: {reason}"))
        return None, None
    return data, node


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Walk the composed YAML tree along a pydantic `loc` to find a line number."""
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == str(part)), None)
            if nxt is None:
                key = next((k for k, _ in node.value if k.value == str(part)), None)
                return key.start_mark.line + 1 if key else line
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def _problems_from(exc: ValidationError, file: Path, node: yaml.Node | None,
                   prefix: tuple[Any, ...] = ()) -> list[ConfigProblem]:
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = tuple(err["loc"])
        key = ".".join(str(p) for p in prefix + loc)
        line = _line_of(node, prefix + loc)
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key (typo?)"
        out.append(ConfigProblem(f"{file}:{line}" if line else str(file), key, msg))
    return out


def _resolve_file_url(url: str, base: Path) -> str:
    """`file:relative/x.xml` is relative to the config dir, so a checkout works anywhere."""
    if url.startswith("file://"):
        return url
    path = Path(url[len("file:"):])
    if not path.is_absolute():
        path = (base / path).resolve()
    return path.as_uri()


def load_settings(config_dir: Path | str = "config") -> Settings:
    """Read and validate settings.yaml and feeds.yaml; raise ConfigError listing every problem."""
    config_dir = Path(config_dir)
    problems: list[ConfigProblem] = []
    if not config_dir.is_dir():
        raise ConfigError([ConfigProblem(str(config_dir), "", "config directory not found")])

    settings_path = config_dir / SETTINGS_FILE
    data, node = _read_yaml(settings_path, problems)
    if data is not None and not isinstance(data, dict):
        problems.append(ConfigProblem(str(settings_path), "", "top level must be a mapping"))
        data = None
    if isinstance(data, dict):
        # A section left with only comments (`store:`) parses as None: keep defaults.
        data = {k: v for k, v in data.items() if v is not None}
    for forbidden in ("feeds", "config_dir"):
        if isinstance(data, dict) and forbidden in data:
            problems.append(ConfigProblem(
                str(settings_path), forbidden,
                f"not allowed here (feeds go in {FEEDS_FILE})" if forbidden == "feeds"
                else "set by the --config option"))
            data.pop(forbidden)

    feeds_path = config_dir / FEEDS_FILE
    feeds_data, feeds_node = _read_yaml(feeds_path, problems)
    feeds: list[FeedConfig] = []
    if feeds_data is not None:
        raw = feeds_data.get("feeds") if isinstance(feeds_data, dict) else None
        if not isinstance(raw, list):
            problems.append(ConfigProblem(str(feeds_path), "feeds", "must be a list of feeds"))
        else:
            for i, entry in enumerate(raw):
                try:
                    feeds.append(FeedConfig.model_validate(entry))
                except ValidationError as exc:
                    problems += _problems_from(exc, feeds_path, feeds_node, ("feeds", i))
            names = [f.name for f in feeds]
            for dup in sorted({n for n in names if names.count(n) > 1}):
                problems.append(ConfigProblem(str(feeds_path), "feeds", f"duplicate feed name {dup!r}"))

    settings: Settings | None = None
    if data is not None or not problems:
        try:
            settings = Settings(**(data or {}))
        except ValidationError as exc:
            problems += _problems_from(exc, settings_path, node)
    if problems or settings is None:
        raise ConfigError(problems)

    base = settings_path.parent
    feeds = [
        f.model_copy(update={"url": _resolve_file_url(f.url, base)}) if f.url.startswith("file:")
        else f
        for f in feeds
    ]
    data_dir = settings.data_dir if settings.data_dir.is_absolute() else Path.cwd() / settings.data_dir
    return settings.model_copy(update={
        "config_dir": config_dir, "feeds": tuple(feeds), "data_dir": data_dir,
    })
