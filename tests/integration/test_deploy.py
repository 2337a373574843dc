"""The deploy paths that cannot run here are still checked: the Pages workflow and rsync."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.integration.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[str]:
    """Each step as the action it uses or the command it runs."""
    return [step.get("uses") or step["run"] for step in job["steps"]]


def test_the_jobs_run_check_then_test_then_build_then_deploy(workflow):
    jobs = workflow["jobs"]
    assert list(jobs) == ["check", "test", "build", "deploy"]
    assert "needs" not in jobs["check"]
    assert jobs["test"]["needs"] == "check"
    assert jobs["build"]["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"
    assert set(workflow["on"]) == {"push", "pull_request", "workflow_dispatch"}


def test_only_a_push_to_main_is_published(workflow):
    jobs = workflow["jobs"]
    assert "if" not in jobs["check"] and "if" not in jobs["test"]
    assert jobs["build"]["if"] == ON_MAIN
    assert jobs["deploy"]["if"] == ON_MAIN


def test_each_job_does_its_part_with_the_official_actions(workflow):
    jobs = workflow["jobs"]
    assert steps(jobs["check"])[-1] == ".venv/bin/timeline check --strict --format github"
    assert steps(jobs["test"])[-1] == "make test"
    build = steps(jobs["build"])
    assert build[1:] == [
        "actions/checkout@v4",
        "actions/configure-pages@v5",
        "make publish",
        "actions/upload-pages-artifact@v3",
    ]
    env = jobs["build"]["steps"][3]["env"]
    assert env["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert env["HISTORY_URL"].endswith("/commits/main/{path}")
    # Page dates come from git: the jobs that build need the whole history.
    for job in ("test", "build"):
        checkout = next(s for s in jobs[job]["steps"] if s.get("uses") == "actions/checkout@v4")
        assert checkout["with"]["fetch-depth"] == 0
    assert jobs["build"]["steps"][4]["with"]["path"] == "output"
    assert steps(jobs["deploy"]) == ["actions/deploy-pages@v4"]
    every_action = [s for job in jobs.values() for s in steps(job) if "@" in s and " " not in s]
    assert all(a.startswith("actions/") for a in every_action)


def test_only_the_deploy_job_may_write_to_pages(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert all(
        "permissions" not in job for name, job in workflow["jobs"].items() if name != "deploy"
    )


def test_the_makefile_targets_the_workflow_calls_exist():
    text = (ROOT / "Makefile").read_text()
    for target in ("install", "test", "publish", "check", "deploy"):
        assert f"\n{target}:" in text


def test_make_build_and_publish_check_in_the_build_alone():
    """The build's own checks are strict: a `make check` before it would read everything twice."""
    text = (ROOT / "Makefile").read_text()
    for target in ("build", "publish"):
        assert f"\n{target}: install ##" in text


def make_deploy(site: Path, target: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "deploy", f"OUTPUT={site}", f"DEPLOY_TARGET={target}/", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.skipif(shutil.which("rsync") is None, reason="make test installs rsync")
def test_make_deploy_dry_run_changes_nothing_then_the_real_run_mirrors(fixture_site, tmp_path):
    target = tmp_path / "www"
    target.mkdir()
    (target / "stale.html").write_text("from an old deploy")
    dry = make_deploy(fixture_site, target, "DRY_RUN=1")
    assert dry.returncode == 0, dry.stderr
    assert "--delay-updates --delete-after" in dry.stdout
    assert "--dry-run" in dry.stdout
    assert "*deleting   stale.html" in dry.stdout
    assert ">f+++++++++ index.html" in dry.stdout
    assert [p.name for p in target.iterdir()] == ["stale.html"]
    real = make_deploy(fixture_site, target)
    assert real.returncode == 0, real.stderr
    assert not (target / "stale.html").exists()
    built = sorted(str(p.relative_to(fixture_site)) for p in fixture_site.rglob("*"))
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*")) == built
    assert (target / "index.html").read_bytes() == (fixture_site / "index.html").read_bytes()


def test_make_deploy_refuses_without_a_target_or_a_site(tmp_path):
    result = subprocess.run(
        ["make", "-s", "deploy", "DEPLOY_TARGET="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "set DEPLOY_TARGET=host:/path/" in result.stderr
    result = make_deploy(tmp_path / "nothing", tmp_path / "www")
    assert result.returncode == 2
    assert "no site in" in result.stderr
