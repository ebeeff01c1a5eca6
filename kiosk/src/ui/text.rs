//! The one door for text into Slint. Slint's word-wrap breaks Hangul words anywhere (a
//! break-all rule for CJK); joining the letters of each word with U+2060 WORD JOINER
//! leaves spaces as the only places where a line may break.

use slint::SharedString;

pub const WORD_JOINER: char = '\u{2060}';

/// `text` with a word joiner between every two neighbouring non-space characters.
pub fn joined(text: &str) -> SharedString {
    let mut out = String::with_capacity(text.len() * 2);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if c == WORD_JOINER {
            continue;
        }
        if let Some(p) = previous
            && !p.is_whitespace()
            && !c.is_whitespace()
        {
            out.push(WORD_JOINER);
        }
        out.push(c);
        previous = Some(c);
    }
    out.into()
}

/// The text without word joiners (what a person would type or read).
pub fn plain(text: &str) -> String {
    text.chars().filter(|&c| c != WORD_JOINER).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners_go_between_letters_of_a_word_and_never_around_spaces() {
        let j = joined("안녕 하세요");
        assert_eq!(j.as_str(), "안\u{2060}녕 하\u{2060}세\u{2060}요");
    }

    #[test]
    fn joining_twice_is_the_same_as_joining_once() {
        let once = joined("스마트폰 첫걸음");
        assert_eq!(joined(&once), once);
    }

    #[test]
    fn plain_removes_what_joined_added() {
        let s = "3 / 12 마침, 잘하셨어요!";
        assert_eq!(plain(&joined(s)), s);
    }

    #[test]
    fn empty_and_single_letters_are_unchanged() {
        assert_eq!(joined("").as_str(), "");
        assert_eq!(joined("가").as_str(), "가");
    }
}
