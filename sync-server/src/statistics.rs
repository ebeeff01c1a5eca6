//! County statistics: per month, center and course, the figures of core's
//! `monthly_summary` (the one place those rules live), computed from each center's
//! synced events with every kiosk timestamp corrected by the clock offset the server
//! recorded when the event arrived — a kiosk whose clock was wrong still lands in the
//! right day and month.
//!
//! Figures are cached per center and month in the store. A push marks the months it
//! changes (see [`months_changed`]); the next request recomputes only those months, from
//! the events that can affect them (see [`refresh`]), so the numbers are always those of
//! a full recomputation without replaying a center's whole history. A center whose
//! kiosks changed (a kiosk enrolled at another center, an upgrade) is recomputed whole.

use std::collections::{BTreeMap, BTreeSet};

use baeumteo_core::event::{Event, EventBody, SessionId};
use baeumteo_core::projection::{MonthlySummary, YearMonth, log_order, monthly_summary};
use baeumteo_core::wire::{CenterInfo, corrected_time};
use serde::Serialize;

use crate::db::{Database, DbError, DirtyMonth, StatsCell};

/// One line of the county's statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StatsRow {
    /// Korean calendar month, `YYYY-MM`.
    pub month: String,
    pub county: String,
    pub township: String,
    pub center_name: String,
    pub course_id: String,
    /// Sessions of the course opened that month with at least one check-in.
    pub sessions_held: u32,
    /// Distinct learners of the course that month (attended or studied).
    pub learners: u32,
    pub attendance_minutes: u32,
    /// Minutes on the course's lesson steps at a kiosk outside class (core's rule).
    pub self_study_minutes: u32,
    /// Distinct (learner, lesson) pairs completed that month.
    pub lessons_completed: u32,
    pub certifications: u32,
}

impl StatsRow {
    /// Puts rows in the one order tests compare them in: month, county, township,
    /// center, course.
    pub fn sort(rows: &mut [StatsRow]) {
        rows.sort_by(|a, b| {
            (
                &a.month,
                &a.county,
                &a.township,
                &a.center_name,
                &a.course_id,
            )
                .cmp(&(
                    &b.month,
                    &b.county,
                    &b.township,
                    &b.center_name,
                    &b.course_id,
                ))
        });
    }

    fn from_cell(cell: StatsCell) -> StatsRow {
        let s = cell.summary;
        StatsRow {
            month: s.month.to_string(),
            county: cell.center.county,
            township: cell.center.township,
            center_name: cell.center.center_name,
            course_id: s.course_id,
            sessions_held: s.sessions_held,
            learners: s.learners,
            attendance_minutes: s.attendance_minutes,
            self_study_minutes: s.self_study_minutes,
            lessons_completed: s.lessons_completed,
            certifications: s.certifications,
        }
    }
}

/// Which rows to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsFilter {
    pub from: Option<YearMonth>,
    pub to: Option<YearMonth>,
    pub center_name: Option<String>,
}

impl StatsFilter {
    fn keeps(&self, cell: &StatsCell) -> bool {
        self.from.is_none_or(|m| cell.summary.month >= m)
            && self.to.is_none_or(|m| cell.summary.month <= m)
            && self
                .center_name
                .as_deref()
                .is_none_or(|c| c == cell.center.center_name)
    }
}

/// The figures of one center's events: kiosk times corrected, replayed in log order.
pub fn center_summary(events: Vec<(Event, i64)>) -> Vec<MonthlySummary> {
    let mut corrected: Vec<Event> = events
        .into_iter()
        .map(|(mut e, offset)| {
            e.at = corrected_time(e.at, offset);
            e
        })
        .collect();
    log_order(&mut corrected);
    monthly_summary(&corrected)
}

/// The Korean month an event counts in for statistics: its kiosk time corrected by
/// the clock offset the server saw when it arrived.
pub fn stats_month(event: &Event, clock_offset_ms: i64) -> YearMonth {
    YearMonth::of_instant(corrected_time(event.at, clock_offset_ms))
}

/// The class session an attendance event belongs to.
pub fn session_of(body: &EventBody) -> Option<SessionId> {
    match body {
        EventBody::SessionOpened { session_id, .. }
        | EventBody::SessionClosed { session_id }
        | EventBody::CheckedIn { session_id, .. }
        | EventBody::CheckedOut { session_id, .. } => Some(*session_id),
        _ => None,
    }
}

pub fn next_month(m: YearMonth) -> YearMonth {
    if m.month == 12 {
        YearMonth {
            year: m.year + 1,
            month: 1,
        }
    } else {
        YearMonth {
            month: m.month + 1,
            ..m
        }
    }
}

pub fn previous_month(m: YearMonth) -> YearMonth {
    if m.month == 1 {
        YearMonth {
            year: m.year - 1,
            month: 12,
        }
    } else {
        YearMonth {
            month: m.month - 1,
            ..m
        }
    }
}

/// The months whose figures a newly stored event can change. By core's rules
/// (summary.rs, attendance.rs) an event counts in its own month, except attendance: a
/// session counts as held in the month it was opened, and a check-in interval runs from
/// the check-in to the check-out or close (whenever recorded) for at most 8 hours, so
/// it can reach into the month after. Hence for a session event: every month from the
/// session's first event to the month after its last (`session_span`, this event
/// included).
pub fn months_changed(
    month: YearMonth,
    session_span: Option<(YearMonth, YearMonth)>,
) -> Vec<YearMonth> {
    let Some((first, last)) = session_span else {
        return vec![month];
    };
    let (first, last) = (first.min(month), next_month(last.max(month)));
    let mut out = Vec::new();
    let mut m = first;
    while m <= last {
        out.push(m);
        m = next_month(m);
    }
    out
}

/// A center as a map key: county, township, name.
type CenterKey = (String, String, String);

/// Dirty months with the generation of their mark.
type MonthMarks = Vec<(YearMonth, u64)>;

/// Recomputes what pushes have changed since the last request: whole centers first
/// (their kiosks changed), then the dirty months of each center.
pub fn refresh(db: &dyn Database) -> Result<(), DbError> {
    let dirty_months = db.dirty_months()?;
    let mut by_center: BTreeMap<CenterKey, (CenterInfo, MonthMarks)> = BTreeMap::new();
    for DirtyMonth {
        center,
        month,
        generation,
    } in dirty_months
    {
        let key = (
            center.county.clone(),
            center.township.clone(),
            center.center_name.clone(),
        );
        by_center
            .entry(key)
            .or_insert_with(|| (center, Vec::new()))
            .1
            .push((month, generation));
    }
    for (center, generation) in db.dirty_centers()? {
        let summary = center_summary(db.center_events(&center)?);
        if !db.store_center_stats(&center, generation, &summary)? {
            // A push came in while computing: the stored figures are of the data read,
            // and the center stays marked for the next request.
            tracing::debug!(center = %center.center_name, "center changed during refresh");
        }
        // The whole center was read after its months were: their marks go too.
        let key = (
            center.county.clone(),
            center.township.clone(),
            center.center_name.clone(),
        );
        if let Some((_, months)) = by_center.remove(&key) {
            let wanted: BTreeSet<YearMonth> = months.iter().map(|(m, _)| *m).collect();
            let rows: Vec<MonthlySummary> = summary
                .into_iter()
                .filter(|s| wanted.contains(&s.month))
                .collect();
            db.store_center_months(&center, &months, &rows)?;
        }
    }
    for (center, mut months) in by_center.into_values() {
        months.sort();
        // Runs of consecutive months are computed together; a gap between two dirty
        // months (an old backlog event and this week's) is not read at all.
        let mut runs: Vec<MonthMarks> = Vec::new();
        for m in months {
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|(l, _)| next_month(*l) == m.0) => run.push(m),
                _ => runs.push(vec![m]),
            }
        }
        for run in runs {
            let wanted: BTreeSet<YearMonth> = run.iter().map(|(m, _)| *m).collect();
            let rows = months_summary(db, &center, &wanted)?;
            if !db.store_center_months(&center, &run, &rows)? {
                tracing::debug!(center = %center.center_name, "months changed during refresh");
            }
        }
    }
    Ok(())
}

/// The figures of some months of one center, exactly as a full recomputation gives them,
/// from the events that can affect them: every event of those months and the month
/// before (a check-in late on the last day counts into the next month), and every
/// event of each class session seen there, whenever recorded (its opening decides
/// its month and course, its check-outs and close end its intervals). Sessions seen
/// only in the months read to complete those do not count in `wanted` (their intervals
/// start elsewhere and last at most 8 hours) and are left out.
pub fn months_summary(
    db: &dyn Database,
    center: &CenterInfo,
    wanted: &BTreeSet<YearMonth>,
) -> Result<Vec<MonthlySummary>, DbError> {
    let (Some(first), Some(last)) = (wanted.first(), wanted.last()) else {
        return Ok(Vec::new());
    };
    let (from, to) = (previous_month(*first), *last);
    let events = db.center_events_in_months(center, from, to)?;
    let sessions: BTreeSet<SessionId> = events
        .iter()
        .filter_map(|(e, _)| session_of(&e.body))
        .collect();
    let (mut lo, mut hi) = (from, to);
    if let Some((a, b)) = db.session_months(&sessions.iter().copied().collect::<Vec<_>>())? {
        (lo, hi) = (lo.min(a), hi.max(b));
    }
    let events = if (lo, hi) == (from, to) {
        events
    } else {
        db.center_events_in_months(center, lo, hi)?
    };
    let relevant: Vec<(Event, i64)> = events
        .into_iter()
        .filter(|(e, _)| session_of(&e.body).is_none_or(|s| sessions.contains(&s)))
        .collect();
    Ok(center_summary(relevant)
        .into_iter()
        .filter(|s| wanted.contains(&s.month))
        .collect())
}

/// Up-to-date statistics, filtered.
pub fn statistics(db: &dyn Database, filter: &StatsFilter) -> Result<Vec<StatsRow>, DbError> {
    refresh(db)?;
    Ok(db
        .stats_cells()?
        .into_iter()
        .filter(|c| filter.keeps(c))
        .map(StatsRow::from_cell)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Incoming, KioskRecord, PostgresDatabase, SqliteDatabase, SyncMeta};
    use crate::secrets::{enroll_code_hash, new_enroll_code, new_token, token_hash};
    use baeumteo_core::event::{KioskId, LearnerId};
    use chrono::{DateTime, Duration, TimeZone, Utc};
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    use uuid::Uuid;

    fn enrolled(db: &dyn Database, center: &CenterInfo) -> KioskRecord {
        enrolled_as(db, center, Uuid::now_v7())
    }

    fn enrolled_as(db: &dyn Database, center: &CenterInfo, kiosk_id: KioskId) -> KioskRecord {
        let code = new_enroll_code();
        let now = Utc::now();
        db.create_enroll_code(
            &enroll_code_hash(&code),
            center,
            now,
            now + Duration::days(1),
        )
        .unwrap();
        let token = new_token();
        db.enroll(
            &enroll_code_hash(&code),
            kiosk_id,
            None,
            &token_hash(&token),
            now,
        )
        .unwrap();
        db.kiosk_by_token(&token_hash(&token)).unwrap().unwrap()
    }

    /// A kiosk's history made to hit the edges of the rules: classes late at night on
    /// the last day of a month, check-outs forgotten (closed next month, or never),
    /// overlapping sessions, a clock that jumps back, certificates and lessons.
    fn history(rng: &mut StdRng, kiosk: KioskId, months: u32) -> Vec<Event> {
        let start = Utc.with_ymd_and_hms(2025, 12, 20, 0, 0, 0).unwrap();
        let learners: Vec<LearnerId> = (0..8).map(|_| Uuid::now_v7()).collect();
        let mut events: Vec<Event> = Vec::new();
        let mut add = |at: DateTime<Utc>, body: EventBody| {
            let seq = events.len() as u64 + 1;
            events.push(Event {
                id: Uuid::now_v7(),
                kiosk_id: kiosk,
                seq,
                at,
                body,
            });
        };
        let mut open_sessions: Vec<(SessionId, DateTime<Utc>)> = Vec::new();
        for day in 0..(months * 30) as i64 {
            if !rng.random_bool(0.3) {
                continue;
            }
            // Some classes at 23:00 KST, so they run into the next day (and month).
            let hour = if rng.random_bool(0.4) { 14 } else { 1 };
            let open = start + Duration::days(day) + Duration::hours(hour);
            let session = Uuid::now_v7();
            let course = ["smartphone-basics", "kiosk-order"][rng.random_range(0..2)];
            add(
                open,
                EventBody::SessionOpened {
                    session_id: session,
                    course_id: course.into(),
                    instructor_id: None,
                },
            );
            for (i, l) in learners.iter().enumerate() {
                if !rng.random_bool(0.5) {
                    continue;
                }
                let t = open + Duration::minutes(i as i64 * 7);
                add(
                    t,
                    EventBody::CheckedIn {
                        session_id: session,
                        learner_id: *l,
                    },
                );
                add(
                    t + Duration::minutes(20),
                    EventBody::LessonCompleted {
                        learner_id: *l,
                        course_id: course.into(),
                        lesson_id: format!("l{}", rng.random_range(0..3)),
                    },
                );
                if rng.random_bool(0.6) {
                    // Sometimes the clock went back before the check-out.
                    let back = if rng.random_bool(0.1) { -90 } else { 70 };
                    add(
                        t + Duration::minutes(back),
                        EventBody::CheckedOut {
                            session_id: session,
                            learner_id: *l,
                        },
                    );
                }
            }
            open_sessions.push((session, open));
            // Close sessions late (some days, some over a month later), or never.
            let mut still_open = Vec::new();
            for (s, opened) in open_sessions.drain(..) {
                if rng.random_bool(0.7) {
                    add(
                        opened.max(open) + Duration::hours(2),
                        EventBody::SessionClosed { session_id: s },
                    );
                } else if rng.random_bool(0.95) {
                    still_open.push((s, opened));
                }
            }
            open_sessions = still_open;
            if rng.random_bool(0.05) {
                add(
                    open + Duration::hours(3),
                    EventBody::CertificationIssued {
                        certificate_no: format!("2026-{}", Uuid::now_v7().simple()),
                        learner_id: learners[0],
                        course_id: course.into(),
                        minutes: 1200,
                        verification_code: "K7QX9M3P".into(),
                        issued_by: None,
                    },
                );
            }
        }
        events
    }

    fn full_recomputation(db: &dyn Database, centers: &[CenterInfo]) -> Vec<StatsRow> {
        let mut rows: Vec<StatsRow> = Vec::new();
        for center in centers {
            for s in center_summary(db.center_events(center).unwrap()) {
                rows.push(StatsRow::from_cell(StatsCell {
                    center: center.clone(),
                    summary: s,
                }));
            }
        }
        StatsRow::sort(&mut rows);
        rows
    }

    /// Runs `test` on a SQLite store and on a PostgreSQL one.
    fn on_sqlite(test: fn(&dyn Database)) {
        let dir = tempfile::tempdir().unwrap();
        test(&SqliteDatabase::open_in(dir.path()).unwrap());
    }

    fn on_postgres(test: fn(&dyn Database)) {
        let pg = crate::testkit::postgres::database();
        test(&PostgresDatabase::connect(&pg.url, &Default::default()).unwrap());
    }

    #[test]
    fn sqlite_figures_kept_up_by_month_equal_a_full_recomputation_after_every_interleaved_push() {
        on_sqlite(figures_kept_up_by_month_equal_a_full_recomputation_after_every_interleaved_push);
    }

    #[test]
    fn postgres_figures_kept_up_by_month_equal_a_full_recomputation_after_every_interleaved_push() {
        on_postgres(
            figures_kept_up_by_month_equal_a_full_recomputation_after_every_interleaved_push,
        );
    }

    #[test]
    fn sqlite_a_month_recomputed_alone_keeps_the_hours_of_a_class_left_open_over_the_turn_of_the_month()
     {
        on_sqlite(
            a_month_recomputed_alone_keeps_the_hours_of_a_class_left_open_over_the_turn_of_the_month,
        );
    }

    #[test]
    fn postgres_a_month_recomputed_alone_keeps_the_hours_of_a_class_left_open_over_the_turn_of_the_month()
     {
        on_postgres(
            a_month_recomputed_alone_keeps_the_hours_of_a_class_left_open_over_the_turn_of_the_month,
        );
    }

    /// The same simulated county pushed, batch for batch, into a SQLite and a PostgreSQL
    /// store: every figure, kiosk summary and certificate read back is the same.
    #[test]
    fn sqlite_and_postgres_give_identical_statistics_of_the_same_simulated_county() {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = SqliteDatabase::open_in(dir.path()).unwrap();
        let pg = crate::testkit::postgres::database();
        let postgres = PostgresDatabase::connect(&pg.url, &Default::default()).unwrap();
        let stores: [&dyn Database; 2] = [&sqlite, &postgres];
        let mut rng = StdRng::seed_from_u64(23);
        let centers: Vec<CenterInfo> = (0..3)
            .map(|i| CenterInfo {
                center_name: format!("배움터 {i}"),
                county: "영양군".into(),
                township: format!("면 {i}"),
            })
            .collect();
        let mut kiosks: Vec<(KioskRecord, Vec<Event>, usize)> = Vec::new();
        for k in 0..6 {
            let id = Uuid::now_v7();
            let record = stores.map(|db| enrolled_as(db, &centers[k % 3], id))[0].clone();
            let events = history(&mut rng, id, 4);
            kiosks.push((record, events, 0));
        }
        let mut pushes = 0;
        while kiosks.iter().any(|(_, events, sent)| *sent < events.len()) {
            let k = rng.random_range(0..kiosks.len());
            let (kiosk, events, sent) = &mut kiosks[k];
            if *sent == events.len() {
                continue;
            }
            let n = rng.random_range(1..150).min(events.len() - *sent);
            // Some events again (a retried batch) and some out of order.
            let from = sent.saturating_sub(rng.random_range(0..5));
            let mut batch = Incoming::batch(&events[from..*sent + n]);
            if rng.random_bool(0.2) && batch.len() > 2 {
                let half = batch.len() / 2;
                batch.rotate_left(half);
            }
            let meta = SyncMeta {
                received_at: Utc::now(),
                clock_offset_ms: rng.random_range(-86_400_000..86_400_000),
            };
            let outcomes = stores.map(|db| db.push(kiosk, &batch, meta).unwrap());
            assert_eq!(outcomes[0], outcomes[1], "push {pushes}");
            *sent += n;
            pushes += 1;
            if pushes % 7 == 0 {
                let figures = stores.map(|db| statistics(db, &StatsFilter::default()).unwrap());
                assert_eq!(figures[0], figures[1], "after push {pushes}");
            }
        }
        let figures = stores.map(|db| statistics(db, &StatsFilter::default()).unwrap());
        assert!(!figures[0].is_empty());
        assert_eq!(figures[0], figures[1]);
        assert_eq!(
            sqlite.stats_cells().unwrap(),
            postgres.stats_cells().unwrap()
        );
        assert_eq!(
            sqlite.kiosks().unwrap().len(),
            postgres.kiosks().unwrap().len()
        );
        for (a, b) in sqlite
            .kiosks()
            .unwrap()
            .iter()
            .zip(postgres.kiosks().unwrap())
        {
            assert_eq!(
                (a.kiosk.kiosk_id, a.acked_seq, a.events, a.conflicts),
                (b.kiosk.kiosk_id, b.acked_seq, b.events, b.conflicts)
            );
            assert_eq!(
                sqlite.kiosk_events(a.kiosk.kiosk_id).unwrap(),
                postgres.kiosk_events(a.kiosk.kiosk_id).unwrap()
            );
        }
        assert_eq!(
            sqlite.certificates().unwrap(),
            postgres.certificates().unwrap()
        );
    }

    fn figures_kept_up_by_month_equal_a_full_recomputation_after_every_interleaved_push(
        db: &dyn Database,
    ) {
        let mut rng = StdRng::seed_from_u64(11);
        let centers: Vec<CenterInfo> = (0..2)
            .map(|i| CenterInfo {
                center_name: format!("배움터 {i}"),
                county: "영양군".into(),
                township: format!("면 {i}"),
            })
            .collect();
        // Three kiosks per center; kiosk clocks off by up to a day either way, and the
        // offset the server sees changes from push to push.
        let mut kiosks: Vec<(KioskRecord, Vec<Event>, usize)> = Vec::new();
        for k in 0..6 {
            let kiosk = enrolled(db, &centers[k % 2]);
            let events = history(&mut rng, kiosk.kiosk_id, 5);
            kiosks.push((kiosk, events, 0));
        }
        let mut pushes = 0;
        while kiosks.iter().any(|(_, events, sent)| *sent < events.len()) {
            let k = rng.random_range(0..kiosks.len());
            let (kiosk, events, sent) = &mut kiosks[k];
            if *sent == events.len() {
                continue;
            }
            let n = rng.random_range(1..120).min(events.len() - *sent);
            let mut batch = Incoming::batch(&events[*sent..*sent + n]);
            // Now and then a batch comes out of order: a later half first.
            if rng.random_bool(0.2) && batch.len() > 2 {
                let half = batch.len() / 2;
                batch.rotate_left(half);
            }
            let meta = SyncMeta {
                received_at: Utc::now(),
                clock_offset_ms: rng.random_range(-86_400_000..86_400_000),
            };
            db.push(kiosk, &batch, meta).unwrap();
            *sent += n;
            pushes += 1;
            if pushes % 3 == 0 {
                assert_eq!(
                    statistics(db, &StatsFilter::default()).unwrap(),
                    full_recomputation(db, &centers),
                    "after push {pushes}"
                );
            }
        }
        assert!(pushes > 20, "{pushes} pushes");
        assert_eq!(
            statistics(db, &StatsFilter::default()).unwrap(),
            full_recomputation(db, &centers)
        );
    }

    fn a_month_recomputed_alone_keeps_the_hours_of_a_class_left_open_over_the_turn_of_the_month(
        db: &dyn Database,
    ) {
        let center = CenterInfo {
            center_name: "배움터".into(),
            county: "영양군".into(),
            township: "입암면".into(),
        };
        let kiosk = enrolled(db, &center);
        let (session, learner) = (Uuid::now_v7(), Uuid::now_v7());
        // 23:00 KST on 30 November; closed 40 days later: 8 hours count, 7 in December.
        let opened = Utc.with_ymd_and_hms(2026, 11, 30, 14, 0, 0).unwrap();
        let bodies = [
            (
                opened,
                EventBody::SessionOpened {
                    session_id: session,
                    course_id: "smartphone-basics".into(),
                    instructor_id: None,
                },
            ),
            (
                opened,
                EventBody::CheckedIn {
                    session_id: session,
                    learner_id: learner,
                },
            ),
            (
                opened + Duration::days(40),
                EventBody::SessionClosed {
                    session_id: session,
                },
            ),
            // Later, one lesson in December: only December is recomputed.
            (
                opened + Duration::days(5),
                EventBody::LessonCompleted {
                    learner_id: learner,
                    course_id: "smartphone-basics".into(),
                    lesson_id: "touch".into(),
                },
            ),
        ];
        let meta = SyncMeta {
            received_at: Utc::now(),
            clock_offset_ms: 0,
        };
        for (seq, (at, body)) in bodies.into_iter().enumerate() {
            let event = Event {
                id: Uuid::now_v7(),
                kiosk_id: kiosk.kiosk_id,
                seq: seq as u64 + 1,
                at,
                body,
            };
            db.push(&kiosk, &Incoming::batch(&[event]), meta).unwrap();
            if seq == 2 {
                statistics(db, &StatsFilter::default()).unwrap();
                assert!(db.dirty_months().unwrap().is_empty());
            }
        }
        let months: Vec<YearMonth> = db.dirty_months().unwrap().iter().map(|d| d.month).collect();
        assert_eq!(months, vec![YearMonth::new(2026, 12).unwrap()]);
        let figures = statistics(db, &StatsFilter::default()).unwrap();
        assert_eq!(
            figures,
            full_recomputation(db, std::slice::from_ref(&center))
        );
        let december = figures.iter().find(|r| r.month == "2026-12").unwrap();
        assert_eq!(december.attendance_minutes, 7 * 60);
    }
}
