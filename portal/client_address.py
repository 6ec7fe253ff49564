"""The address of the person behind a request, for rate limits and the login lockout (the bottom layer).

Behind reverse proxies, REMOTE_ADDR is the nearest proxy's address, shared by everyone. Each proxy the bureau
runs appends the address it received the request from to X-Forwarded-For, so with ``TRUSTED_PROXY_HOPS`` proxies
the client is the address that many entries from the right; everything further left was written by the client
and may be forged. ``TRUSTED_PROXY_HOPS = 0`` (the portal faces clients directly) ignores the header.

An explicit count rather than django-ipware: ipware's ``proxy_count`` counts proxies inside the header, so one
nginx in front (header "client", REMOTE_ADDR the proxy) yields no address at all, and the portal would fall back
to one shared address, which is the fault this module mends.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The client's address as the trusted proxies saw it; REMOTE_ADDR when there are none or the header is short."""
    hops = settings.TRUSTED_PROXY_HOPS or 0
    remote = request.META.get("REMOTE_ADDR", "")
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
