//! The pictures a learner can choose for their name card (`kiosk/ui/widgets/icons/`).
//! Instructor registration offers these ids; an unknown id shows a leaf.

pub const ICONS: [&str; 12] = [
    "sun", "moon", "star", "flower", "tree", "house", "mountain", "heart", "fish", "apple", "bird",
    "leaf",
];

/// The picture's name, read by screen readers and shown nowhere else ("icon-<id>" in
/// Fluent).
pub fn icon_name(i18n: &baeumteo_core::i18n::I18n, id: &str) -> String {
    i18n.tr(&format!("icon-{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::i18n::{I18n, Locale};

    #[test]
    fn every_picture_has_a_name_in_every_language() {
        for locale in [Locale::Ko, Locale::En] {
            let t = I18n::new(locale);
            for id in ICONS {
                let name = icon_name(&t, id);
                assert!(!name.starts_with("icon-"), "{locale:?}: {id} has no name");
            }
        }
        assert_eq!(icon_name(&I18n::new(Locale::Ko), "tree"), "나무");
    }

    #[test]
    fn every_picture_has_a_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/widgets/icons");
        for id in ICONS {
            assert!(
                dir.join(format!("{id}.svg")).is_file(),
                "{id}.svg is missing"
            );
        }
    }
}
