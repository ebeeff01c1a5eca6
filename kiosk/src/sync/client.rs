//! The HTTP side of sync: JSON over rustls (no OpenSSL), gzip both ways, and every
//! failure turned into a [`SyncFailure`].

use std::io::{Read, Write};
use std::net::IpAddr;
use std::time::Duration;

use baeumteo_core::event::Event;
use baeumteo_core::wire::{
    ApiError, EnrollRequest, EnrollResponse, ErrorCode, KioskMark, PROTOCOL_VERSION, PullRequest,
    PullResponse, PushRequest, PushResponse, paths,
};
use chrono::Utc;
use reqwest::Url;
use reqwest::blocking::{Client, RequestBuilder, Response};
use reqwest::header::{AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE, RETRY_AFTER};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::SyncFailure;

/// Bodies larger than this are sent gzipped (smaller ones are not worth it).
const GZIP_FROM_BYTES: usize = 1024;
/// The largest course package the kiosk will download.
const MAX_PACKAGE_BYTES: u64 = 512 * 1024 * 1024;

/// Refuses plain http to anything but this machine unless explicitly allowed: device
/// tokens and learners' names must not cross a network in clear text.
pub fn check_server_url(url: &str, allow_insecure_http: bool) -> Result<Url, SyncFailure> {
    let bad = |reason: &str| SyncFailure::BadUrl {
        url: url.to_string(),
        reason: reason.to_string(),
    };
    let parsed = Url::parse(url.trim()).map_err(|e| bad(&e.to_string()))?;
    match parsed.scheme() {
        "https" => {}
        "http" => {
            let host = parsed.host_str().unwrap_or_default();
            let bare = host.trim_start_matches('[').trim_end_matches(']');
            let loopback = host.eq_ignore_ascii_case("localhost")
                || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
            if !loopback && !allow_insecure_http {
                return Err(SyncFailure::InsecureUrl {
                    url: url.to_string(),
                });
            }
        }
        other => return Err(bad(&format!("scheme {other} is not http or https"))),
    }
    if parsed.host().is_none() {
        return Err(bad("no host"));
    }
    Ok(parsed)
}

#[derive(Debug, Clone)]
pub struct SyncClient {
    http: Client,
    base: Url,
    token: Option<String>,
}

impl SyncClient {
    /// `timeout` bounds each whole request (connect, send, answer).
    pub fn new(
        base_url: &str,
        allow_insecure_http: bool,
        timeout: Duration,
    ) -> Result<SyncClient, SyncFailure> {
        let base = check_server_url(base_url, allow_insecure_http)?;
        let http = Client::builder()
            .use_rustls_tls()
            .https_only(base.scheme() == "https")
            .gzip(true)
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("baeumteo-kiosk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SyncFailure::Tls {
                detail: e.to_string(),
            })?;
        Ok(SyncClient {
            http,
            base,
            token: None,
        })
    }

    pub fn with_token(mut self, token: &str) -> SyncClient {
        self.token = Some(token.to_string());
        self
    }

    pub fn enroll(
        &self,
        code: &str,
        kiosk_id: uuid::Uuid,
        secret: &str,
    ) -> Result<EnrollResponse, SyncFailure> {
        self.post(
            paths::ENROLL,
            &EnrollRequest {
                protocol: PROTOCOL_VERSION,
                code: code.to_string(),
                kiosk_id,
                secret: Some(secret.to_string()),
            },
        )
    }

    pub fn push(&self, events: &[Event]) -> Result<PushResponse, SyncFailure> {
        let events = events
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| SyncFailure::Storage {
                detail: e.to_string(),
            })?;
        self.post(
            paths::PUSH,
            &PushRequest {
                protocol: PROTOCOL_VERSION,
                kiosk_clock: Utc::now(),
                events,
            },
        )
    }

    /// `center`: how far the kiosk holds the other kiosks of its center (asks for the
    /// center's events as well, see `wire::CenterPage`).
    pub fn pull(
        &self,
        cursor: u64,
        limit: u32,
        center: Option<Vec<KioskMark>>,
    ) -> Result<PullResponse, SyncFailure> {
        self.post(
            paths::PULL,
            &PullRequest {
                protocol: PROTOCOL_VERSION,
                cursor,
                limit,
                kiosk_clock: Utc::now(),
                center,
            },
        )
    }

    /// Downloads a package of at most `announced` bytes (and never more than
    /// [`MAX_PACKAGE_BYTES`]), whatever the headers say: a chunked or gzipped body is
    /// counted as it arrives, and the download stops at the cap.
    pub fn course_package(
        &self,
        course_id: &str,
        version: u32,
        announced: u64,
    ) -> Result<Vec<u8>, SyncFailure> {
        let cap = announced.min(MAX_PACKAGE_BYTES);
        let too_large = || SyncFailure::Course {
            course_id: course_id.to_string(),
            version,
            detail: format!("the package is larger than the {cap} bytes announced"),
        };
        let url = self.url(&paths::course_package(course_id, version))?;
        let response = self.send(self.http.get(url))?;
        if response.content_length().is_some_and(|n| n > cap) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(cap.min(16 * 1024 * 1024) as usize);
        response
            .take(cap + 1)
            .read_to_end(&mut body)
            .map_err(|e| SyncFailure::BadResponse {
                detail: e.to_string(),
            })?;
        if body.len() as u64 > cap {
            return Err(too_large());
        }
        Ok(body)
    }

    fn url(&self, path: &str) -> Result<Url, SyncFailure> {
        self.base.join(path).map_err(|e| SyncFailure::BadUrl {
            url: self.base.to_string(),
            reason: e.to_string(),
        })
    }

    fn post<Req: Serialize, Resp: DeserializeOwned>(
        &self,
        path: &str,
        body: &Req,
    ) -> Result<Resp, SyncFailure> {
        let json = serde_json::to_vec(body).map_err(|e| SyncFailure::Storage {
            detail: e.to_string(),
        })?;
        let mut request = self
            .http
            .post(self.url(path)?)
            .header(CONTENT_TYPE, "application/json");
        if json.len() >= GZIP_FROM_BYTES {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let gzipped = gz
                .write_all(&json)
                .and_then(|()| gz.finish())
                .map_err(|e| SyncFailure::Storage {
                    detail: e.to_string(),
                })?;
            request = request.header(CONTENT_ENCODING, "gzip").body(gzipped);
        } else {
            request = request.body(json);
        }
        let response = self.send(request)?;
        let bytes = response.bytes().map_err(transport_failure)?;
        serde_json::from_slice(&bytes).map_err(|e| SyncFailure::BadResponse {
            detail: e.to_string(),
        })
    }

    /// Sends, and turns every non-success answer into the matching failure.
    fn send(&self, mut request: RequestBuilder) -> Result<Response, SyncFailure> {
        if let Some(token) = &self.token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        let response = request.send().map_err(transport_failure)?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let retry_after_secs = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let text = response.text().unwrap_or_default();
        let api: Option<ApiError> = serde_json::from_str(&text).ok();
        let status = status.as_u16();
        Err(match (status, &api) {
            (
                _,
                Some(ApiError {
                    error: ErrorCode::Revoked,
                    ..
                }),
            ) => SyncFailure::Revoked,
            (
                _,
                Some(ApiError {
                    error: ErrorCode::RateLimited,
                    ..
                }),
            )
            | (429, _) => SyncFailure::RateLimited { retry_after_secs },
            (
                _,
                Some(ApiError {
                    error: ErrorCode::UnsupportedProtocol,
                    reason,
                }),
            ) => SyncFailure::UnsupportedProtocol {
                reason: reason.clone(),
            },
            (401, api) => SyncFailure::Unauthorized {
                reason: api.as_ref().map(|a| a.reason.clone()).unwrap_or_default(),
            },
            (500.., _) => SyncFailure::ServerBusy { status },
            // A 408 is the server giving up on a stalled upload: try again.
            (408, _) => SyncFailure::Timeout,
            (_, Some(api)) => SyncFailure::Refused {
                status,
                code: serde_json::to_value(api.error)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                reason: api.reason.clone(),
            },
            // Not our server's JSON (a proxy's error page): treat as the way being down.
            (_, None) => SyncFailure::BadResponse {
                detail: format!(
                    "HTTP {status}: {}",
                    text.chars().take(200).collect::<String>()
                ),
            },
        })
    }
}

fn transport_failure(e: reqwest::Error) -> SyncFailure {
    if e.is_timeout() {
        return SyncFailure::Timeout;
    }
    let mut chain = format!("{e}");
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        source = s.source();
    }
    let lower = chain.to_lowercase();
    if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
        SyncFailure::Tls { detail: chain }
    } else if e.is_connect() {
        SyncFailure::Offline { detail: chain }
    } else if lower.contains("timed out") {
        SyncFailure::Timeout
    } else if e.is_body() || e.is_decode() {
        SyncFailure::BadResponse { detail: chain }
    } else {
        SyncFailure::Offline { detail: chain }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_refused_except_to_this_machine_or_when_allowed() {
        assert!(check_server_url("https://sync.yeongyang.go.kr", false).is_ok());
        assert!(check_server_url("http://127.0.0.1:8080", false).is_ok());
        assert!(check_server_url("http://localhost:8080", false).is_ok());
        assert!(check_server_url("http://[::1]:8080", false).is_ok());
        assert!(matches!(
            check_server_url("http://10.0.0.5:8080", false),
            Err(SyncFailure::InsecureUrl { .. })
        ));
        assert!(check_server_url("http://10.0.0.5:8080", true).is_ok());
        assert!(matches!(
            check_server_url("ftp://example.org", true),
            Err(SyncFailure::BadUrl { .. })
        ));
        assert!(matches!(
            check_server_url("not a url", true),
            Err(SyncFailure::BadUrl { .. })
        ));
    }
}
