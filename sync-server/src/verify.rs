//! `/verify/CERT_NO?c=CODE`: the page a certificate's QR code opens on a phone. It says
//! whether the certificate is genuine, from the synced `CertificationIssued` events.
//!
//! The page is public (anyone holding the paper can open it), so it shows as little
//! personal data as proves the point: the holder's name masked (김*자), enough to match
//! the paper in hand, useless to someone guessing URLs. An unknown number and a wrong
//! code give the very same 404 page, so the page never tells whether a number exists.

use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use baeumteo_core::i18n::{I18n, Locale};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::activists::{ActivistFacts, Revoked};
use crate::admin::Peer;
use crate::api::{ApiFailure, AppState, retry_after_secs};
use crate::dashboard::{course_title, date_text, escape, hours_text, url_component};
use crate::db::{CertificateRecord, Holder};

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerifyQuery {
    /// The verification code printed on the certificate.
    pub c: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct VerifyForm {
    pub n: Option<String>,
    pub c: Option<String>,
}

/// A name with its middle hidden: 김순자 → 김*자, 남궁민수 → 남**수, 김순 → 김*.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".into(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// Codes are printed in capitals; people type them in any case, with spaces.
fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Compares through hashes, so the time taken does not tell how much of a code matched.
fn codes_match(given: &str, stored: &str) -> bool {
    Sha256::digest(normalize_code(given).as_bytes())
        == Sha256::digest(normalize_code(stored).as_bytes())
}

/// The certificate with this number and code, if any.
pub fn find<'a>(records: &'a [CertificateRecord], code: &str) -> Option<&'a CertificateRecord> {
    if normalize_code(code).is_empty() {
        return None;
    }
    records
        .iter()
        .find(|r| codes_match(code, &r.verification_code))
}

/// Checks a certificate; a 404 page when it cannot be confirmed.
#[utoipa::path(get, path = "/verify/{cert_no}",
    params(("cert_no" = String, Path, description = "the certificate number"), VerifyQuery),
    responses(
        (status = 200, content_type = "text/html", body = String, description = "the certificate is genuine"),
        (status = 404, content_type = "text/html", body = String, description = "unknown number or wrong code (not told apart)"),
))]
pub async fn page(
    State(state): State<AppState>,
    peer: Peer,
    Path(cert_no): Path<String>,
    query: Result<Query<VerifyQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    if let Some(too_many) = throttled(&state, &peer, &t) {
        return Ok(too_many);
    }
    let code = query.ok().and_then(|Query(q)| q.c).unwrap_or_default();
    let number = cert_no.trim().to_string();
    let (records, facts) = if number.is_empty() || number.len() > 64 {
        (Vec::new(), ActivistFacts::default())
    } else {
        state
            .blocking(move |db| {
                let records = db.certificates_by_number(&number)?;
                let facts = ActivistFacts::load_revocations(db, &records)?;
                Ok::<_, crate::db::DbError>((records, facts))
            })
            .await?
    };
    let response = match find(&records, &code) {
        Some(record) => {
            let revoked = facts.revocation(&record.certificate_no);
            (StatusCode::OK, Html(genuine(&t, &state, record, revoked)))
        }
        None => (StatusCode::NOT_FOUND, Html(not_found(&t))),
    };
    Ok(private(response.into_response()))
}

/// `/verify?n=NUMBER&c=CODE`: the form for a certificate printed without a server
/// address (its QR holds only the number and code), and where it sends its answer.
pub async fn form(
    State(state): State<AppState>,
    peer: Peer,
    Query(f): Query<VerifyForm>,
) -> Response {
    let t = I18n::new(Locale::Ko);
    if let Some(too_many) = throttled(&state, &peer, &t) {
        return too_many;
    }
    match (f.n.as_deref().map(str::trim), f.c.as_deref().map(str::trim)) {
        (Some(n), Some(c)) if !n.is_empty() && !c.is_empty() => Redirect::to(&format!(
            "/verify/{}?c={}",
            url_component(n),
            url_component(c)
        ))
        .into_response(),
        _ => private(Html(page_html(&t, &t.verify_title(), &form_html(&t))).into_response()),
    }
}

/// The 429 page when this client address checks too often. The page answers whether a
/// number and code match, so guessing is slowed to a trickle (a person checks one paper
/// at a time); per address, so one guesser never blocks anyone else.
fn throttled(state: &AppState, peer: &Peer, t: &I18n) -> Option<Response> {
    let wait = state
        .verify_limiter
        .check(peer.key(), Instant::now())
        .err()?;
    tracing::warn!(client = %peer.key(), "certificate checks throttled");
    let secs = retry_after_secs(wait);
    let body = format!(
        "<div class=\"bad\">{title}</div><p>{text}</p>",
        title = escape(&t.verify_too_many_title()),
        text = escape(&t.verify_too_many_body(secs)),
    );
    let mut response = private(
        (
            StatusCode::TOO_MANY_REQUESTS,
            Html(page_html(t, &t.verify_too_many_title(), &body)),
        )
            .into_response(),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    Some(response)
}

/// The page's stylesheet (no inline style under the CSP).
pub async fn stylesheet() -> Response {
    crate::dashboard::stylesheet_response(include_str!("../static/verify.css"))
}

/// The URL carries the code: keep it out of caches, search engines and referrers.
fn private(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// The certificate as issued; when revoked, that first and plainly, with the day (and
/// nothing more: the reason may be personal).
fn genuine(t: &I18n, state: &AppState, r: &CertificateRecord, revoked: Option<&Revoked>) -> String {
    let (holder, note) = match &r.holder {
        Holder::Named(name) => (mask_name(name), t.verify_masked_note()),
        Holder::Erased => (String::new(), t.verify_erased()),
        Holder::Unknown => (t.verify_holder_unknown(), String::new()),
    };
    let mut rows = vec![(t.verify_label_number(), r.certificate_no.clone())];
    if !holder.is_empty() {
        rows.push((t.verify_label_holder(), holder));
    }
    rows.extend([
        (
            t.verify_label_course(),
            course_title(state, &r.course_id).to_string(),
        ),
        (t.verify_label_hours(), hours_text(t, r.minutes)),
        (t.verify_label_date(), date_text(t, r.issued_at)),
        (t.verify_label_center(), issuer(r)),
    ]);
    if let Some(revoked) = revoked {
        rows.push((t.verify_label_revoked(), date_text(t, revoked.at)));
    }
    let table: String = rows
        .iter()
        .map(|(label, value)| {
            format!(
                "<tr><th>{}</th><td>{}</td></tr>",
                escape(label),
                escape(value)
            )
        })
        .collect();
    let note = if note.is_empty() {
        String::new()
    } else {
        format!("<p class=\"note\">{}</p>", escape(&note))
    };
    let body = match revoked {
        None => format!(
            "<div class=\"ok\"><span class=\"mark\">✔</span> {title}</div><p>{lead}</p>\
             <table>{table}</table>{note}",
            title = escape(&t.verify_genuine()),
            lead = escape(&t.verify_genuine_body()),
        ),
        Some(revoked) => format!(
            "<div class=\"bad\"><span class=\"mark\">✖</span> {title}</div><p>{lead}</p>\
             <table>{table}</table>{note}",
            title = escape(&t.verify_revoked_title()),
            lead = escape(&t.verify_revoked_body(date_text(t, revoked.at))),
        ),
    };
    page_html(t, &t.verify_title(), &body)
}

fn issuer(r: &CertificateRecord) -> String {
    [&r.center.county, &r.center.township, &r.center.center_name]
        .into_iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

fn not_found(t: &I18n) -> String {
    let body = format!(
        "<div class=\"bad\"><span class=\"mark\">✖</span> {title}</div><p>{text}</p>{form}",
        title = escape(&t.verify_not_found_title()),
        text = escape(&t.verify_not_found_body()),
        form = form_html(t),
    );
    page_html(t, &t.verify_not_found_title(), &body)
}

fn form_html(t: &I18n) -> String {
    format!(
        "<h2>{title}</h2><form method=\"get\" action=\"/verify\">\
         <label>{number}<br><input name=\"n\" autocomplete=\"off\" required></label>\
         <label>{code}<br><input name=\"c\" autocomplete=\"off\" autocapitalize=\"characters\" required></label>\
         <button type=\"submit\">{submit}</button></form>",
        title = escape(&t.verify_form_title()),
        number = escape(&t.verify_form_number()),
        code = escape(&t.verify_form_code()),
        submit = escape(&t.verify_form_submit()),
    )
}

/// A page for a phone held by someone who may not see well: big type, high contrast.
fn page_html(t: &I18n, title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/static/verify.css\">\
         </head><body><h1>{title}</h1>\n{body}</body></html>\n",
        lang = t.locale().code(),
        title = escape(title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_in_the_middle() {
        assert_eq!(mask_name("김순자"), "김*자");
        assert_eq!(mask_name("남궁민수"), "남**수");
        assert_eq!(mask_name("김순"), "김*");
        assert_eq!(mask_name("김"), "*");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn codes_match_whatever_the_case_and_spacing_and_never_when_empty() {
        assert!(codes_match("k7qx 9m3p", "K7QX9M3P"));
        assert!(!codes_match("K7QX9M3Q", "K7QX9M3P"));
        assert_eq!(find(&[], ""), None);
    }
}
