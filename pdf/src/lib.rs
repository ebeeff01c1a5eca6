//! A4 PDFs with the bundled Hangul font embedded (only the glyphs used, with a
//! ToUnicode map so text can be searched and copied): the kiosk's certificates and the
//! sync server's committee summary. Neither the kiosk nor the server depends on the
//! other; both use this crate. It lays out what it is given: the words come from the
//! caller (Fluent), and so do the font files (each program knows where its assets are).

pub mod certificate;
pub mod font;
pub mod page;
pub mod qr;

pub use certificate::{Certificate, CertificateText, render_certificate};
pub use page::{Page, Weight};
pub use qr::qr_modules;

/// The regular and bold faces of the Hangul font, as read from their files.
#[derive(Debug, Clone, Copy)]
pub struct Fonts<'a> {
    pub regular: &'a [u8],
    pub bold: &'a [u8],
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the certificate font cannot be read ({0}); is the assets folder installed?")]
    Font(String),
    #[error("the font subset cannot be made: {0}")]
    Subset(String),
    #[error("the QR code cannot hold {0} bytes")]
    QrTooLong(usize),
}
