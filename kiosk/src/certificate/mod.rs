//! Certificates of completion (수료증): an A4 PDF with the bundled Hangul font embedded
//! (only the glyphs used), and a QR code that lets anyone check it on the county's
//! sync server.
//!
//! This module lays out what it is given; the words come from Fluent through
//! [`CertificateText`], so the PDF speaks the kiosk's language.

mod print;

pub use print::{PrintError, find_print_command, print};

/// The layout lives in the `baeumteo-pdf` crate, shared with the sync server's
/// committee summary; the kiosk gives it the fonts from its assets folder.
pub use baeumteo_pdf::{Certificate, CertificateText, PdfError as CertificateError, qr_modules};

/// The regular and bold font files.
type FontFiles = (Vec<u8>, Vec<u8>);

/// The Hangul fonts, read once from the assets folder when the first certificate is
/// made (not embedded a second time: Slint already embeds them for the window).
fn fonts() -> Result<&'static FontFiles, CertificateError> {
    static FONTS: std::sync::OnceLock<Result<FontFiles, String>> = std::sync::OnceLock::new();
    FONTS
        .get_or_init(|| {
            let dir = crate::paths::assets_dir().join("fonts");
            let read = |name: &str| {
                let path = dir.join(name);
                std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
            };
            Ok((
                read("NanumBarunGothic.ttf")?,
                read("NanumBarunGothicBold.ttf")?,
            ))
        })
        .as_ref()
        .map_err(|e| CertificateError::Font(e.clone()))
}

/// Renders one certificate to PDF bytes. `qr_payload` is what the QR code holds
/// (see [`verification_target`]).
pub fn render_pdf(
    cert: &Certificate,
    text: &CertificateText,
    qr_payload: &str,
) -> Result<Vec<u8>, CertificateError> {
    let (regular, bold) = fonts()?;
    baeumteo_pdf::render_certificate(
        baeumteo_pdf::Fonts { regular, bold },
        cert,
        text,
        qr_payload,
    )
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
