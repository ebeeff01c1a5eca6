//! Free text from outside (a kiosk form, a pushed event) is cleaned where it enters:
//! control characters (C0, DEL, C1) and the bidirectional overrides and isolates that
//! make a name display reversed or hide text are removed. Hangul, spaces and the word
//! joiner the kiosk uses for line breaking are untouched. One rule, used by the kiosk's
//! store and the server's push endpoint.

use serde_json::Value;

use crate::event::EventBody;

/// A character that must not be stored in a name or free text.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Left-to-right / right-to-left embeddings and overrides, and isolates.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            // Directional marks (invisible, used to reorder text).
            | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

/// The text without unsafe characters.
pub fn clean_text(s: &str) -> String {
    s.chars().filter(|c| !is_unsafe_char(*c)).collect()
}

/// Cleans every string in a JSON value, in place. Returns whether anything changed.
pub fn clean_json_strings(value: &mut Value) -> bool {
    match value {
        Value::String(s) if s.chars().any(is_unsafe_char) => {
            *s = clean_text(s);
            true
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, v| clean_json_strings(v) | changed),
        Value::Object(map) => map
            .values_mut()
            .fold(false, |changed, v| clean_json_strings(v) | changed),
        _ => false,
    }
}

impl EventBody {
    /// The same body with every text field cleaned (names, places, free text; ids and
    /// hashes never hold such characters, so cleaning them is harmless). Walking the
    /// JSON form covers fields added later without a list to keep up to date.
    pub fn cleaned(self) -> EventBody {
        let Ok(mut value) = serde_json::to_value(&self) else {
            return self;
        };
        if !clean_json_strings(&mut value) {
            return self;
        }
        serde_json::from_value(value).unwrap_or(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Consent, LearnerProfile};

    #[test]
    fn controls_and_bidi_overrides_go_and_hangul_stays() {
        assert_eq!(clean_text("김\u{0}순\u{7}자"), "김순자");
        assert_eq!(clean_text("\u{202E}자순김"), "자순김");
        assert_eq!(clean_text("마량\u{2066}면\u{2069}\r\n"), "마량면");
        assert_eq!(clean_text("남궁 민수"), "남궁 민수");
        // The word joiner the kiosk puts between syllables for Slint stays.
        assert_eq!(clean_text("김\u{2060}순자"), "김\u{2060}순자");
        assert_eq!(clean_text("\u{85}x\u{9f}"), "x");
    }

    #[test]
    fn an_event_body_is_cleaned_in_every_text_field() {
        let body = EventBody::LearnerRegistered {
            learner_id: uuid::Uuid::now_v7(),
            profile: LearnerProfile {
                name: "김\u{202E}순자".into(),
                birth_year: 1950,
                township: "남면\u{0}".into(),
                gender: None,
                phone: Some("010\u{7}".into()),
                icon: "flower".into(),
                pin_hash: None,
                consent: Consent {
                    version: "2026-01".into(),
                    required: true,
                    gender: false,
                    phone: true,
                },
            },
        };
        let EventBody::LearnerRegistered { profile, .. } = body.cleaned() else {
            panic!("same kind");
        };
        assert_eq!(profile.name, "김순자");
        assert_eq!(profile.township, "남면");
        assert_eq!(profile.phone.as_deref(), Some("010"));
    }
}
