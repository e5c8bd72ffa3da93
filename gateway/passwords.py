"""Password policy of gateway accounts: long enough, not built on the username, and not easy to guess.

Guessability is judged by zxcvbn (common passwords, dictionary words, keyboard patterns, repeats,
dates), fed the username and the person's name so that variations of them score as weak.
"""
import zxcvbn

from gateway.errors import HttpError

MIN_LENGTH = 12
MAX_LENGTH = 200
# zxcvbn scores 0-4; 3 is "safely unguessable: moderate protection from an offline slow-hash attack".
MIN_SCORE = 3
# zxcvbn refuses longer input (its matching is quadratic); the first 72 characters are judged.
ZXCVBN_MAX_LENGTH = 72


def weaknesses(password, username, other_words=()):
    """Why `password` is refused for `username` (an empty list when it is acceptable)."""
    if len(password) < MIN_LENGTH:
        return ["at least {} characters".format(MIN_LENGTH)]
    if len(password) > MAX_LENGTH:
        return ["at most {} characters".format(MAX_LENGTH)]
    if username and len(username) >= 3 and username.lower() in password.lower():
        return ["must not contain the username"]
    words = [word for word in (username, *other_words) if word]
    verdict = zxcvbn.zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=words)
    if verdict["score"] >= MIN_SCORE:
        return []
    advice = [verdict["feedback"]["warning"]] + verdict["feedback"]["suggestions"]
    return ["too easy to guess"] + [text for text in advice if text]


def require_strong(password, username, other_words=(), field="password"):
    """400 WEAK_PASSWORD naming the reasons, in the platform's error shape."""
    reasons = weaknesses(password, username, other_words)
    if reasons:
        raise HttpError(400, "WEAK_PASSWORD", "the password is refused: " + "; ".join(reasons),
                        fields={field: reasons})
