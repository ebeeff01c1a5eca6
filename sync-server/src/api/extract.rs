//! Request extractors that refuse with a JSON `ApiError`: a versioned JSON body, and the
//! kiosk behind a bearer token (rate limited per kiosk).

use std::time::Instant;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use baeumteo_core::wire::{ErrorCode, PROTOCOL_VERSION};
use serde::de::DeserializeOwned;

use super::AppState;
use super::error::ApiFailure;
use crate::admin::Peer;
use crate::db::KioskRecord;
use crate::secrets::token_hash;

/// A JSON body whose `protocol` this server speaks. The version is checked before the
/// shape, so a newer kiosk hears "unsupported protocol", not a puzzling type error.
#[derive(Debug)]
pub struct VersionedJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for VersionedJson<T> {
    type Rejection = ApiFailure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(value) = Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(json_rejection)?;
        match value.get("protocol").map(serde_json::Value::as_u64) {
            Some(Some(v)) if v == u64::from(PROTOCOL_VERSION) => {}
            Some(Some(v)) => {
                return Err(ApiFailure::new(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::UnsupportedProtocol,
                    format!("protocol {v} is not supported; this server speaks {PROTOCOL_VERSION}"),
                ));
            }
            _ => {
                return Err(ApiFailure::bad_request(
                    "the body must be a JSON object with a numeric `protocol`",
                ));
            }
        }
        serde_json::from_value(value)
            .map(VersionedJson)
            .map_err(|e| {
                ApiFailure::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ErrorCode::BadRequest,
                    format!("the body does not have the expected shape: {e}"),
                )
            })
    }
}

fn json_rejection(r: JsonRejection) -> ApiFailure {
    let status = r.status();
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::REQUEST_TIMEOUT => ErrorCode::Timeout,
        _ => ErrorCode::BadRequest,
    };
    // Anything else that fails while reading the body (a cut connection, broken gzip)
    // is the client's fault: a 400, never a 500.
    let status = if status.is_client_error() {
        status
    } else {
        StatusCode::BAD_REQUEST
    };
    ApiFailure::new(status, code, r.body_text())
}

/// The enrolled, not revoked kiosk making the request.
#[derive(Debug, Clone)]
pub struct AuthedKiosk(pub KioskRecord);

impl FromRequestParts<AppState> for AuthedKiosk {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let unauthorized = |reason: &str| {
            ApiFailure::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, reason)
        };
        let peer = Peer::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|never| match never {});
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| unauthorized("send the device token as `Authorization: Bearer …`"))?;
        // An address that has guessed too many tokens is refused before the lookup, so
        // it learns nothing more until its bucket refills; other addresses go on.
        let now = Instant::now();
        state
            .bad_token_limiter
            .peek(&peer.key(), now)
            .map_err(too_many_bad_tokens)?;
        let hash = token_hash(token);
        let Some(kiosk) = state.blocking(move |db| db.kiosk_by_token(&hash)).await? else {
            tracing::warn!(client = %peer.key(), "unknown device token");
            return Err(match state.bad_token_limiter.check(peer.key(), now) {
                Ok(()) => unauthorized("this device token is not known to the server"),
                Err(wait) => too_many_bad_tokens(wait),
            });
        };
        if kiosk.revoked_at.is_some() {
            return Err(ApiFailure::new(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Revoked,
                "this kiosk's enrollment was revoked by the county",
            ));
        }
        if let Err(wait) = state.kiosk_limiter.check(kiosk.kiosk_id, Instant::now()) {
            let mut failure = ApiFailure::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                "too many requests from this kiosk; slow down",
            );
            failure.retry_after = Some(wait);
            return Err(failure);
        }
        Ok(AuthedKiosk(kiosk))
    }
}

fn too_many_bad_tokens(wait: std::time::Duration) -> ApiFailure {
    let mut failure = ApiFailure::new(
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::RateLimited,
        "too many unknown device tokens from this address; wait a minute",
    );
    failure.retry_after = Some(wait);
    failure
}
