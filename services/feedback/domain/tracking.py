"""Tracking codes: the citizen's only key to their feedback, so they must not be guessable.

80 random bits from the `secrets` CSPRNG, written as 16 base32 letters/digits (A-Z, 2-7): URL-safe,
no ambiguous 0/1/8/9, readable over the phone. Uniqueness is enforced by a unique index as well.
"""
import base64
import re
import secrets

PREFIX = "PA-"                  # phản ánh
RANDOM_BYTES = 10               # 80 bits -> exactly 16 base32 characters, no padding
TRACKING_CODE = re.compile(r"^PA-[A-Z2-7]{16}$")


def new_tracking_code():
    return PREFIX + base64.b32encode(secrets.token_bytes(RANDOM_BYTES)).decode("ascii")


def normalise(code):
    """What a citizen typed, as stored: trimmed, upper case; None when it cannot be a code."""
    if not isinstance(code, str):
        return None
    code = code.strip().upper()
    return code if TRACKING_CODE.match(code) else None
