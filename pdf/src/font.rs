//! A TrueType font as a PDF CID font: text is written as 2-byte glyph ids of a subset
//! holding only the glyphs used, with a ToUnicode map so the text can be searched and
//! copied. Modern Hangul is precomposed syllables, so one char is one glyph and no
//! shaping is needed.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use subsetter::GlyphRemapper;
use ttf_parser::Face;

use crate::PdfError as CertificateError;

pub struct SubsetFont<'a> {
    data: &'a [u8],
    face: Face<'a>,
    /// The PostScript name with a subset tag, e.g. `BAEUMT+NanumBarunGothic`.
    base_font: String,
    remapper: GlyphRemapper,
    /// New glyph id → the char it shows (for ToUnicode).
    chars: BTreeMap<u16, char>,
    /// New glyph id → advance in 1/1000 em.
    widths: BTreeMap<u16, f32>,
}

impl<'a> SubsetFont<'a> {
    pub fn new(data: &'a [u8], tag: &str) -> Result<Self, CertificateError> {
        let face = Face::parse(data, 0).map_err(|e| CertificateError::Font(e.to_string()))?;
        let ps_name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .filter(|n| n.is_ascii() && !n.contains(char::is_whitespace))
            .unwrap_or_else(|| "NanumBarunGothic".to_owned());
        Ok(Self {
            data,
            face,
            base_font: format!("{tag}+{ps_name}"),
            remapper: GlyphRemapper::new(),
            chars: BTreeMap::new(),
            widths: BTreeMap::new(),
        })
    }

    fn units_per_em(&self) -> f32 {
        f32::from(self.face.units_per_em())
    }

    fn advance(&self, c: char) -> f32 {
        let gid = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let adv = self.face.glyph_hor_advance(gid).unwrap_or(0);
        f32::from(adv) * 1000.0 / self.units_per_em()
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size / 1000.0
    }

    /// The bytes to show `text` with this font (Identity-H: big-endian new glyph ids).
    /// Records every glyph for the subset.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let old = self.face.glyph_index(c).map(|g| g.0).unwrap_or(0);
            let new = self.remapper.remap(old);
            if old != 0 {
                self.chars.entry(new).or_insert(c);
            }
            let width = self.advance(c);
            self.widths.insert(new, width);
            out.extend_from_slice(&new.to_be_bytes());
        }
        out
    }

    /// Writes the Type0 font with its CID font, descriptor, subset and ToUnicode map.
    pub fn write(self, pdf: &mut Pdf, next: &mut Ref, type0: Ref) -> Result<(), CertificateError> {
        let cid = next.bump();
        let descriptor = next.bump();
        let file = next.bump();
        let cmap_ref = next.bump();
        let system_info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        let base = Name(self.base_font.as_bytes());

        pdf.type0_font(type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap_ref);

        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(system_info)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        {
            let mut widths = cid_font.widths();
            for (gid, w) in &self.widths {
                widths.consecutive(*gid, [*w]);
            }
        }
        cid_font.finish();

        let scale = 1000.0 / self.units_per_em();
        let bbox = self.face.global_bounding_box();
        let cap_height = self
            .face
            .capital_height()
            .map(f32::from)
            .unwrap_or(f32::from(self.face.ascender()));
        pdf.font_descriptor(descriptor)
            .name(base)
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(f32::from(self.face.ascender()) * scale)
            .descent(f32::from(self.face.descender()) * scale)
            .cap_height(cap_height * scale)
            .stem_v(80.0)
            .font_file2(file);

        let subset = subsetter::subset(self.data, 0, &self.remapper)
            .map_err(|e| CertificateError::Subset(format!("{e:?}")))?;
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&subset, 6);
        pdf.stream(file, &compressed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);

        let mut cmap = UnicodeCmap::new(Name(b"Baeumteo-UCS"), system_info);
        for (gid, c) in &self.chars {
            cmap.pair(*gid, *c);
        }
        let cmap = cmap.finish();
        pdf.cmap(cmap_ref, cmap.as_slice());
        Ok(())
    }
}
