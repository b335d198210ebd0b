"""The deployment files agree with the settings, and the documented production setup is safe."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_SOURCES = [ROOT / "config" / "settings.py", ROOT / "config" / "celery.py"]
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|env_bool|env_int|env_list)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]"""
)
APP_SERVICES = {"web", "worker", "beat"}
# Variables of the process environment that would change what `manage.py check` sees.
SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "CSC_REQUIRE_SERVICES", "EMAIL_URL")


def variables_settings_read() -> set[str]:
    names = set()
    for source in SETTINGS_SOURCES:
        for match in ENV_READ.finditer(source.read_text()):
            names.add(match.group(1) or match.group(2))
    return names


def compose_file() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def service_environment(service: dict) -> dict:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(
            item.split("=", 1) if "=" in item else (item, None) for item in environment
        )
    return environment


def test_settings_scan_finds_the_variables_everyone_relies_on():
    names = variables_settings_read()

    assert {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "SECURE_HTTPS"} <= names


def test_compose_file_defines_the_five_services():
    services = compose_file()["services"]

    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)


def test_compose_passes_only_variables_that_settings_read():
    services = compose_file()["services"]
    known = variables_settings_read()
    using_the_image = {
        name for name, service in services.items() if name in APP_SERVICES or "build" in service
    }

    unknown = {
        f"{name}: {variable}"
        for name in sorted(using_the_image)
        for variable in service_environment(services[name])
        if variable not in known
    }

    assert using_the_image >= APP_SERVICES
    assert not unknown, f"passed to the app but never read by config/settings.py: {unknown}"


def test_compose_app_services_get_a_secret_key_database_and_broker():
    services = compose_file()["services"]

    for name in APP_SERVICES:
        environment = service_environment(services[name])
        assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"} <= set(environment), (
            name
        )


def test_compose_waits_for_healthy_database_and_redis():
    services = compose_file()["services"]

    assert "healthcheck" in services["postgres"]
    assert "healthcheck" in services["redis"]
    for name in APP_SERVICES:
        depends_on = services[name]["depends_on"]
        assert depends_on["postgres"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name


def test_readme_documents_every_variable_settings_read():
    readme = (ROOT / "README.md").read_text()

    undocumented = sorted(name for name in variables_settings_read() if f"`{name}`" not in readme)

    assert not undocumented, f"add these to the configuration table in README.md: {undocumented}"


def manage(tmp_path: Path, *args: str, **variables: str | None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    # Start from the documented production variables; a test changes one at a time.
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="csc.example.org",
        SECURE_HTTPS="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CSC_VAR_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    for name, value in variables.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def check_deploy(tmp_path: Path, **variables: str | None) -> subprocess.CompletedProcess:
    return manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **variables)


def test_documented_production_settings_pass_the_deployment_check(tmp_path):
    result = check_deploy(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variables", "expected_warnings"),
    [
        ({"DEBUG": "1"}, {"security.W018"}),
        (
            {"SECURE_HTTPS": None},
            {"security.W004", "security.W008", "security.W012", "security.W016"},
        ),
        ({"SECRET_KEY": None}, {"security.W009"}),
    ],
    ids=["debug-on", "no-https", "no-secret-key"],
)
def test_deployment_check_fails_on_unsafe_settings(tmp_path, variables, expected_warnings):
    result = check_deploy(tmp_path, **variables)
    output = result.stdout + result.stderr

    assert result.returncode != 0, output
    assert {warning for warning in expected_warnings if warning not in output} == set(), output


def test_collectstatic_with_manifest_succeeds_as_in_the_docker_build(tmp_path):
    result = manage(tmp_path, "collectstatic", "--noinput", STATIC_MANIFEST="1")

    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_compose_runs_two_web_and_two_worker_replicas_behind_the_proxy_and_one_beat():
    services = compose_file()["services"]

    assert services["web"]["deploy"]["replicas"] == "${WEB_REPLICAS:-2}"
    assert services["worker"]["deploy"]["replicas"] == "${WORKER_REPLICAS:-2}"
    assert "replicas" not in services["beat"].get("deploy", {})
    assert "ports" not in services["web"], "replicas cannot share a host port: publish the proxy"
    assert services["proxy"]["ports"]
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server web:8000" in config
    assert "$http_x_forwarded_proto" in config


def test_compose_passes_the_bucket_settings_to_every_app_service():
    services = compose_file()["services"]

    for name in APP_SERVICES:
        assert "S3_BUCKET" in service_environment(services[name]), name


def compose_command() -> list[str] | None:
    for command in (["docker", "compose"], ["docker-compose"]):
        try:
            probe = subprocess.run([*command, "version"], capture_output=True, timeout=30)
        except (FileNotFoundError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return command
    return None


def test_compose_file_validates_with_docker_compose_config(tmp_path):
    command = compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    env_file = tmp_path / "env"
    env_file.write_text(
        "SECRET_KEY=x\nALLOWED_HOSTS=csc.example.org\nPUBLIC_BASE_URL=https://csc.example.org\n"
        "POSTGRES_PASSWORD=secret\nEMAIL_URL=console://\nDEFAULT_FROM_EMAIL=a@example.org\n"
    )
    result = subprocess.run(
        [*command, "--env-file", str(env_file), "config", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
