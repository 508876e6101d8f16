"""Cookies kept per consultation or meeting have legal names whatever form of id the page got."""

from __future__ import annotations

import base64
import re
import uuid

from portal.session import ANSWERS_COOKIE, cookie_name

# RFC 6265 cookie-name: a token (no separators such as "=", "/", "+" is fine but "=" is not).
TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")


def test_a_global_id_and_its_raw_uuid_name_the_same_legal_cookie() -> None:
    raw = str(uuid.uuid4())
    global_id = base64.b64encode(f"Consultation:{raw}".encode()).decode()
    assert global_id.endswith("=")  # the gateway's ids carry padding
    name = cookie_name(ANSWERS_COOKIE, global_id)
    assert name == cookie_name(ANSWERS_COOKIE, raw)
    assert TOKEN.match(name), name


def test_an_unexpected_id_is_digested_into_a_legal_name() -> None:
    name = cookie_name(ANSWERS_COOKIE, "not an id; = / +")
    assert TOKEN.match(name), name
    assert name != cookie_name(ANSWERS_COOKIE, "another id")
