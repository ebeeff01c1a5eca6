//! What kiosk and sync server say to each other over HTTP (JSON bodies, gzip allowed).
//! Both sides use these types, so a change of the protocol is a change in one place.
//!
//! Every request body carries `protocol`; the server refuses versions it does not speak
//! with `unsupported_protocol`, so an old kiosk learns it must be updated instead of
//! sending data the server would misread.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::event::Event;

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u32 = 1;

/// The most events one push may carry; the kiosk sends smaller batches on slow links.
pub const MAX_PUSH_EVENTS: usize = 500;
/// The most changes one pull returns.
pub const MAX_PULL_LIMIT: u32 = 500;
/// A kiosk clock further off than this is shown to the instructor.
pub const NOTABLE_CLOCK_OFFSET_MS: i64 = 5 * 60 * 1000;

/// Endpoint paths (axum path syntax).
pub mod paths {
    pub const HEALTH: &str = "/api/health";
    pub const OPENAPI: &str = "/api/openapi.json";
    pub const ENROLL: &str = "/api/v1/enroll";
    pub const PUSH: &str = "/api/v1/push";
    pub const PULL: &str = "/api/v1/pull";
    pub const COURSE_PACKAGE: &str = "/api/v1/courses/{course_id}/{version}";

    pub fn course_package(course_id: &str, version: u32) -> String {
        format!("/api/v1/courses/{course_id}/{version}")
    }
}

/// The center a kiosk serves, as the county registered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CenterInfo {
    pub center_name: String,
    pub county: String,
    pub township: String,
}

/// Exchange a one-time enrollment code for a device token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollRequest {
    pub protocol: u32,
    /// As typed; dashes, spaces and case do not matter.
    pub code: String,
    /// The id the kiosk made for itself when its store was created.
    pub kiosk_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollResponse {
    pub kiosk_id: Uuid,
    /// Sent as `Authorization: Bearer <token>` from now on. The server keeps only a hash.
    pub token: String,
    pub center: CenterInfo,
    pub server_time: DateTime<Utc>,
}

/// A batch of the kiosk's own events, in any order. Events are raw JSON so that one
/// malformed event is rejected alone, with its reason, and the good ones are kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    pub protocol: u32,
    /// The kiosk's wall clock when it sent the batch (for the clock offset).
    pub kiosk_clock: DateTime<Utc>,
    /// Each an `Event` as the kiosk stores it (`id`, `kiosk_id`, `seq`, `at`, `body`).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub events: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// The highest seq the server holds with every seq below it: the kiosk may consider
    /// everything up to here delivered.
    pub acked_seq: u64,
    /// Newly stored by this request.
    pub stored: u32,
    /// Already held, identical: harmless repeats.
    pub duplicates: u32,
    pub conflicts: Vec<Conflict>,
    pub rejected: Vec<Rejection>,
    pub server_time: DateTime<Utc>,
    /// kiosk clock minus server clock, in milliseconds.
    pub clock_offset_ms: i64,
}

/// An event that claims a key the server already holds with different content. Neither
/// is dropped silently: the stored one stays, the conflict is recorded and reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conflict {
    /// Position in the pushed batch.
    pub index: u32,
    pub seq: u64,
    pub id: Uuid,
    /// The id of the event the server already holds under that key.
    pub existing_id: Uuid,
    pub reason: String,
}

/// An event refused because it is malformed or invalid. Nothing of it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rejection {
    pub index: u32,
    pub seq: Option<u64>,
    pub id: Option<Uuid>,
    pub reason: String,
}

/// What changed on the server since `cursor` that concerns this kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullRequest {
    pub protocol: u32,
    /// 0 the first time; afterwards the `next_cursor` of the last answer.
    pub cursor: u64,
    pub limit: u32,
    pub kiosk_clock: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    pub changes: Vec<Change>,
    /// Store this once the changes are applied; ask again with it.
    pub next_cursor: u64,
    /// True when there is more to pull right away.
    pub more: bool,
    pub server_time: DateTime<Utc>,
    pub clock_offset_ms: i64,
}

/// One entry of the change feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// An event of another kiosk of the county: a learner registration or update, an
    /// erasure, a certification.
    Event {
        cursor: u64,
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        event: Event,
    },
    /// A new version of a course package to download and verify.
    Course { cursor: u64, course: CourseUpdate },
}

impl Change {
    pub fn cursor(&self) -> u64 {
        match self {
            Change::Event { cursor, .. } | Change::Course { cursor, .. } => *cursor,
        }
    }
}

/// A published course version. The package (a tar of the course folder) is fetched from
/// [`paths::course_package`] and must match `sha256` and `size` before it is installed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseUpdate {
    pub course_id: String,
    pub version: u32,
    /// Lowercase hex.
    pub sha256: String,
    pub size: u64,
}

/// Every refused request gets this body with a 4xx (or 503 when the server's own storage
/// fails).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: ErrorCode,
    /// A sentence for the person reading logs (English).
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not JSON, or not the expected shape.
    BadRequest,
    UnsupportedProtocol,
    /// No token, or a token the server does not know.
    Unauthorized,
    /// The kiosk's enrollment was revoked by the county.
    Revoked,
    /// The request tries something this kiosk may not do (e.g. events of another kiosk).
    Forbidden,
    /// The enrollment code is unknown, used or expired.
    InvalidCode,
    /// The kiosk is already enrolled with a live token.
    AlreadyEnrolled,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    RateLimited,
    Timeout,
    UnsupportedMediaType,
    /// The server's own storage failed; retry later.
    Unavailable,
}

/// kiosk clock minus server clock.
pub fn clock_offset_ms(kiosk_clock: DateTime<Utc>, server_time: DateTime<Utc>) -> i64 {
    (kiosk_clock - server_time).num_milliseconds()
}

/// An offset this small is the network's latency, not a wrong clock.
pub const CLOCK_NOISE_MS: i64 = 60 * 1000;

/// A kiosk timestamp brought onto the server's clock with the offset seen at sync time.
/// Statistics use this, never the raw kiosk time. An offset within [`CLOCK_NOISE_MS`]
/// is left alone: it differs a little from sync to sync, and correcting by it would
/// only make a class's minutes jitter (a check-in and a check-out pushed at different
/// syncs would lose a minute to rounding).
pub fn corrected_time(kiosk_at: DateTime<Utc>, clock_offset_ms: i64) -> DateTime<Utc> {
    if clock_offset_ms.abs() < CLOCK_NOISE_MS {
        return kiosk_at;
    }
    kiosk_at - chrono::Duration::milliseconds(clock_offset_ms)
}

pub fn clock_offset_is_notable(clock_offset_ms: i64) -> bool {
    clock_offset_ms.unsigned_abs() > NOTABLE_CLOCK_OFFSET_MS as u64
}

/// Enrollment codes use Crockford's base32 alphabet (no I, L, O, U), so they can be read
/// aloud over the phone and typed by anyone.
pub const ENROLL_CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const ENROLL_CODE_LEN: usize = 12;

/// The code as the server compares it: upper case, separators dropped, and the letters
/// people confuse with digits read as those digits.
pub fn normalize_enroll_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// `ABCD-EFGH-JKMN` for display.
pub fn format_enroll_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::EventBody;

    #[test]
    fn enroll_codes_compare_equal_however_they_are_typed() {
        assert_eq!(normalize_enroll_code("abcd-efgh-jkmn"), "ABCDEFGHJKMN");
        assert_eq!(normalize_enroll_code(" AB0D EFGH JKMN "), "AB0DEFGHJKMN");
        assert_eq!(normalize_enroll_code("oIl"), "011");
        assert_eq!(
            normalize_enroll_code(&format_enroll_code("ABCDEFGHJKMN")),
            "ABCDEFGHJKMN"
        );
    }

    #[test]
    fn clock_offset_is_kiosk_minus_server_and_corrects_kiosk_times() {
        let server = Utc::now();
        let kiosk = server + chrono::Duration::minutes(7);
        let off = clock_offset_ms(kiosk, server);
        assert_eq!(off, 7 * 60 * 1000);
        assert!(clock_offset_is_notable(off));
        assert!(!clock_offset_is_notable(60_000));
        assert_eq!(corrected_time(kiosk, off), server);
        // Latency-sized offsets are noise and leave kiosk times as they are.
        assert_eq!(corrected_time(kiosk, 1_500), kiosk);
    }

    #[test]
    fn a_change_carries_its_kind_tag_and_round_trips() {
        let change = Change::Event {
            cursor: 3,
            event: Event {
                id: Uuid::now_v7(),
                kiosk_id: Uuid::now_v7(),
                seq: 1,
                at: Utc::now(),
                body: EventBody::LearnerErased {
                    learner_id: Uuid::now_v7(),
                },
            },
        };
        let json = serde_json::to_string(&change).unwrap();
        assert!(json.contains(r#""kind":"event""#));
        let back: Change = serde_json::from_str(&json).unwrap();
        assert_eq!(back, change);
        assert_eq!(back.cursor(), 3);
    }
}
