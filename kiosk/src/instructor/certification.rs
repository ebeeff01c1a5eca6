//! The activist track's last step: when core's eligibility rule says every requirement
//! is met, an instructor signs off and a certificate is issued — an event with a
//! certificate number and a verification code — and can be printed as a PDF.

use baeumteo_core::course::Course;
use baeumteo_core::event::{EventBody, InstructorId, LearnerId};
use baeumteo_core::i18n::I18n;
use baeumteo_core::i18n::args;
use baeumteo_core::projection::{IssuedCertificate, Projections};
use chrono::Datelike;
use rand::Rng;

use super::InstructorError;
use super::directory::Directory;
use crate::certificate::{Certificate, CertificateText};
use crate::store::Store;

/// Letters and digits that cannot be mistaken for each other when typed from paper.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 8;

/// A fresh verification code: 8 characters, 40 bits of chance.
pub fn new_verification_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LEN)
        .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
        .collect()
}

/// `YYYY-KKKKKK-NNNN`: the year, six hex digits of the kiosk's random id part, and this
/// kiosk's running count — unique across kiosks without asking the server.
pub fn certificate_number(store: &Store, projections: &Projections, year: i32) -> String {
    let kiosk = store.kiosk_id();
    let hex = kiosk.simple().to_string().to_uppercase();
    let tag = &hex[hex.len() - 6..];
    let issued_here = projections
        .certifications
        .certificates()
        .filter(|c| c.kiosk_id == kiosk)
        .count();
    format!("{year}-{tag}-{:04}", issued_here + 1)
}

/// Issues the certificate of `course` to a learner who has met every requirement.
pub fn issue(
    store: &mut Store,
    projections: &Projections,
    directory: &Directory,
    course: &Course,
    learner_id: LearnerId,
    issued_by: Option<InstructorId>,
) -> Result<(String, String), InstructorError> {
    let now = chrono::Utc::now();
    issue_at(
        store,
        projections,
        directory,
        course,
        (learner_id, issued_by),
        now,
    )
}

/// [`issue`] with the kiosk time of the sign-off (the demo's history lies in the past).
pub fn issue_at(
    store: &mut Store,
    projections: &Projections,
    directory: &Directory,
    course: &Course,
    (learner_id, issued_by): (LearnerId, Option<InstructorId>),
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(String, String), InstructorError> {
    let name = directory
        .name(learner_id)
        .ok_or(InstructorError::UnknownLearner(learner_id))?
        .to_owned();
    let eligibility = projections
        .eligibility(learner_id, course)
        .ok_or_else(|| InstructorError::UnknownCourse(course.id.clone()))?;
    if let Some(existing) = &eligibility.certificate {
        return Err(InstructorError::AlreadyCertified {
            name,
            certificate_no: existing.certificate_no.clone(),
        });
    }
    if !eligibility.eligible() {
        return Err(InstructorError::NotEligible {
            name,
            course: course.title.clone(),
        });
    }
    let year = baeumteo_core::time::kst_date(at).year();
    let certificate_no = certificate_number(store, projections, year);
    let verification_code = new_verification_code();
    store.append_at(
        EventBody::CertificationIssued {
            certificate_no: certificate_no.clone(),
            learner_id,
            course_id: course.id.clone(),
            minutes: eligibility.hours.total_minutes(),
            verification_code: verification_code.clone(),
            issued_by,
        },
        at,
    )?;
    Ok((certificate_no, verification_code))
}

/// A certificate as printed, from its record. The name is gone once the holder asked
/// for erasure; such a certificate can no longer be printed here.
pub fn certificate(
    issued: &IssuedCertificate,
    directory: &Directory,
    courses: &[Course],
) -> Option<Certificate> {
    let learner_name = directory.name(issued.learner_id)?.to_owned();
    let course_title = courses
        .iter()
        .find(|c| c.id == issued.course_id)
        .map(|c| c.title.clone())
        .unwrap_or_else(|| issued.course_id.clone());
    Some(Certificate {
        certificate_no: issued.certificate_no.clone(),
        verification_code: issued.verification_code.clone(),
        learner_name,
        course_title,
        minutes: issued.minutes,
        issued_on: baeumteo_core::time::kst_date(issued.issued_at),
        center_name: directory
            .center
            .as_ref()
            .map(|c| c.center_name.clone())
            .unwrap_or_default(),
    })
}

/// The words of the certificate in the kiosk's language.
pub fn certificate_text(cert: &Certificate, i18n: &I18n) -> CertificateText {
    let date = i18n.instructor_date(args::InstructorDate {
        day: cert.issued_on.day().into(),
        month: cert.issued_on.month().into(),
        year: cert.issued_on.year().into(),
    });
    let hours = i18n.instructor_hours(cert.minutes / 60);
    CertificateText {
        title: i18n.certificate_title(),
        number_line: i18n.certificate_number_line(cert.certificate_no.as_str()),
        rows: vec![
            (i18n.certificate_label_name(), cert.learner_name.clone()),
            (i18n.certificate_label_course(), cert.course_title.clone()),
            (i18n.certificate_label_hours(), hours.clone()),
            (i18n.certificate_label_date(), date.clone()),
        ],
        body: i18n.certificate_body(args::CertificateBody {
            center: cert.center_name.as_str().into(),
            course: cert.course_title.as_str().into(),
            hours: hours.as_str().into(),
        }),
        date_line: date,
        issuer: cert.center_name.clone(),
        qr_caption: vec![
            i18n.certificate_qr_caption(),
            i18n.certificate_code_line(cert.verification_code.as_str()),
        ],
    }
}

/// The sync server's address, when this kiosk is enrolled (for the QR code).
pub fn server_url(store: &Store) -> Option<String> {
    store.sync_state().ok()?.server_url
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::i18n::Locale;

    #[test]
    fn the_certificate_reads_its_date_year_month_day_in_korean() {
        let cert = Certificate {
            certificate_no: "2026-ABCDEF-0001".into(),
            verification_code: "K7Q2M9XZ".into(),
            learner_name: "정다운".into(),
            course_title: "디지털 지역활동가 양성 과정".into(),
            minutes: 20 * 60,
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            center_name: "입암 디지털배움터".into(),
        };
        let text = certificate_text(&cert, &I18n::new(Locale::Ko));
        assert_eq!(text.date_line, "2026년 11월 22일");
        assert!(text.body.contains("입암 디지털배움터"), "{}", text.body);
        let en = certificate_text(&cert, &I18n::new(Locale::En));
        assert_eq!(en.date_line, "22 11/2026");
    }
}
