//! County statistics: per month, center and course, the figures of core's
//! `monthly_summary` (the one place those rules live), computed from each center's
//! synced events with every kiosk timestamp corrected by the clock offset the server
//! recorded when the event arrived — a kiosk whose clock was wrong still lands in the
//! right day and month.
//!
//! Figures are cached per center in the store; a push marks its center dirty and the
//! next request recomputes that center only (see migration 0002), so the numbers are
//! always those of a full recomputation.

use baeumteo_core::event::Event;
use baeumteo_core::projection::{MonthlySummary, YearMonth, log_order, monthly_summary};
use baeumteo_core::wire::corrected_time;
use serde::Serialize;

use crate::db::{Database, DbError, StatsCell};

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
    /// Distinct (learner, lesson) pairs completed that month.
    pub lessons_completed: u32,
    pub certifications: u32,
}

impl StatsRow {
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

/// Recomputes the centers a push has touched since the last request.
pub fn refresh(db: &dyn Database) -> Result<(), DbError> {
    for (center, generation) in db.dirty_centers()? {
        let summary = center_summary(db.center_events(&center)?);
        if !db.store_center_stats(&center, generation, &summary)? {
            // A push came in while computing: the stored figures are of the data read,
            // and the center stays marked for the next request.
            tracing::debug!(center = %center.center_name, "center changed during refresh");
        }
    }
    Ok(())
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
