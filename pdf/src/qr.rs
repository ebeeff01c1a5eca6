//! The QR code of a certificate as a grid of dark and light modules.

use qrcode::{Color, EcLevel, QrCode};

use crate::PdfError as CertificateError;

/// The modules of the QR code for `payload`, row by row (`true` is dark), and the
/// width of a row. Error correction M survives a crease or a stain on paper.
pub fn qr_modules(payload: &str) -> Result<(Vec<bool>, usize), CertificateError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|_| CertificateError::QrTooLong(payload.len()))?;
    let width = code.width();
    let modules = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((modules, width))
}
