//! The endpoints. Each checks what it is given, then makes one storage call (one
//! transaction), so a refused request leaves nothing behind.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use baeumteo_core::event::Event;
use baeumteo_core::signing::public_key_hex;
use baeumteo_core::text::clean_json_strings;
use baeumteo_core::wire::{
    ApiError, CenterPage, Change, ENROLL_CODE_LEN, EnrollRequest, EnrollResponse, ErrorCode,
    MAX_PULL_LIMIT, MAX_PUSH_EVENTS, MAX_STORABLE_SEQ, PROTOCOL_VERSION, PullRequest, PullResponse,
    PushRequest, PushResponse, Rejection, clock_offset_ms, event_time_problem,
    normalize_enroll_code, plausible_clock,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::AppState;
use super::error::ApiFailure;
use super::extract::{AuthedKiosk, VersionedJson};
use crate::db::{FeedItem, Incoming, SyncMeta};
use crate::secrets::{enroll_code_hash, new_token, token_hash};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable` when the database does not answer.
    pub status: String,
    pub protocol: u32,
    /// The server's version (`sync-server --version`).
    pub version: String,
    /// `ok` when the database answered a query, else why not.
    pub database: String,
}

/// Liveness for monitors and load balancers: the protocol and version this server
/// speaks, and whether its database answers (503 when it does not).
#[utoipa::path(get, path = "/api/health", responses(
    (status = 200, body = Health), (status = 503, body = Health),
))]
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    // Any small query proves the store answers; counting live admin tokens is one every
    // backend has, so the health check needs nothing new from the Database trait.
    let database = match state.blocking(|db| db.live_admin_tokens()).await {
        Ok(_) => "ok".to_string(),
        // Already logged with its reason as a storage failure.
        Err(_) => "unreachable".to_string(),
    };
    let code = if database == "ok" {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let status = if code == StatusCode::OK {
        "ok"
    } else {
        "unavailable"
    };
    (
        code,
        Json(Health {
            status: status.into(),
            protocol: PROTOCOL_VERSION,
            version: env!("CARGO_PKG_VERSION").into(),
            database,
        }),
    )
}

/// Exchanges a one-time enrollment code for a device token.
#[utoipa::path(post, path = "/api/v1/enroll", request_body = EnrollRequest, responses(
    (status = 200, body = EnrollResponse),
    (status = 400, body = ApiError), (status = 403, body = ApiError, description = "invalid_code"),
    (status = 409, body = ApiError, description = "already_enrolled"),
    (status = 413, body = ApiError), (status = 415, body = ApiError), (status = 422, body = ApiError),
    (status = 429, body = ApiError),
))]
pub async fn enroll(
    State(state): State<AppState>,
    peer: crate::admin::Peer,
    VersionedJson(req): VersionedJson<EnrollRequest>,
) -> Result<Json<EnrollResponse>, ApiFailure> {
    state.check_enroll_rate(&peer)?;
    if normalize_enroll_code(&req.code).len() != ENROLL_CODE_LEN {
        return Err(ApiFailure::new(
            StatusCode::FORBIDDEN,
            ErrorCode::InvalidCode,
            format!("an enrollment code has {ENROLL_CODE_LEN} letters and digits"),
        ));
    }
    if req.kiosk_id.is_nil() {
        return Err(ApiFailure::bad_request("kiosk_id must not be the nil id"));
    }
    let secret_hash = match req.secret.as_deref().map(str::trim) {
        None => None,
        // The kiosk's secret is random; a short one could be guessed.
        Some(s) if (32..=256).contains(&s.len()) => Some(token_hash(s)),
        Some(_) => {
            return Err(ApiFailure::bad_request(
                "the enrollment secret must be 32 to 256 characters",
            ));
        }
    };
    let token = new_token();
    let (code_hash, hash, kiosk_id, now) = (
        enroll_code_hash(&req.code),
        token_hash(&token),
        req.kiosk_id,
        Utc::now(),
    );
    let (center, key) = state
        .blocking(move |db| {
            let key = db.course_signing_key()?;
            db.enroll(&code_hash, kiosk_id, secret_hash.as_deref(), &hash, now)
                .map(|center| (center, key))
        })
        .await?;
    tracing::info!(kiosk = %kiosk_id, center = %center.center_name, "kiosk enrolled");
    Ok(Json(EnrollResponse {
        kiosk_id,
        token,
        center,
        server_time: now,
        course_key: public_key_hex(&key),
    }))
}

/// Stores the kiosk's events, each at most once; answers the contiguous high-water seq.
#[utoipa::path(post, path = "/api/v1/push", request_body = PushRequest,
    security(("device_token" = [])), responses(
    (status = 200, body = PushResponse),
    (status = 400, body = ApiError), (status = 401, body = ApiError, description = "unauthorized or revoked"),
    (status = 403, body = ApiError, description = "an event of another kiosk"),
    (status = 413, body = ApiError), (status = 415, body = ApiError), (status = 422, body = ApiError),
    (status = 429, body = ApiError),
))]
pub async fn push(
    State(state): State<AppState>,
    AuthedKiosk(kiosk): AuthedKiosk,
    VersionedJson(req): VersionedJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiFailure> {
    if req.events.len() > MAX_PUSH_EVENTS {
        return Err(ApiFailure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            format!("at most {MAX_PUSH_EVENTS} events per push"),
        ));
    }
    state.check_kiosk_events(kiosk.kiosk_id, req.events.len())?;
    let now = Utc::now();
    let meta = sync_meta(req.kiosk_clock, now)?;
    let mut good: Vec<Incoming> = Vec::with_capacity(req.events.len());
    let mut rejected = Vec::new();
    for (index, mut raw) in req.events.into_iter().enumerate() {
        let index = index as u32;
        let claimed_kiosk = raw
            .get("kiosk_id")
            .and_then(|v| v.as_str())
            .and_then(|s| Uuid::parse_str(s).ok());
        if let Some(other) = claimed_kiosk.filter(|k| *k != kiosk.kiosk_id) {
            // Refuse the whole batch: this is not a malformed event but a kiosk
            // speaking in another's name.
            tracing::warn!(kiosk = %kiosk.kiosk_id, %other, "push of another kiosk's events");
            return Err(ApiFailure::new(
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                format!(
                    "event {index} belongs to kiosk {other}; a kiosk may push only its own events"
                ),
            ));
        }
        // Names and free text lose control characters and bidi overrides here, where
        // they enter (a retried event is cleaned the same way, so it stays a duplicate).
        clean_json_strings(&mut raw);
        let seq = raw.get("seq").and_then(|v| v.as_u64());
        let id = raw
            .get("id")
            .and_then(|v| v.as_str())
            .and_then(|s| Uuid::parse_str(s).ok());
        let reject = |reason: String| Rejection {
            index,
            seq,
            id,
            reason,
        };
        match serde_json::from_value::<Event>(raw) {
            Err(e) => rejected.push(reject(format!("not a valid event: {e}"))),
            Ok(event) if event.seq == 0 => rejected.push(reject("seq starts at 1".into())),
            Ok(event) if event.seq > MAX_STORABLE_SEQ => {
                rejected.push(reject(format!("seq must be at most {MAX_STORABLE_SEQ}")))
            }
            Ok(event) if event.id.is_nil() => rejected.push(reject("id must not be nil".into())),
            Ok(event) => good.push(Incoming {
                index,
                refused: event_time_problem(event.at, meta.clock_offset_ms, now),
                event,
            }),
        }
    }
    let outcome = state
        .blocking(move |db| db.push(&kiosk, &good, meta))
        .await?;
    rejected.extend(outcome.refused);
    rejected.sort_by_key(|r| r.index);
    Ok(Json(PushResponse {
        acked_seq: outcome.acked_seq,
        stored: outcome.stored,
        duplicates: outcome.duplicates,
        conflicts: outcome.conflicts,
        rejected,
        server_time: now,
        clock_offset_ms: meta.clock_offset_ms,
    }))
}

/// What changed since the kiosk's cursor: other centers' learners, certifications,
/// erasures, course updates; and, when asked, the events of the other kiosks of the
/// kiosk's own center (`center`, see `wire::CenterPage`).
#[utoipa::path(post, path = "/api/v1/pull", request_body = PullRequest,
    security(("device_token" = [])), responses(
    (status = 200, body = PullResponse),
    (status = 400, body = ApiError), (status = 401, body = ApiError),
    (status = 413, body = ApiError), (status = 415, body = ApiError), (status = 422, body = ApiError),
    (status = 429, body = ApiError),
))]
pub async fn pull(
    State(state): State<AppState>,
    AuthedKiosk(kiosk): AuthedKiosk,
    VersionedJson(req): VersionedJson<PullRequest>,
) -> Result<Json<PullResponse>, ApiFailure> {
    let now = Utc::now();
    let meta = sync_meta(req.kiosk_clock, now)?;
    if req.cursor > MAX_STORABLE_SEQ {
        return Err(unprocessable(format!(
            "cursor must be at most {MAX_STORABLE_SEQ}; send the next_cursor of the last answer"
        )));
    }
    let (cursor, limit) = (req.cursor, req.limit.clamp(1, MAX_PULL_LIMIT));
    // A page costs what it may carry, taken before the store is read.
    state.check_kiosk_events(kiosk.kiosk_id, limit as usize)?;
    let marks = req.center;
    if marks.as_ref().is_some_and(|m| m.len() > MAX_CENTER_MARKS) {
        return Err(unprocessable(format!(
            "at most {MAX_CENTER_MARKS} kiosk marks; send the marks of the last answer"
        )));
    }
    let (page, center) = state
        .blocking(move |db| {
            let page = db.pull(&kiosk, cursor, limit, meta)?;
            // The page's room is shared: the feed first, then the center's events.
            let room = limit.saturating_sub(page.items.len() as u32);
            let center = match marks {
                Some(marks) if room > 0 => Some(db.center_events_after(&kiosk, &marks, room)?),
                Some(_) => Some(CenterPage {
                    events: Vec::new(),
                    marks: Vec::new(),
                    more: true,
                }),
                None => None,
            };
            Ok::<_, crate::db::DbError>((page, center))
        })
        .await?;
    let changes = page
        .items
        .into_iter()
        .map(|(cursor, item)| match item {
            FeedItem::Event(event) => Change::Event { cursor, event },
            FeedItem::Course(course) => Change::Course { cursor, course },
        })
        .collect();
    Ok(Json(PullResponse {
        changes,
        next_cursor: page.next_cursor,
        more: page.more,
        server_time: now,
        clock_offset_ms: meta.clock_offset_ms,
        center,
    }))
}

/// More kiosks than any center has; the marks of one request stay small.
const MAX_CENTER_MARKS: usize = 10_000;

fn unprocessable(reason: String) -> ApiFailure {
    ApiFailure::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::BadRequest,
        reason,
    )
}

/// The receive time and the kiosk's clock offset, from a clock reading that can be
/// taken seriously (see `wire::plausible_clock`); an absurd one is refused whole, since
/// no event time of the request could be corrected with it.
fn sync_meta(kiosk_clock: DateTime<Utc>, now: DateTime<Utc>) -> Result<SyncMeta, ApiFailure> {
    if !plausible_clock(kiosk_clock) {
        return Err(unprocessable(format!(
            "kiosk_clock {kiosk_clock} is not a plausible time; set the kiosk's clock"
        )));
    }
    Ok(SyncMeta {
        received_at: now,
        clock_offset_ms: clock_offset_ms(kiosk_clock, now),
    })
}

/// A course package (a tar of the course folder); check its signature before installing.
#[utoipa::path(get, path = "/api/v1/courses/{course_id}/{version}",
    params(("course_id" = String, Path), ("version" = u32, Path)),
    security(("device_token" = [])), responses(
    (status = 200, content_type = "application/x-tar", body = Vec<u8>),
    (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 404, body = ApiError),
))]
pub async fn course_package(
    State(state): State<AppState>,
    AuthedKiosk(_kiosk): AuthedKiosk,
    path: Result<Path<(String, u32)>, axum::extract::rejection::PathRejection>,
) -> Result<Response, ApiFailure> {
    let Path((course_id, version)) = path.map_err(|e| ApiFailure::bad_request(e.body_text()))?;
    let package = state
        .blocking(move |db| db.course_package(&course_id, version))
        .await?
        .ok_or_else(|| {
            ApiFailure::new(
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                "no such course version",
            )
        })?;
    Ok(([(header::CONTENT_TYPE, "application/x-tar")], package).into_response())
}
