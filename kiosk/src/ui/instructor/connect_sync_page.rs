//! The instructor's sync page (`InstructorPage::Sync`, `SyncView`): the server, the last
//! successful sync in Korea time and how long ago, the records waiting, why the last
//! attempt failed in plain Korean, a wrong clock, a revoked enrollment, and "지금 동기화".

use baeumteo_core::i18n::I18n;
use baeumteo_core::i18n::args;
use baeumteo_core::time::kst;
use chrono::{DateTime, Datelike, Utc};
use slint::ComponentHandle;

use super::super::context::Shared;
use super::super::text::joined;
use super::super::{AppWindow, Instructor, InstructorPage, Nav, Screen, SyncView};
use crate::sync::SyncStatus;

pub fn connect(app: &AppWindow, ctx: &Shared) {
    let (weak, ctx) = (app.as_weak(), ctx.clone());
    app.global::<SyncView>().on_sync_now(move || {
        let Some(app) = weak.upgrade() else { return };
        ctx.borrow_mut().touch();
        if crate::ui::background_sync::sync_now(&ctx) {
            // The worker says so itself in a moment; show it at once.
            app.global::<SyncView>().set_running(true);
        }
    });
}

/// Fills the page from the store (read through the journal thread: two small reads)
/// and the worker (whether an attempt is under way).
pub fn show(app: &AppWindow, ctx: &Shared) {
    let read = ctx
        .borrow()
        .services
        .journal
        .query(|store| SyncStatus::load(store));
    let mut status = match read {
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            tracing::error!(error = %e, "sync status could not be read");
            SyncStatus::default()
        }
        None => return,
    };
    status.running = crate::ui::background_sync::status(ctx).is_some_and(|s| s.running);
    fill(app, &ctx.borrow().services.i18n, &status, Utc::now());
}

/// The worker published a new status: refresh the page if the instructor looks at it.
pub fn status_changed(app: &AppWindow, ctx: &Shared) {
    let visible = app.global::<Nav>().get_screen() == Screen::Instructor
        && app.global::<Instructor>().get_page() == InstructorPage::Sync;
    if visible {
        show(app, ctx);
    }
}

/// Writes `status` into `SyncView`, as read at `now`.
pub fn fill(app: &AppWindow, t: &I18n, status: &SyncStatus, now: DateTime<Utc>) {
    let v = app.global::<SyncView>();
    let usable = status.enrolled && !status.revoked;
    let running = usable && status.running;
    let failure = status.last_failure.as_ref().filter(|_| usable && !running);
    let state = if !status.enrolled {
        t.sync_state_not_enrolled()
    } else if status.revoked {
        t.sync_fail_revoked()
    } else if running {
        t.sync_state_running()
    } else if let Some(f) = failure {
        f.message(t)
    } else if status.last_success_at.is_some() {
        t.sync_state_ok()
    } else {
        t.sync_never_synced()
    };
    v.set_state(joined(&state));
    v.set_alert(status.revoked || failure.is_some());
    let server = match (&status.server_url, &status.center) {
        (Some(url), Some(c)) => format!("{url} ({})", c.center_name),
        (Some(url), None) => url.clone(),
        (None, _) => t.sync_no_server(),
    };
    v.set_server(joined(&server));
    let last = match status.last_success_at {
        Some(at) => when(t, at, now),
        None => t.sync_last_never(),
    };
    v.set_last(joined(&last));
    let waiting = match status.events_waiting {
        0 => t.sync_waiting_none(),
        n => t.sync_waiting_count(n as i64),
    };
    v.set_waiting(joined(&waiting));
    let clock = match status.clock_offset_ms {
        Some(ms) if status.clock_is_off() => t.sync_clock_off(ms.abs() / 60_000),
        _ => String::new(),
    };
    v.set_clock_note(joined(&clock));
    v.set_running(running);
    v.set_can_sync(usable);
}

/// "2026년 11월 22일 15:04 (12분 전)": Korea time, and how long ago.
fn when(t: &I18n, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let local = at.with_timezone(&kst());
    // The generated accessors take the variables in alphabetical order.
    let date = t.sync_date(args::SyncDate {
        day: local.day().to_string().into(),
        month: local.month().to_string().into(),
        year: local.year().to_string().into(),
    });
    let minutes = (now - at).num_minutes();
    let ago = match minutes {
        ..1 => t.sync_ago_now(),
        1..60 => t.sync_ago_minutes(minutes),
        60..2880 => t.sync_ago_hours(minutes / 60),
        _ => t.sync_ago_days(minutes / 1440),
    };
    t.sync_last_when(args::SyncLastWhen {
        ago: ago.into(),
        date: date.into(),
        time: (local.format("%H:%M").to_string()).into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::i18n::Locale;
    use chrono::TimeZone;

    #[test]
    fn the_last_sync_reads_in_korea_time_with_how_long_ago() {
        let t = I18n::new(Locale::Ko);
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 15, 30, 0).unwrap();
        let text = when(&t, at, at + chrono::Duration::minutes(12));
        // 15:30 UTC is 00:30 the next day in Korea.
        assert_eq!(text, "2026년 11월 23일 00:30 (12분 전)");
        assert!(when(&t, at, at).contains("방금 전"));
        assert!(when(&t, at, at + chrono::Duration::hours(5)).contains("5시간 전"));
        assert!(when(&t, at, at + chrono::Duration::days(3)).contains("3일 전"));
        // A kiosk clock behind the server's must not say "-3분 전".
        assert!(when(&t, at, at - chrono::Duration::minutes(3)).contains("방금 전"));
    }
}
