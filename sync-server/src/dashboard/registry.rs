//! The registry of certified 디지털 지역활동가 (name, center, date, certificate number):
//! personal data, so it needs a staff sign-in and a stated purpose, and every view or
//! export is written to the access log. Erased holders stay as a row without a name
//! (the certificate was issued; only the person's data goes).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use baeumteo_core::i18n::args;
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::wire::{ApiError, ErrorCode};
use serde::{Deserialize, Serialize};

use super::{
    course_title, csv_line, csv_response, date_text, escape, hours_text, layout, lenient_query,
    sign_in_needed, url_component,
};
use std::collections::BTreeMap;

use baeumteo_core::event::LearnerId;
use baeumteo_core::time::kst_date;
use chrono::Utc;

use crate::activists::{ActivistFacts, Revoked, ServiceSummary};
use crate::admin::{clean_purpose, log_access, signed_in};
use crate::api::{ApiFailure, AppState};
use crate::db::{CertificateRecord, Holder};

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegistryQuery {
    /// Why the registry is viewed (written to the access log). Required.
    pub purpose: Option<String>,
}

/// One certified activist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RegistryEntry {
    /// `None` when the holder's personal data was erased or never reached the server.
    pub name: Option<String>,
    pub erased: bool,
    pub county: String,
    pub township: String,
    pub center_name: String,
    pub course_id: String,
    /// Korean date of issue (clock-corrected), `YYYY-MM-DD`.
    pub issued_on: String,
    pub certificate_no: String,
    /// Training hours counted towards the certificate, in minutes.
    pub minutes: u32,
    /// Confirmed and waiting service minutes this month and this year (Korean calendar).
    pub service_month_minutes: u32,
    pub service_month_waiting_minutes: u32,
    pub service_year_minutes: u32,
    /// Day of the latest service session, `YYYY-MM-DD`.
    pub last_service: Option<String>,
    /// `active` (served in the last 90 days), `quiet`, or `revoked`.
    pub status: String,
    /// When the certificate was revoked (clock-corrected), `YYYY-MM-DD`.
    pub revoked_on: Option<String>,
    pub revoked_reason: Option<String>,
}

/// The registry's view of one certificate's holder: service figures and status.
struct Standing<'a> {
    service: Option<&'a ServiceSummary>,
    revoked: Option<&'a Revoked>,
}

impl<'a> Standing<'a> {
    fn of(
        c: &CertificateRecord,
        facts: &'a ActivistFacts,
        summaries: &'a BTreeMap<LearnerId, ServiceSummary>,
    ) -> Standing<'a> {
        Standing {
            // An erased holder's service is theirs no more.
            service: match c.holder {
                Holder::Erased => None,
                _ => summaries.get(&c.learner_id),
            },
            revoked: facts.revocation(&c.certificate_no),
        }
    }

    fn status_code(&self) -> &'static str {
        match (self.revoked, self.service) {
            (Some(_), _) => "revoked",
            (None, Some(s)) if s.active => "active",
            _ => "quiet",
        }
    }

    fn status_text(&self, t: &I18n) -> String {
        match self.revoked {
            Some(r) => t.registry_status_revoked(kst_date(r.at).to_string()),
            None if self.status_code() == "active" => t.registry_status_active(),
            None => t.registry_status_quiet(),
        }
    }
}

impl RegistryEntry {
    fn from_record(c: &CertificateRecord, s: &Standing) -> RegistryEntry {
        RegistryEntry {
            name: match &c.holder {
                Holder::Named(n) => Some(n.clone()),
                Holder::Erased | Holder::Unknown => None,
            },
            erased: c.holder == Holder::Erased,
            county: c.center.county.clone(),
            township: c.center.township.clone(),
            center_name: c.center.center_name.clone(),
            course_id: c.course_id.clone(),
            issued_on: baeumteo_core::time::kst_date(c.issued_at).to_string(),
            certificate_no: c.certificate_no.clone(),
            minutes: c.minutes,
            service_month_minutes: s.service.map_or(0, |v| v.month.confirmed),
            service_month_waiting_minutes: s.service.map_or(0, |v| v.month.waiting),
            service_year_minutes: s.service.map_or(0, |v| v.year.confirmed),
            last_service: s
                .service
                .and_then(|v| v.last_service)
                .map(|d| d.to_string()),
            status: s.status_code().to_string(),
            revoked_on: s.revoked.map(|r| kst_date(r.at).to_string()),
            revoked_reason: s.revoked.map(|r| r.reason.clone()),
        }
    }
}

/// Loads the service and revocations behind the registry's columns.
async fn activist_facts(
    state: &AppState,
    records: &[CertificateRecord],
) -> Result<(ActivistFacts, BTreeMap<LearnerId, ServiceSummary>), ApiFailure> {
    let records = records.to_vec();
    let facts = state
        .blocking(move |db| ActivistFacts::load(db, &records))
        .await?;
    let summaries = facts.summaries(Utc::now());
    Ok((facts, summaries))
}

fn holder_text(t: &I18n, c: &CertificateRecord) -> String {
    match &c.holder {
        Holder::Named(n) => n.clone(),
        Holder::Erased => t.registry_erased(),
        Holder::Unknown => t.registry_unknown(),
    }
}

/// Signs in, checks the purpose and logs the access; the registry on success.
pub(super) async fn open_registry(
    state: &AppState,
    headers: &HeaderMap,
    purpose: Option<&str>,
    what: &str,
) -> Result<Result<(String, String, Vec<CertificateRecord>), Refusal>, ApiFailure> {
    let Some(who) = signed_in(state, headers).await? else {
        return Ok(Err(Refusal::SignIn));
    };
    let Some(purpose) = clean_purpose(purpose) else {
        return Ok(Err(Refusal::Purpose));
    };
    let records = state.blocking(|db| db.certificates()).await?;
    log_access(state, &who, what, &purpose).await?;
    Ok(Ok((who, purpose, records)))
}

pub(super) enum Refusal {
    SignIn,
    Purpose,
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<RegistryQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    let q = lenient_query(query);
    match open_registry(&state, &headers, q.purpose.as_deref(), "registry").await? {
        Err(Refusal::SignIn) => Ok(sign_in_needed(&t, &t.login_prompt(), "/registry")),
        Err(Refusal::Purpose) => {
            Ok(Html(layout(&t, &t.registry_title(), &purpose_form(&t))).into_response())
        }
        Ok((who, purpose, records)) => {
            let (facts, summaries) = activist_facts(&state, &records).await?;
            Ok(Html(render(
                &t, &state, &who, &purpose, &records, &facts, &summaries,
            ))
            .into_response())
        }
    }
}

fn purpose_form(t: &I18n) -> String {
    format!(
        "<p>{prompt}</p><form method=\"get\" action=\"/registry\"><label>{label}<br>\
         <input name=\"purpose\" size=\"40\" required></label> \
         <button type=\"submit\">{submit}</button></form>",
        prompt = escape(&t.registry_purpose_prompt()),
        label = escape(&t.registry_purpose_label()),
        submit = escape(&t.registry_purpose_submit()),
    )
}

pub fn render(
    t: &I18n,
    state: &AppState,
    who: &str,
    purpose: &str,
    records: &[CertificateRecord],
    facts: &ActivistFacts,
    summaries: &BTreeMap<LearnerId, ServiceSummary>,
) -> String {
    let mut table = String::new();
    for c in records {
        let s = Standing::of(c, facts, summaries);
        let service = |minutes: u32| {
            if minutes == 0 {
                t.registry_no_service()
            } else {
                hours_text(t, minutes)
            }
        };
        table.push_str(&format!(
            "<tr><td>{name}</td><td>{township}</td><td>{center}</td><td>{course}</td>\
             <td>{date}</td><td><code>{no}</code></td><td class=\"n\">{hours}</td>\
             <td class=\"n\">{month}</td><td class=\"n\">{waiting}</td><td class=\"n\">{year}</td>\
             <td>{last}</td><td>{status}</td></tr>\n",
            month = escape(&service(s.service.map_or(0, |v| v.month.confirmed))),
            waiting = escape(&service(s.service.map_or(0, |v| v.month.waiting))),
            year = escape(&service(s.service.map_or(0, |v| v.year.confirmed))),
            last = escape(
                &s.service
                    .and_then(|v| v.last_service)
                    .map_or_else(|| t.registry_no_service(), |d| d.to_string())
            ),
            status = escape(&s.status_text(t)),
            name = escape(&holder_text(t, c)),
            township = escape(&c.center.township),
            center = escape(&c.center.center_name),
            course = escape(course_title(state, &c.course_id)),
            date = escape(&date_text(t, c.issued_at)),
            no = escape(&c.certificate_no),
            hours = escape(&hours_text(t, c.minutes)),
        ));
    }
    if records.is_empty() {
        table = format!(
            "<tr><td colspan=\"12\">{}</td></tr>",
            escape(&t.registry_none())
        );
    }
    let purpose_q: String = url_component(purpose);
    let body = format!(
        "<p class=\"note\">{logged}</p><p><a href=\"/registry.csv?purpose={purpose_q}\">{csv}</a></p>\
         <table><thead><tr><th>{h_name}</th><th>{h_township}</th><th>{h_center}</th><th>{h_course}</th>\
         <th>{h_date}</th><th>{h_no}</th><th>{h_hours}</th><th>{h_month}</th><th>{h_waiting}</th>\
         <th>{h_year}</th><th>{h_last}</th><th>{h_status}</th></tr></thead><tbody>\n{table}</tbody></table>\
         {allowance}\
         <form method=\"post\" action=\"/logout\"><button type=\"submit\">{logout}</button></form>",
        h_month = escape(&t.registry_col_service_month()),
        h_waiting = escape(&t.registry_col_service_waiting()),
        h_year = escape(&t.registry_col_service_year()),
        h_last = escape(&t.registry_col_last_service()),
        h_status = escape(&t.registry_col_status()),
        allowance = super::allowance::form(t, purpose),
        logged = escape(&t.registry_logged(args::RegistryLogged {
            purpose: purpose.into(),
            who: who.into()
        })),
        csv = escape(&t.registry_download_csv()),
        h_name = escape(&t.registry_col_name()),
        h_township = escape(&t.dashboard_col_township()),
        h_center = escape(&t.registry_col_center()),
        h_course = escape(&t.registry_col_course()),
        h_date = escape(&t.registry_col_date()),
        h_no = escape(&t.registry_col_number()),
        h_hours = escape(&t.registry_col_hours()),
        logout = escape(&t.login_logout()),
    );
    layout(t, &t.registry_title(), &body)
}

pub(super) fn refused(r: Refusal) -> ApiFailure {
    match r {
        Refusal::SignIn => ApiFailure::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "the registry holds personal data: an admin token is required",
        ),
        Refusal::Purpose => {
            ApiFailure::bad_request("say why the registry is viewed: ?purpose=... (it is logged)")
        }
    }
}

pub async fn csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<RegistryQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let t = I18n::new(Locale::Ko);
    let q = lenient_query(query);
    let (_, _, records) = open_registry(&state, &headers, q.purpose.as_deref(), "registry.csv")
        .await?
        .map_err(refused)?;
    let (facts, summaries) = activist_facts(&state, &records).await?;
    let mut lines = vec![csv_line(&[
        t.registry_col_name(),
        t.dashboard_col_county(),
        t.dashboard_col_township(),
        t.registry_col_center(),
        t.registry_col_course(),
        t.registry_col_date(),
        t.registry_col_number(),
        t.stats_col_minutes(),
        t.registry_col_service_month(),
        t.registry_col_service_waiting(),
        t.registry_col_service_year(),
        t.registry_col_last_service(),
        t.registry_col_status(),
    ])];
    for c in &records {
        let s = Standing::of(c, &facts, &summaries);
        let status = s.status_text(&t);
        let e = RegistryEntry::from_record(c, &s);
        lines.push(csv_line(&[
            holder_text(&t, c),
            e.county,
            e.township,
            e.center_name,
            course_title(&state, &c.course_id).to_string(),
            e.issued_on,
            e.certificate_no,
            e.minutes.to_string(),
            e.service_month_minutes.to_string(),
            e.service_month_waiting_minutes.to_string(),
            e.service_year_minutes.to_string(),
            e.last_service.unwrap_or_default(),
            status,
        ]));
    }
    Ok(csv_response("activists.csv", lines))
}

/// The registry of certified activists. Personal data: an admin token and a purpose
/// are required, and the access is logged.
#[utoipa::path(get, path = "/api/v1/registry", params(RegistryQuery),
    security(("admin_token" = [])), responses(
    (status = 200, body = Vec<RegistryEntry>),
    (status = 400, body = ApiError), (status = 401, body = ApiError),
))]
pub async fn json(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<RegistryQuery>, QueryRejection>,
) -> Result<Json<Vec<RegistryEntry>>, ApiFailure> {
    let Query(q) = query.map_err(|e| ApiFailure::bad_request(e.body_text()))?;
    let (_, _, records) = open_registry(&state, &headers, q.purpose.as_deref(), "registry.json")
        .await?
        .map_err(refused)?;
    let (facts, summaries) = activist_facts(&state, &records).await?;
    Ok(Json(
        records
            .iter()
            .map(|c| RegistryEntry::from_record(c, &Standing::of(c, &facts, &summaries)))
            .collect(),
    ))
}
