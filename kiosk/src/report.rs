//! The monthly report of a kiosk: per course, sessions held, learners, attendance hours,
//! self-study hours (at the kiosk outside class), lessons completed and certifications, from core's `monthly_summary`. Exported as CSV
//! in UTF-8 with a byte-order mark, so Excel shows the Hangul.

use std::path::{Path, PathBuf};

use baeumteo_core::course::Course;
use baeumteo_core::event::Event;
use baeumteo_core::i18n::I18n;
use baeumteo_core::projection::{MonthlySummary, YearMonth, monthly_summary};

/// One line of the report: a course, or the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub course: String,
    pub sessions_held: u32,
    pub learners: u32,
    pub attendance_minutes: u32,
    pub self_study_minutes: u32,
    pub lessons_completed: u32,
    pub certifications: u32,
}

/// The rows of `month`, one per course with any activity, titled by course, then the
/// total (learners in the total are a sum over courses: a person in two courses counts
/// in both, as in the county's per-course statistics).
pub fn monthly_rows(
    events: &[Event],
    courses: &[Course],
    month: YearMonth,
    total: &str,
) -> Vec<ReportRow> {
    let summaries: Vec<MonthlySummary> = monthly_summary(events)
        .into_iter()
        .filter(|s| s.month == month)
        .collect();
    let mut rows: Vec<ReportRow> = summaries
        .iter()
        .map(|s| ReportRow {
            course: courses
                .iter()
                .find(|c| c.id == s.course_id)
                .map(|c| c.title.clone())
                .unwrap_or_else(|| s.course_id.clone()),
            sessions_held: s.sessions_held,
            learners: s.learners,
            attendance_minutes: s.attendance_minutes,
            self_study_minutes: s.self_study_minutes,
            lessons_completed: s.lessons_completed,
            certifications: s.certifications,
        })
        .collect();
    let sum = |f: fn(&ReportRow) -> u32| rows.iter().map(f).sum::<u32>();
    let total = ReportRow {
        course: total.to_owned(),
        sessions_held: sum(|r| r.sessions_held),
        learners: sum(|r| r.learners),
        attendance_minutes: sum(|r| r.attendance_minutes),
        self_study_minutes: sum(|r| r.self_study_minutes),
        lessons_completed: sum(|r| r.lessons_completed),
        certifications: sum(|r| r.certifications),
    };
    rows.push(total);
    rows
}

/// Hours with one decimal (90 minutes: "1.5"), as on the screen and in the CSV.
pub fn hours(minutes: u32) -> String {
    format!("{}.{}", minutes / 60, (minutes % 60) * 10 / 60)
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The report as CSV bytes: BOM, header, one line per row, CRLF line ends (Excel's).
pub fn csv(rows: &[ReportRow], month: YearMonth, i18n: &I18n) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header = [
        i18n.report_col_month(),
        i18n.report_col_course(),
        i18n.report_col_sessions(),
        i18n.report_col_learners(),
        i18n.report_col_hours(),
        i18n.report_col_self_study(),
        i18n.report_col_lessons(),
        i18n.report_col_certifications(),
    ];
    out.push_str(
        &header
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for r in rows {
        let line = [
            month.to_string(),
            field(&r.course),
            r.sessions_held.to_string(),
            r.learners.to_string(),
            hours(r.attendance_minutes),
            hours(r.self_study_minutes),
            r.lessons_completed.to_string(),
            r.certifications.to_string(),
        ];
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// Writes `report-YYYY-MM.csv` into `dir` (a folder or a USB stick), creating it.
pub fn export(
    events: &[Event],
    courses: &[Course],
    month: YearMonth,
    dir: &Path,
    i18n: &I18n,
) -> std::io::Result<PathBuf> {
    let rows = monthly_rows(events, courses, month, &i18n.report_total());
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("report-{month}.csv"));
    // Write beside and rename, so a pulled USB stick never holds half a report.
    let tmp = dir.join(format!(".report-{month}.csv.part"));
    std::fs::write(&tmp, csv(&rows, month, i18n))?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::event::EventBody;
    use baeumteo_core::i18n::Locale;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    fn ev(seq: u64, at: chrono::DateTime<Utc>, body: EventBody) -> Event {
        Event {
            id: Uuid::now_v7(),
            kiosk_id: Uuid::from_u128(1),
            seq,
            at,
            body,
        }
    }

    #[test]
    fn the_monthly_csv_has_a_bom_korean_headers_and_the_month_figures() {
        let s = Uuid::from_u128(10);
        let l = Uuid::from_u128(20);
        let t0 = Utc.with_ymd_and_hms(2026, 11, 3, 1, 0, 0).unwrap();
        let events = vec![
            ev(
                1,
                t0,
                EventBody::SessionOpened {
                    session_id: s,
                    course_id: "smartphone-basics".into(),
                    instructor_id: None,
                },
            ),
            ev(
                2,
                t0,
                EventBody::CheckedIn {
                    session_id: s,
                    learner_id: l,
                },
            ),
            ev(
                3,
                t0 + chrono::Duration::minutes(90),
                EventBody::SessionClosed { session_id: s },
            ),
        ];
        let i18n = I18n::new(Locale::Ko);
        let month = YearMonth::new(2026, 11).unwrap();
        let rows = monthly_rows(&events, &[], month, &i18n.report_total());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].sessions_held, 1);
        assert_eq!(rows[0].learners, 1);
        assert_eq!(rows[0].attendance_minutes, 90);
        let bytes = csv(&rows, month, &i18n);
        assert!(
            bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
            "UTF-8 BOM for Excel"
        );
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("과정"), "{text}");
        assert!(
            text.contains("2026-11,smartphone-basics,1,1,1.5,0.0,0,0\r\n"),
            "{text}"
        );
        let other = YearMonth::new(2026, 10).unwrap();
        assert_eq!(
            monthly_rows(&events, &[], other, "합계").len(),
            1,
            "only the total"
        );
    }

    #[test]
    fn csv_fields_with_commas_are_quoted() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("스마트폰"), "스마트폰");
    }
}
