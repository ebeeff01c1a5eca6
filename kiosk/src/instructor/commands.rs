//! The instructor's command-line tools: `kiosk certificates [--json]`,
//! `kiosk certificate CERT_NO --out FILE.pdf`, `kiosk revoke-certificate CERT_NO --reason
//! TEXT` and `kiosk report --month YYYY-MM --out DIR`.

use std::path::{Path, PathBuf};

use baeumteo_core::course::Course;
use baeumteo_core::i18n::I18n;
use baeumteo_core::projection::YearMonth;
use serde::Serialize;

use super::InstructorError;
use super::certification::{certificate, certificate_text, server_url};
use super::directory::Directory;
use crate::certificate::{render_pdf, verification_target};
use crate::store::Store;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Instructor(#[from] InstructorError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("no certificate numbered {0} on this kiosk")]
    NoSuchCertificate(String),
    #[error("certificate {0} belongs to a person whose data was erased; it cannot be printed")]
    Erased(String),
    #[error("certificate {certificate_no} was revoked on {date}: {reason}")]
    Revoked {
        certificate_no: String,
        date: String,
        reason: String,
    },
    #[error("say why certificate {0} is revoked (--reason)")]
    NoReason(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Month(#[from] baeumteo_core::projection::month::BadMonth),
}

/// One line of `kiosk certificates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateLine {
    pub certificate_no: String,
    /// Empty once the holder's data was erased.
    pub name: String,
    pub course_id: String,
    pub course: String,
    /// Korean date of issue, YYYY-MM-DD.
    pub date: String,
    pub hours: u32,
    /// Korean date of the revocation, when the certificate was revoked.
    pub revoked: Option<String>,
}

pub fn list_certificates(
    store: &Store,
    courses: &[Course],
) -> Result<Vec<CertificateLine>, CommandError> {
    let projections = store.projections()?.projections;
    let directory = Directory::from_events(&store.all_events()?);
    let mut lines: Vec<CertificateLine> = projections
        .certifications
        .certificates()
        .map(|c| CertificateLine {
            certificate_no: c.certificate_no.clone(),
            name: directory.name(c.learner_id).unwrap_or_default().to_owned(),
            course_id: c.course_id.clone(),
            course: courses
                .iter()
                .find(|k| k.id == c.course_id)
                .map(|k| k.title.clone())
                .unwrap_or_else(|| c.course_id.clone()),
            date: baeumteo_core::time::kst_date(c.issued_at).to_string(),
            hours: c.minutes / 60,
            revoked: projections
                .certifications
                .revocation(&c.certificate_no)
                .map(|r| baeumteo_core::time::kst_date(r.revoked_at).to_string()),
        })
        .collect();
    lines.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.certificate_no.cmp(&b.certificate_no))
    });
    Ok(lines)
}

/// The table or JSON printed by `kiosk certificates`.
pub fn format_certificates(lines: &[CertificateLine], json: bool) -> String {
    if json {
        return serde_json::to_string_pretty(lines).unwrap_or_else(|_| "[]".into());
    }
    lines
        .iter()
        .map(|l| {
            let revoked = l
                .revoked
                .as_ref()
                .map(|d| format!("\trevoked {d}"))
                .unwrap_or_default();
            format!(
                "{}\t{}\t{}\t{}{revoked}\n",
                l.certificate_no, l.name, l.course, l.date
            )
        })
        .collect()
}

/// The PDF of one certificate, with the QR code pointing at the sync server if any.
pub fn certificate_pdf(
    store: &Store,
    courses: &[Course],
    certificate_no: &str,
    i18n: &I18n,
) -> Result<Vec<u8>, CommandError> {
    let projections = store.projections()?.projections;
    let issued = projections
        .certifications
        .by_number(certificate_no)
        .ok_or_else(|| CommandError::NoSuchCertificate(certificate_no.to_owned()))?;
    if let Some(r) = projections.certifications.revocation(certificate_no) {
        return Err(revoked(certificate_no, r));
    }
    let directory = Directory::from_events(&store.all_events()?);
    let cert = certificate(issued, &directory, courses)
        .ok_or_else(|| CommandError::Erased(certificate_no.to_owned()))?;
    let text = certificate_text(&cert, i18n);
    let target = verification_target(
        server_url(store).as_deref(),
        &cert.certificate_no,
        &cert.verification_code,
    );
    Ok(render_pdf(&cert, &text, &target).map_err(InstructorError::from)?)
}

pub fn write_certificate(
    store: &Store,
    courses: &[Course],
    certificate_no: &str,
    out: &Path,
    i18n: &I18n,
) -> Result<(), CommandError> {
    let pdf = certificate_pdf(store, courses, certificate_no, i18n)?;
    std::fs::write(out, pdf).map_err(|source| CommandError::Io {
        path: out.to_path_buf(),
        source,
    })
}

fn revoked(certificate_no: &str, r: &baeumteo_core::projection::Revocation) -> CommandError {
    CommandError::Revoked {
        certificate_no: certificate_no.to_owned(),
        date: baeumteo_core::time::kst_date(r.revoked_at).to_string(),
        reason: r.reason.clone(),
    }
}

/// Withdraws a certificate (issued in error, to the wrong person, or revoked), with the
/// reason. The revocation is an event that syncs; `/verify` then says so. The
/// certificate stays in the history, and a new one can be issued with a new number.
pub fn revoke_certificate(
    store: &mut Store,
    certificate_no: &str,
    reason: &str,
) -> Result<(), CommandError> {
    let reason = baeumteo_core::text::clean_text(reason);
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(CommandError::NoReason(certificate_no.to_owned()));
    }
    let projections = store.projections()?.projections;
    if projections
        .certifications
        .by_number(certificate_no)
        .is_none()
    {
        return Err(CommandError::NoSuchCertificate(certificate_no.to_owned()));
    }
    if let Some(r) = projections.certifications.revocation(certificate_no) {
        return Err(revoked(certificate_no, r));
    }
    store.append(baeumteo_core::event::EventBody::CertificateRevoked {
        certificate_no: certificate_no.to_owned(),
        reason: reason.to_owned(),
        revoked_by: None,
    })?;
    Ok(())
}

pub fn write_report(
    store: &Store,
    courses: &[Course],
    month: &str,
    out: &Path,
    i18n: &I18n,
) -> Result<PathBuf, CommandError> {
    let month = YearMonth::try_from(month.to_owned())?;
    let events = store.all_events()?;
    crate::report::export(&events, courses, month, out, i18n).map_err(|source| CommandError::Io {
        path: out.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instructor::registration::{RegistrationForm, register};
    use baeumteo_core::course::load_course;
    use baeumteo_core::event::EventBody;

    /// The certification-track course of the UI tests (`tests/fixtures/track`).
    fn track_course() -> Course {
        let c = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/track/activist");
        load_course(&c, baeumteo_core::course::AssetCheck::Exists).unwrap()
    }

    #[test]
    fn an_eligible_trainee_gets_a_certificate_that_lists_and_prints() {
        let dir = tempfile::tempdir().unwrap();
        let course = track_course();
        let mut store = Store::open_in(&dir.path().join("data")).unwrap();
        store
            .append(EventBody::CenterConfigured {
                center_name: "남면 디지털배움터".into(),
                county: "배움군".into(),
                township: "남면".into(),
            })
            .unwrap();
        let learner = register(
            &mut store,
            &RegistrationForm {
                name: "정다운".into(),
                birth_year: "1961".into(),
                township: "남면".into(),
                consent_required: true,
                ..Default::default()
            },
        )
        .unwrap();
        let directory = Directory::from_events(&store.all_events().unwrap());
        let projections = store.projections().unwrap().projections;
        assert!(matches!(
            super::super::certification::issue(
                &mut store,
                &projections,
                &directory,
                &course,
                learner,
                None
            ),
            Err(InstructorError::NotEligible { .. })
        ));

        crate::instructor::demo::populate(&mut store, std::slice::from_ref(&course)).unwrap();
        let lines = list_certificates(&store, std::slice::from_ref(&course)).unwrap();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0].name, "정다운");
        assert_eq!(lines[0].course, "디지털 지역활동가 양성");
        assert!(format_certificates(&lines, true).contains("\"certificate_no\""));

        let i18n = I18n::new(baeumteo_core::i18n::Locale::Ko);
        let out = dir.path().join("c.pdf");
        write_certificate(
            &store,
            std::slice::from_ref(&course),
            &lines[0].certificate_no,
            &out,
            &i18n,
        )
        .unwrap();
        let doc = lopdf::Document::load(&out).unwrap();
        let text = doc.extract_text(&[1]).unwrap();
        assert!(
            text.contains("정다운") && text.contains(&lines[0].certificate_no),
            "{text}"
        );
        assert!(matches!(
            write_certificate(
                &store,
                std::slice::from_ref(&course),
                "2000-000000-0001",
                &out,
                &i18n
            ),
            Err(CommandError::NoSuchCertificate(_))
        ));

        // Revoked: listed as such, no longer printed, not revoked twice.
        let no = lines[0].certificate_no.clone();
        assert!(matches!(
            revoke_certificate(&mut store, &no, "  "),
            Err(CommandError::NoReason(_))
        ));
        revoke_certificate(&mut store, &no, "다른 분 이름으로 발급").unwrap();
        let lines = list_certificates(&store, std::slice::from_ref(&course)).unwrap();
        assert!(lines[0].revoked.is_some());
        assert!(format_certificates(&lines, false).contains("revoked"));
        let err =
            write_certificate(&store, std::slice::from_ref(&course), &no, &out, &i18n).unwrap_err();
        assert!(err.to_string().contains("다른 분 이름으로 발급"), "{err}");
        assert!(matches!(
            revoke_certificate(&mut store, &no, "again"),
            Err(CommandError::Revoked { .. })
        ));
        assert!(matches!(
            revoke_certificate(&mut store, "2000-000000-0001", "why"),
            Err(CommandError::NoSuchCertificate(_))
        ));
    }
}
