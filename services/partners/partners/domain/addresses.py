"""SSRF rules for webhook URLs: https in production, never an internal address."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from kernel.errors import ValidationFailed

METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)


def check_url_shape(url: str, *, require_https: bool) -> str:
    """The host of a well-formed webhook URL; VALIDATION otherwise."""
    parts = urlsplit(url)
    allowed = ("https",) if require_https else ("https", "http")
    if parts.scheme not in allowed or not parts.hostname:
        key = "partners.url_https" if require_https else "partners.url_invalid"
        raise ValidationFailed(f"webhook URL not allowed: {url!r}", field="url", message_key=key)
    if parts.username or parts.password:
        raise ValidationFailed("credentials in URL", field="url", message_key="partners.url_invalid")
    return parts.hostname


def forbidden(address: str, *, allow_loopback: bool) -> bool:
    """True for loopback, private, link-local, metadata, multicast, reserved or unspecified."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return not allow_loopback
    return (
        ip in METADATA_ADDRESSES
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def refused_addresses(addresses: list[str], *, allow_loopback: bool) -> list[str]:
    """The addresses among ``addresses`` a webhook may not reach (any one refuses the URL)."""
    return [a for a in addresses if forbidden(a, allow_loopback=allow_loopback)]
