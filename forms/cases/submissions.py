"""One submission per form token, however often the button is clicked.

Every public form carries a one-time token. Two clicks of one form send the same token at nearly the same time;
the second must not race the first (it would find the captcha used up and answer 验证码不正确). While one request
handles a token, another with the same token waits for it, then finds the stored submission and shows its
receipt. The lock lives in the shared cache, so it holds across gunicorn workers.
"""

import hashlib
import time
from contextlib import contextmanager

from django.core.cache import cache

LOCK_SECONDS = 30  # longer than any submission takes; a crashed worker's lock expires by itself
WAIT_SECONDS = 15
POLL_SECONDS = 0.05


def token_cache_key(prefix: str, token: str) -> str:
    """A cache key for a form token: hashed, since a token is whatever the client sent and a key must be plain."""
    return f"{prefix}:" + hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@contextmanager
def one_request_per_token(token: str):
    """Hold the token's lock for the block, waiting (up to WAIT_SECONDS) while another request holds it.

    Yields whether the lock is held: False when the other request is still at work after the wait, and this one
    must not handle the form (it would find the captcha used up)."""
    if not token:
        yield True
        return
    key = token_cache_key("submission-token", token)
    # Counted in polls, not read off a clock: the wait must hold whatever the clock does (a frozen or faked one).
    for _poll in range(int(WAIT_SECONDS / POLL_SECONDS)):
        if cache.add(key, 1, LOCK_SECONDS):
            break
        time.sleep(POLL_SECONDS)
    else:
        yield False
        return
    try:
        yield True
    finally:
        cache.delete(key)
