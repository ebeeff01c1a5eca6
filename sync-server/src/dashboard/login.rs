//! Staff sign-in for the dashboard: the admin token typed once, kept in an HttpOnly,
//! SameSite=Strict cookie (no other site can make the browser send it).

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use baeumteo_core::i18n::{I18n, Locale};
use serde::Deserialize;

use super::{escape, layout};
use crate::admin::COOKIE;
use crate::api::{ApiFailure, AppState};
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

/// Only a path of this server: never an open redirect.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n,
        _ => "/",
    }
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
    Form(f): Form<LoginForm>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    let next = safe_next(f.next.as_deref()).to_string();
    let token = f.token.trim().to_string();
    let hash = token_hash(&token);
    let who = state.blocking(move |db| db.admin_by_token(&hash)).await?;
    // A token is 64 hex digits; anything else cannot be put in a cookie safely anyway.
    let well_formed = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    match who {
        Some(who) if well_formed => {
            tracing::info!(%who, "staff signed in to the dashboard");
            let mut response = Redirect::to(&next).into_response();
            if let Ok(cookie) = HeaderValue::from_str(&format!(
                "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
            )) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            Ok(response)
        }
        _ => Ok((
            StatusCode::UNAUTHORIZED,
            Html(layout(&t, &t.login_title(), &form_html(&t, &next, true))),
        )
            .into_response()),
    }
}

pub async fn logout() -> Response {
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("baeumteo_admin=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_only_returns_to_a_path_of_this_server() {
        assert_eq!(safe_next(Some("/registry")), "/registry");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
