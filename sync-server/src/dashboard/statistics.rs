//! Training statistics for county staff: a page, a CSV for Excel and a JSON endpoint,
//! all from `crate::statistics` (clock-corrected, exact). No names: open to the
//! server's own machine, a staff sign-in from anywhere else (see `crate::admin`).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::projection::YearMonth;
use baeumteo_core::wire::{ApiError, ErrorCode};
use serde::Deserialize;

use super::{
    course_title, csv_line, csv_response, escape, hours_text, layout, lenient_query,
    sign_in_needed, url_component,
};
use crate::admin::Peer;
use crate::api::{ApiFailure, AppState};
use crate::statistics::{StatsFilter, StatsRow, statistics};

/// Cells with fewer people than this are marked: 개인정보 보호 rules for published
/// statistics suppress them.
pub const SMALL_CELL: u32 = 5;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// First month shown, `YYYY-MM`.
    pub from: Option<String>,
    /// Last month shown, `YYYY-MM`.
    pub to: Option<String>,
    /// Only this center (its name).
    pub center: Option<String>,
}

impl StatsQuery {
    fn filter(&self) -> Result<StatsFilter, ()> {
        let month = |m: &Option<String>| -> Result<Option<YearMonth>, ()> {
            match m.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
                None => Ok(None),
                Some(m) => YearMonth::try_from(m.to_string()).map(Some).map_err(|_| ()),
            }
        };
        Ok(StatsFilter {
            from: month(&self.from)?,
            to: month(&self.to)?,
            center_name: self
                .center
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
        })
    }
}

/// Loopback, or a signed-in staff member.
async fn allowed(state: &AppState, peer: Peer, headers: &HeaderMap) -> Result<bool, ApiFailure> {
    crate::admin::staff_or_local(state, peer, headers).await
}

async fn rows(state: &AppState, filter: StatsFilter) -> Result<Vec<StatsRow>, ApiFailure> {
    state.blocking(move |db| statistics(db, &filter)).await
}

/// Why the page or the CSV shows no figures.
enum Refusal {
    SignIn,
    BadMonth,
}

/// Checks the caller, then the months asked for; the figures on success.
async fn visible_rows(
    state: &AppState,
    peer: Peer,
    headers: &HeaderMap,
    q: &StatsQuery,
) -> Result<Result<Vec<StatsRow>, Refusal>, ApiFailure> {
    if !allowed(state, peer, headers).await? {
        return Ok(Err(Refusal::SignIn));
    }
    let Ok(filter) = q.filter() else {
        return Ok(Err(Refusal::BadMonth));
    };
    Ok(Ok(rows(state, filter).await?))
}

fn bad_month() -> ApiFailure {
    ApiFailure::bad_request("months are written YYYY-MM, e.g. 2026-11")
}

pub async fn page(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    let q = lenient_query(query);
    match visible_rows(&state, peer, &headers, &q).await? {
        Err(Refusal::SignIn) => Ok(sign_in_needed(&t, &t.stats_need_sign_in(), "/statistics")),
        Err(Refusal::BadMonth) => {
            let body = format!(
                "<p class=\"error\">{}</p>{}",
                escape(&t.stats_bad_month()),
                filter_form(&t, &q)
            );
            Ok((
                StatusCode::BAD_REQUEST,
                Html(layout(&t, &t.stats_title(), &body)),
            )
                .into_response())
        }
        Ok(rows) => Ok(Html(render(&t, &state, &q, &rows)).into_response()),
    }
}

fn filter_form(t: &I18n, q: &StatsQuery) -> String {
    let value = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
    format!(
        "<form method=\"get\" action=\"/statistics\"><label>{from} \
         <input name=\"from\" placeholder=\"2026-01\" size=\"8\" value=\"{vf}\"></label> \
         <label>{to} <input name=\"to\" placeholder=\"2026-12\" size=\"8\" value=\"{vt}\"></label> \
         <label>{center} <input name=\"center\" size=\"14\" value=\"{vc}\"></label> \
         <button type=\"submit\">{apply}</button></form>",
        from = escape(&t.stats_filter_from()),
        to = escape(&t.stats_filter_to()),
        apply = escape(&t.stats_filter_apply()),
        center = escape(&t.dashboard_col_center()),
        vf = value(&q.from),
        vt = value(&q.to),
        vc = value(&q.center),
    )
}

fn query_string(q: &StatsQuery) -> String {
    let mut parts = Vec::new();
    for (k, v) in [("from", &q.from), ("to", &q.to), ("center", &q.center)] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{k}={}", url_component(v)));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

pub fn render(t: &I18n, state: &AppState, q: &StatsQuery, rows: &[StatsRow]) -> String {
    let mut table = String::new();
    let mut small = false;
    for r in rows {
        let learners = if r.learners > 0 && r.learners < SMALL_CELL {
            small = true;
            format!("{}*", r.learners)
        } else {
            r.learners.to_string()
        };
        table.push_str(&format!(
            "<tr><td>{month}</td><td>{township}</td><td>{center}</td><td>{course}</td>\
             <td class=\"n\">{sessions}</td><td class=\"n\">{learners}</td><td class=\"n\">{hours}</td>\
             <td class=\"n\">{lessons}</td><td class=\"n\">{certs}</td></tr>\n",
            month = escape(&r.month),
            township = escape(&r.township),
            center = escape(&r.center_name),
            course = escape(course_title(state, &r.course_id)),
            sessions = r.sessions_held,
            hours = escape(&hours_text(t, r.attendance_minutes)),
            lessons = r.lessons_completed,
            certs = r.certifications,
        ));
    }
    if rows.is_empty() {
        table = format!(
            "<tr><td colspan=\"9\">{}</td></tr>",
            escape(&t.stats_none())
        );
    }
    let notes = if small {
        format!("<p class=\"note\">{}</p>", escape(&t.stats_small_cell()))
    } else {
        String::new()
    };
    let body = format!(
        "<p>{intro}</p>{form}<p><a href=\"/statistics.csv{qs}\">{csv}</a></p>\
         <table><thead><tr><th>{h_month}</th><th>{h_township}</th><th>{h_center}</th><th>{h_course}</th>\
         <th>{h_sessions}</th><th>{h_learners}</th><th>{h_hours}</th><th>{h_lessons}</th><th>{h_certs}</th>\
         </tr></thead><tbody>\n{table}</tbody></table>{notes}<p class=\"note\">{learners_note}</p>",
        intro = escape(&t.stats_intro()),
        form = filter_form(t, q),
        qs = escape(&query_string(q)),
        csv = escape(&t.stats_download_csv()),
        h_month = escape(&t.stats_col_month()),
        h_township = escape(&t.dashboard_col_township()),
        h_center = escape(&t.dashboard_col_center()),
        h_course = escape(&t.stats_col_course()),
        h_sessions = escape(&t.stats_col_sessions()),
        h_learners = escape(&t.stats_col_learners()),
        h_hours = escape(&t.stats_col_hours()),
        h_lessons = escape(&t.stats_col_lessons()),
        h_certs = escape(&t.stats_col_certifications()),
        learners_note = escape(&t.stats_learners_note()),
    );
    layout(t, &t.stats_title(), &body)
}

pub async fn csv(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    let rows = visible_rows(&state, peer, &headers, &lenient_query(query))
        .await?
        .map_err(|r| match r {
            Refusal::SignIn => unauthorized(),
            Refusal::BadMonth => bad_month(),
        })?;
    Ok(csv_response("statistics.csv", csv_lines(&t, &state, &rows)))
}

/// The CSV's lines: a header, then one line per row with plain numbers (minutes, so
/// sums in Excel are exact).
pub fn csv_lines(t: &I18n, state: &AppState, rows: &[StatsRow]) -> Vec<String> {
    let mut lines = vec![csv_line(&[
        t.stats_col_month(),
        t.dashboard_col_county(),
        t.dashboard_col_township(),
        t.dashboard_col_center(),
        t.stats_col_course(),
        t.stats_col_sessions(),
        t.stats_col_learners(),
        t.stats_col_minutes(),
        t.stats_col_lessons(),
        t.stats_col_certifications(),
    ])];
    for r in rows {
        lines.push(csv_line(&[
            r.month.clone(),
            r.county.clone(),
            r.township.clone(),
            r.center_name.clone(),
            course_title(state, &r.course_id).to_string(),
            r.sessions_held.to_string(),
            r.learners.to_string(),
            r.attendance_minutes.to_string(),
            r.lessons_completed.to_string(),
            r.certifications.to_string(),
        ]));
    }
    lines
}

fn unauthorized() -> ApiFailure {
    ApiFailure::new(
        StatusCode::UNAUTHORIZED,
        ErrorCode::Unauthorized,
        "statistics from outside the server's machine need an admin token",
    )
}

/// Statistics per month, center and course, with every kiosk time clock-corrected.
/// Open from the server's own machine; an admin token from anywhere else.
#[utoipa::path(get, path = "/api/v1/statistics", params(StatsQuery),
    security((), ("admin_token" = [])), responses(
    (status = 200, body = Vec<StatsRow>),
    (status = 400, body = ApiError), (status = 401, body = ApiError),
))]
pub async fn json(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsQuery>, QueryRejection>,
) -> Result<Json<Vec<StatsRow>>, ApiFailure> {
    if !allowed(&state, peer, &headers).await? {
        return Err(unauthorized());
    }
    let Query(q) = query.map_err(|e| ApiFailure::bad_request(e.body_text()))?;
    let filter = q.filter().map_err(|()| bad_month())?;
    Ok(Json(rows(&state, filter).await?))
}
