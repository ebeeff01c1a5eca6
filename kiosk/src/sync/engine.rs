//! One sync attempt, and enrollment.

use std::path::PathBuf;
use std::time::Duration;

use baeumteo_core::wire::{Change, MAX_PUSH_EVENTS, clock_offset_is_notable};
use chrono::Utc;

use super::{SyncClient, SyncFailure, install_course};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Events per push. Small batches get through slow, flaky links.
    pub push_batch: usize,
    pub pull_limit: u32,
    /// Per-request deadline.
    pub timeout: Duration,
    /// Where announced course packages are installed; `None` leaves them pending.
    pub courses_dir: Option<PathBuf>,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            push_batch: 100,
            pull_limit: 200,
            timeout: Duration::from_secs(30),
            courses_dir: None,
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
    /// This kiosk's events the server refused and kept aside (an impossible time, a
    /// learner of another county), and the first one's seq and reason.
    pub refused: u32,
    pub first_refusal: Option<(u64, String)>,
    /// Events pulled from the server and refused here (they would not read back).
    pub refused_from_server: u32,
    pub courses_installed: u32,
    pub clock_offset_ms: Option<i64>,
}

/// Exchanges an enrollment code for a device token and records the server.
pub fn enroll(
    store: &mut Store,
    server_url: &str,
    code: &str,
    allow_insecure_http: bool,
    timeout: Duration,
) -> Result<baeumteo_core::wire::CenterInfo, SyncFailure> {
    let client = SyncClient::new(server_url, allow_insecure_http, timeout)?;
    // Saved before it is sent: a retry after a lost answer must send the same one.
    let secret = store.enroll_secret()?;
    let answer = client.enroll(code, store.kiosk_id(), &secret)?;
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
    let mut pushed = start;
    loop {
        let events = store.events_after(pushed, batch)?;
        let Some(last) = events.last().map(|e| e.seq) else {
            break;
        };
        let answer = client.push(&events)?;
        report.clock_offset_ms = Some(answer.clock_offset_ms);
        report.conflicts += answer.conflicts.len() as u32;
        // Refused events the server kept aside count as delivered (its mark goes past
        // them); the instructor is told once the attempt is over.
        if let Some(r) = answer
            .rejected
            .iter()
            .find(|r| r.seq.is_some_and(|s| s <= answer.acked_seq))
        {
            report.refused += answer
                .rejected
                .iter()
                .filter(|r| r.seq.is_some_and(|s| s <= answer.acked_seq))
                .count() as u32;
            report
                .first_refusal
                .get_or_insert((r.seq.unwrap_or_default(), r.reason.clone()));
        }
        // Trust the server's mark even when it is lower: it may have lost data (a
        // restore from backup), and then the kiosk must send it again.
        store.record_push_answer(answer.acked_seq, answer.clock_offset_ms)?;
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
    loop {
        let answer = client.pull(cursor, options.pull_limit)?;
        report.clock_offset_ms = Some(answer.clock_offset_ms);
        for change in &answer.changes {
            match change {
                Change::Event { event, .. } => match store.insert_foreign(event) {
                    Ok(true) => report.pulled += 1,
                    Ok(false) => {}
                    // The server checks keys; a clash here means the kiosk holds an
                    // older copy under the key. Keep ours, tell the instructor.
                    Err(StoreError::Conflict { .. }) => report.conflicts += 1,
                    // Would not read back: skipped (the cursor moves on), never stored.
                    Err(StoreError::Refused { id, reason }) => {
                        tracing::warn!(%id, %reason, "event from the server refused");
                        report.refused_from_server += 1;
                    }
                    Err(e) => return Err(e.into()),
                },
                Change::Course { course, .. } => {
                    if store
                        .installed_course_version(&course.course_id)?
                        .is_none_or(|v| v < course.version)
                    {
                        store.add_pending_course(course)?;
                    }
                    report.pulled += 1;
                }
            }
        }
        // Applying is idempotent, so saving the cursor after the changes is enough: a
        // crash in between only means applying them again.
        cursor = answer.next_cursor;
        store.record_pull_answer(cursor, answer.clock_offset_ms)?;
        if !answer.more || answer.changes.is_empty() {
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
