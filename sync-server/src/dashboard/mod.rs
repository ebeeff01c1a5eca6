//! The county dashboard, server-rendered, no script: the page of kiosks (when each last
//! synced, how much it has sent, whether its clock is off, which ones have gone quiet),
//! training statistics, the activist registry and staff sign-in.

pub mod allowance;
pub mod charts;
pub mod login;
pub mod open_data;
pub mod overview;
pub mod registry;
pub mod statistics;
pub mod summary;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use baeumteo_core::i18n::args;
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::time::kst;
use baeumteo_core::wire::clock_offset_is_notable;
use chrono::Utc;

use crate::admin::{Peer, staff_or_local};
use crate::api::{ApiFailure, AppState};
use crate::db::KioskSummary;

/// A kiosk silent for longer than this is marked on the page.
pub(crate) const QUIET_AFTER: chrono::Duration = chrono::Duration::days(7);

/// The fleet page. Kiosk ids and centers help an attacker (a kiosk id is half of an
/// enrollment takeover), so from anywhere but the server's own machine it needs a
/// staff sign-in, like the statistics.
pub async fn page(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    if !staff_or_local(&state, peer, &headers).await? {
        return Ok(sign_in_needed(&t, &t.dashboard_need_sign_in(), "/"));
    }
    let kiosks = state.blocking(|db| db.kiosks()).await?;
    Ok(Html(render(&t, &kiosks, Utc::now())).into_response())
}

/// The dashboard's stylesheet (pages may not carry inline style under the CSP).
pub async fn stylesheet() -> Response {
    stylesheet_response(include_str!("../../static/dashboard.css"))
}

/// The bundled Hangul font, for the stylesheets' `@font-face`: read from the installed
/// fonts folder once, then kept (8 MB is less than a page's worth of events). A missing
/// font is a 404; the pages then fall back to the system's fonts.
pub async fn font() -> Response {
    static FONT: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    let bytes = FONT.get_or_init(|| {
        let path = crate::paths::fonts_dir().join(crate::paths::FONT_REGULAR);
        match std::fs::read(&path) {
            Ok(b) => Some(b),
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "the bundled font is missing");
                None
            }
        }
    });
    match bytes {
        Some(b) => (
            [
                (header::CONTENT_TYPE, "font/ttf"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            b.clone(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A stylesheet: no names in it, so caches may keep it for an hour.
pub fn stylesheet_response(css: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        css,
    )
        .into_response()
}

pub fn render(t: &I18n, kiosks: &[KioskSummary], now: chrono::DateTime<Utc>) -> String {
    layout(t, &t.dashboard_kiosks_title(), &fleet_table(t, kiosks, now))
}

/// The table of kiosks: where, when each last synced, how much it sent, its clock.
pub fn fleet_table(t: &I18n, kiosks: &[KioskSummary], now: chrono::DateTime<Utc>) -> String {
    let mut rows = String::new();
    for k in kiosks {
        let last_sync = match k.last_sync_at {
            Some(at) => at
                .with_timezone(&kst())
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            None => t.dashboard_never_synced(),
        };
        let quiet =
            k.kiosk.revoked_at.is_none() && k.last_sync_at.is_none_or(|at| now - at > QUIET_AFTER);
        let offset = match k.last_clock_offset_ms {
            Some(ms) if clock_offset_is_notable(ms) => t.dashboard_clock_off(ms / 60_000),
            Some(_) => t.dashboard_clock_ok(),
            None => String::new(),
        };
        let state = if k.kiosk.revoked_at.is_some() {
            t.dashboard_kiosk_revoked()
        } else if quiet {
            t.dashboard_kiosk_quiet()
        } else {
            t.dashboard_kiosk_active()
        };
        rows.push_str(&format!(
            "<tr{cls}><td>{county}</td><td>{township}</td><td>{center}</td><td><code>{id}</code></td>\
             <td>{last_sync}</td><td>{events}</td><td>{offset}</td><td>{conflicts}</td><td>{state}</td></tr>\n",
            cls = if quiet { " class=\"quiet\"" } else { "" },
            county = escape(&k.kiosk.center.county),
            township = escape(&k.kiosk.center.township),
            center = escape(&k.kiosk.center.center_name),
            id = k.kiosk.kiosk_id,
            last_sync = escape(&last_sync),
            events = k.events,
            offset = escape(&offset),
            conflicts = k.conflicts,
            state = escape(&state),
        ));
    }
    if kiosks.is_empty() {
        rows = format!(
            "<tr><td colspan=\"9\">{}</td></tr>",
            escape(&t.dashboard_no_kiosks())
        );
    }
    format!(
        "<div class=\"table-wrap\"><table><thead><tr><th>{h_county}</th><th>{h_township}</th><th>{h_center}</th>\
         <th>{h_kiosk}</th><th>{h_last}</th><th>{h_events}</th><th>{h_clock}</th><th>{h_conflicts}</th>\
         <th>{h_state}</th></tr></thead><tbody>\n{rows}</tbody></table></div>",
        h_county = escape(&t.dashboard_col_county()),
        h_township = escape(&t.dashboard_col_township()),
        h_center = escape(&t.dashboard_col_center()),
        h_kiosk = escape(&t.dashboard_col_kiosk()),
        h_last = escape(&t.dashboard_col_last_sync()),
        h_events = escape(&t.dashboard_col_events()),
        h_clock = escape(&t.dashboard_col_clock()),
        h_conflicts = escape(&t.dashboard_col_conflicts()),
        h_state = escape(&t.dashboard_col_state()),
    )
}

/// A dashboard page: the navigation, a heading and the body (already escaped HTML).
pub fn layout(t: &I18n, title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/static/dashboard.css\"></head><body>\
         <nav><a href=\"/\">{nav_overview}</a><a href=\"/statistics\">{nav_stats}</a>\
         <a href=\"/registry\">{nav_registry}</a><a href=\"/kiosks\">{nav_kiosks}</a></nav>\
         <h1>{title}</h1>\n{body}</body></html>\n",
        lang = t.locale().code(),
        title = escape(title),
        nav_kiosks = escape(&t.dashboard_nav_kiosks()),
        nav_overview = escape(&t.dashboard_nav_overview()),
        nav_stats = escape(&t.dashboard_nav_statistics()),
        nav_registry = escape(&t.dashboard_nav_registry()),
    )
}

/// Minutes as "12시간 30분".
pub fn hours_text(t: &I18n, minutes: u32) -> String {
    t.server_hours_minutes(args::ServerHoursMinutes {
        hours: (minutes / 60).into(),
        minutes: (minutes % 60).into(),
    })
}

/// A day in Korea (UTC+9), as "2026년 11월 22일".
pub fn date_text(t: &I18n, at: chrono::DateTime<Utc>) -> String {
    use chrono::Datelike;
    let d = baeumteo_core::time::kst_date(at);
    t.server_date(args::ServerDate {
        day: d.day().into(),
        month: d.month().into(),
        year: d.year().into(),
    })
}

/// A course's title when the server knows the course, else its id.
pub fn course_title<'a>(state: &'a AppState, course_id: &'a str) -> &'a str {
    state
        .course_titles
        .get(course_id)
        .map(String::as_str)
        .unwrap_or(course_id)
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A value for a URL query or path segment, percent-encoded.
pub fn url_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Whether a spreadsheet could run this cell as a formula. Excel and LibreOffice skip
/// leading blanks and control characters (`\t=HYPERLINK(…)`), so the check looks past
/// them; a plain number such as `-3` stays a number.
fn looks_like_formula(field: &str) -> bool {
    let rest = field.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    if !rest.starts_with(['=', '+', '-', '@']) {
        return false;
    }
    // Only a bare number is left alone; with anything in front it is defused too.
    rest.len() != field.len() || field.parse::<f64>().is_err()
}

/// One CSV line (RFC 4180), ending in CRLF as Excel expects. A field that a spreadsheet
/// would run as a formula gets a leading apostrophe.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = String::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let f = field.as_ref();
        let f = if looks_like_formula(f) {
            format!("'{f}")
        } else {
            f.to_string()
        };
        if f.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&f.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(&f);
        }
    }
    line.push_str("\r\n");
    line
}

/// A CSV download: UTF-8 with a byte-order mark, so Excel shows Hangul.
pub fn csv_response(file_name: &str, lines: impl IntoIterator<Item = String>) -> Response {
    let mut body = String::from("\u{feff}");
    for line in lines {
        body.push_str(&line);
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
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

/// A dashboard page that needs a staff sign-in: a 401 with the way to sign in.
/// The page and CSV read a malformed query string as an empty one (the page then shows
/// its form); only the JSON endpoints refuse it.
pub fn lenient_query<T: Default>(query: Result<Query<T>, QueryRejection>) -> T {
    query.map(|Query(q)| q).unwrap_or_default()
}

pub fn sign_in_needed(t: &I18n, why: &str, back_to: &str) -> Response {
    let body = format!(
        "<p class=\"error\">{why}</p>{form}",
        why = escape(why),
        form = login::form_html(t, back_to, false)
    );
    (
        StatusCode::UNAUTHORIZED,
        Html(layout(t, &t.login_title(), &body)),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::KioskRecord;
    use baeumteo_core::wire::CenterInfo;

    fn summary(center: &str, last_sync: Option<chrono::DateTime<Utc>>) -> KioskSummary {
        KioskSummary {
            kiosk: KioskRecord {
                kiosk_id: uuid::Uuid::now_v7(),
                center: CenterInfo {
                    center_name: center.into(),
                    county: "영양군".into(),
                    township: "입암면".into(),
                },
                enrolled_at: Utc::now(),
                revoked_at: None,
            },
            acked_seq: 3,
            events: 3,
            conflicts: 0,
            last_sync_at: last_sync,
            last_clock_offset_ms: Some(9 * 60_000),
        }
    }

    #[test]
    fn dates_read_year_month_day_in_korea() {
        // 23:30 UTC is the next morning in Korea.
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-21T23:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(date_text(&I18n::new(Locale::Ko), at), "2026년 11월 22일");
        assert_eq!(date_text(&I18n::new(Locale::En), at), "2026-11-22");
    }

    #[test]
    fn csv_formulas_are_defused_after_leading_whitespace_and_control_characters() {
        for cell in [
            "\t=HYPERLINK(\"http://evil.example\",\"x\")",
            "\r=1+1",
            " =1+1",
            "\n@SUM(A1)",
            "\u{0}+1",
            "\u{3000}=1",
            "\t-3",
        ] {
            let line = csv_line(&[cell]);
            let content = line.trim_end_matches("\r\n").trim_start_matches('"');
            assert!(content.starts_with('\''), "{cell:?} gave {line:?}");
        }
        // Numbers stay numbers, text stays text.
        assert_eq!(csv_line(&["-3", "+7", "평창", " 3"]), "-3,+7,평창, 3\r\n");
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(
            csv_line(&["a,b", "say \"hi\"", "=SUM(A1)", "-3", "평창"]),
            "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-3,평창\r\n"
        );
    }

    #[test]
    fn the_page_escapes_names_and_marks_quiet_kiosks() {
        let now = Utc::now();
        let html = render(
            &I18n::new(Locale::Ko),
            &[
                summary("<script>센터", Some(now)),
                summary("조용한 센터", Some(now - chrono::Duration::days(30))),
            ],
            now,
        );
        assert!(html.contains("&lt;script&gt;센터"));
        assert!(!html.contains("<script>"));
        assert_eq!(html.matches("class=\"quiet\"").count(), 1);
    }
}
