//! Certificates of completion (수료증): an A4 PDF with the bundled Hangul font embedded
//! (only the glyphs used), and a QR code that lets anyone check it on the county's
//! sync server.
//!
//! This module lays out what it is given; the words come from Fluent through
//! [`CertificateText`], so the PDF speaks the kiosk's language.

mod font;
mod pdf;
mod print;
mod qr;

pub use print::{PrintError, find_print_command, print};

pub use pdf::render_pdf;
pub use qr::qr_modules;

/// What a certificate says about whom. Built from the event log by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    pub certificate_no: String,
    pub verification_code: String,
    pub learner_name: String,
    pub course_title: String,
    /// Hours counted towards the certificate, in minutes.
    pub minutes: u32,
    pub issued_on: chrono::NaiveDate,
    pub center_name: String,
}

/// The localized words printed on a certificate, already filled in with the
/// certificate's values (see `instructor::certificates::certificate_text`).
#[derive(Debug, Clone, PartialEq)]
pub struct CertificateText {
    /// "수 료 증"
    pub title: String,
    /// "제 2026-AB12-0001 호"
    pub number_line: String,
    /// Label/value rows: name, course, hours, date.
    pub rows: Vec<(String, String)>,
    /// The sentence that certifies; wrapped at spaces.
    pub body: String,
    /// The date line above the issuer, e.g. "2026년 11월 22일".
    pub date_line: String,
    /// The issuer, e.g. "○○면 디지털배움터".
    pub issuer: String,
    /// Under the QR code: how to check the certificate, and its code.
    pub qr_caption: Vec<String>,
}

/// What the QR code of a certificate holds: the verification URL on the county's
/// sync server, or, on a kiosk without a server, the number and code to check by hand.
pub fn verification_target(server: Option<&str>, certificate_no: &str, code: &str) -> String {
    match server.map(str::trim).filter(|s| !s.is_empty()) {
        Some(server) => format!(
            "{}/verify/{}?c={}",
            server.trim_end_matches('/'),
            certificate_no,
            code
        ),
        None => format!("{certificate_no} {code}"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("the certificate font cannot be read ({0}); is the assets folder installed?")]
    Font(String),
    #[error("the font subset cannot be made: {0}")]
    Subset(String),
    #[error("the QR code cannot hold {0} bytes")]
    QrTooLong(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_target_is_the_verify_url_when_a_server_is_configured() {
        assert_eq!(
            verification_target(Some("https://sync.example.kr/"), "2026-AB12-0001", "K7QX9M"),
            "https://sync.example.kr/verify/2026-AB12-0001?c=K7QX9M"
        );
    }

    #[test]
    fn the_qr_target_is_number_and_code_without_a_server() {
        assert_eq!(
            verification_target(None, "2026-AB12-0001", "K7QX9M"),
            "2026-AB12-0001 K7QX9M"
        );
        assert_eq!(
            verification_target(Some("  "), "2026-AB12-0001", "K7QX9M"),
            "2026-AB12-0001 K7QX9M"
        );
    }
}
