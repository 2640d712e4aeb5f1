"""Fetching a URL safely with httpx.

Guards, in order, on every hop of a redirect chain:
1. only ``http``/``https``, no credentials in the URL;
2. the host is resolved, and every address it resolves to must be public: loopback, private, link-local,
   multicast, reserved and unspecified addresses are refused (SSRF) unless
   ``IngestOptions.allow_private_network`` is set;
3. the request goes to the address that was checked (the Host header and TLS SNI carry the name), so a
   second DNS answer cannot swap in another address (DNS rebinding);
4. redirects are followed by hand, at most ``max_redirects``, each one re-checked from step 1;
5. the content type must be a page, text or feed; the body is read in chunks and refused past ``max_bytes``.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from unspun.config import IngestOptions
from unspun.document import Document
from unspun.errors import BlockedAddressError, FetchError, InputTooLargeError, UnsupportedFormatError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/xml", "text/xml", "application/feed+json"})
ACCEPTED_TYPES = HTML_TYPES | TEXT_TYPES | FEED_TYPES
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.8,*/*;q=0.1"
_CHUNK = 65536


def user_agent(options: IngestOptions) -> str:
    try:
        v = version("unspun")
    except PackageNotFoundError:
        v = "0"
    return options.user_agent.format(version=v)


@dataclass
class Fetched:
    """A fetched resource: the final URL, its media type and charset, and its bytes."""

    url: str
    content_type: str
    charset: str | None
    data: bytes
    status: int
    redirects: list[str] = field(default_factory=list)


def _why_blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for attr, why in (("is_loopback", "loopback"), ("is_private", "private"), ("is_link_local", "link-local"),
                      ("is_multicast", "multicast"), ("is_reserved", "reserved"),
                      ("is_unspecified", "unspecified")):
        if getattr(ip, attr):
            return why
    if not ip.is_global:
        return "not globally routable"
    return None


def resolve(host: str, port: int, options: IngestOptions) -> str:
    """Resolve ``host`` and return the address to connect to, refusing non-public ones unless allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc})", hint="check the URL and your connection") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchError(f"host {host!r} resolves to no address", hint="check the URL")
    if not options.allow_private_network:
        for addr in addresses:
            why = _why_blocked(ipaddress.ip_address(addr.split("%", 1)[0]))
            if why:
                raise BlockedAddressError(
                    f"refused to fetch {host!r}: it resolves to {addr}, a {why} address",
                    hint="unspun does not fetch internal addresses; pass --allow-private-network "
                         "(IngestOptions.allow_private_network=True) if you mean to read a local server",
                )
    return addresses[0]


def _check_url(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsupportedFormatError(f"cannot fetch {url!r}: only http and https URLs are read",
                                     hint="give an http(s) URL, or a local file path")
    if not parts.hostname:
        raise FetchError(f"{url!r} has no host name", hint="give a full URL such as https://example.org/article")
    if parts.username or parts.password:
        raise FetchError(f"{url!r} carries credentials", hint="remove the user:password@ part")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url!r} has an invalid port", hint="check the URL") from None
    return parts.scheme, parts.hostname, port


def _pinned(url: str, address: str) -> str:
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def fetch(url: str, options: IngestOptions | None = None) -> Fetched:
    """GET ``url`` under the guards in the module docstring."""
    options = options or IngestOptions()
    headers = {"User-Agent": user_agent(options), "Accept": _ACCEPT}
    redirects: list[str] = []
    current = url
    timeout = httpx.Timeout(options.timeout_s)
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _hop in range(options.max_redirects + 1):
            scheme, host, port = _check_url(current)
            address = resolve(host, port, options)
            netloc = urlsplit(current).netloc.rsplit("@", 1)[-1]
            extensions = {"sni_hostname": host} if scheme == "https" else {}
            try:
                with client.stream("GET", _pinned(current, address), headers={**headers, "Host": netloc},
                                   extensions=extensions) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        redirects.append(current)
                        current = urljoin(current, resp.headers["location"])
                        continue
                    return _read(resp, current, redirects, options)
            except httpx.TimeoutException:
                raise FetchError(f"{current} did not answer within {options.timeout_s:g} s",
                                 hint="the site is slow or down; try again later") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"could not fetch {current}: {exc}",
                                 hint="check the URL and your connection") from None
    raise FetchError(f"{url} redirects more than {options.max_redirects} times",
                     hint="the redirect chain is a loop or a tracker; open it in a browser and give the final URL")


def _read(resp: httpx.Response, url: str, redirects: list[str], options: IngestOptions) -> Fetched:
    if resp.status_code >= 400:
        raise FetchError(f"{url} answered HTTP {resp.status_code} {resp.reason_phrase}",
                         hint="check the URL; the page may be gone or need a login")
    media, charset = _media_type(resp.headers.get("content-type", ""))
    if media and media not in ACCEPTED_TYPES:
        raise FetchError(f"{url} serves {media}, not a web page, text or feed",
                         hint="give the URL of the article's HTML page")
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise InputTooLargeError(f"{url} is {int(declared):,} bytes, over the {options.max_bytes:,}-byte limit",
                                 hint="raise the limit with --max-bytes if you trust the site")
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > options.max_bytes:
            raise InputTooLargeError(f"{url} sent more than {options.max_bytes:,} bytes",
                                     hint="raise the limit with --max-bytes if you trust the site")
        chunks.append(chunk)
    return Fetched(url, media, charset, b"".join(chunks), resp.status_code, redirects)


def document_from_fetched(fetched: Fetched, options: IngestOptions) -> Document:
    """One article from a fetched page or text file (feeds hold many: see :mod:`unspun.ingest.corpus`)."""
    from unspun.ingest.article import from_bytes, from_html
    from unspun.ingest.sniff import Kind, sniff_bytes

    kind = sniff_bytes(fetched.data, urlsplit(fetched.url).path)
    if fetched.content_type in FEED_TYPES or kind in (Kind.FEED, Kind.WARC):
        raise UnsupportedFormatError(f"{fetched.url} is a feed or archive, not one article",
                                     hint="read it with iter_documents() or `unspun analyze URL`, which read feeds")
    if fetched.content_type in HTML_TYPES or kind is Kind.HTML:
        from unspun.ingest.decode import decode

        text, encoding = decode(fetched.data, fetched.url, declared=fetched.charset)
        doc = from_html(text, url=fetched.url, options=options)
        doc.metadata["ingest"]["encoding"] = encoding
    else:
        doc = from_bytes(fetched.data, name=urlsplit(fetched.url).path or fetched.url, options=options,
                         declared_charset=fetched.charset, metadata={"url": fetched.url})
    doc.metadata["ingest"]["fetch"] = {"final_url": fetched.url, "status": fetched.status,
                                       "content_type": fetched.content_type, "redirects": fetched.redirects}
    return doc


def from_url(url: str, *, options: IngestOptions | None = None) -> Document:
    """A Document from an http(s) URL, fetched under the guards in the module docstring."""
    options = options or IngestOptions()
    doc = document_from_fetched(fetch(url, options), options)
    doc.metadata.setdefault("source", url)
    return doc
