//! County staff on the dashboard. Views with personal data (the activist registry with
//! names) need an admin token, made on the server with `sync-server admin-token --name
//! NAME`: 256 random bits shown once, stored only as a SHA-256 hash (like device tokens;
//! see `secrets`). A script sends it as `Authorization: Bearer`. A browser types it once
//! at `/login` and gets a session instead: a fresh random id in an HttpOnly cookie, also
//! stored only hashed, that expires after 8 hours, ends at logout, and ends with the
//! admin token it was opened with. The admin token itself never goes into a cookie.
//! Every view or export of personal data is written to the access log with who, when,
//! what and why (`sync-server access-log` prints it).
//!
//! The fleet page and aggregate statistics carry no personal data: they are open to
//! requests from the server's own machine (loopback, not forwarded) and need a sign-in
//! from anywhere else.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use chrono::Utc;

use crate::api::{ApiFailure, AppState};
use crate::config::ServerConfig;
use crate::db::{AccessEntry, NewStaffSession};
use crate::rate_limit::address_key;
use crate::secrets::{new_token, token_hash};

/// The session cookie `/login` sets.
pub const COOKIE: &str = "baeumteo_session";

/// Who is on the other end of a request: the address that connected, and the client
/// behind it when that address is a trusted reverse proxy.
#[derive(Debug, Clone, Copy)]
pub struct Peer {
    /// The address that connected (a proxy's, behind one). `None` only when the router
    /// runs without connect info (never through [`crate::serve`]).
    pub addr: Option<SocketAddr>,
    /// The client: from a trusted proxy the right-most `X-Forwarded-For` entry that is
    /// not itself a trusted proxy; from anyone else the address that connected.
    pub client: Option<IpAddr>,
    /// The request came through a proxy (a trusted one, or it carries forwarding
    /// headers): it is not a request from this machine, whatever address connected.
    pub forwarded: bool,
    /// A trusted proxy says the client used HTTPS.
    pub https: bool,
}

/// Forwarding headers from an untrusted peer are logged once, to point at
/// `--trusted-proxy` without flooding the log.
static UNTRUSTED_FORWARDING_WARNED: AtomicBool = AtomicBool::new(false);

impl Peer {
    /// A request from this machine itself. Through a reverse proxy on the same machine
    /// every request comes from loopback, so a forwarded request never counts.
    pub fn is_loopback(&self) -> bool {
        !self.forwarded && self.addr.is_some_and(|a| a.ip().is_loopback())
    }

    /// What throttling keys on (IPv6 by /64; see `rate_limit::address_key`).
    pub fn key(&self) -> IpAddr {
        address_key(self.client.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
    }

    pub fn resolve(headers: &HeaderMap, addr: Option<SocketAddr>, config: &ServerConfig) -> Peer {
        let has_forwarding = ["forwarded", "x-forwarded-for", "x-real-ip"]
            .iter()
            .any(|name| headers.contains_key(*name));
        let trusted = |ip: IpAddr| {
            let ip = ip.to_canonical();
            config
                .trusted_proxies
                .iter()
                .any(|t| t.to_canonical() == ip)
        };
        let Some(socket) = addr else {
            return Peer {
                addr,
                client: None,
                forwarded: has_forwarding,
                https: false,
            };
        };
        if !trusted(socket.ip()) {
            if has_forwarding && !UNTRUSTED_FORWARDING_WARNED.swap(true, Ordering::Relaxed) {
                tracing::warn!(
                    peer = %socket.ip(),
                    "forwarding headers from a peer that is not a trusted proxy are ignored; \
                     start the server with --trusted-proxy IP if it is your reverse proxy"
                );
            }
            return Peer {
                addr,
                client: Some(socket.ip()),
                forwarded: has_forwarding,
                https: false,
            };
        }
        // Each proxy appends the address it was connected from: read from the right,
        // entries are ours up to the first that is not one of our proxies, and
        // anything further left is whatever the client chose to send. Bytes are read
        // leniently, so junk the client put on the left cannot hide our proxy's entry.
        let joined: Vec<String> = headers
            .get_all("x-forwarded-for")
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        let entries: Vec<&str> = joined
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut client = socket.ip();
        for entry in entries.iter().rev() {
            match parse_forwarded_ip(entry) {
                Some(ip) if trusted(ip) => client = ip,
                Some(ip) => {
                    client = ip;
                    break;
                }
                // Our proxy wrote something we cannot read: the client stays the last
                // known hop rather than anything further left (client-controlled).
                None => break,
            }
        }
        let https = headers
            .get_all("x-forwarded-proto")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
        Peer {
            addr,
            client: Some(client),
            forwarded: true,
            https,
        }
    }
}

/// An `X-Forwarded-For` entry: an address, perhaps with a port (`1.2.3.4:5`, `[::1]:5`).
fn parse_forwarded_ip(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

impl FromRequestParts<AppState> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        Ok(Peer::resolve(&parts.headers, addr, &state.config))
    }
}

/// The admin token of an `Authorization: Bearer` header (scripts).
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The session id of the dashboard's cookie, if it looks like one (64 hex digits).
pub fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The name of the staff member behind the request: a valid admin token as a bearer
/// header, or a live session cookie.
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<String>, ApiFailure> {
    if let Some(token) = bearer_token(headers) {
        let hash = token_hash(&token);
        return state.blocking(move |db| db.admin_by_token(&hash)).await;
    }
    let Some(id) = session_id(headers) else {
        return Ok(None);
    };
    let hash = token_hash(&id);
    state
        .blocking(move |db| db.staff_by_session(&hash, Utc::now()))
        .await
}

/// Pages without personal data (fleet, statistics): loopback, or a signed-in staff member.
pub async fn staff_or_local(
    state: &AppState,
    peer: Peer,
    headers: &HeaderMap,
) -> Result<bool, ApiFailure> {
    Ok(peer.is_loopback() || signed_in(state, headers).await?.is_some())
}

/// Starts a session for the holder of a valid admin token; returns the session id (for
/// the cookie only, never stored).
pub async fn start_session(
    state: &AppState,
    admin_token_hash: String,
    who: String,
) -> Result<String, ApiFailure> {
    let id = new_token();
    let now = Utc::now();
    let session = NewStaffSession {
        session_hash: token_hash(&id),
        admin_token_hash,
        name: who,
        created_at: now,
        expires_at: now + state.config.staff_session_ttl,
    };
    state
        .blocking(move |db| db.create_staff_session(&session))
        .await?;
    Ok(id)
}

/// Ends the session of the request's cookie, if any, on the server.
pub async fn end_session(state: &AppState, headers: &HeaderMap) -> Result<(), ApiFailure> {
    if let Some(id) = session_id(headers) {
        let hash = token_hash(&id);
        let ended = state
            .blocking(move |db| db.revoke_staff_session(&hash, Utc::now()))
            .await?;
        if ended {
            tracing::info!("staff signed out of the dashboard");
        }
    }
    Ok(())
}

/// The `Set-Cookie` value for a session id (`None`: the cookie is cleared).
pub fn session_cookie(id: Option<&str>, max_age_secs: i64, secure: bool) -> HeaderValue {
    let (value, max_age) = match id {
        Some(id) => (id, max_age_secs.max(0)),
        None => ("", 0),
    };
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}"
    ))
    // A hex id and fixed text always make a valid header value.
    .unwrap_or_else(|_| HeaderValue::from_static("baeumteo_session=; Path=/; Max-Age=0"))
}

/// Writes one access-log entry for a view of personal data.
pub async fn log_access(
    state: &AppState,
    who: &str,
    what: &str,
    purpose: &str,
) -> Result<(), ApiFailure> {
    let entry = AccessEntry {
        at: Utc::now(),
        who: who.to_string(),
        what: what.to_string(),
        purpose: purpose.to_string(),
    };
    tracing::info!(who = %entry.who, what = %entry.what, purpose = %entry.purpose, "personal data viewed");
    state.blocking(move |db| db.log_access(&entry)).await
}

/// A purpose as given in a form: trimmed, one line, not too long; `None` when empty.
pub fn clean_purpose(purpose: Option<&str>) -> Option<String> {
    let p: String = purpose?
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect();
    let p = p.trim();
    (!p.is_empty()).then(|| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_read_from_the_bearer_header_and_a_session_from_the_cookie() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer_token(&h), None);
        assert_eq!(session_id(&h), None);
        let id = "ab".repeat(32);
        let cookie = format!("other=1; baeumteo_session={id} ; x=y");
        h.insert(header::COOKIE, HeaderValue::from_str(&cookie).unwrap());
        assert_eq!(session_id(&h).as_deref(), Some(id.as_str()));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer xyz"),
        );
        assert_eq!(bearer_token(&h).as_deref(), Some("xyz"));
        // Anything but 64 hex digits is not looked up.
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("baeumteo_session=abc"),
        );
        assert_eq!(session_id(&h), None);
    }

    fn config(proxies: &[&str]) -> ServerConfig {
        ServerConfig {
            trusted_proxies: proxies.iter().map(|p| p.parse().unwrap()).collect(),
            ..ServerConfig::default()
        }
    }

    fn peer(socket: &str, xff: &[&str], proxies: &[&str]) -> Peer {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        Peer::resolve(&h, Some(socket.parse().unwrap()), &config(proxies))
    }

    #[test]
    fn the_client_is_the_right_most_forwarded_address_that_is_not_a_trusted_proxy() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().unwrap());
        // Untrusted peer: its forwarding headers are ignored, but it is not loopback.
        let p = peer("127.0.0.1:5000", &["203.0.113.9"], &[]);
        assert_eq!(p.client, ip("127.0.0.1"));
        assert!(!p.is_loopback());
        let p = peer("198.51.100.1:5000", &["203.0.113.9"], &["10.0.0.1"]);
        assert_eq!(p.client, ip("198.51.100.1"));
        // Trusted chain: the client-chosen left part is skipped.
        let p = peer(
            "127.0.0.1:5000",
            &["1.1.1.1, 203.0.113.9", "10.0.0.2"],
            &["127.0.0.1", "10.0.0.2"],
        );
        assert_eq!(p.client, ip("203.0.113.9"));
        assert!(!p.is_loopback());
        // Only trusted hops: the left-most of them.
        let p = peer("127.0.0.1:5000", &["10.0.0.2"], &["127.0.0.1", "10.0.0.2"]);
        assert_eq!(p.client, ip("10.0.0.2"));
        // A trusted proxy without the header is still not this machine.
        let p = peer("127.0.0.1:5000", &[], &["127.0.0.1"]);
        assert_eq!(p.client, ip("127.0.0.1"));
        assert!(!p.is_loopback());
        // Unreadable hop: stop there, never reach further left.
        let p = peer("127.0.0.1:5000", &["203.0.113.9, junk"], &["127.0.0.1"]);
        assert_eq!(p.client, ip("127.0.0.1"));
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_bytes(b"\xff\xfe, 203.0.113.9").unwrap(),
        );
        let p = Peer::resolve(
            &h,
            Some("127.0.0.1:1".parse().unwrap()),
            &config(&["127.0.0.1"]),
        );
        assert_eq!(
            p.client,
            ip("203.0.113.9"),
            "junk on the left hides nothing"
        );
        let p = peer("127.0.0.1:5000", &["[2001:db8::1]:443"], &["127.0.0.1"]);
        assert_eq!(p.client, ip("2001:db8::1"));
        assert!(peer("127.0.0.1:5000", &[], &[]).is_loopback());
    }

    #[test]
    fn a_purpose_is_one_trimmed_line_and_must_not_be_empty() {
        assert_eq!(clean_purpose(None), None);
        assert_eq!(clean_purpose(Some("   ")), None);
        assert_eq!(
            clean_purpose(Some(" 활동비\n정산 ")).as_deref(),
            Some("활동비 정산")
        );
    }
}
