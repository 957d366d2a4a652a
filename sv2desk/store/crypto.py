"""Key derivation (Argon2id), key wrapping (AES-256-GCM) and the recovery key format."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import asdict, dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
DEFAULT_TARGET_SECONDS = 0.5
# The least memory a testing target (SV2DESK_KDF_TARGET_MS) may measure down to (KiB).
MIN_MEMORY_KIB = 8 * 1024
DEFAULT_MEMORY_KIB = 64 * 1024
# Limits on parameters read from keys.json (far above anything calibrate() chooses).
MAX_TIME_COST = 1000
MAX_MEMORY_KIB = 4 * 1024 * 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost, stored with each slot so slots made on other PCs still open."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def to_json(self) -> dict:
        return {"alg": "argon2id", **asdict(self)}

    @classmethod
    def from_json(cls, data: dict) -> "KdfParams":
        if type(data) is not dict or data.get("alg") != "argon2id":
            raise ValueError("unknown kdf")
        values = [data["time_cost"], data["memory_kib"], data["parallelism"]]
        if any(type(v) is not int for v in values):
            raise ValueError("kdf parameters are not whole numbers")
        params = cls(*values)
        # Argon2's own limits, and an upper bound so an edited file cannot make signing in
        # fail with a crash or run for hours.
        if not (1 <= params.time_cost <= MAX_TIME_COST and 1 <= params.parallelism <= 64
                and 8 * params.parallelism <= params.memory_kib <= MAX_MEMORY_KIB):
            raise ValueError("kdf parameters out of range")
        return params


def derive_key(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(secret, salt, time_cost=params.time_cost,
                           memory_cost=params.memory_kib, parallelism=params.parallelism,
                           hash_len=KEY_BYTES, type=Type.ID)


# The least protection calibration ever chooses, however slow or busy the PC is while it
# measures (issue 19: a busy PC once chose 5 passes where a quiet one chose 14): 64 MiB and
# 8 passes, about 0.3 s on a quiet 2-core PC. A slow PC signs in more slowly instead of
# getting weaker protection. Only the testing override (SV2DESK_KDF_TARGET_MS) goes under it.
FLOOR = KdfParams(time_cost=8, memory_kib=DEFAULT_MEMORY_KIB, parallelism=2)


def at_least_floor(params: KdfParams) -> KdfParams:
    """``params`` raised, where they fall short, to FLOOR."""
    return KdfParams(max(params.time_cost, FLOOR.time_cost),
                     max(params.memory_kib, FLOOR.memory_kib),
                     max(params.parallelism, FLOOR.parallelism))


def below_floor(params: KdfParams) -> bool:
    """True when any of ``params`` is under FLOOR (a slot made before the floor existed,
    or on a PC that measured itself busy)."""
    return at_least_floor(params) != params


def floor_applies() -> bool:
    """False only under the testing override (SV2DESK_KDF_TARGET_MS): tests and demos make
    cheap slots on purpose, and sign-in leaves them as they are."""
    return not os.environ.get("SV2DESK_KDF_TARGET_MS")


def calibrate(target_seconds: float | None = None) -> KdfParams:
    """Argon2id parameters that take about ``target_seconds`` (default half a second) on
    this PC, and never less than FLOOR.

    ``SV2DESK_KDF_TARGET_MS`` (tests and demos: a few milliseconds) sets the target when
    none is given, and only then are the parameters let under FLOOR.
    """
    if target_seconds is None:
        env = os.environ.get("SV2DESK_KDF_TARGET_MS")
        if env:
            return _measured(int(env) / 1000)
        target_seconds = DEFAULT_TARGET_SECONDS
    return at_least_floor(_measured(target_seconds))


def _measured(target_seconds: float) -> KdfParams:
    """The parameters that take about ``target_seconds`` here, by measuring."""
    parallelism = 2
    memory = DEFAULT_MEMORY_KIB if target_seconds >= 0.1 else MIN_MEMORY_KIB
    params = KdfParams(1, memory, parallelism)
    # The fastest of a few tries: a busy moment must not make every later sign-in weaker.
    elapsed = _time(params, tries=3)
    if elapsed > target_seconds:
        # Slow PC: reduce memory towards MIN_MEMORY_KIB rather than go under one pass
        # (calibrate() then raises it to FLOOR; only a testing target keeps this).
        while elapsed > target_seconds and params.memory_kib > MIN_MEMORY_KIB:
            params = KdfParams(1, max(MIN_MEMORY_KIB, params.memory_kib // 2), parallelism)
            elapsed = _time(params)
        return params
    # One pass also pays a fixed cost (filling the memory); each extra pass costs less.
    two = _time(KdfParams(2, memory, parallelism), tries=2)
    per_pass = max(two - elapsed, elapsed / 10)
    fixed = max(0.0, elapsed - per_pass)
    time_cost = max(1, round((target_seconds - fixed) / per_pass))
    return KdfParams(time_cost, memory, parallelism)


def _time(params: KdfParams, tries: int = 1) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        derive_key(b"calibration", b"\0" * 16, params)
        best = min(best, time.perf_counter() - start)
    return best


def hkdf(key: bytes, info: str, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt,
                info=info.encode()).derive(key)


def wrap(kek: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(12)
    return nonce, AESGCM(kek).encrypt(nonce, plaintext, aad)


def unwrap(kek: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    """The plaintext, or None when the key is wrong (or the data altered)."""
    try:
        return AESGCM(kek).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None


def mac(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def mac_ok(key: bytes, data: bytes, expected: str) -> bool:
    return hmac.compare_digest(mac(key, data), expected)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# -- recovery key ------------------------------------------------------------

RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters in 8 groups of 4
_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_recovery_key() -> str:
    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(typed: str) -> str | None:
    """Canonical form of a typed recovery key, or None if it cannot be one."""
    text = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_CONFUSABLE)
    if len(text) != 32:
        return None
    try:
        base64.b32decode(text)
    except ValueError:
        return None
    return "-".join(text[i:i + 4] for i in range(0, 32, 4))
