//! The certificate page: A4 portrait, a double frame, the title, the facts, the
//! certifying sentence, the date and issuer, and the QR code in the lower right.

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::font::SubsetFont;
use super::{Certificate, CertificateError, CertificateText, qr_modules};

/// The regular and bold font files.
type Fonts = (Vec<u8>, Vec<u8>);

/// The Hangul fonts, read once from the assets folder when the first certificate is
/// made (not embedded a second time: Slint already embeds them for the window).
fn fonts() -> Result<&'static Fonts, CertificateError> {
    static FONTS: std::sync::OnceLock<Result<Fonts, String>> = std::sync::OnceLock::new();
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

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 90.0;
/// A deep blue for frame and title: prints well in colour and in grey.
const INK: (f32, f32, f32) = (0.11, 0.23, 0.43);
/// Light modules around the QR code, as the QR standard asks.
const QUIET_ZONE: usize = 4;
const QR_SIZE: f32 = 110.0;

#[derive(Clone, Copy)]
enum Weight {
    Regular,
    Bold,
}

struct Page<'f> {
    content: Content,
    regular: SubsetFont<'f>,
    bold: SubsetFont<'f>,
}

impl<'f> Page<'f> {
    fn text(&mut self, weight: Weight, size: f32, x: f32, y: f32, s: &str) {
        let (font, name) = match weight {
            Weight::Regular => (&mut self.regular, Name(b"F1")),
            Weight::Bold => (&mut self.bold, Name(b"F2")),
        };
        let bytes = font.encode(s);
        self.content
            .begin_text()
            .set_font(name, size)
            .next_line(x, y)
            .show(Str(&bytes))
            .end_text();
    }

    fn width(&self, weight: Weight, size: f32, s: &str) -> f32 {
        match weight {
            Weight::Regular => self.regular.width(s, size),
            Weight::Bold => self.bold.width(s, size),
        }
    }

    fn centered(&mut self, weight: Weight, size: f32, y: f32, s: &str) {
        let x = (PAGE_W - self.width(weight, size, s)) / 2.0;
        self.text(weight, size, x, y, s);
    }

    /// Lines of `s` no wider than `max`, broken at spaces only (Korean words stay whole).
    fn wrap(&self, weight: Weight, size: f32, max: f32, s: &str) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in s.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(weight, size, &candidate) > max {
                lines.push(std::mem::take(&mut line));
                line = word.to_owned();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Renders one certificate to PDF bytes. `qr_payload` is what the QR code holds
/// (see [`super::verification_target`]).
pub fn render_pdf(
    cert: &Certificate,
    text: &CertificateText,
    qr_payload: &str,
) -> Result<Vec<u8>, CertificateError> {
    let mut page = Page {
        content: Content::new(),
        regular: SubsetFont::new(&fonts()?.0, "BAEUMR")?,
        bold: SubsetFont::new(&fonts()?.1, "BAEUMB")?,
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
    use crate::certificate::verification_target;

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
        let bytes = render_pdf(&cert, &text, "x").unwrap();
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
        let url = verification_target(
            Some("https://sync.example.kr"),
            &cert.certificate_no,
            &cert.verification_code,
        );
        let bytes = render_pdf(&cert, &text, &url).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let (width, pixels) = qr_image(&doc);
        assert_eq!(
            decode_qr(width, &pixels),
            "https://sync.example.kr/verify/2026-AB12-0001?c=K7QX9M3P"
        );
    }
}
