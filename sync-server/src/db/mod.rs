//! The server's storage, behind one trait with a module per backend: `sqlite` (the
//! default, one file in the data folder) and `postgres` (a province's or the nation's
//! database, docs/postgresql.md). Handlers, commands and tests see only the trait and
//! `DbError`, never a driver's types. Calls block; handlers run them on tokio's
//! blocking pool. `conformance` holds the tests every backend must pass.

#[cfg(test)]
mod conformance;
mod location;
mod postgres;
mod sqlite;

use baeumteo_core::event::{Event, KioskId, LearnerId, SessionId};
use baeumteo_core::projection::{MonthlySummary, YearMonth};
use baeumteo_core::wire::{CenterInfo, CenterPage, Conflict, CourseUpdate, KioskMark, Rejection};
use chrono::{DateTime, Utc};
use thiserror::Error;
use uuid::Uuid;

use crate::authority::{self, LearnerHome, Verdict};

pub use location::{Location, is_postgres_url};
pub use postgres::{PostgresDatabase, PostgresOptions, import};
pub use sqlite::{DB_FILE, SqliteDatabase};

/// Two events are the same fact when equal, or when one is the erasure-redacted form of
/// the other (an erasure may redact a kiosk's copy before its retry arrives, or the
/// server's copy before the kiosk retries).
pub(crate) fn same_fact(a: &Event, b: &Event) -> bool {
    if a == b {
        return true;
    }
    let redact = |e: &Event| Event {
        body: e.body.redacted().unwrap_or_else(|| e.body.clone()),
        ..e.clone()
    };
    let (ra, rb) = (redact(a), redact(b));
    (ra == *a || rb == *b) && ra == rb
}

/// What a store holds under a pushed event's `(kiosk_id, seq)`.
pub(crate) enum AtSeq<'a> {
    Nothing,
    Stored(&'a Event),
    /// An event refused before and kept aside: its id and the reason.
    Refused(Uuid, &'a str),
}

/// What becomes of one pushed event: the rule of every backend (each reads what it holds
/// its own way and writes the outcome its own way).
pub(crate) enum PushStep {
    /// Held already, the same fact: a harmless repeat.
    Duplicate,
    /// The same event refused before: refused again with its reason, nothing stored.
    RefusedAgain(String),
    /// Another event holds its seq or its id: kept as a conflict.
    Conflict {
        existing_id: Uuid,
        reason: &'static str,
    },
    /// New: the handler's refusal or the authority rule decides.
    Judged(Verdict),
}

/// Decides a pushed event's fate from what is held at its seq, whether its id is taken
/// (asked only when its seq is free) and the home of the learner it changes (asked only
/// for events the authority rule looks at).
pub(crate) fn push_step(
    incoming: &Incoming,
    center: &CenterInfo,
    at_seq: AtSeq<'_>,
    id_taken: impl FnOnce() -> Result<bool, DbError>,
    home: impl FnOnce(LearnerId) -> Result<Option<LearnerHome>, DbError>,
) -> Result<PushStep, DbError> {
    const SEQ_TAKEN: &str = "a different event already holds this kiosk's seq";
    let event = &incoming.event;
    match at_seq {
        AtSeq::Stored(held) if same_fact(held, event) => return Ok(PushStep::Duplicate),
        AtSeq::Stored(held) => {
            return Ok(PushStep::Conflict {
                existing_id: held.id,
                reason: SEQ_TAKEN,
            });
        }
        AtSeq::Refused(id, reason) if id == event.id => {
            return Ok(PushStep::RefusedAgain(reason.to_owned()));
        }
        AtSeq::Refused(id, _) => {
            return Ok(PushStep::Conflict {
                existing_id: id,
                reason: SEQ_TAKEN,
            });
        }
        AtSeq::Nothing => {}
    }
    if id_taken()? {
        return Ok(PushStep::Conflict {
            existing_id: event.id,
            reason: "another event already has this id",
        });
    }
    Ok(PushStep::Judged(match &incoming.refused {
        Some(reason) => Verdict::Refuse(reason.clone()),
        None => {
            let home = match authority::learner_in_question(&event.body) {
                Some(learner) => home(learner)?,
                None => None,
            };
            authority::judge(event, center, home.as_ref())
        }
    }))
}

/// What went wrong in a store, whichever backend it is: the driver's own error is kept
/// as the source (for the log line) but its type never reaches callers, so handlers,
/// commands and tests do not depend on a backend.
#[derive(Debug, Error)]
pub enum DbError {
    #[error("{backend} error: {source}")]
    Backend {
        backend: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("cannot encode or decode a stored record: {0}")]
    Json(#[from] serde_json::Error),
    #[error("a stored record is damaged: {0}")]
    BadRow(String),
    #[error("TLS to the database: {0}")]
    Tls(String),
    #[error("not a store: {0:?}… (give postgres://USER@HOST/DB, or sqlite:DIR for a data folder)")]
    BadLocation(String),
    #[error(
        "{path} was written by a newer version of the server (schema {found}, this version knows up to {supported}); update the server"
    )]
    NewerSchema {
        path: std::path::PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("cannot create the data folder {path}: {source}")]
    CreateDir {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Why an enrollment was refused.
#[derive(Debug, Error)]
pub enum EnrollError {
    #[error("the enrollment code is unknown, already used or expired")]
    InvalidCode,
    #[error("this kiosk is already enrolled; revoke it first to enroll it again")]
    AlreadyEnrolled,
    #[error(transparent)]
    Db(#[from] DbError),
}

/// An enrolled kiosk as the server knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskRecord {
    pub kiosk_id: KioskId,
    pub center: CenterInfo,
    pub enrolled_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A kiosk with its sync health, for the dashboard and `list-kiosks`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskSummary {
    pub kiosk: KioskRecord,
    pub acked_seq: u64,
    pub events: u64,
    pub conflicts: u64,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub last_clock_offset_ms: Option<i64>,
}

/// The server's receive time and the kiosk's clock offset at this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncMeta {
    pub received_at: DateTime<Utc>,
    pub clock_offset_ms: i64,
}

/// One well-formed event of a push, with the handler's verdict on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Position in the pushed batch.
    pub index: u32,
    pub event: Event,
    /// Why the event is refused before storage looks at it (its time); the store adds
    /// its own reasons (authority over the learner, see `crate::authority`).
    pub refused: Option<String>,
}

impl Incoming {
    /// A batch of events as pushed, none refused by the handler (stores, tests, benches).
    pub fn batch(events: &[Event]) -> Vec<Incoming> {
        events
            .iter()
            .enumerate()
            .map(|(i, event)| Incoming {
                index: i as u32,
                event: event.clone(),
                refused: None,
            })
            .collect()
    }
}

/// What a push did. `index` in conflicts and refusals refers to the pushed batch.
///
/// A refused event is kept aside with its reason (in the conflicts table, without an
/// existing event) and its seq counts as held, so one bad event does not stop the
/// kiosk's later events; it never reaches statistics, pages or other kiosks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushOutcome {
    pub acked_seq: u64,
    pub stored: u32,
    pub duplicates: u32,
    pub conflicts: Vec<Conflict>,
    pub refused: Vec<Rejection>,
}

/// One change of the feed, before it is put on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedItem {
    Event(Event),
    Course(CourseUpdate),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FeedPage {
    pub items: Vec<(u64, FeedItem)>,
    pub next_cursor: u64,
    pub more: bool,
}

/// The center page of `Database::center_events_after`, the same for every backend. `kiosks`
/// are the other kiosks of the center with the seq each is held up to contiguously
/// (only that far is safe to hand on: a seq missing below it could still arrive);
/// `read(kiosk, after, upto, limit)` gives that kiosk's events with `after < seq <=
/// upto`, in seq order, without the kinds the page leaves out.
pub(crate) fn center_page(
    kiosks: &[(KioskId, u64)],
    marks: &[KioskMark],
    limit: u32,
    mut read: impl FnMut(KioskId, u64, u64, u32) -> Result<Vec<Event>, DbError>,
) -> Result<CenterPage, DbError> {
    let mut page = CenterPage {
        events: Vec::new(),
        marks: Vec::new(),
        more: false,
    };
    for &(kiosk_id, held) in kiosks {
        let after = marks
            .iter()
            .find(|m| m.kiosk_id == kiosk_id)
            .map_or(0, |m| m.seq);
        if held <= after {
            continue;
        }
        let room = limit.saturating_sub(page.events.len() as u32);
        if room == 0 {
            page.more = true;
            break;
        }
        let events = read(kiosk_id, after, held, room)?;
        let full = events.len() as u32 >= room;
        let seq = match events.last() {
            Some(last) if full => last.seq,
            _ => held,
        };
        page.events.extend(events);
        page.marks.push(KioskMark { kiosk_id, seq });
        if full && seq < held {
            page.more = true;
            break;
        }
    }
    Ok(page)
}

/// A synced certificate, with what `/verify` and the activist registry show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRecord {
    pub certificate_no: String,
    pub verification_code: String,
    pub learner_id: LearnerId,
    pub course_id: String,
    /// Hours counted towards the certificate, in minutes.
    pub minutes: u32,
    /// When it was issued, corrected for the issuing kiosk's clock.
    pub issued_at: DateTime<Utc>,
    pub kiosk_id: KioskId,
    /// The issuing kiosk's center.
    pub center: CenterInfo,
    pub holder: Holder,
}

/// Who holds a certificate, as far as the server knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    Named(String),
    /// The holder asked for erasure: the certificate stays, the name is gone.
    Erased,
    /// The registration has not reached the server (yet).
    Unknown,
}

/// Monthly figures of one center and course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsCell {
    pub center: CenterInfo,
    pub summary: MonthlySummary,
}

/// A month of a center whose figures pushes changed, with the generation of its mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirtyMonth {
    pub center: CenterInfo,
    pub month: YearMonth,
    pub generation: u64,
}

/// One view or export of personal data on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    pub at: DateTime<Utc>,
    /// The name the admin token was made for.
    pub who: String,
    /// What was seen, e.g. `registry` or `registry.csv`.
    pub what: String,
    pub purpose: String,
}

/// A staff session about to start: only the hash of its id is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaffSession {
    pub session_hash: String,
    /// The admin token it was opened with: revoking the token ends the session.
    pub admin_token_hash: String,
    /// The name the admin token was made for.
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Event kinds about activists' service and certificates after issue, kept in an index
/// of their own (migration 0007) for the registry, the allowance and `/verify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivistKind {
    ServiceLogged,
    ServiceConfirmed,
    CertificateRevoked,
}

impl ActivistKind {
    pub const ALL: [ActivistKind; 3] = [
        ActivistKind::ServiceLogged,
        ActivistKind::ServiceConfirmed,
        ActivistKind::CertificateRevoked,
    ];

    /// The stored `kind` column's value.
    pub fn stored(self) -> &'static str {
        match self {
            ActivistKind::ServiceLogged => "service_logged",
            ActivistKind::ServiceConfirmed => "service_confirmed",
            ActivistKind::CertificateRevoked => "certificate_revoked",
        }
    }

    /// The three stored kinds for an SQL `IN` list (literal, so a partial index matches);
    /// `kinds` narrows it through a second condition.
    fn sql_filter(kinds: &[ActivistKind]) -> String {
        let all: Vec<String> = ActivistKind::ALL
            .iter()
            .map(|k| format!("'{}'", k.stored()))
            .collect();
        let wanted: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.stored())).collect();
        let wanted = if wanted.is_empty() {
            "NULL".to_owned()
        } else {
            wanted.join(", ")
        };
        format!("e.kind IN ({}) AND e.kind IN ({wanted})", all.join(", "))
    }
}

/// An event of an [`ActivistKind`] as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivistEvent {
    pub event: Event,
    pub clock_offset_ms: i64,
    /// The county of the kiosk that recorded it (who may revoke what is judged by it).
    pub county: String,
}

pub trait Database: Send + Sync + 'static {
    /// Stores a new enrollment code (only its hash).
    fn create_enroll_code(
        &self,
        code_hash: &str,
        center: &CenterInfo,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), DbError>;

    /// Uses up a code and binds the kiosk to a new token (only its hash is kept). A code
    /// once redeemed works again only for the same kiosk with the same secret (its
    /// hash, `secret_hash`), to replace a token whose answer was lost.
    fn enroll(
        &self,
        code_hash: &str,
        kiosk_id: KioskId,
        secret_hash: Option<&str>,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<CenterInfo, EnrollError>;

    /// The Ed25519 key that signs course packages, made on first use.
    fn course_signing_key(&self) -> Result<[u8; 32], DbError>;

    /// The kiosk holding this token, revoked or not.
    fn kiosk_by_token(&self, token_hash: &str) -> Result<Option<KioskRecord>, DbError>;

    /// Returns false when there is no such kiosk.
    fn revoke_kiosk(&self, kiosk_id: KioskId, now: DateTime<Utc>) -> Result<bool, DbError>;

    /// Stores the kiosk's events (all already checked to be its own), each at most once,
    /// in one transaction. Keeps the statistics' bookkeeping with them: each stored
    /// event's month (`crate::statistics::stats_month`), the months of each class session,
    /// and the months of the center marked dirty (`crate::statistics::months_changed`).
    fn push(
        &self,
        kiosk: &KioskRecord,
        events: &[Incoming],
        meta: SyncMeta,
    ) -> Result<PushOutcome, DbError>;

    /// The changes after `cursor` this kiosk should see.
    fn pull(
        &self,
        kiosk: &KioskRecord,
        cursor: u64,
        limit: u32,
        meta: SyncMeta,
    ) -> Result<FeedPage, DbError>;

    /// The events of the other kiosks of this kiosk's center after `marks` (a kiosk
    /// missing there from seq 1), kiosk by kiosk in seq order, at most `limit`; the
    /// kinds in `wire::NOT_IN_CENTER_PAGE` are skipped (see `wire::CenterPage`).
    fn center_events_after(
        &self,
        kiosk: &KioskRecord,
        marks: &[KioskMark],
        limit: u32,
    ) -> Result<CenterPage, DbError>;

    fn kiosks(&self) -> Result<Vec<KioskSummary>, DbError>;

    /// Every stored event of one kiosk, in seq order.
    fn kiosk_events(&self, kiosk_id: KioskId) -> Result<Vec<Event>, DbError>;

    /// Adds a new version of a course package, signed with the course key.
    /// `Err(latest)` when `version` is not newer than the latest published one.
    fn publish_course(
        &self,
        course_id: &str,
        version: u32,
        package: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Result<CourseUpdate, u32>, DbError>;

    fn course_package(&self, course_id: &str, version: u32) -> Result<Option<Vec<u8>>, DbError>;

    /// Certificates with this number (normally one; see the migration), with holder.
    fn certificates_by_number(
        &self,
        certificate_no: &str,
    ) -> Result<Vec<CertificateRecord>, DbError>;

    /// Every certificate, oldest first, for the activist registry.
    fn certificates(&self) -> Result<Vec<CertificateRecord>, DbError>;

    /// The stored events of the given [`ActivistKind`]s (service sessions, their
    /// confirmations, certificate revocations) in (kiosk, seq) order, each with its
    /// kiosk's clock offset at arrival and county. Read through an index of these kinds.
    fn activist_events(&self, kinds: &[ActivistKind]) -> Result<Vec<ActivistEvent>, DbError>;

    /// Centers whose figures must be recomputed whole (their kiosks changed, or the
    /// store was upgraded), with their generation. Pushes mark months instead.
    fn dirty_centers(&self) -> Result<Vec<(CenterInfo, u64)>, DbError>;

    /// Every event of the kiosks of a center, each with the clock offset recorded when
    /// it arrived.
    fn center_events(&self, center: &CenterInfo) -> Result<Vec<(Event, i64)>, DbError>;

    /// Months of centers that pushes changed since they were last computed.
    fn dirty_months(&self) -> Result<Vec<DirtyMonth>, DbError>;

    /// The events of the kiosks of a center whose statistics month (clock-corrected) is
    /// within `from..=to`, each with the clock offset recorded when it arrived.
    fn center_events_in_months(
        &self,
        center: &CenterInfo,
        from: YearMonth,
        to: YearMonth,
    ) -> Result<Vec<(Event, i64)>, DbError>;

    /// The first and last month of the stored events of these class sessions (any
    /// center); `None` when none is known.
    fn session_months(
        &self,
        sessions: &[SessionId],
    ) -> Result<Option<(YearMonth, YearMonth)>, DbError>;

    /// Replaces a center's cached figures of these months with `rows`; clears each
    /// month's mark when no push came in since its generation was read. Returns whether
    /// every mark was cleared.
    fn store_center_months(
        &self,
        center: &CenterInfo,
        months: &[(YearMonth, u64)],
        rows: &[MonthlySummary],
    ) -> Result<bool, DbError>;

    /// Replaces a center's cached figures; clears its dirty mark when no push came in
    /// since `generation` was read. Returns whether the mark was cleared.
    fn store_center_stats(
        &self,
        center: &CenterInfo,
        generation: u64,
        rows: &[MonthlySummary],
    ) -> Result<bool, DbError>;

    /// Every cached figure, by month, center and course.
    fn stats_cells(&self) -> Result<Vec<StatsCell>, DbError>;

    /// Stores a new admin token (only its hash) for a named person.
    fn create_admin_token(
        &self,
        token_hash: &str,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DbError>;

    /// Revokes every admin token made for this name; returns how many were live.
    fn revoke_admin_tokens(&self, name: &str, now: DateTime<Utc>) -> Result<usize, DbError>;

    /// How many admin tokens are live (none: the server says how to make one).
    fn live_admin_tokens(&self) -> Result<u64, DbError>;

    /// The name of the person holding this admin token, unless unknown or revoked.
    fn admin_by_token(&self, token_hash: &str) -> Result<Option<String>, DbError>;

    fn log_access(&self, entry: &AccessEntry) -> Result<(), DbError>;

    /// The latest entries of the access log, newest first.
    fn access_log(&self, limit: u32) -> Result<Vec<AccessEntry>, DbError>;

    // Staff sessions of the dashboard.

    /// Starts a staff session (and forgets sessions that ended long ago).
    fn create_staff_session(&self, session: &NewStaffSession) -> Result<(), DbError>;

    /// The staff name of a live session: known, not expired, not ended at logout, and
    /// its admin token not revoked.
    fn staff_by_session(
        &self,
        session_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, DbError>;

    /// Ends a session (logout); false when there was no such live session.
    fn revoke_staff_session(&self, session_hash: &str, now: DateTime<Utc>)
    -> Result<bool, DbError>;
}
