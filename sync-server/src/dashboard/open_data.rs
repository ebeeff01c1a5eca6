//! Open data for the public data portal (공공데이터포털), laid out as its file datasets
//! expect: `/open-data.csv` (UTF-8, one header row, a 기준일자 column, the place names
//! of each center, aggregates only, core's small-cell rule applied) and
//! `/open-data.json`, the metadata naming each column, its unit and the update cycle.
//! One line per month and center of the chosen period (the statistics' parameters:
//! `period` or `from`/`to`; the whole span without them).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::wire::ErrorCode;
use chrono::Utc;
use serde::Serialize;

use super::{csv_line, csv_response, lenient_query};
use crate::admin::Peer;
use crate::api::{ApiFailure, AppState};
use crate::breakdown::{Dim, Facts, Key, Scope, StatsParams, breakdown};

/// One column of the open data file.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// 컬럼명, as in the header row.
    pub name: String,
    /// 설명.
    pub description: String,
    /// 단위 (empty for text).
    pub unit: String,
    /// 타입: 문자 or 숫자.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// The metadata of the file dataset.
#[derive(Debug, Clone, Serialize)]
pub struct Metadata {
    pub title: String,
    pub description: String,
    pub file: &'static str,
    pub encoding: &'static str,
    /// 업데이트 주기.
    pub update_cycle: String,
    pub provider: String,
    pub suppression: String,
    pub columns: Vec<Column>,
}

fn columns(t: &I18n) -> Vec<Column> {
    let text = |name: String, description: String| Column {
        name,
        description,
        unit: String::new(),
        kind: "문자",
    };
    let number = |name: String, description: String, unit: String| Column {
        name,
        description,
        unit,
        kind: "숫자",
    };
    vec![
        text(t.open_col_base_date(), t.open_desc_base_date()),
        text(t.open_col_province(), t.open_desc_province()),
        text(t.open_col_county(), t.open_desc_county()),
        text(t.open_col_township(), t.open_desc_township()),
        text(t.open_col_center(), t.open_desc_center()),
        text(t.open_col_month(), t.open_desc_month()),
        number(
            t.open_col_learners(),
            t.open_desc_learners(),
            t.open_unit_people(),
        ),
        number(t.open_col_hours(), t.open_desc_hours(), t.open_unit_hours()),
        number(
            t.open_col_lessons(),
            t.open_desc_lessons(),
            t.open_unit_count(),
        ),
        number(
            t.open_col_certificates(),
            t.open_desc_certificates(),
            t.open_unit_count(),
        ),
    ]
}

/// `/open-data.json`.
pub async fn metadata() -> Json<Metadata> {
    let t = I18n::new(Locale::Ko);
    Json(Metadata {
        title: t.open_title(),
        description: t.open_description(),
        file: "open-data.csv",
        encoding: "UTF-8",
        update_cycle: t.open_update_cycle(),
        provider: t.open_provider(),
        suppression: t.stats_hidden_note(),
        columns: columns(&t),
    })
}

/// 시도명 and 시군구명 of a county as the center was enrolled with it: "전라남도 강진군"
/// gives both, "강진군" only the 시군구명.
fn province_and_county(county: &str) -> (String, String) {
    match county.trim().rsplit_once(' ') {
        Some((province, county)) => (province.trim().to_string(), county.to_string()),
        None => (String::new(), county.trim().to_string()),
    }
}

/// `/open-data.csv`: aggregates only, behind the same sign-in as the statistics.
pub async fn csv(
    State(state): State<AppState>,
    peer: Peer,
    headers: HeaderMap,
    query: Result<Query<StatsParams>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    if !crate::admin::staff_or_local(&state, peer, &headers).await? {
        return Err(ApiFailure::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "open data from outside the server's machine needs an admin token",
        ));
    }
    let t = I18n::new(Locale::Ko);
    let p = StatsParams {
        by: Some("month,center".into()),
        township: None,
        center: None,
        course: None,
        age: None,
        sex: None,
        ..lenient_query(query)
    };
    let facts = state.blocking(|db| Facts::load(db, &Scope::All)).await?;
    let s = facts
        .select(&p, None)
        .map_err(|e| ApiFailure::bad_request(e.message(&I18n::new(Locale::En))))?;
    debug_assert_eq!(s.by, vec![Dim::Month, Dim::Center]);
    let b = breakdown(&facts, &s);
    let base_date = baeumteo_core::time::kst_date(Utc::now())
        .format("%Y-%m-%d")
        .to_string();
    let mut lines = vec![csv_line(
        &columns(&t).into_iter().map(|c| c.name).collect::<Vec<_>>(),
    )];
    let hidden = t.stats_hidden();
    for line in &b.lines {
        let (Some(Some(Key::Month(month))), Some(Some(Key::Text(center)))) =
            (line.keys.first(), line.keys.get(1))
        else {
            continue;
        };
        let Some(info) = facts.centers.iter().find(|c| c.center_name == *center) else {
            continue;
        };
        let (province, county) = province_and_county(&info.county);
        let f = &line.figures;
        let n = |v: Option<u32>| v.map_or(hidden.clone(), |n| n.to_string());
        lines.push(csv_line(&[
            base_date.clone(),
            province,
            county,
            info.township.clone(),
            info.center_name.clone(),
            month.to_string(),
            n(f.learners.shown()),
            n(f.attendance_minutes.map(|m| m / 60)),
            n(f.lessons_completed),
            n(f.certifications.shown()),
        ]));
    }
    Ok(csv_response("open-data.csv", lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_county_named_with_its_province_gives_both_names() {
        assert_eq!(
            province_and_county("전라남도 강진군"),
            ("전라남도".to_string(), "강진군".to_string())
        );
        assert_eq!(
            province_and_county("강진군"),
            (String::new(), "강진군".to_string())
        );
    }
}
