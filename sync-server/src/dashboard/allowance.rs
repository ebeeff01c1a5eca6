//! `/allowance.csv?month=YYYY-MM` and `/allowance.xlsx`: a month's activity allowance
//! (활동비) settlement of the certified activists, from `crate::activists`. Names are
//! personal data: a staff sign-in and a purpose are needed and the access is logged, as
//! for the registry (the form sits on the registry page).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::projection::YearMonth;
use chrono::Utc;
use serde::Deserialize;

use super::csv_line;
use super::registry::{open_registry, refused};
use crate::activists::{ActivistFacts, Allowance, allowance};
use crate::api::{ApiFailure, AppState};

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AllowanceQuery {
    /// The month to settle, `YYYY-MM`.
    pub month: Option<String>,
    /// Why the settlement is made (written to the access log). Required.
    pub purpose: Option<String>,
}

/// The header, one line per activist, the totals: the columns of both downloads.
fn table(t: &I18n, a: &Allowance) -> Vec<Vec<Cell>> {
    let mut rows = vec![
        [
            t.registry_col_name(),
            t.dashboard_col_county(),
            t.dashboard_col_township(),
            t.registry_col_center(),
            t.registry_col_number(),
            t.allowance_col_confirmed(),
            t.allowance_col_waiting(),
            t.allowance_col_paid(),
            t.allowance_col_rate(),
            t.allowance_col_amount(),
        ]
        .into_iter()
        .map(Cell::Text)
        .collect(),
    ];
    for r in &a.rows {
        rows.push(vec![
            Cell::Text(r.name.clone()),
            Cell::Text(r.county.clone()),
            Cell::Text(r.township.clone()),
            Cell::Text(r.center_name.clone()),
            Cell::Text(r.certificate_no.clone()),
            Cell::Number(r.confirmed_minutes.into()),
            Cell::Number(r.waiting_minutes.into()),
            Cell::Number(r.paid_minutes.into()),
            r.hourly_rate
                .map_or(Cell::Blank, |n| Cell::Number(n.into())),
            r.amount.map_or(Cell::Blank, Cell::Number),
        ]);
    }
    rows.push(vec![
        Cell::Text(t.allowance_total()),
        Cell::Blank,
        Cell::Blank,
        Cell::Blank,
        Cell::Blank,
        Cell::Number(a.confirmed_minutes.into()),
        Cell::Number(a.waiting_minutes.into()),
        Cell::Number(a.paid_minutes.into()),
        Cell::Blank,
        a.amount.map_or(Cell::Blank, Cell::Number),
    ]);
    rows
}

enum Cell {
    Text(String),
    Number(u64),
    Blank,
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Blank => String::new(),
        }
    }
}

/// The settlement as CSV text: a BOM (Excel then reads the Hangul), CRLF lines.
pub fn csv_text(t: &I18n, a: &Allowance) -> String {
    let mut out = String::from("\u{feff}");
    for row in table(t, a) {
        let fields: Vec<String> = row.iter().map(Cell::text).collect();
        out.push_str(&csv_line(&fields));
    }
    out
}

/// The settlement as an Excel workbook: a title line, the table, numbers as numbers.
pub fn xlsx_bytes(t: &I18n, a: &Allowance) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t.allowance_sheet())?;
    sheet.write_string_with_format(0, 0, t.allowance_title(a.month.clone()), &bold)?;
    let rows = table(t, a);
    let last = rows.len() - 1;
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 2).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(s) if i == 0 || i == last => {
                    sheet.write_string_with_format(r, c, s, &bold)?;
                }
                Cell::Text(s) => {
                    sheet.write_string(r, c, s)?;
                }
                // Won and minutes are far below 2^53: exact as spreadsheet numbers.
                Cell::Number(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Cell::Blank => {}
            }
        }
    }
    for (c, width) in [12.0, 10.0, 10.0, 22.0, 18.0, 14.0, 12.0, 12.0, 14.0, 14.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(u16::try_from(c).unwrap_or(0), width)?;
    }
    workbook.save_to_buffer()
}

async fn settle(
    state: &AppState,
    headers: &HeaderMap,
    q: AllowanceQuery,
    what: &str,
) -> Result<Allowance, ApiFailure> {
    let Some(month) = q.month.as_deref() else {
        return Err(ApiFailure::bad_request(
            "say which month to settle: ?month=YYYY-MM",
        ));
    };
    let month = YearMonth::try_from(month.trim().to_string()).map_err(|_| {
        ApiFailure::bad_request(format!(
            "month must be YYYY-MM (e.g. 2026-11), not {month:?}"
        ))
    })?;
    let (_, _, certificates) = open_registry(state, headers, q.purpose.as_deref(), what)
        .await?
        .map_err(refused)?;
    let terms = state.config.allowance;
    state
        .blocking(move |db| {
            let facts = ActivistFacts::load(db, &certificates)?;
            Ok::<_, crate::db::DbError>(allowance(&facts, &certificates, month, terms))
        })
        .await
}

pub async fn csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<AllowanceQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let Query(q) = query.map_err(|e| ApiFailure::bad_request(e.body_text()))?;
    let a = settle(&state, &headers, q, "allowance.csv").await?;
    let t = I18n::new(Locale::Ko);
    Ok(download(
        &format!("allowance-{}.csv", a.month),
        "text/csv; charset=utf-8",
        csv_text(&t, &a).into_bytes(),
    ))
}

pub async fn xlsx(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<AllowanceQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let Query(q) = query.map_err(|e| ApiFailure::bad_request(e.body_text()))?;
    let a = settle(&state, &headers, q, "allowance.xlsx").await?;
    let t = I18n::new(Locale::Ko);
    let bytes = xlsx_bytes(&t, &a).map_err(|e| {
        tracing::error!(error = %e, "allowance workbook not written");
        ApiFailure::unavailable("the workbook could not be written")
    })?;
    Ok(download(
        &format!("allowance-{}.xlsx", a.month),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    ))
}

fn download(file_name: &str, content_type: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// The form on the registry page: which month, then CSV or XLSX (same purpose).
pub fn form(t: &I18n, purpose: &str) -> String {
    let month = YearMonth::of_instant(Utc::now()).to_string();
    format!(
        "<h2>{heading}</h2><p>{intro}</p>\
         <form method=\"get\" action=\"/allowance.csv\">\
         <input type=\"hidden\" name=\"purpose\" value=\"{purpose}\">\
         <label>{label} <input name=\"month\" type=\"month\" value=\"{month}\" required></label> \
         <button type=\"submit\">{csv}</button> \
         <button type=\"submit\" formaction=\"/allowance.xlsx\">{xlsx}</button></form>",
        heading = super::escape(&t.allowance_heading()),
        intro = super::escape(&t.allowance_intro()),
        purpose = super::escape(purpose),
        label = super::escape(&t.allowance_month_label()),
        csv = super::escape(&t.allowance_download_csv()),
        xlsx = super::escape(&t.allowance_download_xlsx()),
    )
}
