"""Who may edit (review, correct, import): the access check of the editing pages.

An editor is one of
  * a request from this machine (remote IP 127.0.0.1/::1, or, without an IP, a Host header
    naming localhost; with neither, as in AppTest, the request is taken as local). A request
    carrying a proxy's forwarding header (X-Forwarded-For, X-Real-IP, Forwarded) came from
    elsewhere and is never local. A proxy may add none of them, so behind a reverse proxy
    switch local editing off with `local_editing = false` in .streamlit/secrets.toml;
  * a session that entered the password whose sha256 (hex) is `editor_password_sha256`
    in .streamlit/secrets.toml;
  * a user signed in with Streamlit's OIDC login (st.login) when `[auth]` is configured,
    and, when `editors = ["a@example.org", …]` is set, whose e-mail is on that list
    (compared without case); other signed-in users are viewers.
Everyone else is a viewer: the review queue is shown read-only.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

import streamlit as st

from board import i18n

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
FORWARDED = ("X-Forwarded-For", "X-Real-IP", "Forwarded")
SESSION_KEY = "_editor_pw_ok"


def _secret(name: str, default=None):
    try:
        return st.secrets.get(name, default)
    except Exception:  # no secrets.toml at all
        return default


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8501
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_local(ip: str | None, host: str | None, forwarded: bool = False) -> bool:
    """A request from this machine: by its remote IP when known, else by its Host header;
    with neither (AppTest, a script) it is taken as local. `forwarded`: the request
    carries a proxy's forwarding header, so it came from elsewhere."""
    if forwarded:
        return False
    if ip:
        try:
            return ipaddress.ip_address(ip.strip()).is_loopback
        except ValueError:
            return False
    if host:
        return _host_name(host) in LOCAL_HOSTS
    return True


def password_ok(password: str, sha256_hex: str | None) -> bool:
    if not password or not sha256_hex:
        return False
    got = hashlib.sha256(password.encode("utf-8")).hexdigest()
    return hmac.compare_digest(got, str(sha256_hex).strip().lower())


def _request() -> tuple[str | None, str | None, bool]:
    """The remote IP, the Host header and whether a proxy forwarded the request."""
    try:
        ip = st.context.ip_address
    except Exception:
        ip = None
    try:
        headers = st.context.headers
        host = headers.get("Host")
        forwarded = any(isinstance(v, str) and v for v in map(headers.get, FORWARDED))
    except Exception:
        host, forwarded = None, False
    # only real strings count (AppTest hands out a mock for the IP)
    ip = ip if isinstance(ip, str) else None
    return ip, (host if isinstance(host, str) else None), bool(forwarded)


def auth_configured() -> bool:
    return bool(_secret("auth"))


def _logged_in() -> bool:
    if not auth_configured():
        return False
    try:
        return bool(st.user.is_logged_in)
    except Exception:
        return False


def on_editor_list(email: str | None, editors) -> bool:
    """Whether a signed-in user may edit: anyone when no list is set, else only the
    e-mails on it (without case or surrounding spaces)."""
    if not editors:
        return True
    allowed = {str(e).strip().lower() for e in ([editors] if isinstance(editors, str) else editors)}
    return bool(email) and str(email).strip().lower() in allowed


def _user_field(key: str) -> str | None:
    """A field of the signed-in user (email, name), if it is there and a string."""
    try:
        value = st.user.get(key) if hasattr(st.user, "get") else None
    except Exception:
        value = None
    return value if isinstance(value, str) else None


def can_edit() -> bool:
    if st.session_state.get(SESSION_KEY):
        return True
    if _logged_in() and on_editor_list(_user_field("email"), _secret("editors")):
        return True
    if _secret("local_editing", True) is False:
        return False
    return is_local(*_request())


def editor_name() -> str:
    """Who to write in corrections.csv's `who` column."""
    if _logged_in():
        for k in ("email", "name"):
            if with_value := _user_field(k):
                return with_value
    if st.session_state.get(SESSION_KEY):
        return "密码登录"
    return "本机"


def gate(lang: str) -> bool:
    """Draw the sign-in controls a viewer can use (password, OIDC login) and return whether
    this session may edit."""
    if can_edit():
        if _logged_in():
            st.sidebar.button(i18n.t("acc_logout", lang), on_click=st.logout, key="acc_logout")
        return True
    st.info(i18n.t("acc_viewer", lang))
    digest = _secret("editor_password_sha256")
    if digest:
        with st.form("acc_pw"):
            pw = st.text_input(i18n.t("acc_password", lang), type="password", key="acc_pw_in")
            if st.form_submit_button(i18n.t("acc_signin", lang)):
                if password_ok(pw, digest):
                    st.session_state[SESSION_KEY] = True
                    st.rerun()
                st.error(i18n.t("acc_wrong", lang))
    if auth_configured():
        st.button(i18n.t("acc_login", lang), on_click=st.login, key="acc_login")
    return False
