"""sv2desk-admin server ...: set up the server, move this PC's data onto it, enrol a second
PC, and what each prints (the fingerprint to read out; never a password)."""

from __future__ import annotations

import pytest

from sv2desk import cli
from sv2desk.store import server

from ..support.workspaces import ADMIN_PASSWORD, make_workspace
from ..support.server_fixtures import _drop

WORKSPACE_KINDS = ("server",)   # tests/support/server_fixtures.py: where a workspace is used


def run(monkeypatch, capsys, argv, *, owner_password, password=None):
    monkeypatch.setenv("SV2DESK_SERVER_OWNER_PASSWORD", owner_password)
    if password is not None:
        monkeypatch.setenv("SV2DESK_PASSWORD", password)
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def connection(pg, database):
    return ["--host", pg.host, "--port", pg.port, "--owner", pg.user, "--ca-cert", pg.ca_path,
            "--database", database]


def test_move_then_enrol_a_second_pc_from_the_command_line(pg, tmp_path, monkeypatch, capsys,
                                                           memory_keyring):
    first = tmp_path / "front-desk"
    second = tmp_path / "managers-office"
    new = make_workspace(first)
    new.session.close()
    database = "sv2_cli_move"
    try:
        code, out, err = run(monkeypatch, capsys, ["--workspace", first, "server", "move",
                                                   "--user", "admin", *connection(pg, database)],
                             owner_password=pg.password, password=ADMIN_PASSWORD)
        assert code == 0, err
        fingerprint = server.spaced(server.ca_fingerprint(pg.ca_pem))
        assert "check out on the server" in out and fingerprint in out
        assert pg.password not in out + err
        login_password = server.login_password(server.load_address(first))
        assert login_password not in out + err

        code, out, err = run(monkeypatch, capsys, ["--workspace", first, "status"],
                             owner_password="")
        assert code == 0 and "Office server: 127.0.0.1" in out and fingerprint in out

        code, out, err = run(monkeypatch, capsys, [
            "--workspace", second, "server", "enrol", *connection(pg, database),
            "--fingerprint", fingerprint, "--pc-name", "managers office"],
            owner_password=pg.password)
        assert code == 0, err
        assert "enrolled" in out
        code, out, err = run(monkeypatch, capsys, ["--workspace", second, "accounts", "--user",
                                                   "admin", "list"],
                             owner_password="", password=ADMIN_PASSWORD)
        assert code == 0 and "admin" in out
    finally:
        _drop(pg, database)


def test_enrol_with_the_wrong_fingerprint_says_so_and_makes_nothing(pg, tmp_path, monkeypatch,
                                                                   capsys, memory_keyring):
    code, out, err = run(monkeypatch, capsys, [
        "--workspace", tmp_path / "pc", "server", "enrol", *connection(pg, "sv2_template"),
        "--fingerprint", "0000 1111", "--pc-name", "pc"], owner_password=pg.password)
    assert code == 2 and "could not prove it is the server" in err
    assert not (tmp_path / "pc").exists()


def test_a_wrong_owner_password_is_a_plain_refusal(pg, tmp_path, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, ["server", "create",
                                               *connection(pg, "sv2_never")],
                         owner_password="not the password")
    assert code == 2 and "refused this PC's login" in err


def test_the_fingerprint_command_reads_a_certificate(pg, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, ["server", "fingerprint", "--ca-cert",
                                               pg.ca_path], owner_password="")
    assert code == 0
    assert out.strip() == server.spaced(server.ca_fingerprint(pg.ca_pem))


@pytest.mark.parametrize("action", ["create", "move", "enrol", "upgrade", "remove-pc"])
def test_server_help_names_the_owner_and_never_asks_for_a_password_on_the_line(action, capsys):
    with pytest.raises(SystemExit):
        cli.main(["server", action, "--help"])
    out = capsys.readouterr().out
    assert "--password" not in out
    assert "--owner" in out


def test_vacuum_reclaims_erased_rows_at_once(created, folder, pg, monkeypatch, capsys):
    database = server.load_address(folder).database
    import psycopg
    with psycopg.connect(**pg.owner().args(database), autocommit=True) as conn:
        conn.execute("CREATE TABLE scratch AS SELECT g AS n FROM generate_series(1, 2000) g")
        conn.execute("DELETE FROM scratch")
        assert conn.execute("SELECT pg_relation_size('scratch')").fetchone()[0] > 0
    code, out, err = run(monkeypatch, capsys, ["server", "vacuum", *connection(pg, database)],
                         owner_password=pg.password)
    assert code == 0, err
    with psycopg.connect(**pg.owner().args(database), autocommit=True) as conn:
        size = conn.execute("SELECT pg_relation_size('scratch')").fetchone()[0]
    assert size == 0 and "reclaimed" in out
