"""Hashing: argon2id at our cost, never matching without a stored hash, rehashing outdated hashes."""

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from identity.adapters.password_hasher import PasswordHasher

PASSWORD = "korrekt häst batteri häftklammer"


async def test_hashes_are_argon2id_at_64_mib_3_iterations() -> None:
    hasher = PasswordHasher()
    stored = await hasher.hash(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=1$")
    assert (await hasher.verify(PASSWORD, stored)).matches
    assert not (await hasher.verify(PASSWORD + "!", stored)).matches
    assert (await hasher.verify(PASSWORD, stored)).rehashed is None


async def test_no_stored_hash_never_matches() -> None:
    hasher = PasswordHasher()
    assert not (await hasher.verify(PASSWORD, None)).matches
    assert not (await hasher.verify(PASSWORD, "not a hash")).matches


async def test_a_cheaper_hash_is_replaced_after_a_successful_check() -> None:
    weak = PasswordHash((Argon2Hasher(memory_cost=1024, time_cost=1, parallelism=1),)).hash(PASSWORD)
    verification = await PasswordHasher().verify(PASSWORD, weak)
    assert verification.matches
    assert verification.rehashed is not None
    assert verification.rehashed.startswith("$argon2id$v=19$m=65536,t=3,p=1$")
    assert (await PasswordHasher().verify("wrong password!", weak)).rehashed is None
