//! A form typed on the on-screen keyboard (set-up, instructors, server): one composer per
//! field, the focused field, and what each field accepts. PIN fields take digits only
//! and show dots; address fields start the keyboard in 영어 mode.

use slint::SharedString;

use super::FormField;
use super::connect_keyboard::Typed;
use super::text::joined;
use crate::hangul::Composer;

/// The longest PIN an instructor may choose (see `instructor::pin::valid_pin`).
const PIN_MAX: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Korean (or any) text.
    Text,
    /// Digits only, shown as dots.
    Pin,
    /// Latin letters, digits and punctuation: a server address, an enrollment code.
    Latin,
}

#[derive(Debug, Clone)]
pub struct Form {
    kinds: Vec<Kind>,
    composers: Vec<Composer>,
    focus: usize,
}

impl Form {
    pub fn new(kinds: &[Kind]) -> Form {
        Form {
            kinds: kinds.to_vec(),
            composers: vec![Composer::new(); kinds.len()],
            focus: 0,
        }
    }

    /// The form with `text` already typed into field `i` (e.g. "https://").
    pub fn with_text(mut self, i: usize, text: &str) -> Form {
        if let Some(c) = self.composers.get_mut(i) {
            c.type_keys(text);
        }
        self
    }

    /// Focuses field `i` (ignored if there is none); returns its kind.
    pub fn focus(&mut self, i: usize) -> Kind {
        if i < self.kinds.len() {
            self.focus = i;
        }
        self.focused_kind()
    }

    pub fn focused_kind(&self) -> Kind {
        self.kinds.get(self.focus).copied().unwrap_or(Kind::Text)
    }

    /// One key of the keyboard into the focused field.
    pub fn press(&mut self, key: &str) {
        let kind = self.focused_kind();
        let Some(c) = self.composers.get_mut(self.focus) else {
            return;
        };
        for ch in key.chars() {
            if kind == Kind::Pin && (!ch.is_ascii_digit() || c.text().len() >= PIN_MAX) {
                continue;
            }
            c.press(ch);
        }
    }

    /// What the on-screen keyboard asked (`connect_keyboard`); returns the focused kind.
    pub fn typed(&mut self, typed: Typed) -> Kind {
        match typed {
            Typed::Focus(i) => return self.focus(i),
            Typed::Key(k) => self.press(&k),
            Typed::Backspace => self.backspace(),
        }
        self.focused_kind()
    }

    pub fn backspace(&mut self) {
        if let Some(c) = self.composers.get_mut(self.focus) {
            c.backspace();
        }
    }

    /// What field `i` holds, trimmed.
    pub fn text(&self, i: usize) -> String {
        self.composers
            .get(i)
            .map(|c| c.text().trim().to_owned())
            .unwrap_or_default()
    }

    /// The fields for the screen, with these labels (PINs masked).
    pub fn fields(&self, labels: &[String]) -> Vec<FormField> {
        labels
            .iter()
            .zip(&self.composers)
            .zip(&self.kinds)
            .enumerate()
            .map(|(i, ((label, c), kind))| {
                let text = c.text();
                let shown: SharedString = if *kind == Kind::Pin {
                    "●".repeat(text.chars().count()).into()
                } else {
                    joined(&text)
                };
                FormField {
                    label: joined(label),
                    value: shown,
                    focused: i == self.focus,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_keys_compose_into_syllables_in_the_focused_field() {
        let mut f = Form::new(&[Kind::Text, Kind::Text]);
        f.focus(1);
        for k in ["ㄴ", "ㅏ", "ㅁ", "ㅁ", "ㅕ", "ㄴ"] {
            f.press(k);
        }
        assert_eq!(f.text(0), "");
        assert_eq!(f.text(1), "남면");
        f.backspace();
        assert_eq!(f.text(1), "남며");
    }

    #[test]
    fn a_pin_field_takes_at_most_eight_digits_and_shows_dots() {
        let mut f = Form::new(&[Kind::Pin]);
        for k in ["1", "ㄱ", "2", "a", "3", "4", "5", "6", "7", "8", "9"] {
            f.press(k);
        }
        assert_eq!(f.text(0), "12345678");
        let shown = f.fields(&["번호".into()]);
        assert_eq!(shown[0].value.as_str(), "●●●●●●●●");
        assert!(shown[0].focused);
    }

    #[test]
    fn a_prefilled_address_keeps_typing_after_it() {
        let mut f = Form::new(&[Kind::Latin, Kind::Latin]).with_text(0, "https://");
        for k in ["a", ".", "k", "r"] {
            f.press(k);
        }
        assert_eq!(f.text(0), "https://a.kr");
        assert_eq!(f.focus(1), Kind::Latin);
        assert_eq!(f.focus(7), Kind::Latin, "a missing field keeps the focus");
    }
}
