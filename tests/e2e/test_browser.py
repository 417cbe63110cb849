"""End to end in a real browser: each framework's full-option project as it runs in production.

Rendered with every option (PostgreSQL, admin, accounts, async, API, Celery, Docker,
GitHub CI), installed from the framework's lock, migrated on a PostgreSQL database of
its own, served by its production server (uvicorn for Django's ASGI, gunicorn for
Flask) with the production settings over HTTPS, with a real Celery worker on Redis
sending its emails to a mail catcher on loopback. Playwright drives Debian's Chromium
through what a user does: sign up, confirm the address from the email, sign in, write
and change a note, open the admin as an admin, call the API with a token, and read a
Celery task's result. On the way it looks at every page a user can reach, signed out and
signed in (the account pages, a form with errors, the notes, the error pages, the admin,
the API docs): at 1280 and 390 px wide, light and dark, axe-core finds no serious or
critical violation, no page scrolls sideways on a phone, and every page's CSP keeps
scripts to the site's own files (conftest.Tour). Its screenshots are kept in
.artifacts/e2e/<framework>/.
"""

from __future__ import annotations

import json
import re
import secrets
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import matrix
from tests.e2e.conftest import MailCatcher, Tour, free_port

pytestmark = [pytest.mark.e2e, pytest.mark.matrix, pytest.mark.usefixtures("requirements")]

PASSWORD = "correct horse battery staple 42"
PASSWORD_LABEL = re.compile(r"^\s*Password:?\s*$")  # not "Password (again)" or "Retype Password"
HTTPS = ssl._create_unverified_context()  # the test's own self-signed certificate


@dataclass
class Site:
    """One served full-option project: its folder, environment and address."""

    project: Path
    env: dict[str, str]
    base: str

    @property
    def slug(self) -> str:
        return self.project.name

    def run(self, *args: str) -> str:
        return matrix.check_run(list(args), self.project, self.env, timeout=120)

    def api(self, method: str, path: str, headers: dict[str, str], body: Any = None) -> tuple[int, Any]:
        """Call the API; its status and parsed JSON body."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json", **headers}
        )
        try:
            with urllib.request.urlopen(request, timeout=20, context=HTTPS) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, err.read()[:500]

    def task_result(self, name: str, args: list[Any]) -> str:
        """Send a task by name to the worker and wait for its result, with Celery's command line."""
        task_id = self.run("celery", "-A", self.slug, "call", name, "--args", json.dumps(args)).strip()
        assert re.fullmatch(r"[0-9a-f-]{36}", task_id), task_id
        return self.run("celery", "-A", self.slug, "result", task_id).strip()


@contextmanager
def process(args: list[str], cwd: Path, env: dict[str, str], log: Path, port: int | None = None) -> Iterator[None]:
    """Run a server or worker for the test's length; wait for its port; show its log if it dies."""
    with log.open("w") as out:
        child = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while port is not None:  # until it answers HTTPS (gunicorn listens before its workers boot)
            try:
                urllib.request.urlopen(f"https://localhost:{port}/", timeout=5, context=HTTPS).close()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if child.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"`{' '.join(args)}` did not start:\n{log.read_text()[-4000:]}")
                time.sleep(0.2)
        yield
        assert child.poll() is None, f"`{' '.join(args)}` stopped:\n{log.read_text()[-4000:]}"
    finally:
        child.terminate()
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


SIGN_OUT = re.compile("sign out", re.I)


def note_form_errors(page: Any, tour: Tour, new_url: str) -> None:
    """A note sent without its title: the error summary and the message beside the field."""
    page.goto(new_url)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("alert").get_by_role("link").first.wait_for()
    assert page.get_by_label(re.compile(r"^Title", re.I)).get_attribute("aria-invalid") == "true"
    tour(page, "note-form-errors")


def post_without_token(page: Any, url: str) -> None:
    """Post an empty form from the page to ``url``: no CSRF token (the browser's own request)."""
    page.evaluate(
        """url => { const form = document.createElement("form"); form.method = "post"; form.action = url;
                    document.body.append(form); form.submit(); }""",
        url,
    )
    page.wait_for_load_state()


def write_note(page: Any, shot: Tour, new_url: str) -> None:
    """Write "First note" on the page at ``new_url`` and wait for it to be shown."""
    page.goto(new_url)
    page.get_by_label(re.compile(r"^Title", re.I)).fill("First note")
    page.get_by_label(re.compile(r"^(Body|Text)", re.I)).fill("Written by a browser.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="First note").wait_for()
    shot(page, "note-created")


def rename_note(page: Any, title: str) -> None:
    """On a note's edit form: give it ``title``, save, and wait for the note under that title."""
    page.get_by_label(re.compile(r"^Title", re.I)).fill(title)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name=title).wait_for()


@contextmanager
def served(
    framework: str,
    tmp_path: Path,
    mail: MailCatcher,
    certificate: tuple[Path, Path],
    jobs: str = "celery",
    frontend: str = "plain",
) -> Iterator[Site]:
    """The full-option project, migrated on a fresh PostgreSQL database, served with its worker
    (Celery's on Redis; with jobs=tasks, Django's tasks worker on the database, and no Redis at all)."""
    answers = {**matrix.full_option(framework, "postgresql"), "jobs": jobs, "frontend": frontend}
    project = matrix.render(answers, tmp_path / "out")
    slug = project.name
    venv = matrix.build_env(framework, tmp_path, matrix.track_of(answers))
    cert, key = certificate
    port = free_port()
    with ExitStack() as stack:
        database = stack.enter_context(matrix.fresh_database(framework, "postgresql"))
        assert database
        env = venv.environ(tmp_path) | {"DATABASE_URL": database, "PYTHONPATH": str(project)}
        env.pop("FLASK_DEBUG", None)
        env.pop("FLASK_PRODUCTION", None)
        if framework == "django":
            env |= {
                "DJANGO_SETTINGS_MODULE": f"{slug}.settings.production",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DJANGO_ALLOWED_HOSTS": "localhost",
                "DJANGO_EMAIL_URL": f"smtp://127.0.0.1:{mail.port}",
                "DJANGO_DEFAULT_FROM_EMAIL": "noreply@example.com",
                "DJANGO_SITE_URL": f"https://localhost:{port}",
            }
            if jobs == "celery":
                # The shared cache on Redis that production requires with Celery (this worker's database).
                env["DJANGO_CACHE_URL"] = env["CELERY_BROKER_URL"]
            else:
                for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
                    env.pop(name)  # nothing points at Redis
            steps = [
                ["python", "manage.py", "migrate", "--noinput"],
                ["python", "manage.py", "collectstatic", "--noinput"],
            ]
            server = ["uvicorn", f"{slug}.asgi:application", "--host", "127.0.0.1", "--port", str(port),
                      "--ssl-certfile", str(cert), "--ssl-keyfile", str(key)]  # fmt: skip
        else:
            env |= {
                "FLASK_SECRET_KEY": secrets.token_hex(),
                "FLASK_TRUSTED_HOSTS": "localhost",
                "FLASK_PROXIES": "1",
                "FLASK_SECURITY_PASSWORD_SALT": secrets.token_hex(16),
                "FLASK_MAIL_SERVER": "127.0.0.1",
                "FLASK_MAIL_PORT": str(mail.port),
                "FLASK_MAIL_USE_TLS": "false",  # the catcher speaks plain SMTP on loopback
                "FLASK_MAIL_DEFAULT_SENDER": "noreply@mysite.test",
            }
            steps = [["flask", "--app", slug, "db", "upgrade"]]
            server = ["gunicorn", f"{slug}:create_app()", "--bind", f"127.0.0.1:{port}", "--workers", "2",
                      "--certfile", str(cert), "--keyfile", str(key)]  # fmt: skip
        for step in steps:
            matrix.check_run(step, project, env, timeout=300)
        celery = [
            "celery",
            "-A",
            slug,
            "worker",
            "--loglevel=INFO",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
        ]
        worker = ["python", "manage.py", "db_worker"] if jobs == "tasks" else celery
        stack.enter_context(process(worker, project, env, tmp_path / "worker.log"))
        stack.enter_context(process(server, project, env, tmp_path / "server.log", port))
        yield Site(project, env, f"https://localhost:{port}")
        if jobs == "celery":
            # Nothing left in this worker's queue for the next test that uses it.
            matrix.check_run(["celery", "-A", slug, "purge", "-f"], project, env, timeout=60)


@contextmanager
def browser_page(site: Site, scripts: bool = True) -> Iterator[Any]:
    """A fresh Chromium context (no cookies) on the site; ``scripts=False``: the site's scripts not loaded.

    The pages' only scripts are the site's files (the CSP allows no other), so refusing them is
    a browser with JavaScript off, while the tour's own checks (axe-core) still run in the page.
    """
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    from tests.e2e import browser  # noqa: PLC0415

    with sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        try:
            context = chromium.new_context(ignore_https_errors=True, base_url=site.base)
            if not scripts:
                context.route("**/*.js", lambda route: route.abort())
            context.set_default_timeout(30_000)
            yield context
        finally:
            chromium.close()


def sign_up_and_confirm_django(page: Any, mail: MailCatcher, shot: Callable[[Any, str], None], address: str) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(address)
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label(re.compile(r"Password \(again\)")).fill(PASSWORD)
    shot(page, "sign-up")
    page.get_by_role("main").get_by_role("button", name=re.compile("sign up", re.I)).click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    shot(page, "verification-sent")
    confirm = mail.link(address, r"/accounts/confirm-email/")
    page.goto(confirm)
    shot(page, "confirm-address")
    page.get_by_role("button", name=re.compile("confirm", re.I)).click()
    shot(page, "address-confirmed")


def sign_in_django(page: Any, address: str, password: str = PASSWORD) -> None:
    page.get_by_label("Email").fill(address)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("main").get_by_role("button", name=re.compile("sign in", re.I)).click()


def test_django_full_option_in_a_browser(tmp_path: Path, mail: MailCatcher, certificate: tuple[Path, Path]) -> None:
    address = f"ada-{secrets.token_hex(4)}@example.com"
    with served("django", tmp_path, mail, certificate) as site, browser_page(site) as context:
        shot = Tour("django", context)
        page = context.new_page()
        page.goto("/")
        assert page.get_by_role("heading", level=1).is_visible()
        shot(page, "home")
        # At 390 px the navigation is a menu button.
        page.set_viewport_size({"width": 390, "height": 844})
        page.get_by_text("Menu", exact=True).click()
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").wait_for()
        shot(page, "menu-open")

        # Signed out: the account pages, a sign-in that fails, a page that does not exist.
        page.goto("/accounts/login/")
        shot(page, "sign-in")
        sign_in_django(page, "nobody@example.com", "not the password")
        page.get_by_role("alert").wait_for()
        shot(page, "sign-in-errors")
        page.goto("/accounts/password/reset/")
        shot(page, "password-reset")
        page.goto("/no-such-page/")
        shot(page, "not-found")

        # Sign up; the address is confirmed from the email the Celery worker sent.
        sign_up_and_confirm_django(page, mail, shot, address)
        page.goto("/accounts/login/")
        sign_in_django(page, address)
        page.get_by_role("button", name=SIGN_OUT).wait_for()
        shot(page, "signed-in")
        page.goto("/notes/")
        shot(page, "notes-empty")
        note_form_errors(page, shot, "/notes/new/")

        # Write a note, then change it.
        write_note(page, shot, "/notes/new/")
        page.get_by_role("link", name="Edit").click()
        shot(page, "note-edit-form")
        rename_note(page, "First note, edited")
        page.get_by_role("link", name="Delete").click()
        page.get_by_role("heading", name=re.compile("^Delete")).wait_for()
        shot(page, "note-delete")
        page.goto("/notes/")
        assert page.get_by_role("link", name="First note, edited").is_visible()
        shot(page, "note-edited")
        page.goto("/accounts/email/")
        shot(page, "email-addresses")
        page.goto("/accounts/password/change/")
        shot(page, "password-change")
        post_without_token(page, "/notes/new/")
        page.get_by_role("heading", name="Forbidden").wait_for()
        shot(page, "csrf-failure")

        # The API, with a token made on the account's "API tokens" page, as the README says:
        # creating one asks for the password again.
        page.goto("/accounts/tokens/")
        page.get_by_role("button", name="Create a token").click()
        page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
        page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
        page.get_by_role("main").get_by_role("button", name=re.compile("confirm", re.I)).click()
        made = page.locator(".alert code").inner_text()
        token = re.fullmatch(r"([0-9a-f]{64})", made)
        assert token, made
        shot(page, "api-tokens")
        auth = {"Authorization": f"Token {token.group(1)}"}
        status, notes = site.api("GET", "/api/notes/", auth)
        assert status == 200, notes
        assert [n["title"] for n in notes["results"]] == ["First note, edited"], notes
        status, created = site.api("POST", "/api/notes/", auth, {"title": "From the API", "body": "token"})
        assert status == 201, created
        page.goto("/notes/")
        assert page.get_by_role("link", name="From the API").is_visible()
        shot(page, "api-note-in-list")
        assert site.api("GET", "/api/notes/", {"Authorization": "Token " + "0" * 64})[0] == 401

        # The admin, as an admin made with createsuperuser (their address counts as verified): in at the first sign-in.
        admin = f"admin-{secrets.token_hex(4)}@example.com"
        site.env |= {"DJANGO_SUPERUSER_PASSWORD": PASSWORD}
        site.run("python", "manage.py", "createsuperuser", "--noinput", "--email", admin)
        page.get_by_role("button", name=SIGN_OUT).click()
        page.goto("/admin/")
        page.wait_for_url(re.compile(r"/accounts/login/"))
        sign_in_django(page, admin)
        page.wait_for_url(re.compile(r"/admin/"))
        page.get_by_role("heading", name=re.compile("administration", re.I)).wait_for()
        shot(page, "admin")
        page.goto("/admin/notes/note/")
        page.get_by_role("link", name="First note, edited").wait_for()
        shot(page, "admin-notes")
        page.get_by_role("link", name="View site").click()
        page.get_by_role("heading", level=1).wait_for()

        # A Celery task's result, through the worker and the result backend.
        assert site.task_result("pages.tasks.count_words", ["three little words"]) == "3"
    shot.check()


def sign_in_flask(page: Any, address: str, password: str = PASSWORD) -> None:
    page.goto("/auth/login")
    page.get_by_label(re.compile("email", re.I)).fill(address)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("main").get_by_role("button", name=re.compile("sign in", re.I)).click()


def test_django_tasks_send_the_mail_without_redis(
    tmp_path: Path, mail: MailCatcher, certificate: tuple[Path, Path]
) -> None:
    """jobs=tasks: the confirmation mail of a sign-up is sent by the tasks' worker from the database."""
    address = f"grace-{secrets.token_hex(4)}@example.com"
    with served("django", tmp_path, mail, certificate, jobs="tasks") as site, browser_page(site) as context:
        page = context.new_page()
        sign_up_and_confirm_django(page, mail, lambda page, name: None, address)
        page.goto("/accounts/login/")
        sign_in_django(page, address)
        page.get_by_role("button", name=SIGN_OUT).wait_for()
        log = (tmp_path / "worker.log").read_text()
        assert "users.tasks.send_email" in log, log[-3000:]


def test_flask_full_option_in_a_browser(tmp_path: Path, mail: MailCatcher, certificate: tuple[Path, Path]) -> None:
    address = f"ada-{secrets.token_hex(4)}@example.com"
    with served("flask", tmp_path, mail, certificate) as site, browser_page(site) as context:
        shot = Tour("flask", context)
        page = context.new_page()
        page.goto("/")
        assert page.get_by_role("heading", level=1).is_visible()
        shot(page, "home")
        # At 390 px the navigation is a menu button.
        page.set_viewport_size({"width": 390, "height": 844})
        page.get_by_text("Menu", exact=True).click()
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").wait_for()
        shot(page, "menu-open")

        # Signed out: the account pages, a sign-in that fails, a page that does not exist.
        page.goto("/auth/login")
        shot(page, "sign-in")
        sign_in_flask(page, "nobody@example.com", "not the password")
        page.get_by_role("alert").wait_for()
        shot(page, "sign-in-errors")
        page.goto("/auth/reset")
        shot(page, "password-reset")
        page.goto("/auth/confirm")
        shot(page, "confirmation-resend")
        page.goto("/no-such-page")
        shot(page, "not-found")

        # Sign up; the address is confirmed from the email the Celery worker sent.
        page.goto("/auth/register")
        page.get_by_label(re.compile("email", re.I)).fill(address)
        page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
        page.get_by_label(re.compile("retype|confirm", re.I)).fill(PASSWORD)
        shot(page, "sign-up")
        page.get_by_role("main").get_by_role("button", name=re.compile("sign up", re.I)).click()
        shot(page, "confirmation-sent")
        page.goto(mail.link(address, r"/auth/confirm"))
        shot(page, "address-confirmed")
        if not page.get_by_role("button", name=SIGN_OUT).count():
            sign_in_flask(page, address)
        page.get_by_role("button", name=SIGN_OUT).wait_for()
        shot(page, "signed-in")
        page.goto("/notes/")
        shot(page, "notes-empty")
        note_form_errors(page, shot, "/notes/new")

        # Write a note, then change it.
        write_note(page, shot, "/notes/new")
        page.get_by_role("link", name="Edit").click()
        page.get_by_role("heading", name="Edit First note").wait_for()
        shot(page, "note-edit-form")
        rename_note(page, "First note, edited")
        assert page.get_by_text("Written by a browser.").is_visible()  # the text kept
        shot(page, "note-edited")
        page.goto("/auth/change")
        shot(page, "password-change")
        post_without_token(page, "/notes/new")
        page.get_by_role("heading", name="Bad Request").wait_for()
        shot(page, "csrf-failure")
        page.goto("/admin/")
        page.get_by_role("heading", name="Forbidden").wait_for()
        shot(page, "forbidden")
        page.goto("/api/docs")
        page.locator(".swagger-ui").first.wait_for()
        # Swagger UI's own widget (its method badges fail contrast): the page around it is the site's.
        shot(page, "api-docs", outside="#swagger-ui-container")

        # An API token from the account page; the API reads the edited note and changes it.
        page.goto("/auth/account")
        page.get_by_role("button", name=re.compile("token", re.I)).click()
        token = page.locator("pre").inner_text().strip()
        shot(page, "api-token")
        auth = {"Authentication-Token": token}
        status, notes = site.api("GET", "/api/notes/", auth)
        assert status == 200, notes
        assert [(n["title"], n["body"]) for n in notes] == [("First note, edited", "Written by a browser.")], notes
        status, changed = site.api("PATCH", f"/api/notes/{notes[0]['id']}", auth, {"body": "Changed by the API."})
        assert status == 200 and changed["body"] == "Changed by the API.", changed
        page.goto("/notes/")
        page.get_by_text("Changed by the API.").wait_for()
        shot(page, "api-note-changed")
        assert site.api("GET", "/api/notes/", {"Authentication-Token": token + "x"})[0] == 401

        # The admin, as an admin made with the project's command; its way back to the site.
        admin = f"admin-{secrets.token_hex(4)}@example.com"
        site.run("flask", "--app", site.slug, "create-admin", admin, "--password", PASSWORD)
        page.get_by_role("button", name=SIGN_OUT).click()
        sign_in_flask(page, admin)
        page.get_by_role("button", name=SIGN_OUT).wait_for()
        page.goto("/admin/")
        shot(page, "admin")
        page.get_by_role("link", name="Notes").first.click()
        page.get_by_text("First note, edited").first.wait_for()
        # Flask-Admin's list labels its row checkboxes by their title only (its markup, not the project's).
        shot(page, "admin-notes", rules_off=("label-title-only",))
        page.get_by_role("link", name="Back to the site").click()
        page.get_by_role("heading", level=1).wait_for()
    shot.check()


def htmx_notes(page: Any, shot: Tour, new_url: str) -> None:
    """The notes the htmx way: a form's errors, a save and a delete, without the page being loaded again."""
    page.goto("/notes/")
    page.wait_for_function("window.htmx !== undefined")  # the vendored script ran (its integrity checked)
    shot(page, "htmx-notes-empty")
    page.goto(new_url)
    page.evaluate("window.samePage = true")  # gone if the browser loads a page
    page.get_by_role("button", name="Save").click()
    page.get_by_role("alert").get_by_role("link").first.wait_for()
    assert page.evaluate("window.samePage === true"), "the errors came with a page load, not an htmx swap"
    assert page.get_by_label(re.compile(r"^Title", re.I)).get_attribute("aria-invalid") == "true"
    shot(page, "htmx-note-form-errors")
    page.get_by_label(re.compile(r"^Title", re.I)).fill("Kept note")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Kept note").wait_for()
    page.goto(new_url)
    page.get_by_label(re.compile(r"^Title", re.I)).fill("Short-lived note")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Short-lived note").wait_for()
    page.goto("/notes/")
    page.evaluate("window.samePage = true")
    card = page.get_by_role("listitem").filter(has_text="Short-lived note")
    asked: list[str] = []

    def accept(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    card.get_by_role("link", name="Delete").click()
    card.wait_for(state="detached")
    assert asked and "Short-lived note" in asked[0], asked
    assert page.evaluate("window.samePage === true"), "the delete loaded a page"
    assert page.get_by_role("listitem").filter(has_text="Kept note").is_visible()
    shot(page, "htmx-note-deleted")


def notes_without_javascript(page: Any, shot: Tour, new_url: str) -> None:
    """With JavaScript off, the htmx project's notes work as whole pages; Delete asks on a page of its own."""
    page.goto("/notes/")
    assert page.evaluate("window.htmx === undefined")
    note_form_errors(page, shot, new_url)
    page.get_by_label(re.compile(r"^Title", re.I)).fill("Without JavaScript")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Without JavaScript").wait_for()
    page.goto("/notes/")
    page.get_by_role("listitem").filter(has_text="Without JavaScript").get_by_role("link", name="Delete").click()
    page.get_by_role("heading", name=re.compile("^Delete")).wait_for()
    shot(page, "no-js-note-delete")
    page.get_by_role("main").get_by_role("button", name="Delete").click()
    page.get_by_text("Note deleted.").wait_for()
    assert not page.get_by_role("listitem").filter(has_text="Without JavaScript").count()


def test_django_htmx_notes_in_a_browser(tmp_path: Path, mail: MailCatcher, certificate: tuple[Path, Path]) -> None:
    address = f"ada-{secrets.token_hex(4)}@example.com"
    with served("django", tmp_path, mail, certificate, frontend="htmx") as site:
        with browser_page(site) as context:
            shot = Tour("django-htmx", context)
            page = context.new_page()
            sign_up_and_confirm_django(page, mail, shot, address)
            page.goto("/accounts/login/")
            sign_in_django(page, address)
            page.get_by_role("button", name=SIGN_OUT).wait_for()
            htmx_notes(page, shot, "/notes/new/")
            shot.check()
        with browser_page(site, scripts=False) as context:
            shot = Tour("django-htmx-no-js", context)
            page = context.new_page()
            page.goto("/accounts/login/")
            sign_in_django(page, address)
            page.get_by_role("button", name=SIGN_OUT).wait_for()
            notes_without_javascript(page, shot, "/notes/new/")
            shot.check()


def test_flask_htmx_notes_in_a_browser(tmp_path: Path, mail: MailCatcher, certificate: tuple[Path, Path]) -> None:
    address = f"ada-{secrets.token_hex(4)}@example.com"
    with served("flask", tmp_path, mail, certificate, frontend="htmx") as site:
        site.run("flask", "--app", site.slug, "create-admin", address, "--password", PASSWORD)
        with browser_page(site) as context:
            shot = Tour("flask-htmx", context)
            page = context.new_page()
            sign_in_flask(page, address)
            page.get_by_role("button", name=SIGN_OUT).wait_for()
            htmx_notes(page, shot, "/notes/new")
            shot.check()
        with browser_page(site, scripts=False) as context:
            shot = Tour("flask-htmx-no-js", context)
            page = context.new_page()
            sign_in_flask(page, address)
            page.get_by_role("button", name=SIGN_OUT).wait_for()
            notes_without_javascript(page, shot, "/notes/new")
            shot.check()
