//! What the instructor's view and `kiosk status` show about sync.

use baeumteo_core::i18n::I18n;
use baeumteo_core::time::kst;
use baeumteo_core::wire::{CenterInfo, clock_offset_is_notable};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::SyncFailure;
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncStatus {
    pub enrolled: bool,
    pub revoked: bool,
    pub server_url: Option<String>,
    pub center: Option<CenterInfo>,
    /// This kiosk's events the server does not hold yet.
    pub events_waiting: u64,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_failure: Option<SyncFailure>,
    pub clock_offset_ms: Option<i64>,
    /// An attempt is under way right now (set by the background worker).
    pub running: bool,
    /// Changes pulled by the background worker since it started: the UI reads the log
    /// again when this grows (learners of other centers, erasures, certifications).
    #[serde(skip)]
    pub pulled_since_start: u64,
    /// Course packages the background worker installed since it started.
    #[serde(skip)]
    pub courses_installed_since_start: u32,
}

impl SyncStatus {
    pub fn load(store: &Store) -> Result<SyncStatus, StoreError> {
        let state = store.sync_state()?;
        Ok(SyncStatus {
            enrolled: state.is_enrolled(),
            revoked: state.revoked,
            server_url: state.server_url.clone(),
            center: state.center.clone(),
            events_waiting: store.last_seq()?.saturating_sub(state.pushed_seq),
            last_success_at: state.last_success_at,
            last_attempt_at: state.last_attempt_at,
            last_failure: state
                .last_failure
                .as_deref()
                .and_then(SyncFailure::from_json),
            clock_offset_ms: state.last_clock_offset_ms,
            running: false,
            pulled_since_start: 0,
            courses_installed_since_start: 0,
        })
    }

    /// The kiosk clock is far enough off to tell the instructor.
    pub fn clock_is_off(&self) -> bool {
        self.clock_offset_ms.is_some_and(clock_offset_is_notable)
    }

    /// Plain-language lines for the instructor: the state (or why the last attempt
    /// failed), the last success, what is waiting, and a clock warning if needed.
    pub fn lines(&self, t: &I18n) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.enrolled {
            lines.push(t.sync_state_not_enrolled());
        } else if self.revoked {
            lines.push(t.sync_fail_revoked());
        } else if self.running {
            lines.push(t.sync_state_running());
        } else if let Some(f) = &self.last_failure {
            lines.push(f.message(t));
        } else if self.last_success_at.is_some() {
            lines.push(t.sync_state_ok());
        }
        match self.last_success_at {
            Some(at) => lines.push(
                t.sync_last_success(
                    at.with_timezone(&kst())
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                ),
            ),
            None => lines.push(t.sync_never_synced()),
        }
        if self.events_waiting > 0 {
            lines.push(t.sync_events_waiting(self.events_waiting as i64));
        }
        if let Some(ms) = self
            .clock_offset_ms
            .filter(|ms| clock_offset_is_notable(*ms))
        {
            lines.push(t.sync_clock_off(ms.abs() / 60_000));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::i18n::Locale;

    #[test]
    fn the_instructor_reads_revocation_waiting_events_and_a_wrong_clock_in_korean() {
        let t = I18n::new(Locale::Ko);
        let status = SyncStatus {
            enrolled: true,
            revoked: true,
            events_waiting: 12,
            clock_offset_ms: Some(-9 * 60_000),
            ..SyncStatus::default()
        };
        let text = status.lines(&t).join("\n");
        assert!(
            text.contains("이 키오스크의 등록이 해제되었습니다"),
            "{text}"
        );
        assert!(text.contains("12"), "{text}");
        assert!(text.contains("9분"), "{text}");
        assert!(status.clock_is_off());
        let fine = SyncStatus {
            enrolled: true,
            last_success_at: Some(Utc::now()),
            clock_offset_ms: Some(1_000),
            ..SyncStatus::default()
        };
        let text = fine.lines(&t).join("\n");
        assert!(
            text.contains("동기화되었습니다") && !text.contains("시계"),
            "{text}"
        );
    }
}
