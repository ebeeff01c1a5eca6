//! Why a sync attempt did not finish, kept in the store (as JSON) so the instructor's
//! view can say it in plain Korean later.

use baeumteo_core::i18n::{I18n, args};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncFailure {
    #[error("this kiosk is not enrolled with a server; run `kiosk enroll`")]
    NotEnrolled,
    #[error("this kiosk's enrollment was revoked by the county")]
    Revoked,
    #[error("refusing plain http to {url}: use https, or allow it explicitly at enrollment")]
    InsecureUrl { url: String },
    #[error("{url} is not a usable server address: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("cannot reach the server: {detail}")]
    Offline { detail: String },
    #[error("the server did not answer in time")]
    Timeout,
    #[error("the server's TLS certificate could not be verified: {detail}")]
    Tls { detail: String },
    #[error("the server cannot work right now (HTTP {status})")]
    ServerBusy { status: u16 },
    #[error("the server asks this kiosk to slow down")]
    RateLimited { retry_after_secs: Option<u64> },
    #[error("the server does not know this kiosk's token ({reason}); enroll again")]
    Unauthorized { reason: String },
    #[error("the server speaks another protocol version: {reason}")]
    UnsupportedProtocol { reason: String },
    #[error("the server refused the request (HTTP {status}, {code}): {reason}")]
    Refused {
        status: u16,
        code: String,
        reason: String,
    },
    #[error("the server's answer was cut off or garbled: {detail}")]
    BadResponse { detail: String },
    #[error("{count} events conflict with different events the server holds under the same key")]
    Conflicts { count: u32 },
    #[error("the server rejected event {seq}: {reason}")]
    Rejected { seq: u64, reason: String },
    #[error(
        "this kiosk serves {kiosk_center}, but the enrollment code was made for {server_center}; \
         get a code for this center, or enroll with --adopt-server-center to take the server's"
    )]
    CenterMismatch {
        kiosk_center: String,
        server_center: String,
    },
    #[error("the kiosk's storage failed: {detail}")]
    Storage { detail: String },
    #[error("course {course_id} version {version} was not installed: {detail}")]
    Course {
        course_id: String,
        version: u32,
        detail: String,
    },
}

impl From<StoreError> for SyncFailure {
    fn from(e: StoreError) -> Self {
        SyncFailure::Storage {
            detail: e.to_string(),
        }
    }
}

impl SyncFailure {
    /// Worth retrying soon with backoff (the network or server will likely recover),
    /// as opposed to needing a person (revoked, refused, misconfigured).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SyncFailure::Offline { .. }
                | SyncFailure::Timeout
                | SyncFailure::ServerBusy { .. }
                | SyncFailure::RateLimited { .. }
                | SyncFailure::BadResponse { .. }
                | SyncFailure::Course { .. }
        )
    }

    /// What the instructor reads.
    pub fn message(&self, t: &I18n) -> String {
        match self {
            SyncFailure::NotEnrolled => t.sync_state_not_enrolled(),
            SyncFailure::Revoked | SyncFailure::Unauthorized { .. } => t.sync_fail_revoked(),
            SyncFailure::InsecureUrl { .. } => t.sync_fail_insecure(),
            SyncFailure::BadUrl { .. } | SyncFailure::Offline { .. } => t.sync_fail_offline(),
            SyncFailure::Timeout => t.sync_fail_timeout(),
            SyncFailure::Tls { .. } => t.sync_fail_tls(),
            SyncFailure::ServerBusy { .. } | SyncFailure::BadResponse { .. } => {
                t.sync_fail_server_busy()
            }
            SyncFailure::RateLimited { .. } => t.sync_fail_rate_limited(),
            SyncFailure::UnsupportedProtocol { .. } => t.sync_fail_protocol(),
            SyncFailure::Refused { reason, .. } | SyncFailure::Rejected { reason, .. } => {
                t.sync_fail_refused(reason.clone())
            }
            SyncFailure::Conflicts { .. } => t.sync_fail_conflict(),
            SyncFailure::CenterMismatch {
                kiosk_center,
                server_center,
            } => t.sync_fail_center_mismatch(args::SyncFailCenterMismatch {
                kiosk_center: kiosk_center.clone().into(),
                server_center: server_center.clone().into(),
            }),
            SyncFailure::Storage { .. } => t.sync_fail_storage(),
            SyncFailure::Course { .. } => t.sync_fail_course(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"kind":"storage","detail":"?"}"#.into())
    }

    pub fn from_json(s: &str) -> Option<SyncFailure> {
        serde_json::from_str(s).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::i18n::Locale;

    #[test]
    fn a_failure_round_trips_through_the_store_and_reads_in_korean() {
        let f = SyncFailure::Offline {
            detail: "connection refused".into(),
        };
        assert_eq!(SyncFailure::from_json(&f.to_json()), Some(f.clone()));
        assert!(f.is_transient());
        let t = I18n::new(Locale::Ko);
        assert!(f.message(&t).contains("인터넷"));
        assert!(
            SyncFailure::Revoked
                .message(&t)
                .contains("등록이 해제되었습니다")
        );
        assert!(!SyncFailure::Revoked.is_transient());
    }
}
