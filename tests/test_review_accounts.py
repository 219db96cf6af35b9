"""Accounts and sessions: Argon2, one answer for unknown user and wrong password, throttling, rotation,
logout, idle and absolute timeouts, disabling; and the `users` CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinevidence.library import Library
from clinevidence.review import audit
from clinevidence.review.accounts import Accounts, session_id_for
from clinevidence.review.cli import users_app
from clinevidence.review.errors import AccountError, AuthenticationFailed, LoginThrottled
from clinevidence.review.passwords import hash_password, verify_password
from clinevidence.review.throttle import LoginLimiter

from .review_support import PASSWORD, FakeClock


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory, module_backend: str) -> Library:
    return Library(tmp_path_factory.mktemp("accounts"))  # the module runs on SQLite, then on PostgreSQL


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def accounts(lib: Library, clock: FakeClock) -> Accounts:
    return Accounts(lib.engine, clock=clock, limiter=LoginLimiter(per_account=3, per_address=10))


_n = {"i": 0}


def new_user(accounts: Accounts, role: str = "reviewer") -> str:
    _n["i"] += 1
    name = f"user{_n['i']}"
    accounts.create_user(name, PASSWORD, role, display_name="Dr Ann Lee", credentials="MD, Oncology")
    return name


def test_argon2_hashes() -> None:
    h = hash_password(PASSWORD)
    assert h.startswith("$argon2id$") and PASSWORD not in h
    assert verify_password(h, PASSWORD) and not verify_password(h, PASSWORD + "x")
    assert not verify_password(None, PASSWORD)  # unknown user: a dummy hash is still checked
    with pytest.raises(AccountError, match="too short"):
        hash_password("short")


def test_create_user_rules(accounts: Accounts) -> None:
    name = new_user(accounts)
    with pytest.raises(AccountError, match="already exists"):
        accounts.create_user(name.upper(), PASSWORD, "reader")
    with pytest.raises(AccountError, match="unknown role"):
        accounts.create_user("someone", PASSWORD, "superuser")
    with pytest.raises(AccountError, match="usernames"):
        accounts.create_user("<b>", PASSWORD, "reader")
    user = accounts.get_user(name)
    assert user is not None and user.byline == "Dr Ann Lee, MD, Oncology"


def test_unknown_user_and_wrong_password_get_the_same_answer(accounts: Accounts) -> None:
    name = new_user(accounts)
    disabled = new_user(accounts)
    accounts.disable(disabled)
    messages = set()
    for username, password in [(name, "wrong password!"), ("nobody-here", PASSWORD), (disabled, PASSWORD)]:
        with pytest.raises(AuthenticationFailed) as info:
            accounts.login(username, password, address=f"10.0.0.{len(messages)}")
        messages.add((type(info.value), info.value.message, info.value.http_status))
    assert len(messages) == 1


def test_login_is_throttled_per_username_and_address(accounts: Accounts) -> None:
    name = new_user(accounts)
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            accounts.login(name, "wrong password!", address="10.1.1.1")
    with pytest.raises(LoginThrottled) as info:
        accounts.login(name, PASSWORD, address="10.1.1.1")  # even the right password waits
    assert info.value.retry_after > 0 and info.value.http_status == 429
    assert accounts.login(name, PASSWORD, address="10.1.1.2").user.username == name  # another address


def test_limiter_window_expires() -> None:
    now = {"t": 0.0}
    limiter = LoginLimiter(per_account=2, per_address=100, window=60, clock=lambda: now["t"])
    limiter.failed("a", "ip")
    limiter.failed("a", "ip")
    assert limiter.retry_after("A", "ip") == 60
    now["t"] = 61
    assert limiter.retry_after("a", "ip") is None


def test_session_rotates_at_login_and_logout_ends_it(accounts: Accounts) -> None:
    name = new_user(accounts)
    first = accounts.login(name, PASSWORD, address="10.2.0.1")
    assert accounts.resolve(first.token) is not None
    second = accounts.login(name, PASSWORD, address="10.2.0.1", old_token=first.token)
    assert second.token != first.token and second.csrf_token != first.csrf_token
    assert accounts.resolve(first.token) is None  # the old id is dead
    active = accounts.resolve(second.token)
    assert active is not None and active.csrf_ok(second.csrf_token) and not active.csrf_ok("nope")
    assert active.session_id == session_id_for(second.token) != second.token  # only the hash is stored
    assert accounts.logout(second.token)
    assert accounts.resolve(second.token) is None
    assert not accounts.logout(second.token)


def test_idle_and_absolute_timeouts(accounts: Accounts, clock: FakeClock) -> None:
    name = new_user(accounts)
    s = accounts.login(name, PASSWORD, address="10.3.0.1")
    clock.advance(minutes=29)
    assert accounts.resolve(s.token) is not None
    clock.advance(minutes=31)
    assert accounts.resolve(s.token) is None  # idle for 31 minutes
    s = accounts.login(name, PASSWORD, address="10.3.0.1")
    for _ in range(12 * 3 - 1):  # active every 20 minutes for just under 12 hours
        clock.advance(minutes=20)
        assert accounts.resolve(s.token) is not None
    clock.advance(minutes=20)
    assert accounts.resolve(s.token) is None  # 12 hours after sign-in, however active


def test_disable_and_role_change_end_sessions(accounts: Accounts) -> None:
    name = new_user(accounts)
    s = accounts.login(name, PASSWORD, address="10.4.0.1")
    accounts.set_role(name, "editor")
    assert accounts.resolve(s.token) is None
    s = accounts.login(name, PASSWORD, address="10.4.0.1")
    resolved = accounts.resolve(s.token)
    assert resolved is not None and resolved.user.role == "editor"
    accounts.disable(name)
    assert accounts.resolve(s.token) is None
    with pytest.raises(AuthenticationFailed):
        accounts.login(name, PASSWORD, address="10.4.0.1")


def test_account_events_are_audited(lib: Library, accounts: Accounts) -> None:
    name = new_user(accounts)
    accounts.login(name, PASSWORD, address="10.5.0.1")
    accounts.set_role(name, "editor")
    with lib.engine.connect() as conn:
        events = [(e.actor, e.action) for e in audit.list_events(conn, limit=3)]
    assert events == [("cli", "role_changed"), (name, "login"), ("cli", "user_created")]


# -- CLI ------------------------------------------------------------------------------------------------


def test_users_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    lib = ["--library", str(tmp_path / "lib")]
    args = ["add", "ann", "--role", "reviewer", "--password-stdin", "--display-name", "Dr Ann Lee"]
    result = runner.invoke(users_app, [*args, "--credentials", "MD, Oncology", *lib], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "created ann (reviewer)" in result.output
    assert runner.invoke(users_app, ["set-role", "ann", "editor", *lib]).exit_code == 0
    listed = runner.invoke(users_app, ["list", *lib]).output
    assert "ann" in listed and "editor" in listed and "MD, Oncology" in listed
    assert runner.invoke(users_app, ["disable", "ann", *lib]).exit_code == 0
    assert "disabled" in runner.invoke(users_app, ["list", *lib]).output
    assert PASSWORD not in runner.invoke(users_app, ["list", *lib]).output


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["add", "bob", "--role", "reader"], PASSWORD, "--password-stdin"),
        (["add", "bob", "--role", "wizard", "--password-stdin"], PASSWORD, "unknown role"),
        (["add", "bob", "--role", "reader", "--password-stdin"], "short", "too short"),
        (["set-role", "nobody", "reader"], "", "no user"),
        (["disable", "nobody"], "", "no user"),
    ],
)
def test_users_cli_errors(tmp_path: Path, args: list[str], stdin: str, message: str) -> None:
    result = CliRunner().invoke(users_app, [*args, "--library", str(tmp_path / "lib")], input=stdin + "\n")
    assert result.exit_code == 2
    assert message in result.output
