//! County staff on the dashboard. Views with personal data (the activist registry with
//! names) need an admin token, made on the server with `sync-server admin-token --name
//! NAME`: 256 random bits shown once, stored only as a SHA-256 hash (like device tokens;
//! see `secrets`). A browser sends it as a cookie set by `/login`, a script as
//! `Authorization: Bearer`. Every view or export of personal data is written to the
//! access log with who, when, what and why (`sync-server access-log` prints it).
//!
//! Aggregate statistics carry no names: they are open to requests from the server's own
//! machine (loopback) and need the token from anywhere else.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use chrono::Utc;

use crate::api::{ApiFailure, AppState};
use crate::db::AccessEntry;
use crate::secrets::token_hash;

/// The cookie `/login` sets.
pub const COOKIE: &str = "baeumteo_admin";

/// The peer's address, when the server was started with connect info (always, through
/// [`crate::serve`]), and whether the request came through a reverse proxy.
#[derive(Debug, Clone, Copy)]
pub struct Peer {
    pub addr: Option<SocketAddr>,
    pub forwarded: bool,
}

impl Peer {
    /// A request from this machine itself. Through a reverse proxy on the same machine
    /// every request comes from loopback, so a forwarded request never counts.
    pub fn is_loopback(&self) -> bool {
        !self.forwarded && self.addr.is_some_and(|a| a.ip().is_loopback())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let h = &parts.headers;
        Ok(Peer {
            addr: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
            forwarded: ["forwarded", "x-forwarded-for", "x-real-ip"]
                .iter()
                .any(|name| h.contains_key(*name)),
        })
    }
}

/// The token a request carries: a bearer header, or the dashboard's cookie.
pub fn presented_token(headers: &HeaderMap) -> Option<String> {
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some(bearer.trim().to_string());
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The name of the staff member whose valid admin token the request carries.
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<String>, ApiFailure> {
    let Some(token) = presented_token(headers) else {
        return Ok(None);
    };
    let hash = token_hash(&token);
    state.blocking(move |db| db.admin_by_token(&hash)).await
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
    use axum::http::HeaderValue;

    #[test]
    fn a_token_is_read_from_the_bearer_header_or_the_cookie() {
        let mut h = HeaderMap::new();
        assert_eq!(presented_token(&h), None);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("other=1; baeumteo_admin=abc ; x=y"),
        );
        assert_eq!(presented_token(&h).as_deref(), Some("abc"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer xyz"),
        );
        assert_eq!(presented_token(&h).as_deref(), Some("xyz"));
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
