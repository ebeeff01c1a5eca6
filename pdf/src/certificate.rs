//! The certificate page: A4 portrait, a double frame, the title, the facts, the
//! certifying sentence, the date and issuer, and the QR code in the lower right.

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

use crate::font::SubsetFont;
use crate::page::{MARGIN, PAGE_H, PAGE_W, Page, Weight};
use crate::{Fonts, PdfError as CertificateError, qr_modules};

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
/// certificate's values (see the kiosk's `instructor::certificates::certificate_text`).
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

/// A deep blue for frame and title: prints well in colour and in grey.
const INK: (f32, f32, f32) = (0.11, 0.23, 0.43);
/// Light modules around the QR code, as the QR standard asks.
const QUIET_ZONE: usize = 4;
const QR_SIZE: f32 = 110.0;

/// Renders one certificate to PDF bytes. `qr_payload` is what the QR code holds
/// (see [`super::verification_target`]).
pub fn render_certificate(
    fonts: Fonts<'_>,
    cert: &Certificate,
    text: &CertificateText,
    qr_payload: &str,
) -> Result<Vec<u8>, CertificateError> {
    let mut page = Page {
        content: Content::new(),
        regular: SubsetFont::new(fonts.regular, "BAEUMR")?,
        bold: SubsetFont::new(fonts.bold, "BAEUMB")?,
    };

    // Frame.
    page.content
        .save_state()
        .set_stroke_rgb(INK.0, INK.1, INK.2)
        .set_line_width(4.0)
        .rect(28.0, 28.0, PAGE_W - 56.0, PAGE_H - 56.0)
        .stroke()
        .set_line_width(1.0)
        .rect(38.0, 38.0, PAGE_W - 76.0, PAGE_H - 76.0)
        .stroke()
        .restore_state();

    page.text(
        Weight::Regular,
        12.0,
        60.0,
        PAGE_H - 80.0,
        &text.number_line,
    );

    page.content.save_state().set_fill_rgb(INK.0, INK.1, INK.2);
    page.centered(Weight::Bold, 46.0, PAGE_H - 190.0, &text.title);
    page.content.restore_state();

    let mut y = PAGE_H - 290.0;
    let label_w = text
        .rows
        .iter()
        .map(|(label, _)| page.width(Weight::Bold, 16.0, label))
        .fold(0.0, f32::max);
    for (label, value) in &text.rows {
        page.text(Weight::Bold, 16.0, MARGIN + 20.0, y, label);
        page.text(Weight::Regular, 16.0, MARGIN + 50.0 + label_w, y, value);
        y -= 36.0;
    }

    y -= 30.0;
    for line in page.wrap(Weight::Regular, 18.0, PAGE_W - 2.0 * MARGIN, &text.body) {
        page.centered(Weight::Regular, 18.0, y, &line);
        y -= 32.0;
    }

    // A long body pushes date and issuer down, but never into the QR code.
    let date_y = (y - 20.0).clamp(210.0, 300.0);
    page.centered(Weight::Regular, 17.0, date_y, &text.date_line);
    page.centered(Weight::Bold, 24.0, date_y - 55.0, &text.issuer);

    let mut caption_y = 60.0 + QR_SIZE - 14.0;
    for line in &text.qr_caption {
        page.text(Weight::Regular, 11.0, 60.0, caption_y, line);
        caption_y -= 18.0;
    }
    let qr_x = PAGE_W - 60.0 - QR_SIZE;
    page.content
        .save_state()
        .transform([QR_SIZE, 0.0, 0.0, QR_SIZE, qr_x, 60.0])
        .x_object(Name(b"Qr"))
        .restore_state();

    write_document(cert, page, qr_payload)
}

fn write_document(
    cert: &Certificate,
    page: Page<'_>,
    qr_payload: &str,
) -> Result<Vec<u8>, CertificateError> {
    let mut next = Ref::new(1);
    let catalog = next.bump();
    let pages = next.bump();
    let page_id = next.bump();
    let content_id = next.bump();
    let regular_id = next.bump();
    let bold_id = next.bump();
    let qr_id = next.bump();
    let info_id = next.bump();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page_id]).count(1);
    {
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(pages)
            .contents(content_id);
        let mut resources = p.resources();
        resources
            .fonts()
            .pair(Name(b"F1"), regular_id)
            .pair(Name(b"F2"), bold_id);
        resources.x_objects().pair(Name(b"Qr"), qr_id);
        resources.finish();
        p.finish();
    }

    let content = page.content.finish();
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(content.as_slice(), 6);
    pdf.stream(content_id, &compressed)
        .filter(Filter::FlateDecode);

    page.regular.write(&mut pdf, &mut next, regular_id)?;
    page.bold.write(&mut pdf, &mut next, bold_id)?;

    // The QR code as a greyscale image, one pixel per module, drawn without
    // smoothing so the modules stay sharp at any size.
    let (modules, width) = qr_modules(qr_payload)?;
    let side = width + 2 * QUIET_ZONE;
    let mut pixels = vec![255u8; side * side];
    for (i, dark) in modules.iter().enumerate() {
        if *dark {
            let (row, col) = (i / width, i % width);
            pixels[(row + QUIET_ZONE) * side + col + QUIET_ZONE] = 0;
        }
    }
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&pixels, 6);
    let mut image = pdf.image_xobject(qr_id, &compressed);
    image.filter(Filter::FlateDecode);
    image
        .width(side as i32)
        .height(side as i32)
        .bits_per_component(8)
        .interpolate(false);
    image.color_space().device_gray();
    image.finish();

    pdf.document_info(info_id)
        .title(TextStr(&format!(
            "{} {}",
            cert.certificate_no, cert.learner_name
        )))
        .creator(TextStr("배움터 키오스크"));
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> (Vec<u8>, Vec<u8>) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/fonts");
        (
            std::fs::read(dir.join("NanumBarunGothic.ttf")).unwrap(),
            std::fs::read(dir.join("NanumBarunGothicBold.ttf")).unwrap(),
        )
    }

    fn render_pdf(cert: &Certificate, text: &CertificateText, payload: &str) -> Vec<u8> {
        let (regular, bold) = fonts();
        render_certificate(
            Fonts {
                regular: &regular,
                bold: &bold,
            },
            cert,
            text,
            payload,
        )
        .unwrap()
    }

    fn sample() -> (Certificate, CertificateText) {
        let cert = Certificate {
            certificate_no: "2026-AB12-0001".into(),
            verification_code: "K7QX9M3P".into(),
            learner_name: "김순자".into(),
            course_title: "디지털 지역활동가 양성".into(),
            minutes: 20 * 60,
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            center_name: "행복면 디지털배움터".into(),
        };
        let text = CertificateText {
            title: "수 료 증".into(),
            number_line: format!("제 {} 호", cert.certificate_no),
            rows: vec![
                ("성명".into(), cert.learner_name.clone()),
                ("과정".into(), cert.course_title.clone()),
                ("이수 시간".into(), "20시간".into()),
            ],
            body: "위 사람은 행복면 디지털배움터에서 실시한 디지털 지역활동가 양성 과정을 \
                   성실히 마쳤기에 이 증서를 드립니다."
                .into(),
            date_line: "2026년 11월 22일".into(),
            issuer: cert.center_name.clone(),
            qr_caption: vec!["QR 코드로 진위를 확인할 수 있습니다.".into()],
        };
        (cert, text)
    }

    /// The QR image of the page, as (width, grey pixels).
    fn qr_image(doc: &lopdf::Document) -> (usize, Vec<u8>) {
        for object in doc.objects.values() {
            if let Ok(stream) = object.as_stream()
                && stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image")
            {
                let width = stream.dict.get(b"Width").unwrap().as_i64().unwrap() as usize;
                return (width, stream.decompressed_content().unwrap());
            }
        }
        panic!("no image in the certificate");
    }

    fn decode_qr(width: usize, pixels: &[u8]) -> String {
        // Scale up so the detector sees modules several pixels wide, as on paper.
        const SCALE: usize = 8;
        let side = width * SCALE;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            pixels[(y / SCALE) * width + x / SCALE]
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code on the certificate");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn the_certificate_pdf_holds_name_and_number_as_text_with_the_font_embedded() {
        let (cert, text) = sample();
        let bytes = render_pdf(&cert, &text, "x");
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let extracted = doc.extract_text(&[1]).unwrap();
        assert!(extracted.contains("김순자"), "{extracted}");
        assert!(extracted.contains("2026-AB12-0001"), "{extracted}");
        assert!(extracted.contains("디지털"), "{extracted}");
        let has_font_file = doc
            .objects
            .values()
            .any(|o| o.as_dict().map(|d| d.has(b"FontFile2")).unwrap_or(false));
        assert!(has_font_file, "the Hangul font is embedded");
        // A subset, not the 4 MB font.
        assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
    }

    #[test]
    fn the_certificate_qr_decodes_to_the_verification_url() {
        let (cert, text) = sample();
        // What the kiosk's `verification_target` makes with a server configured.
        let url = format!(
            "https://sync.example.kr/verify/{}?c={}",
            cert.certificate_no, cert.verification_code
        );
        let bytes = render_pdf(&cert, &text, &url);
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let (width, pixels) = qr_image(&doc);
        assert_eq!(
            decode_qr(width, &pixels),
            "https://sync.example.kr/verify/2026-AB12-0001?c=K7QX9M3P"
        );
    }
}
