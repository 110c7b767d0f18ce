"""Configuration: every class of error names file, key and reason, and exits non-zero."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli import app
from monitor.errors import ConfigError
from monitor.settings import load_settings

runner = CliRunner()


@pytest.fixture
def cfg(config_copy: Path) -> Path:
    return config_copy


def problems(config_dir: Path) -> list[str]:
    with pytest.raises(ConfigError) as exc:
        load_settings(config_dir)
    return [str(p) for p in exc.value.problems]


def test_shipped_config_is_valid(cfg: Path) -> None:
    s = load_settings(cfg)
    assert s.feeds, "the shipped config must have feeds"
    assert all(f.url.startswith(("file://", "http")) for f in s.feeds)
    # file: URLs are resolved against the config dir, so they point at real files.
    for f in s.feeds:
        if f.url.startswith("file://"):
            assert Path(f.url[len("file://"):]).is_file(), f.url


def test_check_config_ok_exit_zero(cfg: Path) -> None:
    result = runner.invoke(app, ["check-config", "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


@pytest.mark.parametrize(
    ("name", "mutate", "expected"),
    [
        ("missing settings file", lambda c: (c / "settings.yaml").unlink(),
         ["settings.yaml", "file not found"]),
        ("missing feeds file", lambda c: (c / "feeds.yaml").unlink(),
         ["feeds.yaml", "file not found"]),
        ("malformed yaml", lambda c: (c / "settings.yaml").write_text("fetch:\n  deadline: [1,\n"),
         ["settings.yaml", "invalid YAML", "line"]),
        ("unknown key", lambda c: (c / "settings.yaml").write_text("fetch:\n  dedline: 3\n"),
         ["settings.yaml:2", "fetch.dedline", "unknown key"]),
        ("wrong type", lambda c: (c / "settings.yaml").write_text("fetch:\n  deadline: soon\n"),
         ["fetch.deadline", "number"]),
        ("negative value", lambda c: (c / "settings.yaml").write_text("fetch:\n  max_bytes: -5\n"),
         ["fetch.max_bytes", "greater than or equal"]),
        ("not a mapping", lambda c: (c / "settings.yaml").write_text("- a\n- b\n"),
         ["settings.yaml", "mapping"]),
        ("feeds not a list", lambda c: (c / "feeds.yaml").write_text("feeds: nope\n"),
         ["feeds.yaml", "feeds", "list"]),
        ("feed bad scheme", lambda c: (c / "feeds.yaml").write_text(
            "feeds:\n  - name: a\n    url: ftp://x/feed\n"), ["feeds.0.url", "http"]),
        ("feed missing url", lambda c: (c / "feeds.yaml").write_text(
            "feeds:\n  - name: a\n"), ["feeds.0.url", "Field required"]),
        ("feed duplicate name", lambda c: (c / "feeds.yaml").write_text(
            "feeds:\n  - {name: a, url: 'https://x/1'}\n  - {name: a, url: 'https://x/2'}\n"),
         ["duplicate feed name 'a'"]),
        ("feed interval too short", lambda c: (c / "feeds.yaml").write_text(
            "feeds:\n  - {name: a, url: 'https://x/1', interval_seconds: 0}\n"),
         ["feeds.0.interval_seconds"]),
        ("feeds in settings", lambda c: (c / "settings.yaml").write_text("feeds: []\n"),
         ["feeds", "feeds.yaml"]),
    ],
)
def test_config_errors(cfg: Path, name: str, mutate, expected: list[str]) -> None:
    mutate(cfg)
    found = "\n".join(problems(cfg))
    for fragment in expected:
        assert fragment in found, f"{name}: {fragment!r} not in {found!r}"
    result = runner.invoke(app, ["check-config", "--config", str(cfg)])
    assert result.exit_code == 2, f"{name}: {result.output}"
    # `run` refuses to start with the same messages.
    result_run = runner.invoke(app, ["run", "--once", "--config", str(cfg)])
    assert result_run.exit_code == 2
    assert expected[0] in result_run.output


def test_missing_config_dir(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check-config", "--config", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "config directory not found" in result.output


def test_env_beats_yaml(cfg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_FETCH__DEADLINE", "7.5")
    monkeypatch.setenv("MONITOR_LOGGING__LEVEL", "DEBUG")
    s = load_settings(cfg)
    assert s.fetch.deadline == 7.5
    assert s.logging.level == "DEBUG"
    # Untouched nested keys keep their YAML values (deep merge, not replace).
    assert s.fetch.max_redirects == 5


def test_bad_env_value_is_reported(cfg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_FETCH__DEADLINE", "-1")
    assert any("fetch.deadline" in p for p in problems(cfg))


def test_store_dsn_is_secret(cfg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_STORE__URL", "postgresql://u:hunter2@db:5432/m")
    s = load_settings(cfg)
    assert s.store_url.endswith("@db:5432/m")
    assert "hunter2" not in repr(s) and "hunter2" not in str(s.model_dump())


def test_bad_watchlist_is_reported(cfg: Path) -> None:
    wl = cfg / "watchlists" / "broken.yaml"
    wl.write_text("name: broken\nthreshold: lots\n")
    result = runner.invoke(app, ["check-config", "--config", str(cfg)])
    assert result.exit_code == 2
    assert "broken.yaml" in result.output


def test_bad_route_url_is_reported_without_secret(cfg: Path, monkeypatch) -> None:
    monkeypatch.setenv("MONITOR_NOTIFY__ROUTES",
                       '[{"name": "bad", "url": "nosuchscheme://s3cr3t-token@x", "tags": ["a"]}]')
    result = runner.invoke(app, ["check-config", "--config", str(cfg)])
    assert result.exit_code == 2, result.output
    assert "notify.routes" in result.output
    assert "s3cr3t-token" not in result.output


def test_broken_template_override_is_reported(cfg: Path, tmp_path: Path, monkeypatch) -> None:
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "alert.md.j2").write_text("{{ c.headline }} {% if %}")
    monkeypatch.setenv("MONITOR_NOTIFY__TEMPLATES_DIR", str(tdir))
    result = runner.invoke(app, ["check-config", "--config", str(cfg)])
    assert result.exit_code == 2
    assert "notify.templates_dir" in result.output and "alert" in result.output
    monkeypatch.setenv("MONITOR_NOTIFY__TEMPLATES_DIR", str(tmp_path / "missing"))
    result = runner.invoke(app, ["check-config", "--config", str(cfg)])
    assert result.exit_code == 2 and "not a directory" in result.output


def test_unreachable_store_is_a_clear_error(cfg: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MONITOR_STORE__URL", "postgresql://u:hunter2@127.0.0.1:9/nope")
    result = runner.invoke(app, ["run", "--once", "--config", str(cfg)])
    assert result.exit_code == 3, result.output
    assert "cannot open the store postgresql://127.0.0.1:9/nope" in result.output
    assert "hunter2" not in result.output
