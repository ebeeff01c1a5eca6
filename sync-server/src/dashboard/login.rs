//! Staff sign-in for the dashboard: the admin token typed once opens a session (see
//! `crate::admin`); the browser keeps only the session id, in an HttpOnly,
//! SameSite=Strict cookie (no other site can make the browser send it). Sign-in
//! attempts are throttled per client address.

use std::time::Instant;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use baeumteo_core::i18n::{I18n, Locale};
use serde::Deserialize;

use super::{escape, layout};
use crate::admin::{Peer, end_session, session_cookie, start_session};
use crate::api::{ApiFailure, AppState, retry_after_secs};
use crate::secrets::token_hash;

#[derive(Debug, Default, Deserialize)]
pub struct Next {
    pub next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    pub token: String,
    pub next: Option<String>,
}

/// Only a path of this server: never an open redirect. Browsers drop TAB and newlines
/// from URLs (`/<TAB>/evil.example` becomes `//evil.example`) and read `\` as `/`, so
/// only printable ASCII without `\` is taken, starting with one `/`.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') =>
        {
            n
        }
        _ => "/",
    }
}

/// A 303 to a path that `safe_next` let through (always a valid header value).
fn see_other(path: &str) -> Response {
    let location = HeaderValue::from_str(path).unwrap_or(HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

pub fn form_html(t: &I18n, next: &str, failed: bool) -> String {
    format!(
        "{error}<p>{prompt}</p><form method=\"post\" action=\"/login\">\
         <input type=\"hidden\" name=\"next\" value=\"{next}\">\
         <label>{label}<br><input type=\"password\" name=\"token\" size=\"64\" autocomplete=\"off\" required></label> \
         <button type=\"submit\">{submit}</button></form>",
        error = if failed {
            format!("<p class=\"error\">{}</p>", escape(&t.login_failed()))
        } else {
            String::new()
        },
        prompt = escape(&t.login_prompt()),
        next = escape(next),
        label = escape(&t.login_token_label()),
        submit = escape(&t.login_submit()),
    )
}

pub async fn form(Query(q): Query<Next>) -> Html<String> {
    let t = I18n::new(Locale::Ko);
    let next = safe_next(q.next.as_deref());
    Html(layout(&t, &t.login_title(), &form_html(&t, next, false)))
}

pub async fn submit(
    State(state): State<AppState>,
    peer: Peer,
    Form(f): Form<LoginForm>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    let next = safe_next(f.next.as_deref()).to_string();
    // Every attempt counts, right or wrong: the limit is on guessing, and a person
    // signs in a few times a day.
    if let Err(wait) = state.sign_in_limiter.check(peer.key(), Instant::now()) {
        let secs = retry_after_secs(wait);
        tracing::warn!(client = %peer.key(), "sign-in attempts throttled");
        let body = format!(
            "<p class=\"error\">{}</p>{}",
            escape(&t.login_too_many(secs)),
            form_html(&t, &next, false)
        );
        let mut response = (
            StatusCode::TOO_MANY_REQUESTS,
            Html(layout(&t, &t.login_title(), &body)),
        )
            .into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return Ok(response);
    }
    let token = f.token.trim().to_string();
    // A token is 64 hex digits; anything else is not even looked up.
    let well_formed = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    let hash = token_hash(&token);
    let who = if well_formed {
        let hash = hash.clone();
        state.blocking(move |db| db.admin_by_token(&hash)).await?
    } else {
        None
    };
    let Some(who) = who else {
        tracing::info!(client = %peer.key(), "staff sign-in refused");
        return Ok((
            StatusCode::UNAUTHORIZED,
            Html(layout(&t, &t.login_title(), &form_html(&t, &next, true))),
        )
            .into_response());
    };
    tracing::info!(%who, client = %peer.key(), "staff signed in to the dashboard");
    let id = start_session(&state, hash, who).await?;
    let secure = state.config.cookie_secure || peer.https;
    let max_age = state.config.staff_session_ttl.num_seconds();
    let mut response = see_other(&next);
    response.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(Some(&id), max_age, secure),
    );
    Ok(response)
}

/// Ends the session on the server (a copied cookie opens nothing afterwards) and
/// clears it in the browser.
pub async fn logout(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
) -> Result<Response, ApiFailure> {
    end_session(&state, &headers).await?;
    let secure = state.config.cookie_secure || peer.https;
    let mut response = see_other("/");
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(None, 0, secure));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_only_returns_to_a_path_of_this_server() {
        assert_eq!(safe_next(Some("/registry")), "/registry");
        assert_eq!(
            safe_next(Some("/statistics?from=2026-01")),
            "/statistics?from=2026-01"
        );
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/\nSet-Cookie: x=1")), "/");
        assert_eq!(safe_next(Some("/ /evil.example")), "/");
        assert_eq!(safe_next(Some("/통계")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
