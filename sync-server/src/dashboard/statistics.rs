//! Training statistics for county staff: a page, a CSV and an XLSX for Excel (and 한셀)
//! and a JSON endpoint, all from one parameter set ([`StatsParams`]) and one breakdown
//! ([`crate::breakdown`]), with core's small-cell rule applied to every output. No names:
//! open to the server's own machine, a staff sign-in from anywhere else (see
//! `crate::admin`).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use baeumteo_core::i18n::{I18n, Locale, args};
use baeumteo_core::suppression::Published;
use baeumteo_core::wire::{ApiError, ErrorCode};

use super::{
    course_title, csv_line, csv_response, escape, hours_text, layout, lenient_query, sign_in_needed,
};
use crate::admin::Peer;
use crate::api::{ApiFailure, AppState};
use crate::breakdown::{
    AgeBand, Breakdown, Dim, Facts, Figures, JsonBreakdown, ParamError, Scope, Sex, StatsParams,
    breakdown,
};

/// Loopback, or a signed-in staff member.
async fn allowed(state: &AppState, peer: Peer, headers: &HeaderMap) -> Result<bool, ApiFailure> {
    crate::admin::staff_or_local(state, peer, headers).await
}

/// The facts the caller may see.
pub async fn facts(state: &AppState, scope: Scope) -> Result<Facts, ApiFailure> {
    state.blocking(move |db| Facts::load(db, &scope)).await
}

/// Why the page or a download shows no figures.
enum Refusal {
    SignIn,
    Params(ParamError),
}

/// Checks the caller, then the parameters; the facts and breakdown on success.
async fn visible(
    state: &AppState,
    peer: Peer,
    headers: &HeaderMap,
    p: &StatsParams,
) -> Result<Result<(Facts, Breakdown), (Refusal, Option<Facts>)>, ApiFailure> {
    if !allowed(state, peer, headers).await? {
        return Ok(Err((Refusal::SignIn, None)));
    }
    let facts = facts(state, Scope::All).await?;
    match facts.select(p, None) {
        Ok(s) => {
            let b = breakdown(&facts, &s);
            Ok(Ok((facts, b)))
        }
        Err(e) => Ok(Err((Refusal::Params(e), Some(facts)))),
    }
}

fn bad_params(e: &ParamError) -> ApiFailure {
    ApiFailure::bad_request(e.message(&I18n::new(Locale::En)))
}

fn unauthorized() -> ApiFailure {
    ApiFailure::new(
        StatusCode::UNAUTHORIZED,
        ErrorCode::Unauthorized,
        "statistics from outside the server's machine need an admin token",
    )
}

pub async fn page(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsParams>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    let p = lenient_query(query);
    match visible(&state, peer, &headers, &p).await? {
        Err((Refusal::SignIn, _)) => Ok(sign_in_needed(&t, &t.stats_need_sign_in(), "/statistics")),
        Err((Refusal::Params(e), facts)) => {
            let facts = facts.unwrap_or_default();
            let body = format!(
                "<p class=\"error\" role=\"alert\">{}</p>{}",
                escape(&e.message(&t)),
                filter_form(&t, &state, &facts, &p)
            );
            Ok((
                StatusCode::BAD_REQUEST,
                Html(layout(&t, &t.stats_title(), &body)),
            )
                .into_response())
        }
        Ok((facts, b)) => Ok(Html(render(&t, &state, &facts, &p, &b)).into_response()),
    }
}

/// A `<select>` of `name` with an "all" choice and the given (value, label) choices.
fn select(
    name: &str,
    label: &str,
    all: &str,
    chosen: Option<&str>,
    choices: &[(String, String)],
) -> String {
    let mut options = format!("<option value=\"\">{}</option>", escape(all));
    for (value, text) in choices {
        let selected = if chosen == Some(value.as_str()) {
            " selected"
        } else {
            ""
        };
        options.push_str(&format!(
            "<option value=\"{}\"{selected}>{}</option>",
            escape(value),
            escape(text)
        ));
    }
    format!(
        "<label>{} <select name=\"{name}\">{options}</select></label> ",
        escape(label)
    )
}

/// Every `by` the form offers: each dimension alone, then each pair in a fixed order.
fn by_choices(t: &I18n) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in Dim::ALL {
        out.push((d.code().to_string(), d.label(t)));
    }
    for (i, a) in Dim::ALL.iter().enumerate() {
        for b in &Dim::ALL[i + 1..] {
            out.push((
                format!("{},{}", a.code(), b.code()),
                format!("{} × {}", a.label(t), b.label(t)),
            ));
        }
    }
    out
}

pub fn filter_form(t: &I18n, state: &AppState, facts: &Facts, p: &StatsParams) -> String {
    let value = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
    let chosen = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let all = t.stats_all();
    let townships: Vec<(String, String)> = facts
        .townships()
        .into_iter()
        .map(|x| (x.clone(), x))
        .collect();
    let centers: Vec<(String, String)> = facts
        .center_names()
        .into_iter()
        .map(|x| (x.clone(), x))
        .collect();
    let courses: Vec<(String, String)> = facts
        .courses()
        .into_iter()
        .map(|c| (c.clone(), course_title(state, &c).to_string()))
        .collect();
    let ages: Vec<(String, String)> = AgeBand::ALL
        .iter()
        .map(|a| (a.code().to_string(), a.label(t)))
        .collect();
    let sexes: Vec<(String, String)> = Sex::ALL
        .iter()
        .map(|s| (s.code().to_string(), s.label(t)))
        .collect();
    let by = chosen(&p.by).unwrap_or_else(|| Dim::Month.code().to_string());
    let by_options: String = by_choices(t)
        .into_iter()
        .map(|(v, l)| {
            let selected = if v == by { " selected" } else { "" };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                escape(&v),
                escape(&l)
            )
        })
        .collect();
    format!(
        "<form method=\"get\" action=\"/statistics\" class=\"filters\">\
         <label>{period} <input name=\"period\" placeholder=\"2026-Q3\" size=\"8\" value=\"{vp}\" \
         aria-describedby=\"period-hint\"></label> <small id=\"period-hint\">{hint}</small> \
         <label>{from} <input name=\"from\" placeholder=\"2026-01\" size=\"8\" value=\"{vf}\"></label> \
         <label>{to} <input name=\"to\" placeholder=\"2026-12\" size=\"8\" value=\"{vt}\"></label> \
         {township}{center}{course}{age}{sex}\
         <label>{by_label} <select name=\"by\">{by_options}</select></label> \
         <button type=\"submit\">{apply}</button> <a href=\"/statistics\">{reset}</a></form>",
        period = escape(&t.stats_filter_period()),
        hint = escape(&t.stats_filter_period_hint()),
        from = escape(&t.stats_filter_from()),
        to = escape(&t.stats_filter_to()),
        apply = escape(&t.stats_filter_apply()),
        reset = escape(&t.stats_filter_reset()),
        by_label = escape(&t.stats_filter_by()),
        vp = value(&p.period),
        vf = value(&p.from),
        vt = value(&p.to),
        township = select(
            "township",
            &t.dashboard_col_township(),
            &all,
            chosen(&p.township).as_deref(),
            &townships
        ),
        center = select(
            "center",
            &t.dashboard_col_center(),
            &all,
            chosen(&p.center).as_deref(),
            &centers
        ),
        course = select(
            "course",
            &t.stats_col_course(),
            &all,
            chosen(&p.course).as_deref(),
            &courses
        ),
        age = select(
            "age",
            &t.stats_col_age(),
            &all,
            chosen(&p.age).as_deref(),
            &ages
        ),
        sex = select(
            "sex",
            &t.stats_col_sex(),
            &all,
            chosen(&p.sex).as_deref(),
            &sexes
        ),
    )
}

/// A count as shown: its number, or the hidden mark.
pub fn count_text(t: &I18n, p: Published) -> String {
    match p {
        Published::Shown(n) => n.to_string(),
        Published::Hidden(_) => t.stats_hidden(),
    }
}

/// The label of each key of a line ("합계" where the line totals a dimension).
fn key_labels(
    t: &I18n,
    state: &AppState,
    b: &Breakdown,
    line: &crate::breakdown::Line,
) -> Vec<String> {
    let title = |c: &str| course_title(state, c).to_string();
    b.by.iter()
        .zip(&line.keys)
        .map(|(_, k)| match k {
            Some(k) => k.label(t, &title),
            None => t.stats_total(),
        })
        .collect()
}

/// The figures of a line as text for the page.
fn figure_cells(t: &I18n, f: &Figures) -> [String; 4] {
    [
        count_text(t, f.learners),
        f.attendance_minutes
            .map(|m| hours_text(t, m))
            .unwrap_or_else(|| t.stats_hidden()),
        f.lessons_completed
            .map(|n| n.to_string())
            .unwrap_or_else(|| t.stats_hidden()),
        count_text(t, f.certifications),
    ]
}

fn figure_headers(t: &I18n) -> [String; 4] {
    [
        t.stats_col_learners(),
        t.stats_col_hours(),
        t.stats_col_lessons(),
        t.stats_col_certifications(),
    ]
}

/// The breakdown as an HTML table (headers, lines, total).
pub fn table(t: &I18n, state: &AppState, b: &Breakdown, caption: &str) -> String {
    let mut head = String::new();
    for d in &b.by {
        head.push_str(&format!("<th scope=\"col\">{}</th>", escape(&d.label(t))));
    }
    for h in figure_headers(t) {
        head.push_str(&format!(
            "<th scope=\"col\" class=\"n\">{}</th>",
            escape(&h)
        ));
    }
    let mut rows = String::new();
    for line in &b.lines {
        let subtotal = line.keys.iter().any(Option::is_none);
        rows.push_str(if subtotal {
            "<tr class=\"subtotal\">"
        } else {
            "<tr>"
        });
        for (i, k) in key_labels(t, state, b, line).into_iter().enumerate() {
            if i == 0 {
                rows.push_str(&format!("<th scope=\"row\">{}</th>", escape(&k)));
            } else {
                rows.push_str(&format!("<td>{}</td>", escape(&k)));
            }
        }
        for c in figure_cells(t, &line.figures) {
            rows.push_str(&format!("<td class=\"n\">{}</td>", escape(&c)));
        }
        rows.push_str("</tr>\n");
    }
    if b.lines.is_empty() {
        rows = format!(
            "<tr><td colspan=\"{}\">{}</td></tr>",
            b.by.len() + 4,
            escape(&t.stats_none())
        );
    }
    let mut total = format!(
        "<tr class=\"total\"><th scope=\"row\">{}</th>",
        escape(&t.stats_total())
    );
    for _ in 1..b.by.len() {
        total.push_str("<td></td>");
    }
    for c in figure_cells(t, &b.total) {
        total.push_str(&format!("<td class=\"n\">{}</td>", escape(&c)));
    }
    total.push_str("</tr>");
    format!(
        "<div class=\"table-wrap\"><table><caption>{}</caption><thead><tr>{head}</tr></thead>\
         <tbody>\n{rows}</tbody><tfoot>{total}</tfoot></table></div>",
        escape(caption)
    )
}

pub fn render(t: &I18n, state: &AppState, facts: &Facts, p: &StatsParams, b: &Breakdown) -> String {
    let qs = p.query_string();
    let hidden = b
        .lines
        .iter()
        .map(|l| &l.figures)
        .chain(std::iter::once(&b.total))
        .any(|f| f.learners.is_hidden() || f.certifications.is_hidden());
    let notes = if hidden {
        format!("<p class=\"note\">{}</p>", escape(&t.stats_hidden_note()))
    } else {
        String::new()
    };
    let intro = t.stats_intro_period(args::StatsIntroPeriod {
        from: b.from.to_string().into(),
        to: b.to.to_string().into(),
    });
    let body = format!(
        "<p>{intro}</p>{form}<p class=\"downloads\"><a href=\"/statistics.csv{qs}\">{csv}</a> \
         <a href=\"/statistics.xlsx{qs}\">{xlsx}</a> <a href=\"/api/v1/statistics{qs}\">{json}</a></p>\
         {table}{notes}",
        intro = escape(&intro),
        form = filter_form(t, state, facts, p),
        qs = escape(&qs),
        csv = escape(&t.stats_download_csv()),
        xlsx = escape(&t.stats_download_xlsx()),
        json = escape(&t.stats_download_json()),
        table = table(t, state, b, &t.stats_title()),
    );
    layout(t, &t.stats_title(), &body)
}

/// The breakdown as rows of text: a header, the lines, the total. Hidden counts are
/// `*`; minutes are plain numbers so sums in a spreadsheet are exact.
pub fn text_rows(t: &I18n, state: &AppState, b: &Breakdown) -> Vec<Vec<Cell>> {
    let mut header: Vec<Cell> = b.by.iter().map(|d| Cell::Text(d.label(t))).collect();
    for h in [
        t.stats_col_learners(),
        t.stats_col_minutes(),
        t.stats_col_lessons(),
        t.stats_col_certifications(),
    ] {
        header.push(Cell::Text(h));
    }
    let figures = |f: &Figures| -> Vec<Cell> {
        let n = |v: Option<u32>| {
            v.map(Cell::Number)
                .unwrap_or_else(|| Cell::Text(t.stats_hidden()))
        };
        vec![
            n(f.learners.shown()),
            n(f.attendance_minutes),
            n(f.lessons_completed),
            n(f.certifications.shown()),
        ]
    };
    let mut rows = vec![header];
    for line in &b.lines {
        let mut row: Vec<Cell> = key_labels(t, state, b, line)
            .into_iter()
            .map(Cell::Text)
            .collect();
        row.extend(figures(&line.figures));
        rows.push(row);
    }
    let mut total = vec![Cell::Text(t.stats_total())];
    for _ in 1..b.by.len() {
        total.push(Cell::Text(String::new()));
    }
    total.extend(figures(&b.total));
    rows.push(total);
    rows
}

/// A cell of a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Number(u32),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

pub async fn csv(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsParams>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    let p = lenient_query(query);
    let b = download(&state, peer, &headers, &p).await?;
    let rows = text_rows(&t, &state, &b);
    let lines = rows
        .iter()
        .map(|row| csv_line(&row.iter().map(Cell::text).collect::<Vec<_>>()));
    Ok(csv_response("statistics.csv", lines))
}

async fn download(
    state: &AppState,
    peer: Peer,
    headers: &HeaderMap,
    p: &StatsParams,
) -> Result<Breakdown, ApiFailure> {
    match visible(state, peer, headers, p).await? {
        Ok((_, b)) => Ok(b),
        Err((Refusal::SignIn, _)) => Err(unauthorized()),
        Err((Refusal::Params(e), _)) => Err(bad_params(&e)),
    }
}

/// The workbook of a breakdown: one sheet, a bold header, numbers as numbers.
pub fn xlsx_bytes(
    t: &I18n,
    state: &AppState,
    b: &Breakdown,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t.stats_sheet_name())?;
    let bold = Format::new().set_bold();
    for (r, row) in text_rows(t, state, b).iter().enumerate() {
        let last = r + 1 == b.lines.len() + 2;
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Cell::Text(s) if r == 0 || last => {
                    sheet.write_string_with_format(r, c, s, &bold)?;
                }
                Cell::Text(s) => {
                    sheet.write_string(r, c, s)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, c, f64::from(*n))?;
                }
            }
        }
    }
    for c in 0..(b.by.len() + 4) as u16 {
        sheet.set_column_width(c, 16)?;
    }
    workbook.save_to_buffer()
}

pub async fn xlsx(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsParams>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    let p = lenient_query(query);
    let b = download(&state, peer, &headers, &p).await?;
    let bytes = xlsx_bytes(&t, &state, &b).map_err(ApiFailure::unavailable)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"statistics.xlsx\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response())
}

/// Distinct learners, attendance, lessons and certificates of one period, split by one
/// or two dimensions, with subtotals and the total; counts of 1–4 people (and those
/// that would reveal them) are `null`. Open from the server's own machine; an admin
/// token from anywhere else.
#[utoipa::path(get, path = "/api/v1/statistics", params(StatsParams),
    security((), ("admin_token" = [])), responses(
    (status = 200, body = JsonBreakdown),
    (status = 400, body = ApiError), (status = 401, body = ApiError),
))]
pub async fn json(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsParams>, QueryRejection>,
) -> Result<Json<JsonBreakdown>, ApiFailure> {
    if !allowed(&state, peer, &headers).await? {
        return Err(unauthorized());
    }
    let Query(p) = query.map_err(|e| ApiFailure::bad_request(e.body_text()))?;
    Ok(Json(download(&state, peer, &headers, &p).await?.json()))
}

/// The parameters of [`cells`].
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CellsQuery {
    /// First month, `YYYY-MM`.
    pub from: Option<String>,
    /// Last month, `YYYY-MM`.
    pub to: Option<String>,
}

/// The figures per month, center and course as the server keeps them (core's
/// `monthly_summary` of each center, sessions held included), unsuppressed: for the
/// county's own checks, behind the same sign-in as the statistics. Learners here are
/// per month and course and must not be added up; publish `/api/v1/statistics`.
#[utoipa::path(get, path = "/api/v1/statistics/cells", params(CellsQuery),
    security((), ("admin_token" = [])), responses(
    (status = 200, body = Vec<crate::statistics::StatsRow>),
    (status = 400, body = ApiError), (status = 401, body = ApiError),
))]
pub async fn cells(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<CellsQuery>, QueryRejection>,
) -> Result<Json<Vec<crate::statistics::StatsRow>>, ApiFailure> {
    if !allowed(&state, peer, &headers).await? {
        return Err(unauthorized());
    }
    let Query(q) = query.map_err(|e| ApiFailure::bad_request(e.body_text()))?;
    let month = |v: &Option<String>| -> Result<_, ApiFailure> {
        match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => baeumteo_core::projection::YearMonth::try_from(v.to_string())
                .map(Some)
                .map_err(|_| bad_params(&ParamError::BadMonth(v.to_string()))),
        }
    };
    let filter = crate::statistics::StatsFilter {
        from: month(&q.from)?,
        to: month(&q.to)?,
        center_name: None,
    };
    Ok(Json(
        state
            .blocking(move |db| crate::statistics::statistics(db, &filter))
            .await?,
    ))
}
