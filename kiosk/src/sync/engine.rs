//! One sync attempt, and enrollment.

use std::path::PathBuf;
use std::time::Duration;

use baeumteo_core::event::Event;
use baeumteo_core::wire::{Change, MAX_PUSH_EVENTS, clock_offset_is_notable};
use chrono::Utc;

use super::{SyncClient, SyncFailure, install_course};
use crate::store::{Applied, Store, StoreError};

#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Most events per push; a batch also stops at `push_batch_bytes` of JSON (before
    /// gzip), so a month offline goes in a few dozen requests, each small enough for a
    /// weak link.
    pub push_batch: usize,
    pub push_batch_bytes: usize,
    pub pull_limit: u32,
    /// Per-request deadline.
    pub timeout: Duration,
    /// Where announced course packages are installed; `None` leaves them pending.
    pub courses_dir: Option<PathBuf>,
    /// The longest `Retry-After` waited out inside an attempt; a longer one ends the
    /// attempt (the background worker comes back later).
    pub max_retry_wait: Duration,
    /// Told after every answer (a progress bar when a person is watching).
    pub progress: Option<ProgressSink>,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            push_batch: 2_000,
            push_batch_bytes: 512 * 1024,
            pull_limit: 2_000,
            timeout: Duration::from_secs(30),
            courses_dir: None,
            max_retry_wait: Duration::from_secs(30),
            progress: None,
        }
    }
}

/// How far an attempt has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncProgress {
    /// This kiosk's events the server now holds, of those waiting when it started.
    pub sent: u64,
    pub to_send: u64,
    /// Changes received from the server so far (their total is not known ahead).
    pub received: u64,
}

/// A callback for [`SyncProgress`]; cheap to clone.
#[derive(Clone)]
pub struct ProgressSink(pub std::sync::Arc<dyn Fn(SyncProgress) + Send + Sync>);

impl std::fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressSink")
    }
}

impl SyncOptions {
    fn tell(&self, progress: SyncProgress) {
        if let Some(sink) = &self.progress {
            (sink.0)(progress);
        }
    }
}

/// Runs `request`, waiting out a short `Retry-After` (the server asks this kiosk to
/// slow down) up to `options.max_retry_wait` each time, a few times at most.
fn patiently<T>(
    options: &SyncOptions,
    mut request: impl FnMut() -> Result<T, SyncFailure>,
) -> Result<T, SyncFailure> {
    let mut waits = 0;
    loop {
        match request() {
            Err(SyncFailure::RateLimited {
                retry_after_secs: Some(secs),
            }) if waits < 20 && Duration::from_secs(secs) <= options.max_retry_wait => {
                waits += 1;
                tracing::debug!(secs, "the server asks to wait");
                std::thread::sleep(Duration::from_secs(secs.max(1)));
            }
            other => return other,
        }
    }
}

/// What one attempt did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// This kiosk's events the server acknowledged during the attempt.
    pub pushed: u64,
    /// Changes from the server applied to the store (new ones only).
    pub pulled: u64,
    pub conflicts: u32,
    /// The first of this kiosk's events the server refused and kept aside (an
    /// impossible time, a learner of another county): its seq and reason.
    pub first_refusal: Option<(u64, String)>,
    /// Events pulled from the server and refused here (they would not read back).
    pub refused_from_server: u32,
    pub courses_installed: u32,
    pub clock_offset_ms: Option<i64>,
}

/// Exchanges an enrollment code for a device token and records the server.
///
/// A kiosk serves one center. When it already has one (set up on the kiosk) and the
/// code was made for another, the enrollment is not recorded and the failure names both
/// — unless `adopt_server_center`, when the kiosk takes the server's center (as a
/// `CenterConfigured` event, so certificates issued from now on name it). The code stays
/// redeemable by this kiosk (its secret proves it), so enrolling again with
/// `adopt_server_center` or after fixing the set-up needs no new code.
pub fn enroll(
    store: &mut Store,
    server_url: &str,
    code: &str,
    allow_insecure_http: bool,
    timeout: Duration,
    adopt_server_center: bool,
) -> Result<baeumteo_core::wire::CenterInfo, SyncFailure> {
    let client = SyncClient::new(server_url, allow_insecure_http, timeout)?;
    // Saved before it is sent: a retry after a lost answer must send the same one.
    let secret = store.enroll_secret()?;
    let answer = client.enroll(code, store.kiosk_id(), &secret)?;
    if let Some(own) = store.center()? {
        let same = |a: &str, b: &str| {
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            squeeze(a) == squeeze(b)
        };
        let server = &answer.center;
        let matches = same(&own.center_name, &server.center_name)
            && same(&own.county, &server.county)
            && same(&own.township, &server.township);
        if !matches && !adopt_server_center {
            return Err(SyncFailure::CenterMismatch {
                kiosk_center: format!("{} {} {}", own.county, own.township, own.center_name),
                server_center: format!(
                    "{} {} {}",
                    server.county, server.township, server.center_name
                ),
            });
        }
        if !matches {
            store.append(baeumteo_core::event::EventBody::CenterConfigured {
                center_name: server.center_name.clone(),
                county: server.county.clone(),
                township: server.township.clone(),
            })?;
        }
    }
    store.record_enrollment(
        server_url.trim(),
        &answer.token,
        allow_insecure_http,
        &answer.center,
        Utc::now(),
    )?;
    store.set_course_key(&answer.course_key)?;
    Ok(answer.center)
}

/// One attempt: push, pull, install courses. The outcome is recorded in the store
/// (last success or the failure), and progress is saved after every server answer.
pub fn sync_once(store: &mut Store, options: &SyncOptions) -> Result<SyncReport, SyncFailure> {
    let state = store.sync_state()?;
    let (Some(url), Some(token)) = (state.server_url.clone(), state.token.clone()) else {
        return Err(SyncFailure::NotEnrolled);
    };
    if state.revoked {
        return Err(SyncFailure::Revoked);
    }
    let mut report = SyncReport::default();
    let result = SyncClient::new(&url, state.allow_insecure_http, options.timeout)
        .map(|c| c.with_token(&token))
        .and_then(|client| run(store, &client, options, &mut report));
    let now = Utc::now();
    match &result {
        Ok(()) => store.record_sync_attempt(now, None)?,
        Err(failure) => {
            if matches!(failure, SyncFailure::Revoked) {
                store.set_sync_revoked()?;
            }
            store.record_sync_attempt(now, Some(&failure.to_json()))?;
        }
    }
    if let Some(offset) = report.clock_offset_ms
        && clock_offset_is_notable(offset)
    {
        tracing::warn!(offset_ms = offset, "kiosk clock is off");
    }
    result.map(|()| report)
}

fn run(
    store: &mut Store,
    client: &SyncClient,
    options: &SyncOptions,
    report: &mut SyncReport,
) -> Result<(), SyncFailure> {
    push(store, client, options, report)?;
    pull(store, client, options, report)?;
    install_pending(store, client, options, report)?;
    if report.conflicts > 0 {
        return Err(SyncFailure::Conflicts {
            count: report.conflicts,
        });
    }
    if let Some((seq, reason)) = report.first_refusal.clone() {
        return Err(SyncFailure::Rejected { seq, reason });
    }
    Ok(())
}

fn push(
    store: &mut Store,
    client: &SyncClient,
    options: &SyncOptions,
    report: &mut SyncReport,
) -> Result<(), SyncFailure> {
    let batch = options.push_batch.clamp(1, MAX_PUSH_EVENTS);
    let start = store.sync_state()?.pushed_seq;
    let to_send = store.last_seq()?.saturating_sub(start);
    let mut pushed = start;
    let mut rewound = false;
    if to_send == 0 && start > 0 {
        // Nothing waiting: an empty push asks what the server still holds, so that a
        // server restored from an older backup gets back what it lost even from a
        // kiosk that records nothing new.
        let answer = patiently(options, || client.push(&[]))?;
        report.clock_offset_ms = Some(answer.clock_offset_ms);
        if answer.acked_seq < start {
            store.record_push_answer(answer.acked_seq, answer.clock_offset_ms)?;
            pushed = answer.acked_seq;
            rewound = true;
        }
    }
    loop {
        let mut events = store.events_after(pushed, batch)?;
        // Cut the batch at its byte budget (at least one event goes).
        let mut bytes = 0;
        let keep = events
            .iter()
            .position(|e| {
                bytes += serde_json::to_vec(e).map(|v| v.len()).unwrap_or(0);
                bytes > options.push_batch_bytes
            })
            .unwrap_or(events.len())
            .max(1);
        events.truncate(keep);
        let Some(last) = events.last().map(|e| e.seq) else {
            break;
        };
        let answer = patiently(options, || client.push(&events))?;
        report.clock_offset_ms = Some(answer.clock_offset_ms);
        report.conflicts += answer.conflicts.len() as u32;
        // Refused events the server kept aside count as delivered (its mark goes past
        // them); the instructor is told once the attempt is over.
        if let Some(r) = answer
            .rejected
            .iter()
            .find(|r| r.seq.is_some_and(|s| s <= answer.acked_seq))
        {
            report
                .first_refusal
                .get_or_insert((r.seq.unwrap_or_default(), r.reason.clone()));
        }
        // Trust the server's mark even when it is lower: it may have lost data (a
        // restore from backup), and then the kiosk must send it again.
        store.record_push_answer(answer.acked_seq, answer.clock_offset_ms)?;
        options.tell(SyncProgress {
            sent: answer.acked_seq.saturating_sub(start).min(to_send),
            to_send,
            received: 0,
        });
        if answer.acked_seq >= last {
            pushed = answer.acked_seq;
            continue;
        }
        // The server could not take the batch up to its end: a rejected event.
        if let Some(r) = answer.rejected.first() {
            return Err(SyncFailure::Rejected {
                seq: r.seq.unwrap_or_default(),
                reason: r.reason.clone(),
            });
        }
        // The server holds less than it once acknowledged: it was restored from a
        // backup. Send again from its mark, once an attempt (it holds that much
        // contiguously, so the next batch goes on from there).
        if answer.acked_seq < pushed && !rewound {
            rewound = true;
            pushed = answer.acked_seq;
            continue;
        }
        if answer.acked_seq <= pushed {
            return Err(SyncFailure::BadResponse {
                detail: format!(
                    "the server holds up to seq {} after a batch ending at {last}",
                    answer.acked_seq
                ),
            });
        }
        pushed = answer.acked_seq;
    }
    report.pushed = pushed.saturating_sub(start);
    Ok(())
}

fn pull(
    store: &mut Store,
    client: &SyncClient,
    options: &SyncOptions,
    report: &mut SyncReport,
) -> Result<(), SyncFailure> {
    let mut cursor = store.sync_state()?.pull_cursor;
    let to_send = report.pushed;
    let mut received = 0u64;
    loop {
        let marks = store.center_marks()?;
        let answer = patiently(options, || {
            client.pull(cursor, options.pull_limit, Some(marks.clone()))
        })?;
        let center = answer.center.as_ref();
        received += answer.changes.len() as u64 + center.map_or(0, |c| c.events.len() as u64);
        options.tell(SyncProgress {
            sent: to_send,
            to_send,
            received,
        });
        report.clock_offset_ms = Some(answer.clock_offset_ms);
        for change in &answer.changes {
            if let Change::Course { course, .. } = change {
                if store
                    .installed_course_version(&course.course_id)?
                    .is_none_or(|v| v < course.version)
                {
                    store.add_pending_course(course)?;
                }
                report.pulled += 1;
            }
        }
        // The feed's events first (profiles before the progress that names them), then
        // the center's, all in one transaction with the center marks.
        let events: Vec<&Event> = answer
            .changes
            .iter()
            .filter_map(|c| match c {
                Change::Event { event, .. } => Some(event),
                Change::Course { .. } => None,
            })
            .chain(center.into_iter().flat_map(|c| c.events.iter()))
            .collect();
        let marks = center.map_or(&[][..], |c| &c.marks[..]);
        for applied in store.apply_pulled(&events, marks)? {
            match applied {
                Applied::New => report.pulled += 1,
                Applied::Held => {}
                // The server checks keys; a clash here means the kiosk holds an
                // older copy under the key. Keep ours, tell the instructor.
                Applied::NotStored(StoreError::Conflict { .. }) => report.conflicts += 1,
                // Would not read back: skipped (the cursor moves on), never stored.
                Applied::NotStored(e) => {
                    tracing::warn!(error = %e, "event from the server refused");
                    report.refused_from_server += 1;
                }
            }
        }
        // Applying is idempotent, so saving the cursor after the changes is enough: a
        // crash in between only means applying them again.
        cursor = answer.next_cursor;
        store.record_pull_answer(cursor, answer.clock_offset_ms)?;
        let feed_more = answer.more && !answer.changes.is_empty();
        // The center page has more when the feed took its room, or when it moved on.
        let center_more = center.is_some_and(|c| c.more && (feed_more || !c.marks.is_empty()));
        if !feed_more && !center_more {
            return Ok(());
        }
    }
}

fn install_pending(
    store: &mut Store,
    client: &SyncClient,
    options: &SyncOptions,
    report: &mut SyncReport,
) -> Result<(), SyncFailure> {
    let Some(dir) = &options.courses_dir else {
        return Ok(());
    };
    let key = store.course_key()?;
    let mut first_failure = None;
    for update in store.pending_courses()? {
        let outcome = client
            .course_package(&update.course_id, update.version, update.size)
            .and_then(|package| {
                install_course(dir, &update, &package, key.as_deref()).map_err(|e| {
                    SyncFailure::Course {
                        course_id: update.course_id.clone(),
                        version: update.version,
                        detail: e.to_string(),
                    }
                })
            });
        match outcome {
            Ok(()) => {
                store.record_course_installed(&update, Utc::now())?;
                report.courses_installed += 1;
            }
            Err(e) => {
                tracing::warn!(course = %update.course_id, error = %e, "course update failed");
                first_failure.get_or_insert(e);
            }
        }
    }
    first_failure.map_or(Ok(()), Err)
}
