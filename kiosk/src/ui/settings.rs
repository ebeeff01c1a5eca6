//! What a learner can switch on every screen: text size and high contrast.

/// The text-size switch: 100 %, 150 %, 200 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextScale {
    #[default]
    Normal,
    Large,
    Largest,
}

impl TextScale {
    pub fn factor(self) -> f32 {
        match self {
            TextScale::Normal => 1.0,
            TextScale::Large => 1.5,
            TextScale::Largest => 2.0,
        }
    }

    pub fn percent(self) -> u32 {
        match self {
            TextScale::Normal => 100,
            TextScale::Large => 150,
            TextScale::Largest => 200,
        }
    }

    pub fn next(self) -> TextScale {
        match self {
            TextScale::Normal => TextScale::Large,
            TextScale::Large => TextScale::Largest,
            TextScale::Largest => TextScale::Normal,
        }
    }

    /// The next size, back to 100 % after `max` (instructor mode and set-up stop at 150 %).
    pub fn next_within(self, max: TextScale) -> TextScale {
        let next = self.next();
        if next.factor() > max.factor() {
            TextScale::Normal
        } else {
            next
        }
    }

    /// This size, or `max` if it is larger.
    pub fn at_most(self, max: TextScale) -> TextScale {
        if self.factor() > max.factor() {
            max
        } else {
            self
        }
    }

    pub fn from_percent(p: u32) -> Option<TextScale> {
        [TextScale::Normal, TextScale::Large, TextScale::Largest]
            .into_iter()
            .find(|s| s.percent() == p)
    }
}

/// The look one learner chose; kept per learner in the store's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    pub scale: TextScale,
    pub high_contrast: bool,
}

impl Look {
    /// Stored as e.g. "150" or "150 contrast".
    pub fn encode(self) -> String {
        if self.high_contrast {
            format!("{} contrast", self.scale.percent())
        } else {
            self.scale.percent().to_string()
        }
    }

    pub fn decode(s: &str) -> Look {
        let mut parts = s.split_whitespace();
        let scale = parts
            .next()
            .and_then(|p| p.parse().ok())
            .and_then(TextScale::from_percent)
            .unwrap_or_default();
        Look {
            scale,
            high_contrast: parts.next() == Some("contrast"),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn forms_cycle_between_100_and_150_and_never_show_more() {
        let max = TextScale::Large;
        assert_eq!(TextScale::Normal.next_within(max), TextScale::Large);
        assert_eq!(TextScale::Large.next_within(max), TextScale::Normal);
        assert_eq!(TextScale::Largest.next_within(max), TextScale::Normal);
        assert_eq!(TextScale::Largest.at_most(max), TextScale::Large);
        assert_eq!(TextScale::Normal.at_most(max), TextScale::Normal);
        assert_eq!(
            TextScale::Large.next_within(TextScale::Largest),
            TextScale::Largest
        );
    }

    use super::*;

    #[test]
    fn the_text_size_switch_cycles_through_the_three_sizes() {
        let s = TextScale::Normal;
        assert_eq!(s.next().percent(), 150);
        assert_eq!(s.next().next().percent(), 200);
        assert_eq!(s.next().next().next(), TextScale::Normal);
    }

    #[test]
    fn a_look_survives_being_stored_and_a_bad_value_falls_back_to_normal() {
        for look in [
            Look::default(),
            Look {
                scale: TextScale::Largest,
                high_contrast: true,
            },
        ] {
            assert_eq!(Look::decode(&look.encode()), look);
        }
        assert_eq!(Look::decode("nonsense"), Look::default());
    }
}
