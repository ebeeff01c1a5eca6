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

/// The most events one push may carry (the kiosk sends up to 2,000 or 512 KiB).
pub const MAX_PUSH_EVENTS: usize = 5_000;
/// The most changes one pull returns.
pub const MAX_PULL_LIMIT: u32 = 5_000;
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
    /// A random secret the kiosk made before its first attempt and keeps. The server
    /// binds a redeemed code to its hash: when the answer with the token is lost on the
    /// way, only the same kiosk with the same secret can redeem the code again. A
    /// request without one redeems a code once, never again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollResponse {
    pub kiosk_id: Uuid,
    /// Sent as `Authorization: Bearer <token>` from now on. The server keeps only a hash.
    pub token: String,
    pub center: CenterInfo,
    pub server_time: DateTime<Utc>,
    /// The server's Ed25519 public key (hex) that signs course packages. The kiosk pins
    /// it at enrollment and installs only packages that verify with it.
    pub course_key: String,
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
    /// Asks for the center's own events too (see [`CenterPage`]): how far this kiosk
    /// holds each other kiosk of its center, as the server last reported it. Empty the
    /// first time; `None` (an older kiosk) asks for nothing of the kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub center: Option<Vec<KioskMark>>,
}

/// How far a kiosk holds another kiosk's events: every seq up to `seq` was delivered
/// (or is not for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KioskMark {
    pub kiosk_id: Uuid,
    pub seq: u64,
}

/// The events of the other kiosks of the pulling kiosk's own center (any kiosk the
/// server holds for that center, revoked or lost ones included): class sessions,
/// attendance, progress, quizzes, help, activists' hours and service, instructors. A new
/// PC enrolled for a center whose kiosk was lost gets the center's history back this
/// way, and two kiosks of one center see the same progress. Learner profiles, erasures
/// and certifications are not repeated here: they come in the change feed, under the
/// county's rules of who sees what. The center's set-up (`center_configured`) stays each
/// kiosk's own. Events come in each kiosk's seq order; the kiosk stores them as
/// another kiosk's (never pushed back) and keeps `marks` for its next request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CenterPage {
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub events: Vec<Event>,
    /// The new mark of each kiosk whose events were read (sent or skipped).
    pub marks: Vec<KioskMark>,
    /// True when there is more to pull right away.
    pub more: bool,
}

/// Event kinds the change feed carries to other kiosks of the county (what sign-in
/// needs, erasures and certifications); the center page leaves them out.
pub const FEED_KINDS: &[&str] = &[
    "learner_registered",
    "learner_updated",
    "learner_erased",
    "certification_issued",
];

/// Event kinds of a center's kiosks that no other kiosk receives in its center page:
/// the feed's kinds (they come that way) and each kiosk's own set-up.
pub const NOT_IN_CENTER_PAGE: &[&str] = &[
    "learner_registered",
    "learner_updated",
    "learner_erased",
    "certification_issued",
    "center_configured",
];

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
    /// The center's events, when the request asked for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub center: Option<CenterPage>,
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
    /// Ed25519 signature (hex) of the package bytes by the server's course key.
    pub signature: String,
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
/// syncs would lose a minute to rounding). The arithmetic is checked: a time the
/// correction would carry out of range stays as the kiosk gave it (such an event is
/// refused at the door by [`event_time_problem`]; this keeps old rows readable).
pub fn corrected_time(kiosk_at: DateTime<Utc>, clock_offset_ms: i64) -> DateTime<Utc> {
    if clock_offset_ms.unsigned_abs() < CLOCK_NOISE_MS.unsigned_abs() {
        return kiosk_at;
    }
    chrono::Duration::try_milliseconds(clock_offset_ms)
        .and_then(|d| kiosk_at.checked_sub_signed(d))
        .unwrap_or(kiosk_at)
}

/// No kiosk of this project recorded anything before this day.
pub fn earliest_event_time() -> DateTime<Utc> {
    DateTime::from_timestamp(1_577_836_800, 0).unwrap_or(DateTime::<Utc>::MIN_UTC) // 2020-01-01
}

/// How far after the server's clock an event may be (time zones, a slow server clock).
pub const EVENT_TIME_AHEAD: chrono::Duration = chrono::Duration::days(1);

/// Why an event's time cannot be right, after correcting it by the kiosk's clock
/// offset: before 2020-01-01 or more than a day after the server's clock. `None` when
/// it is sane. The server refuses such an event (one rule for push and for the
/// migration that cleans a store poisoned before the rule existed).
pub fn event_time_problem(
    at: DateTime<Utc>,
    clock_offset_ms: i64,
    server_now: DateTime<Utc>,
) -> Option<String> {
    let corrected = corrected_time(at, clock_offset_ms);
    let shown = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    if corrected < earliest_event_time() {
        Some(format!(
            "its time {} (corrected for the kiosk clock: {}) is before 2020-01-01",
            shown(at),
            shown(corrected)
        ))
    } else if server_now
        .checked_add_signed(EVENT_TIME_AHEAD)
        .is_some_and(|latest| corrected > latest)
    {
        Some(format!(
            "its time {} (corrected for the kiosk clock: {}) is more than a day after the server's clock",
            shown(at),
            shown(corrected)
        ))
    } else {
        None
    }
}

/// A kiosk clock reading that can be taken seriously enough to compute an offset from:
/// between 1970 and 2200 (a PC whose battery died shows 2000 or 1980; year 10000 is an
/// attack). Also what a kiosk accepts as the time of an event it pulls, so that every
/// stored time reads back.
pub fn plausible_clock(t: DateTime<Utc>) -> bool {
    let (Some(lo), Some(hi)) = (
        DateTime::from_timestamp(0, 0),
        DateTime::from_timestamp(7_258_118_400, 0), // 2200-01-01
    ) else {
        return false;
    };
    t >= lo && t < hi
}

/// Seqs and cursors are stored as SQLite (and PostgreSQL) signed 64-bit integers.
pub const MAX_STORABLE_SEQ: u64 = i64::MAX as u64;

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
    fn a_correction_out_of_range_does_not_panic_and_keeps_the_kiosk_time() {
        let far: DateTime<Utc> = "+10000-01-01T00:00:00Z".parse().unwrap();
        let ancient: DateTime<Utc> = "0001-01-01T00:00:00Z".parse().unwrap();
        let offset = clock_offset_ms(ancient, Utc::now());
        // Year 10000 plus two thousand years still fits: corrected, and refused later.
        assert!(corrected_time(far, offset) > far);
        assert!(event_time_problem(far, offset, Utc::now()).is_some());
        assert_eq!(
            corrected_time(DateTime::<Utc>::MAX_UTC, i64::MIN),
            DateTime::<Utc>::MAX_UTC
        );
    }

    #[test]
    fn event_times_outside_2020_to_a_day_ahead_are_refused_after_correction() {
        let now: DateTime<Utc> = "2026-11-30T12:00:00Z".parse().unwrap();
        let ok = now - chrono::Duration::days(40);
        assert_eq!(event_time_problem(ok, 0, now), None);
        let year_10000: DateTime<Utc> = "+10000-01-01T00:00:00Z".parse().unwrap();
        assert!(event_time_problem(year_10000, 0, now).is_some());
        let y2019: DateTime<Utc> = "2019-12-31T23:59:59Z".parse().unwrap();
        assert!(
            event_time_problem(y2019, 0, now)
                .unwrap()
                .contains("before 2020")
        );
        let tomorrow_and_more = now + chrono::Duration::hours(25);
        assert!(
            event_time_problem(tomorrow_and_more, 0, now)
                .unwrap()
                .contains("after")
        );
        // A kiosk whose clock reads 2001 (battery gone) still lands on the right day.
        let wrong_clock: DateTime<Utc> = "2001-01-01T09:00:00Z".parse().unwrap();
        let offset = clock_offset_ms(wrong_clock, now);
        assert_eq!(event_time_problem(wrong_clock, offset, now), None);
    }

    #[test]
    fn a_plausible_clock_is_between_1970_and_2200() {
        assert!(plausible_clock(Utc::now()));
        assert!(plausible_clock("2001-01-01T00:00:00Z".parse().unwrap()));
        assert!(!plausible_clock("0001-01-01T00:00:00Z".parse().unwrap()));
        assert!(!plausible_clock("+10000-01-01T00:00:00Z".parse().unwrap()));
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
