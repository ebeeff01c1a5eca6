//! One A4 portrait page being drawn: text in the regular and bold faces (subset as it
//! is used), measured and wrapped at spaces, and plain shapes.

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::font::SubsetFont;
use crate::{Fonts, PdfError};

/// A4 in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN: f32 = 90.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

pub struct Page<'f> {
    pub content: Content,
    pub regular: SubsetFont<'f>,
    pub bold: SubsetFont<'f>,
}

impl<'f> Page<'f> {
    /// A blank page with both faces.
    pub fn new(fonts: Fonts<'f>) -> Result<Page<'f>, PdfError> {
        Ok(Page {
            content: Content::new(),
            regular: SubsetFont::new(fonts.regular, "BAEUMR")?,
            bold: SubsetFont::new(fonts.bold, "BAEUMB")?,
        })
    }

    /// `s` with its baseline starting at (`x`, `y`), in points from the lower left.
    pub fn text(&mut self, weight: Weight, size: f32, x: f32, y: f32, s: &str) {
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

    /// `s` ending at `right`.
    pub fn text_right(&mut self, weight: Weight, size: f32, right: f32, y: f32, s: &str) {
        let x = right - self.width(weight, size, s);
        self.text(weight, size, x, y, s);
    }

    pub fn width(&self, weight: Weight, size: f32, s: &str) -> f32 {
        match weight {
            Weight::Regular => self.regular.width(s, size),
            Weight::Bold => self.bold.width(s, size),
        }
    }

    pub fn centered(&mut self, weight: Weight, size: f32, y: f32, s: &str) {
        let x = (PAGE_W - self.width(weight, size, s)) / 2.0;
        self.text(weight, size, x, y, s);
    }

    /// Lines of `s` no wider than `max`, broken at spaces only (Korean words stay whole).
    pub fn wrap(&self, weight: Weight, size: f32, max: f32, s: &str) -> Vec<String> {
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

    /// A filled rectangle in an RGB colour (0–1 each).
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: (f32, f32, f32)) {
        self.content
            .save_state()
            .set_fill_rgb(rgb.0, rgb.1, rgb.2)
            .rect(x, y, w, h)
            .fill_nonzero()
            .restore_state();
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, rgb: (f32, f32, f32)) {
        self.content
            .save_state()
            .set_stroke_rgb(rgb.0, rgb.1, rgb.2)
            .set_line_width(width)
            .move_to(from.0, from.1)
            .line_to(to.0, to.1)
            .stroke()
            .restore_state();
    }

    /// The page as a one-page PDF document titled `title`.
    pub fn finish(self, title: &str) -> Result<Vec<u8>, PdfError> {
        let mut next = Ref::new(1);
        let catalog = next.bump();
        let pages = next.bump();
        let page_id = next.bump();
        let content_id = next.bump();
        let regular_id = next.bump();
        let bold_id = next.bump();
        let info_id = next.bump();
        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(pages);
        pdf.pages(pages).kids([page_id]).count(1);
        {
            let mut p = pdf.page(page_id);
            p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
                .parent(pages)
                .contents(content_id);
            p.resources()
                .fonts()
                .pair(Name(b"F1"), regular_id)
                .pair(Name(b"F2"), bold_id);
            p.finish();
        }
        let content = self.content.finish();
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(content.as_slice(), 6);
        pdf.stream(content_id, &compressed)
            .filter(Filter::FlateDecode);
        self.regular.write(&mut pdf, &mut next, regular_id)?;
        self.bold.write(&mut pdf, &mut next, bold_id)?;
        pdf.document_info(info_id)
            .title(TextStr(title))
            .creator(TextStr("배움터 키오스크"));
        Ok(pdf.finish())
    }
}
