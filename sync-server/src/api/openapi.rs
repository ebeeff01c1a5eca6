//! `/api/openapi.json`: every endpoint described, so standard API fuzzers can test it.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use baeumteo_core::wire;

use super::handlers;

#[derive(OpenApi)]
#[openapi(
    info(title = "배움터 키오스크 sync server", description = "Kiosk enrollment, event push and change pull; certificate verification; county statistics and the activist registry."),
    paths(
        handlers::health, handlers::enroll, handlers::push, handlers::pull, handlers::course_package,
        crate::verify::page, crate::dashboard::statistics::json, crate::dashboard::statistics::cells,
        crate::dashboard::registry::json,
    ),
    components(schemas(
        wire::ApiError, wire::ErrorCode, wire::CenterInfo, wire::EnrollRequest, wire::EnrollResponse,
        wire::PushRequest, wire::PushResponse, wire::Conflict, wire::Rejection, wire::PullRequest,
        wire::PullResponse, wire::Change, wire::CourseUpdate, wire::KioskMark, wire::CenterPage,
        handlers::Health,
        crate::breakdown::JsonBreakdown, crate::breakdown::JsonLine, crate::breakdown::Figures,
        crate::breakdown::Dim, crate::statistics::StatsRow, crate::dashboard::registry::RegistryEntry,
    )),
    modifiers(&DeviceToken),
)]
pub struct ApiDoc;

struct DeviceToken;

impl Modify for DeviceToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "device_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        // County staff: `sync-server admin-token`, as a bearer token (browsers sign in at
        // /login and get a session cookie instead; see docs/security.md).
        components.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
