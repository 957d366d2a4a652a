"""Both kinds of workspace through one fixture: ``workspace_kind`` is "file" (one SQLCipher
file) or "server" (the office server, on a throwaway PostgreSQL cluster started once per
test session).

Which tests run on both: in `make test` (``--workspace-kinds=services``), the service suite:
every test under tests/services/ and tests/safety/ that uses the workspace fixture (the
policy kernel's, the workflow's, the casework's, the model-based test with a smaller
profile on the server, which drives every operation by random people), and the modules
marked ``pytest.mark.both_kinds`` elsewhere (the office server's own tests). With
``--workspace-kinds=all`` (`make test-server`) the screens' and the command line's tests
too. A test marked ``file_only`` is about the one-PC file itself and never runs on the
server.
"""

from __future__ import annotations

import dataclasses
import itertools
import os

import keyring
import pytest

from . import pg_cluster

TEMPLATE = "sv2_template"
# A test's database is a copy of a template's files: STRATEGY FILE_COPY (copy the folder)
# takes about half the time of PostgreSQL 15's default, which writes every page to the WAL.
CLONE = "CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY"
_numbers = itertools.count(1)


def pytest_addoption(parser):
    parser.addoption("--workspace-kinds", default=os.environ.get("SV2DESK_WORKSPACE_KINDS",
                                                                  "services"),
                     choices=("file", "services", "all"),
                     help="which tests run on the office server too: none (file), the "
                          "service suite and those marked both_kinds (services), or every "
                          "workspace test (all)")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_kinds: run on a one-PC workspace and on the "
                                       "office server")
    config.addinivalue_line("markers", "file_only: about the one-PC file itself (its pages, "
                                       "its folder, restoring or rekeying it in place): never "
                                       "on the office server")


def pytest_generate_tests(metafunc):
    if "workspace_kind" not in metafunc.fixturenames:
        return
    mode = metafunc.config.getoption("--workspace-kinds")
    both = mode == "all" or (mode == "services" and (
        metafunc.definition.get_closest_marker("both_kinds") is not None
        or _in_service_suite(metafunc.definition.path)))
    kinds = ["file", "server"] if both else ["file"]
    kinds = list(getattr(metafunc.module, "WORKSPACE_KINDS", kinds))   # a module's own choice
    if metafunc.definition.get_closest_marker("file_only") is not None:
        kinds = ["file"]
    metafunc.parametrize("workspace_kind", kinds, scope="function")


SERVICE_SUITE = ("services", "safety")      # folders under tests/


def _in_service_suite(path) -> bool:
    parts = path.parts
    return "tests" in parts and parts[parts.index("tests") + 1] in SERVICE_SUITE


@pytest.fixture(scope="session")
def pg_cluster_session():
    """One PostgreSQL cluster for the whole test session, with a template database at this
    version's schema (each test's database is copied from it)."""
    from sv2desk.services import office_server
    cluster = pg_cluster.start_cluster()
    try:
        office_server.prepare_database(cluster.owner(), TEMPLATE)
        yield cluster
    finally:
        pg_cluster.remove(cluster)


@pytest.fixture
def pg(pg_cluster_session):
    return pg_cluster_session


def new_database_name() -> str:
    return f"sv2_t{os.getpid()}_{next(_numbers)}"


class ServerKeyring(keyring.backend.KeyringBackend):
    priority = 10

    def __init__(self):
        super().__init__()
        self.store = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


class _Template:
    """A server workspace made once per session (admin, manager, worker, as ``created``
    makes them), copied for each test: its database by CREATE DATABASE ... TEMPLATE, its
    PC folder by copying the files."""

    def __init__(self, cluster, root):
        self.cluster = cluster
        self.root = root
        self.made = None

    def make(self, build):
        from sv2desk.services import auth, office_server
        from sv2desk.store import server
        folder = self.root / "template-workspace"
        previous = keyring.get_keyring()
        self.keyring = ServerKeyring()
        keyring.set_keyring(self.keyring)
        try:
            new, ids, admin_password = build(folder)
            office_server.move_to_server(new.session, self.cluster.owner(), WORKSPACE_TEMPLATE,
                                         template=TEMPLATE)
            auth.sign_out(new.session)
        finally:
            keyring.set_keyring(previous)
        self.address = server.load_address(folder)
        self.password = server.login_password_from(self.keyring, self.address)
        self.made = (folder, new.recovery_key, ids, admin_password)

    def copy_to(self, folder, request):
        from sv2desk.store import server
        source, recovery_key, ids, admin_password = self.made
        database = _clone(self.cluster, WORKSPACE_TEMPLATE, server.app_role(WORKSPACE_TEMPLATE))
        request.addfinalizer(lambda: _drop(self.cluster, database))
        address = _pc_folder(source, folder, self.address, database)
        if not _keyring_works():
            previous = keyring.get_keyring()
            keyring.set_keyring(ServerKeyring())
            request.addfinalizer(lambda: keyring.set_keyring(previous))
        server.store_login_password(address, self.password)
        return recovery_key, ids, admin_password


WORKSPACE_TEMPLATE = "sv2_workspace_template"


@pytest.fixture(scope="session")
def server_template(pg_cluster_session, tmp_path_factory):
    return _Template(pg_cluster_session, tmp_path_factory.mktemp("server-template"))


def server_workspace(folder, request, build):
    """A server workspace at ``folder``, as ``build(folder)`` makes a one-PC one (returning
    (NewWorkspace, ids, admin password)), moved to the office server: made once per session
    and copied per test. Returns (admin session on the server, recovery key, ids)."""
    from sv2desk.services import auth
    template = request.getfixturevalue("server_template")
    if template.made is None:
        template.make(build)
    recovery_key, ids, admin_password = template.copy_to(folder, request)
    return auth.sign_in(folder, "admin", admin_password), recovery_key, ids


def move_to_server(new, request, admin_password: str):
    """The workspace ``new`` (a one-PC one, admin signed in) moved to a fresh database on
    the test cluster; returns the admin signed in again, on the server. The keyring holding
    this PC's login stays installed until the test ends."""
    from sv2desk.services import auth, office_server
    cluster = request.getfixturevalue("pg")
    if not _keyring_works():
        previous = keyring.get_keyring()
        keyring.set_keyring(ServerKeyring())
        request.addfinalizer(lambda: keyring.set_keyring(previous))
    database = new_database_name()
    folder = new.session.workspace.folder
    office_server.move_to_server(new.session, cluster.owner(), database, template=TEMPLATE)
    request.addfinalizer(lambda: _drop(cluster, database))
    return auth.sign_in(folder, "admin", admin_password)


def _keyring_works() -> bool:
    from sv2desk.store import device
    return device.backend_available()


def _drop(cluster, database: str) -> None:
    import psycopg
    from psycopg import sql
    try:
        with psycopg.connect(**cluster.owner().args(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(database)))
            for (role,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s",
                                        (database + "\\_%",)).fetchall():
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
    except psycopg.Error:
        pass    # the cluster goes at the end of the session regardless


def _clone(cluster, source_db: str, app_role: str) -> str:
    import psycopg
    from psycopg import sql
    database = new_database_name()
    with psycopg.connect(**cluster.owner().args(), autocommit=True) as conn:
        conn.execute(sql.SQL(CLONE).format(
            sql.Identifier(database), sql.Identifier(source_db)))
        conn.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(
            sql.Identifier(database), sql.Identifier(app_role)))
    return database


def _pc_folder(source, folder, address, database: str):
    """``folder`` made a PC's folder for the server workspace ``source`` is one for, copied
    to ``database``: its key slots, sign-in record and pinned CA, and the address changed
    to that database (returned)."""
    import shutil
    from sv2desk.store import server
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("keys.json", "signin.json", server.CA_NAME):
        if (source / name).exists():
            shutil.copyfile(source / name, folder / name)
    copied = dataclasses.replace(address, database=database)
    server.save_address(folder, copied, (source / server.CA_NAME).read_bytes())
    return copied


def server_copier(request, one_pc_template, work):
    """For the model-based test: the one-PC template workspace (``one_pc_template``, whose
    administrator is "admin") moved to the server once; returns ``copy(folder)``, which
    puts a copy of it (its own database) at ``folder`` and returns a function dropping it."""
    import shutil
    from sv2desk.services import auth, office_server
    from sv2desk.store import server
    from .policy_model import PASSWORD
    cluster = request.getfixturevalue("pg")
    previous = keyring.get_keyring()
    backend = ServerKeyring()
    keyring.set_keyring(backend)
    request.addfinalizer(lambda: keyring.set_keyring(previous))
    source = work / "source"
    shutil.copytree(one_pc_template, source)
    template_db = new_database_name()
    admin = auth.sign_in(source, "admin", PASSWORD)
    office_server.move_to_server(admin, cluster.owner(), template_db, template=TEMPLATE)
    auth.sign_out(admin)
    request.addfinalizer(lambda: _drop(cluster, template_db))
    address = server.load_address(source)
    password = server.login_password(address)
    app_role = server.app_role(template_db)

    def copy(folder):
        database = _clone(cluster, template_db, app_role)
        server.store_login_password(_pc_folder(source, folder, address, database), password)
        return lambda: _drop(cluster, database)
    return copy
