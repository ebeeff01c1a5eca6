//! The county's page of kiosks: when each last synced, how much it has sent, whether its
//! clock is off, and which ones have gone quiet. Server-rendered, no script.

use axum::extract::State;
use axum::response::Html;
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::time::kst;
use baeumteo_core::wire::clock_offset_is_notable;
use chrono::Utc;

use crate::api::{ApiFailure, AppState};
use crate::db::KioskSummary;

/// A kiosk silent for longer than this is marked on the page.
const QUIET_AFTER: chrono::Duration = chrono::Duration::days(7);

pub async fn page(State(state): State<AppState>) -> Result<Html<String>, ApiFailure> {
    let kiosks = state.blocking(|db| db.kiosks()).await?;
    Ok(Html(render(&I18n::new(Locale::Ko), &kiosks, Utc::now())))
}

pub fn render(t: &I18n, kiosks: &[KioskSummary], now: chrono::DateTime<Utc>) -> String {
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
        "<!doctype html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>\
         body{{font-family:sans-serif;font-size:18px;margin:2rem}}\
         table{{border-collapse:collapse}}td,th{{border:1px solid #888;padding:.4rem .7rem;text-align:left}}\
         tr.quiet{{background:#fde2e2}}</style></head><body>\
         <h1>{title}</h1>\n<table><thead><tr><th>{h_county}</th><th>{h_township}</th><th>{h_center}</th>\
         <th>{h_kiosk}</th><th>{h_last}</th><th>{h_events}</th><th>{h_clock}</th><th>{h_conflicts}</th>\
         <th>{h_state}</th></tr></thead><tbody>\n{rows}</tbody></table></body></html>\n",
        title = escape(&t.dashboard_kiosks_title()),
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

fn escape(s: &str) -> String {
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
