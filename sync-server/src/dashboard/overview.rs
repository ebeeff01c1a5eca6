//! The overview (`/`): the county's figures for a chosen period with the change against
//! the period before, charts drawn on the server (each with a table of its numbers),
//! then the kiosks. All from the same facts and small-cell rule as the statistics.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use baeumteo_core::event::LearnerId;
use baeumteo_core::i18n::{I18n, Locale, args};
use baeumteo_core::projection::YearMonth;
use baeumteo_core::suppression::{self, Published};
use chrono::Utc;

use super::charts::{COLORS, Series, bar_chart};
use super::statistics::{count_text, table};
use super::{QUIET_AFTER, escape, fleet_table, hours_text, layout, lenient_query, sign_in_needed};
use crate::admin::{Peer, staff_or_local};
use crate::api::{ApiFailure, AppState};
use crate::breakdown::{
    AgeBand, Breakdown, Dim, Facts, Key, ParamError, Scope, Selection, Sex, StatsParams, breakdown,
    month_range, previous_period,
};
use crate::db::KioskSummary;
use crate::statistics::StatsRow;

/// The figures of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodFigures {
    pub learners: u32,
    pub new_learners: u32,
    pub sessions_held: u32,
    pub attendance_minutes: u32,
    pub self_study_minutes: u32,
    pub lessons_completed: u32,
    pub certificates: u32,
    pub certified_people: u32,
    /// Confirmed service of the certified activists.
    pub service_minutes: u32,
}

/// The figures of a period from the facts (learners, minutes, lessons, certificates)
/// and the cached monthly cells (sessions held, which are per session, not per
/// learner).
pub fn period_figures(
    facts: &Facts,
    cells: &[StatsRow],
    from: YearMonth,
    to: YearMonth,
) -> PeriodFigures {
    let mut first_month: BTreeMap<LearnerId, YearMonth> = BTreeMap::new();
    for f in facts.facts.iter().filter(|f| f.active) {
        let e = first_month.entry(f.learner).or_insert(f.month);
        *e = (*e).min(f.month);
    }
    let mut learners = BTreeSet::new();
    let mut certified = BTreeSet::new();
    let mut out = PeriodFigures::default();
    for f in facts
        .facts
        .iter()
        .filter(|f| f.month >= from && f.month <= to)
    {
        if f.active {
            learners.insert(f.learner);
        }
        if f.certifications > 0 {
            certified.insert(f.learner);
        }
        out.attendance_minutes = out.attendance_minutes.saturating_add(f.minutes);
        out.self_study_minutes = out.self_study_minutes.saturating_add(f.self_study);
        out.lessons_completed = out.lessons_completed.saturating_add(f.lessons);
        out.certificates = out.certificates.saturating_add(f.certifications);
    }
    out.service_minutes = facts
        .service
        .iter()
        .filter(|s| s.month >= from && s.month <= to)
        .map(|s| s.confirmed)
        .sum();
    out.learners = learners.len() as u32;
    out.certified_people = certified.len() as u32;
    out.new_learners = learners
        .iter()
        .filter(|l| first_month.get(*l).is_some_and(|m| *m >= from))
        .count() as u32;
    let centers: BTreeSet<&str> = facts
        .centers
        .iter()
        .map(|c| c.center_name.as_str())
        .collect();
    out.sessions_held = cells
        .iter()
        .filter(|r| centers.contains(r.center_name.as_str()))
        .filter(|r| YearMonth::try_from(r.month.clone()).is_ok_and(|m| m >= from && m <= to))
        .map(|r| r.sessions_held)
        .sum();
    out
}

/// A count of people as published alone: hidden when 1–4.
fn people(n: u32) -> Published {
    suppression::one_way(&[], n).total
}

/// The change against the period before, as "+12 (+8%)"; nothing to compare when
/// either is hidden or the earlier one is zero.
fn change(t: &I18n, now: Option<u32>, before: Option<u32>) -> String {
    match (now, before) {
        (Some(n), Some(b)) if b > 0 => {
            let diff = i64::from(n) - i64::from(b);
            let pct = diff as f64 * 100.0 / f64::from(b);
            t.overview_change(args::OverviewChange {
                diff: format!("{diff:+}").into(),
                percent: format!("{pct:+.0}").into(),
            })
        }
        (Some(n), Some(0)) if n > 0 => t.overview_change_new(),
        (Some(_), Some(_)) => t.overview_change_none(),
        _ => t.overview_change_unknown(),
    }
}

pub(crate) struct Row {
    pub label: String,
    pub now: String,
    pub change: String,
}

pub(crate) fn figure_rows(t: &I18n, now: &PeriodFigures, before: &PeriodFigures) -> Vec<Row> {
    let count = |label: String, a: Published, b: Published| Row {
        label,
        now: count_text(t, a),
        change: change(t, a.shown(), b.shown()),
    };
    let plain = |label: String, a: u32, b: u32, text: String| Row {
        label,
        now: text,
        change: change(t, Some(a), Some(b)),
    };
    vec![
        count(
            t.overview_learners(),
            people(now.learners),
            people(before.learners),
        ),
        count(
            t.overview_new_learners(),
            people(now.new_learners),
            people(before.new_learners),
        ),
        plain(
            t.overview_sessions(),
            now.sessions_held,
            before.sessions_held,
            now.sessions_held.to_string(),
        ),
        // The change in whole hours.
        plain(
            t.overview_attendance(),
            now.attendance_minutes / 60,
            before.attendance_minutes / 60,
            hours_text(t, now.attendance_minutes),
        ),
        plain(
            t.overview_self_study(),
            now.self_study_minutes / 60,
            before.self_study_minutes / 60,
            hours_text(t, now.self_study_minutes),
        ),
        plain(
            t.overview_lessons(),
            now.lessons_completed,
            before.lessons_completed,
            now.lessons_completed.to_string(),
        ),
        count(
            t.overview_certificates(),
            people(now.certificates),
            people(before.certificates),
        ),
        count(
            t.overview_certified_people(),
            people(now.certified_people),
            people(before.certified_people),
        ),
        plain(
            t.overview_service(),
            now.service_minutes / 60,
            before.service_minutes / 60,
            hours_text(t, now.service_minutes),
        ),
    ]
}

/// The period asked for, or the last calendar year with figures (the current year
/// when there are none).
pub(crate) fn chosen_period(facts: &Facts, p: &StatsParams) -> Result<Selection, ParamError> {
    let default = facts.span().map(|(_, last)| last.year).unwrap_or_else(|| {
        use chrono::Datelike;
        baeumteo_core::time::kst_date(Utc::now()).year()
    });
    let year = crate::breakdown::parse_period(&default.to_string())?;
    facts.select(p, Some(year))
}

pub(crate) fn kiosk_counts(kiosks: &[KioskSummary]) -> (usize, usize) {
    let now = Utc::now();
    let live: Vec<&KioskSummary> = kiosks
        .iter()
        .filter(|k| k.kiosk.revoked_at.is_none())
        .collect();
    let quiet = live
        .iter()
        .filter(|k| k.last_sync_at.is_none_or(|at| now - at > QUIET_AFTER))
        .count();
    (live.len() - quiet, quiet)
}

/// The charts of a selection, each with its table.
fn charts(t: &I18n, state: &AppState, facts: &Facts, s: &Selection) -> String {
    let mut out = String::new();
    // Learners and hours per month: the 12 months up to the period's end.
    let mut first = s.to;
    for _ in 0..11 {
        first = crate::statistics::previous_month(first);
    }
    let months = Selection {
        from: first,
        to: s.to,
        by: vec![Dim::Month],
        ..s.clone()
    };
    let b = breakdown(facts, &months);
    let month_keys = month_range(first, s.to);
    let value_of = |b: &Breakdown, key: &Key, f: fn(&crate::breakdown::Figures) -> Option<u32>| {
        b.lines
            .iter()
            .find(|l| l.keys.first() == Some(&Some(key.clone())))
            .map(|l| f(&l.figures))
            .unwrap_or(Some(0))
    };
    let labels: Vec<String> = month_keys
        .iter()
        .map(|m| t.overview_month_short(m.month))
        .collect();
    let learners: Vec<Option<u32>> = month_keys
        .iter()
        .map(|m| value_of(&b, &Key::Month(*m), |f| f.learners.shown()))
        .collect();
    let hours: Vec<Option<u32>> = month_keys
        .iter()
        .map(|m| {
            value_of(&b, &Key::Month(*m), |f| {
                f.attendance_minutes.map(|v| v / 60)
            })
        })
        .collect();
    out.push_str(&chart_block(
        &bar_chart(
            "chart-months",
            &t.overview_chart_months(),
            &labels,
            &[Series {
                name: t.stats_col_learners(),
                color: COLORS[0],
                values: learners,
            }],
        ),
        &bar_chart(
            "chart-hours",
            &t.overview_chart_hours(),
            &labels,
            &[Series {
                name: t.overview_hours_unit(),
                color: COLORS[1],
                values: hours,
            }],
        ),
        &table(t, state, &b, &t.overview_chart_months()),
    ));
    // By township.
    let by_township = breakdown(
        facts,
        &Selection {
            by: vec![Dim::Township],
            ..s.clone()
        },
    );
    let towns: Vec<String> = by_township
        .lines
        .iter()
        .filter_map(|l| l.keys.first().cloned().flatten().map(|k| k.code()))
        .collect();
    let values: Vec<Option<u32>> = by_township
        .lines
        .iter()
        .map(|l| l.figures.learners.shown())
        .collect();
    out.push_str(&chart_block(
        &bar_chart(
            "chart-townships",
            &t.overview_chart_townships(),
            &towns,
            &[Series {
                name: t.stats_col_learners(),
                color: COLORS[0],
                values,
            }],
        ),
        "",
        &table(t, state, &by_township, &t.overview_chart_townships()),
    ));
    // By age band and sex.
    let by_age = breakdown(
        facts,
        &Selection {
            by: vec![Dim::Age, Dim::Sex],
            ..s.clone()
        },
    );
    let bands: Vec<AgeBand> = AgeBand::ALL.to_vec();
    let series: Vec<Series> = Sex::ALL
        .iter()
        .enumerate()
        .map(|(i, sex)| Series {
            name: sex.label(t),
            color: COLORS[i % COLORS.len()],
            values: bands
                .iter()
                .map(|a| {
                    by_age
                        .lines
                        .iter()
                        .find(|l| l.keys == vec![Some(Key::Age(*a)), Some(Key::Sex(*sex))])
                        .map(|l| l.figures.learners.shown())
                        .unwrap_or(Some(0))
                })
                .collect(),
        })
        .collect();
    out.push_str(&chart_block(
        &bar_chart(
            "chart-ages",
            &t.overview_chart_ages(),
            &bands.iter().map(|a| a.label(t)).collect::<Vec<_>>(),
            &series,
        ),
        "",
        &table(t, state, &by_age, &t.overview_chart_ages()),
    ));
    out
}

fn chart_block(chart: &str, second: &str, table: &str) -> String {
    format!(
        "<section class=\"chart-block\"><div class=\"charts\">{chart}{second}</div>\
         <div class=\"chart-table\">{table}</div></section>"
    )
}

pub fn render(
    t: &I18n,
    state: &AppState,
    facts: &Facts,
    cells: &[StatsRow],
    kiosks: &[KioskSummary],
    p: &StatsParams,
    s: &Selection,
) -> String {
    let (prev_from, prev_to) = previous_period(s.from, s.to);
    let now = period_figures(facts, cells, s.from, s.to);
    let before = period_figures(facts, cells, prev_from, prev_to);
    let mut rows = String::new();
    for r in figure_rows(t, &now, &before) {
        rows.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td class=\"n big\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&r.label),
            escape(&r.now),
            escape(&r.change)
        ));
    }
    let (active, quiet) = kiosk_counts(kiosks);
    rows.push_str(&format!(
        "<tr><th scope=\"row\">{}</th><td class=\"n big\">{active}</td><td class=\"n\"></td></tr>\
         <tr><th scope=\"row\">{}</th><td class=\"n big\">{quiet}</td><td class=\"n\"></td></tr>",
        escape(&t.overview_kiosks_active()),
        escape(&t.overview_kiosks_quiet()),
    ));
    let value = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
    let form = format!(
        "<form method=\"get\" action=\"/\" class=\"filters\"><label>{period} \
         <input name=\"period\" placeholder=\"2026-Q3\" size=\"8\" value=\"{vp}\"></label> \
         <small>{hint}</small> <button type=\"submit\">{apply}</button></form>",
        period = escape(&t.stats_filter_period()),
        hint = escape(&t.stats_filter_period_hint()),
        apply = escape(&t.stats_filter_apply()),
        vp = value(&p.period),
    );
    let heading = t.overview_period(args::OverviewPeriod {
        from: s.from.to_string().into(),
        to: s.to.to_string().into(),
        prev_from: prev_from.to_string().into(),
        prev_to: prev_to.to_string().into(),
    });
    let body = format!(
        "{form}<p>{heading}</p><div class=\"table-wrap\"><table class=\"figures\"><caption>{caption}</caption>\
         <thead><tr><th scope=\"col\">{h_what}</th><th scope=\"col\" class=\"n\">{h_now}</th>\
         <th scope=\"col\" class=\"n\">{h_change}</th></tr></thead><tbody>{rows}</tbody></table></div>\
         <p class=\"note\">{note}</p><p class=\"downloads\"><a href=\"/summary.pdf{qs}\">{pdf}</a> \
         <a href=\"/statistics{qs}\">{stats}</a></p>\
         <h2>{charts_title}</h2>{charts}<h2 id=\"kiosks\">{kiosks_title}</h2>{fleet}",
        heading = escape(&heading),
        caption = escape(&t.overview_figures_caption()),
        h_what = escape(&t.overview_col_what()),
        h_now = escape(&t.overview_col_now()),
        h_change = escape(&t.overview_col_change()),
        note = escape(&t.stats_hidden_note()),
        qs = escape(&p.query_string()),
        pdf = escape(&t.overview_summary_pdf()),
        stats = escape(&t.overview_to_statistics()),
        charts_title = escape(&t.overview_charts_title()),
        charts = charts(t, state, facts, s),
        kiosks_title = escape(&t.dashboard_kiosks_title()),
        fleet = fleet_table(t, kiosks, Utc::now()),
    );
    layout(t, &t.overview_title(), &body)
}

/// `/`: the overview, then the kiosks. Kiosk ids help an attacker (a kiosk id is half of
/// an enrollment takeover), so from anywhere but the server's own machine it needs a
/// staff sign-in, like the statistics.
pub async fn page(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsParams>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    if !staff_or_local(&state, peer, &headers).await? {
        return Ok(sign_in_needed(&t, &t.dashboard_need_sign_in(), "/"));
    }
    let p = lenient_query(query);
    let (facts, cells, kiosks) = state
        .blocking(|db| -> Result<_, crate::db::DbError> {
            let facts = Facts::load(db, &Scope::All)?;
            let cells = crate::statistics::statistics(db, &Default::default())?;
            Ok((facts, cells, db.kiosks()?))
        })
        .await?;
    match chosen_period(&facts, &p) {
        Ok(s) => Ok(Html(render(&t, &state, &facts, &cells, &kiosks, &p, &s)).into_response()),
        Err(e) => {
            let body = format!(
                "<p class=\"error\" role=\"alert\">{}</p><p><a href=\"/\">{}</a></p>",
                escape(&e.message(&t)),
                escape(&t.stats_filter_reset())
            );
            Ok((
                StatusCode::BAD_REQUEST,
                Html(layout(&t, &t.overview_title(), &body)),
            )
                .into_response())
        }
    }
}
