"""The dashboard's access token: required on every request when the dashboard has one.

`airoadmap dashboard --cohort URL` served on an address other than loopback must have a token
(given with --token, or generated and printed once in the URL). A request carries it as
`Authorization: Bearer T`, an `X-Airoadmap-Token: T` header, the cookie this guard sets, or
once as `?token=T`: that request is answered with a redirect to the same page without the
token in its URL (no token left in the history or the address bar) and a cookie that carries
it from then on (HttpOnly, SameSite=Strict). Without a token: 401; with a wrong one: 403.
"""

from __future__ import annotations

import hmac
import re
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, quote, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

COOKIE = "airoadmap_token"
HEADER = "x-airoadmap-token"
PARAM = "token"


TOKEN_RULE = "a token is at least 12 characters among A-Z a-z 0-9 . _ ~ -"
_TOKEN = re.compile(r"[A-Za-z0-9._~-]{12,}")


def valid(token: str) -> bool:
    """Whether `token` can be a token: long enough, and safe in a URL and a cookie."""
    return _TOKEN.fullmatch(token) is not None


def _same(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode(), token.encode())


class TokenGuard:
    """ASGI middleware: every HTTP request must carry `token`."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        if not valid(token):
            raise ValueError(TOKEN_RULE)
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        in_query = [v for k, v in query if k == PARAM]
        if in_query:
            if not _same(in_query[-1], self.token):
                await send_text(
                    send,
                    403,
                    "The token in this URL is wrong: use the URL that "
                    "`airoadmap dashboard` printed.",
                )
                return
            rest = urlencode([(k, v) for k, v in query if k != PARAM])
            # this very page, on this site ("//host" would leave it), without the token
            path = "/" + quote(scope["path"]).lstrip("/")
            location = path + (f"?{rest}" if rest else "")
            cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
            await send_text(
                send,
                303,
                "Signed in.",
                [
                    (b"location", location.encode("latin-1")),
                    (b"set-cookie", cookie.encode("latin-1")),
                ],
            )
            return
        given = _given(headers)
        if given is None:
            await send_text(
                send,
                401,
                "This dashboard needs its token: open the URL that `airoadmap dashboard` "
                "printed (it ends in ?token=...).",
                [(b"www-authenticate", b'Bearer realm="airoadmap"')],
            )
            return
        if not _same(given, self.token):
            await send_text(
                send, 403, "Wrong token: open the URL that `airoadmap dashboard` printed."
            )
            return
        await self.app(scope, receive, send)


def _given(headers: dict[str, str]) -> str | None:
    """The token a request carries (header or cookie), if any."""
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    if HEADER in headers:
        return headers[HEADER].strip()
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header carries no token
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else None


async def send_text(
    send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    """Answer with a short plain-text body that no cache keeps (a refusal, a redirect)."""
    body = (text + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
