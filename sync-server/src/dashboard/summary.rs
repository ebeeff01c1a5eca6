//! The committee summary (`/summary.pdf?period=…`): one A4 page for the county's
//! committee (e.g. 강진군's 4차산업혁명 전략수립위원회, twice a year) with the overview
//! figures and their change, learners per month as bars, learners by age band and a
//! table by township, in the bundled Hangul font. Drawn by the `baeumteo-pdf` crate the
//! kiosk's certificates use; the figures are the overview's, small cells hidden.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use baeumteo_core::i18n::{I18n, Locale, args};
use baeumteo_core::wire::ErrorCode;
use baeumteo_pdf::page::{PAGE_H, PAGE_W};
use baeumteo_pdf::{Fonts, Page, PdfError, Weight};

use super::lenient_query;
use super::overview::{chosen_period, figure_rows, kiosk_counts, period_figures};
use super::statistics::count_text;
use crate::admin::Peer;
use crate::api::{ApiFailure, AppState};
use crate::breakdown::{
    AgeBand, Dim, Facts, Key, Scope, Selection, StatsParams, breakdown, month_range,
    previous_period,
};

const INK: (f32, f32, f32) = (0.04, 0.29, 0.52);
const GRID: (f32, f32, f32) = (0.8, 0.78, 0.72);
const TEXT: (f32, f32, f32) = (0.1, 0.1, 0.1);
const LEFT: f32 = 50.0;

/// The regular and bold font files.
type FontFiles = (Vec<u8>, Vec<u8>);

fn font_files() -> Result<&'static FontFiles, PdfError> {
    static FONTS: std::sync::OnceLock<Result<FontFiles, String>> = std::sync::OnceLock::new();
    FONTS
        .get_or_init(|| {
            let dir = crate::paths::fonts_dir();
            let read = |name: &str| {
                let path = dir.join(name);
                std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
            };
            Ok((
                read(crate::paths::FONT_REGULAR)?,
                read("NanumBarunGothicBold.ttf")?,
            ))
        })
        .as_ref()
        .map_err(|e| PdfError::Font(e.clone()))
}

/// Bars of `values` (hidden ones as `*`) in the box at (`x`, `y`) of `w` × `h`.
fn bars(
    page: &mut Page<'_>,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    labels: &[String],
    values: &[Option<u32>],
) {
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(1) as f32;
    let n = values.len().max(1) as f32;
    let slot = w / n;
    page.line((x, y), (x + w, y), 0.8, GRID);
    for (i, (label, v)) in labels.iter().zip(values).enumerate() {
        let cx = x + slot * (i as f32 + 0.5);
        let bw = slot * 0.6;
        match v {
            Some(v) => {
                let bh = h * (*v as f32) / max;
                page.fill_rect(cx - bw / 2.0, y, bw, bh, INK);
                let s = v.to_string();
                let tw = page.width(Weight::Regular, 7.5, &s);
                page.text(Weight::Regular, 7.5, cx - tw / 2.0, y + bh + 3.0, &s);
            }
            None => page.text(Weight::Regular, 9.0, cx - 2.0, y + 3.0, "*"),
        }
        let lw = page.width(Weight::Regular, 8.0, label);
        page.text(Weight::Regular, 8.0, cx - lw / 2.0, y - 11.0, label);
    }
}

/// The summary of a selection as PDF bytes.
pub fn render(
    t: &I18n,
    facts: &Facts,
    cells: &[crate::statistics::StatsRow],
    kiosks: &[crate::db::KioskSummary],
    s: &Selection,
) -> Result<Vec<u8>, PdfError> {
    let (regular, bold) = font_files()?;
    let mut page = Page::new(Fonts { regular, bold })?;
    let right = PAGE_W - LEFT;
    let mut y = PAGE_H - 60.0;
    let county = facts
        .centers
        .first()
        .map(|c| c.county.clone())
        .unwrap_or_default();
    page.text(
        Weight::Bold,
        20.0,
        LEFT,
        y,
        &t.summary_title(county.clone()),
    );
    y -= 22.0;
    let (prev_from, prev_to) = previous_period(s.from, s.to);
    page.text(
        Weight::Regular,
        10.5,
        LEFT,
        y,
        &t.overview_period(args::OverviewPeriod {
            from: s.from.to_string().into(),
            to: s.to.to_string().into(),
            prev_from: prev_from.to_string().into(),
            prev_to: prev_to.to_string().into(),
        }),
    );
    y -= 14.0;
    page.line((LEFT, y), (right, y), 1.2, INK);

    // The figures.
    y -= 22.0;
    page.text(Weight::Bold, 12.0, LEFT, y, &t.overview_figures_caption());
    page.text_right(Weight::Bold, 10.0, 380.0, y, &t.overview_col_now());
    page.text_right(Weight::Bold, 10.0, right, y, &t.overview_col_change());
    let now = period_figures(facts, cells, s.from, s.to);
    let before = period_figures(facts, cells, prev_from, prev_to);
    let (active, quiet) = kiosk_counts(kiosks);
    let mut rows: Vec<(String, String, String)> = figure_rows(t, &now, &before)
        .into_iter()
        .map(|r| (r.label, r.now, r.change))
        .collect();
    rows.push((
        t.overview_kiosks_active(),
        active.to_string(),
        String::new(),
    ));
    rows.push((t.overview_kiosks_quiet(), quiet.to_string(), String::new()));
    for (label, value, change) in rows {
        y -= 19.0;
        page.text(Weight::Regular, 11.0, LEFT + 8.0, y, &label);
        page.text_right(Weight::Bold, 12.0, 380.0, y, &value);
        page.text_right(Weight::Regular, 10.5, right, y, &change);
        page.line((LEFT, y - 6.0), (right, y - 6.0), 0.4, GRID);
    }

    // Learners per month, the 12 months to the period's end.
    y -= 36.0;
    page.text(Weight::Bold, 12.0, LEFT, y, &t.overview_chart_months());
    let first = month_range(
        {
            let mut m = s.to;
            for _ in 0..11 {
                m = crate::statistics::previous_month(m);
            }
            m
        },
        s.to,
    );
    let by_month = breakdown(
        facts,
        &Selection {
            from: first[0],
            to: s.to,
            by: vec![Dim::Month],
            ..s.clone()
        },
    );
    let value = |b: &crate::breakdown::Breakdown, key: &Key| {
        b.lines
            .iter()
            .find(|l| l.keys.first() == Some(&Some(key.clone())))
            .map(|l| l.figures.learners.shown())
            .unwrap_or(Some(0))
    };
    let labels: Vec<String> = first
        .iter()
        .map(|m| t.overview_month_short(m.month))
        .collect();
    let values: Vec<Option<u32>> = first
        .iter()
        .map(|m| value(&by_month, &Key::Month(*m)))
        .collect();
    bars(
        &mut page,
        LEFT,
        y - 130.0,
        right - LEFT,
        105.0,
        &labels,
        &values,
    );
    y -= 160.0;

    // Learners by age band.
    page.text(Weight::Bold, 12.0, LEFT, y, &t.summary_chart_ages());
    let by_age = breakdown(
        facts,
        &Selection {
            by: vec![Dim::Age],
            ..s.clone()
        },
    );
    let labels: Vec<String> = AgeBand::ALL.iter().map(|a| a.label(t)).collect();
    let values: Vec<Option<u32>> = AgeBand::ALL
        .iter()
        .map(|a| value(&by_age, &Key::Age(*a)))
        .collect();
    bars(
        &mut page,
        LEFT,
        y - 110.0,
        right - LEFT,
        85.0,
        &labels,
        &values,
    );
    y -= 140.0;

    // By township.
    page.text(Weight::Bold, 12.0, LEFT, y, &t.overview_chart_townships());
    let by_township = breakdown(
        facts,
        &Selection {
            by: vec![Dim::Township],
            ..s.clone()
        },
    );
    y -= 18.0;
    let cols = [260.0, 360.0, 450.0, right];
    let head = [
        t.stats_col_learners(),
        t.stats_col_hours(),
        t.stats_col_lessons(),
        t.stats_col_certifications(),
    ];
    page.text(
        Weight::Bold,
        10.0,
        LEFT + 8.0,
        y,
        &t.dashboard_col_township(),
    );
    for (x, h) in cols.iter().zip(&head) {
        page.text_right(Weight::Bold, 10.0, *x, y, h);
    }
    let total_line = crate::breakdown::Line {
        keys: vec![None],
        figures: by_township.total,
    };
    for line in by_township.lines.iter().chain(std::iter::once(&total_line)) {
        if y < 60.0 {
            break;
        }
        y -= 16.0;
        let name = match line.keys.first() {
            Some(Some(k)) => k.code(),
            _ => t.stats_total(),
        };
        let f = &line.figures;
        let hidden = t.stats_hidden();
        let cells = [
            count_text(t, f.learners),
            f.attendance_minutes
                .map(|m| super::hours_text(t, m))
                .unwrap_or_else(|| hidden.clone()),
            f.lessons_completed
                .map(|n| n.to_string())
                .unwrap_or_else(|| hidden.clone()),
            count_text(t, f.certifications),
        ];
        page.text(Weight::Regular, 10.0, LEFT + 8.0, y, &name);
        for (x, c) in cols.iter().zip(&cells) {
            page.text_right(Weight::Regular, 10.0, *x, y, c);
        }
        page.line((LEFT, y - 5.0), (right, y - 5.0), 0.4, GRID);
    }
    let note = page.wrap(Weight::Regular, 8.0, right - LEFT, &t.stats_hidden_note());
    let mut ny = 40.0;
    for line in note.iter().rev() {
        page.content.set_fill_rgb(TEXT.0, TEXT.1, TEXT.2);
        page.text(Weight::Regular, 8.0, LEFT, ny, line);
        ny += 10.0;
    }
    page.finish(&t.summary_title(county.clone()))
}

pub async fn pdf(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsParams>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    if !crate::admin::staff_or_local(&state, peer, &headers).await? {
        return Err(ApiFailure::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "the summary from outside the server's machine needs an admin token",
        ));
    }
    let t = I18n::new(Locale::Ko);
    let p = lenient_query(query);
    let (facts, cells, kiosks) = state
        .blocking(|db| -> Result<_, crate::db::DbError> {
            let facts = Facts::load(db, &Scope::All)?;
            let cells = crate::statistics::statistics(db, &Default::default())?;
            Ok((facts, cells, db.kiosks()?))
        })
        .await?;
    let s = chosen_period(&facts, &p)
        .map_err(|e| ApiFailure::bad_request(e.message(&I18n::new(Locale::En))))?;
    let bytes = render(&t, &facts, &cells, &kiosks, &s).map_err(ApiFailure::unavailable)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"summary.pdf\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response())
}
