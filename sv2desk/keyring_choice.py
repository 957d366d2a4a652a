"""Which keyring SV2 Desk finds on this PC, and which keyrings the installation carries.

keyring picks its backend by priority; on Windows that is the Windows Credential Manager,
on Linux desktops the Secret Service (GNOME Keyring, KeePassXC) or KDE Wallet. A
packaged application finds backends only if the build put them in (their modules and
keyring's entry points), so the installation check asks this module both questions.
Everything here takes the platform and the backend as arguments, so the Windows answers
are tested on Linux with fakes.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from importlib import metadata

# The backends that can hold a device secret on each kind of PC (keyring's module names).
EXPECTED = {
    "win32": ("keyring.backends.Windows",),
    "darwin": ("keyring.backends.macOS",),
    "linux": ("keyring.backends.SecretService", "keyring.backends.libsecret",
              "keyring.backends.kwallet"),
}

NAMES = {
    "keyring.backends.Windows": "Windows Credential Manager",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.SecretService": "Secret Service (GNOME Keyring, KeePassXC)",
    "keyring.backends.libsecret": "libsecret (GNOME Keyring)",
    "keyring.backends.kwallet": "KDE Wallet",
    "keyring.backends.chainer": "several keyrings together",
    "keyring.backends.fail": "no keyring",
    "keyring.backends.null": "keyring turned off",
}


@dataclass(frozen=True)
class KeyringFound:
    name: str                     # what a person reads, e.g. "Windows Credential Manager"
    backend: str                  # keyring's class, e.g. keyring.backends.Windows.WinVaultKeyring
    usable: bool                  # can it hold a device secret (binding to the PC)?
    expected: tuple[str, ...]     # the backends this kind of PC could use
    carried: tuple[str, ...]      # of those, the ones this installation holds


def _platform(system: str | None) -> str:
    system = system or sys.platform
    return "linux" if system.startswith("linux") else system


def registered_backends() -> set[str]:
    """The backend modules keyring can load here (its entry points, where it finds them)."""
    return {ep.value.split(":")[0] for ep in metadata.entry_points(group="keyring.backends")}


def carried(system: str | None = None, registered: set[str] | None = None,
            importable=lambda name: importlib.util.find_spec(name) is not None
            ) -> tuple[str, ...]:
    """The expected backends for ``system`` that keyring would find in this installation."""
    registered = registered_backends() if registered is None else registered
    return tuple(name for name in EXPECTED.get(_platform(system), ())
                 if name in registered and importable(name))


def name_of(backend: object) -> str:
    """The plain name of a keyring backend object (the first of a chain)."""
    module = type(backend).__module__
    if module == "keyring.backends.chainer" and getattr(backend, "backends", None):
        return name_of(backend.backends[0])
    return NAMES.get(module, f"{module}.{type(backend).__name__}")


def describe(system: str | None = None, backend: object | None = None,
             usable: bool | None = None, registered: set[str] | None = None,
             importable=None) -> KeyringFound:
    """What the installation check says about the keyring (this PC's, unless given)."""
    from .store import device
    if backend is None:
        import keyring
        try:
            backend = keyring.get_keyring()
        except Exception:   # a broken keyring set-up counts as none
            backend = None
    usable = device.backend_available() if usable is None else usable
    kwargs = {} if importable is None else {"importable": importable}
    return KeyringFound(
        name=name_of(backend) if backend is not None else "no keyring",
        backend=f"{type(backend).__module__}.{type(backend).__name__}",
        usable=usable, expected=EXPECTED.get(_platform(system), ()),
        carried=carried(system, registered, **kwargs))
