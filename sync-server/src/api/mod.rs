//! The HTTP API kiosks talk to, and the router that puts it together with the
//! dashboard, limits and the OpenAPI description.

mod error;
mod extract;
mod handlers;
mod openapi;

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use baeumteo_core::event::KioskId;
use baeumteo_core::wire::{ErrorCode, paths};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::decompression::RequestDecompressionLayer;

pub use error::ApiFailure;
pub use openapi::ApiDoc;

use crate::admin::Peer;
use crate::config::ServerConfig;
use crate::dashboard;
use crate::db::Database;
use crate::rate_limit::RateLimiter;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<dyn Database>,
    /// Course titles by id, for the pages people read (ids where unknown).
    pub course_titles: Arc<BTreeMap<String, String>>,
    pub config: Arc<ServerConfig>,
    pub kiosk_limiter: Arc<RateLimiter<KioskId>>,
    /// Events pushed and changes pulled, per kiosk.
    pub kiosk_event_limiter: Arc<RateLimiter<KioskId>>,
    /// Per client address (see `admin::Peer::key`): one noisy address never slows
    /// another.
    pub enroll_limiter: Arc<RateLimiter<IpAddr>>,
    pub sign_in_limiter: Arc<RateLimiter<IpAddr>>,
    pub verify_limiter: Arc<RateLimiter<IpAddr>>,
    /// Unknown device tokens presented (see `extract::AuthedKiosk`).
    pub bad_token_limiter: Arc<RateLimiter<IpAddr>>,
}

impl AppState {
    pub fn new(db: Arc<dyn Database>, config: ServerConfig) -> AppState {
        AppState {
            db,
            course_titles: Arc::new(BTreeMap::new()),
            kiosk_limiter: Arc::new(RateLimiter::new(
                config.kiosk_requests_per_minute,
                config.kiosk_burst,
            )),
            kiosk_event_limiter: Arc::new(RateLimiter::new(
                config.kiosk_events_per_minute,
                config.kiosk_event_burst,
            )),
            enroll_limiter: Arc::new(RateLimiter::new(
                config.enroll_per_minute,
                config.enroll_per_minute,
            )),
            sign_in_limiter: Arc::new(RateLimiter::new(
                config.sign_in_per_minute,
                config.sign_in_per_minute,
            )),
            verify_limiter: Arc::new(RateLimiter::new(
                config.verify_per_minute,
                config.verify_per_minute,
            )),
            bad_token_limiter: Arc::new(RateLimiter::new(
                config.bad_tokens_per_minute,
                config.bad_tokens_per_minute,
            )),
            config: Arc::new(config),
        }
    }

    /// The titles of the courses the pages name.
    pub fn with_course_titles(mut self, titles: BTreeMap<String, String>) -> AppState {
        self.course_titles = Arc::new(titles);
        self
    }

    /// Runs a storage call on the blocking pool (both stores' calls block).
    pub async fn blocking<T, E>(
        &self,
        f: impl FnOnce(&dyn Database) -> Result<T, E> + Send + 'static,
    ) -> Result<T, ApiFailure>
    where
        T: Send + 'static,
        E: Into<ApiFailure> + Send + 'static,
    {
        let db = self.db.clone();
        match tokio::task::spawn_blocking(move || f(db.as_ref())).await {
            Ok(result) => result.map_err(Into::into),
            Err(e) => Err(ApiFailure::unavailable(e)),
        }
    }

    /// Takes `events` from the kiosk's event bucket (a push's events, a pull's page).
    pub(crate) fn check_kiosk_events(
        &self,
        kiosk: KioskId,
        events: usize,
    ) -> Result<(), ApiFailure> {
        let n = u32::try_from(events).unwrap_or(u32::MAX);
        self.kiosk_event_limiter
            .check_n(kiosk, n, Instant::now())
            .map_err(|wait| {
                tracing::warn!(%kiosk, events, "kiosk over its event rate");
                let mut failure = ApiFailure::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    ErrorCode::RateLimited,
                    "this kiosk has sent or fetched too many events just now; slow down",
                );
                failure.retry_after = Some(wait);
                failure
            })
    }

    pub(crate) fn check_enroll_rate(&self, peer: &Peer) -> Result<(), ApiFailure> {
        self.enroll_limiter
            .check(peer.key(), Instant::now())
            .map_err(|wait| {
                tracing::warn!(client = %peer.key(), "enrollment attempts throttled");
                let mut failure = ApiFailure::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    ErrorCode::RateLimited,
                    "too many enrollment attempts from this address; wait a minute",
                );
                failure.retry_after = Some(wait);
                failure
            })
    }
}

/// Dashboard data endpoints (JSON); the pages themselves are plain paths.
pub const STATISTICS: &str = "/api/v1/statistics";
pub const STATISTICS_CELLS: &str = "/api/v1/statistics/cells";
pub const REGISTRY: &str = "/api/v1/registry";

pub fn router(state: AppState) -> Router {
    let max_body = state.config.max_body_bytes;
    Router::new()
        .route(paths::HEALTH, get(handlers::health))
        .route(paths::OPENAPI, get(openapi::openapi_json))
        .route(paths::ENROLL, post(handlers::enroll))
        .route(paths::PUSH, post(handlers::push))
        .route(paths::PULL, post(handlers::pull))
        .route(paths::COURSE_PACKAGE, get(handlers::course_package))
        .route("/", get(crate::dashboard::overview::page))
        .route("/kiosks", get(crate::dashboard::page))
        .route("/statistics", get(dashboard::statistics::page))
        .route("/statistics.csv", get(dashboard::statistics::csv))
        .route("/statistics.xlsx", get(dashboard::statistics::xlsx))
        .route(STATISTICS, get(dashboard::statistics::json))
        .route(STATISTICS_CELLS, get(dashboard::statistics::cells))
        .route("/summary.pdf", get(dashboard::summary::pdf))
        .route("/open-data.csv", get(dashboard::open_data::csv))
        .route("/open-data.json", get(dashboard::open_data::metadata))
        .route("/registry", get(dashboard::registry::page))
        .route("/registry.csv", get(dashboard::registry::csv))
        .route(REGISTRY, get(dashboard::registry::json))
        .route("/allowance.csv", get(dashboard::allowance::csv))
        .route("/allowance.xlsx", get(dashboard::allowance::xlsx))
        .route(
            "/login",
            get(dashboard::login::form).post(dashboard::login::submit),
        )
        .route("/logout", post(dashboard::login::logout))
        .route("/verify", get(crate::verify::form))
        .route("/verify/{cert_no}", get(crate::verify::page))
        .route("/static/dashboard.css", get(dashboard::stylesheet))
        .route("/static/verify.css", get(crate::verify::stylesheet))
        .route("/static/font.ttf", get(dashboard::font))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Outermost first: deadline, then decompression, then the size limit, which
        // thereby counts decompressed bytes (a small gzip bomb is still refused).
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestDecompressionLayer::new().gzip(true))
        .layer(CompressionLayer::new().gzip(true))
        .layer(middleware::from_fn_with_state(state.clone(), deadline))
        .layer(CatchPanicLayer::custom(|_| {
            ApiFailure::unavailable("a handler panicked").into_response()
        }))
        // Outermost, so that even a panic's or a timeout's answer carries the headers.
        .layer(middleware::map_response(security_headers))
        .with_state(state)
}

/// Whole seconds to wait, rounded up (a `Retry-After` of 0 would invite a retry storm).
pub fn retry_after_secs(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

/// What every response carries. No page uses script, inline style or another origin,
/// so the policy can be strict; pages and files with names must not stay in a cache
/// (a shared computer at the county office), so anything that does not say otherwise
/// is `no-store` (only the stylesheets do).
async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

async fn deadline(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(state.config.request_timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiFailure::new(
            StatusCode::REQUEST_TIMEOUT,
            ErrorCode::Timeout,
            "the request took too long (a stalled upload?)",
        )
        .into_response(),
    }
}

async fn not_found() -> ApiFailure {
    ApiFailure::new(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        "no such endpoint",
    )
}

async fn method_not_allowed() -> ApiFailure {
    ApiFailure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        "this endpoint does not take that method",
    )
}
