//! Checks that a referenced image or narration file exists and really decodes, so a
//! truncated or mislabelled file is caught by `kiosk courses check`, not by a learner.

use std::fs;
use std::io::Cursor;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AssetKind {
    Image,
    Audio,
}

/// `Ok(())` when the file decodes, else a sentence saying what is wrong.
pub(crate) fn check_asset(path: &Path, kind: AssetKind) -> Result<(), String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err("file not found".to_string());
        }
        Err(e) => return Err(format!("cannot read file: {e}")),
    };
    match (kind, ext.as_str()) {
        (AssetKind::Image, "png") => decode_png(&bytes),
        (AssetKind::Image, "svg") => decode_svg(&bytes),
        (AssetKind::Audio, "ogg") => decode_ogg(&bytes),
        (AssetKind::Image, _) => Err("unsupported image type (use .png or .svg)".to_string()),
        (AssetKind::Audio, _) => Err("unsupported audio type (use .ogg, Ogg Vorbis)".to_string()),
    }
}

fn decode_png(bytes: &[u8]) -> Result<(), String> {
    let decoder = png::Decoder::new(Cursor::new(bytes));
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("does not decode as PNG: {e}"))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "PNG image is too large".to_string())?;
    let mut buf = vec![0; size];
    reader
        .next_frame(&mut buf)
        .map_err(|e| format!("does not decode as PNG: {e}"))?;
    Ok(())
}

fn decode_svg(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "SVG file is not UTF-8".to_string())?;
    let doc =
        roxmltree::Document::parse(text).map_err(|e| format!("does not parse as SVG: {e}"))?;
    if doc.root_element().tag_name().name() != "svg" {
        return Err("does not parse as SVG: the root element is not <svg>".to_string());
    }
    Ok(())
}

fn decode_ogg(bytes: &[u8]) -> Result<(), String> {
    let mut reader = lewton::inside_ogg::OggStreamReader::new(Cursor::new(bytes))
        .map_err(|e| format!("does not decode as Ogg Vorbis: {e}"))?;
    let mut packets = 0usize;
    loop {
        match reader.read_dec_packet_itl() {
            Ok(Some(_)) => packets += 1,
            Ok(None) => break,
            Err(e) => return Err(format!("does not decode as Ogg Vorbis: {e}")),
        }
    }
    if packets == 0 {
        return Err("Ogg Vorbis file holds no audio".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_the_wrong_content_does_not_decode() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("a.png");
        fs::write(&png, b"not a png").unwrap();
        assert!(
            check_asset(&png, AssetKind::Image)
                .unwrap_err()
                .contains("PNG")
        );
        let ogg = dir.path().join("a.ogg");
        fs::write(&ogg, b"OggS garbage").unwrap();
        assert!(
            check_asset(&ogg, AssetKind::Audio)
                .unwrap_err()
                .contains("Ogg")
        );
        let svg = dir.path().join("a.svg");
        fs::write(&svg, b"<html></html>").unwrap();
        assert!(check_asset(&svg, AssetKind::Image).is_err());
        assert_eq!(
            check_asset(&dir.path().join("none.svg"), AssetKind::Image).unwrap_err(),
            "file not found"
        );
    }

    #[test]
    fn a_well_formed_svg_decodes() {
        let dir = tempfile::tempdir().unwrap();
        let svg = dir.path().join("a.svg");
        fs::write(
            &svg,
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>"#,
        )
        .unwrap();
        assert_eq!(check_asset(&svg, AssetKind::Image), Ok(()));
    }
}
