//! Every refused request answers with a JSON `ApiError` and the fitting status.

use std::time::Duration;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use baeumteo_core::wire::{ApiError, ErrorCode};

use crate::db::{DbError, EnrollError};

#[derive(Debug)]
pub struct ApiFailure {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub reason: String,
    pub retry_after: Option<Duration>,
}

impl ApiFailure {
    pub fn new(status: StatusCode, code: ErrorCode, reason: impl Into<String>) -> Self {
        ApiFailure {
            status,
            code,
            reason: reason.into(),
            retry_after: None,
        }
    }

    pub fn bad_request(reason: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, reason)
    }

    pub fn unavailable(reason: impl std::fmt::Display) -> Self {
        tracing::error!(%reason, "storage failure");
        let mut failure = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            "the server cannot reach its storage right now; try again later",
        );
        failure.retry_after = Some(Duration::from_secs(30));
        failure
    }
}

impl From<DbError> for ApiFailure {
    fn from(e: DbError) -> Self {
        ApiFailure::unavailable(e)
    }
}

impl From<EnrollError> for ApiFailure {
    fn from(e: EnrollError) -> Self {
        match e {
            EnrollError::InvalidCode => {
                ApiFailure::new(StatusCode::FORBIDDEN, ErrorCode::InvalidCode, e.to_string())
            }
            EnrollError::AlreadyEnrolled => ApiFailure::new(
                StatusCode::CONFLICT,
                ErrorCode::AlreadyEnrolled,
                e.to_string(),
            ),
            EnrollError::Db(e) => e.into(),
        }
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let body = ApiError {
            error: self.code,
            reason: self.reason,
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(wait) = self.retry_after {
            let secs = super::retry_after_secs(wait);
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}
