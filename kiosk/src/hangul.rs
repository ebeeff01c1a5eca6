//! 두벌식 composition for the on-screen keyboard: the kiosk may run without any OS input
//! method, so jamo become syllables here. Each syllable keeps the keys it was made of, so
//! backspace takes back one jamo at a time (괜 → 괘 → 고 → ㄱ).

const CHOSEONG: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];
const JUNGSEONG: [char; 21] = [
    'ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ',
    'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ',
];
/// Index 0 is "no final consonant".
const JONGSEONG: [char; 28] = [
    '\0', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ',
    'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];

fn compound_vowel(a: char, b: char) -> Option<char> {
    Some(match (a, b) {
        ('ㅗ', 'ㅏ') => 'ㅘ',
        ('ㅗ', 'ㅐ') => 'ㅙ',
        ('ㅗ', 'ㅣ') => 'ㅚ',
        ('ㅜ', 'ㅓ') => 'ㅝ',
        ('ㅜ', 'ㅔ') => 'ㅞ',
        ('ㅜ', 'ㅣ') => 'ㅟ',
        ('ㅡ', 'ㅣ') => 'ㅢ',
        _ => return None,
    })
}

fn compound_final(a: char, b: char) -> Option<char> {
    Some(match (a, b) {
        ('ㄱ', 'ㅅ') => 'ㄳ',
        ('ㄴ', 'ㅈ') => 'ㄵ',
        ('ㄴ', 'ㅎ') => 'ㄶ',
        ('ㄹ', 'ㄱ') => 'ㄺ',
        ('ㄹ', 'ㅁ') => 'ㄻ',
        ('ㄹ', 'ㅂ') => 'ㄼ',
        ('ㄹ', 'ㅅ') => 'ㄽ',
        ('ㄹ', 'ㅌ') => 'ㄾ',
        ('ㄹ', 'ㅍ') => 'ㄿ',
        ('ㄹ', 'ㅎ') => 'ㅀ',
        ('ㅂ', 'ㅅ') => 'ㅄ',
        _ => return None,
    })
}

pub fn is_consonant(c: char) -> bool {
    CHOSEONG.contains(&c)
}

pub fn is_vowel(c: char) -> bool {
    JUNGSEONG.contains(&c)
}

fn can_be_final(c: char) -> bool {
    c != '\0' && JONGSEONG.contains(&c)
}

/// One syllable being built, as the keys that made it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Syllable {
    initial: Option<char>,
    /// One vowel key, or two forming a compound vowel.
    vowel: Vec<char>,
    /// Up to two consonant keys forming the final consonant.
    last: Vec<char>,
}

impl Syllable {
    fn vowel_char(&self) -> Option<char> {
        match self.vowel.as_slice() {
            [] => None,
            [v] => Some(*v),
            [a, b] => compound_vowel(*a, *b),
            _ => None,
        }
    }

    fn final_char(&self) -> Option<char> {
        match self.last.as_slice() {
            [] => None,
            [c] => Some(*c),
            [a, b] => compound_final(*a, *b),
            _ => None,
        }
    }

    fn render(&self, out: &mut String) {
        match (self.initial, self.vowel_char()) {
            (Some(i), Some(v)) => {
                let cho = CHOSEONG.iter().position(|&c| c == i).unwrap_or(0) as u32;
                let jung = JUNGSEONG.iter().position(|&c| c == v).unwrap_or(0) as u32;
                let jong = self
                    .final_char()
                    .and_then(|f| JONGSEONG.iter().position(|&c| c == f))
                    .unwrap_or(0) as u32;
                let code = 0xAC00 + (cho * 21 + jung) * 28 + jong;
                out.extend(char::from_u32(code));
            }
            (Some(i), None) => out.push(i),
            (None, Some(v)) => out.push(v),
            (None, None) => {}
        }
    }

    fn is_empty(&self) -> bool {
        self.initial.is_none() && self.vowel.is_empty() && self.last.is_empty()
    }

    /// Takes back the last key; true when nothing is left.
    fn pop(&mut self) -> bool {
        if self.last.pop().is_none() && self.vowel.pop().is_none() {
            self.initial = None;
        }
        self.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Unit {
    Hangul(Syllable),
    Other(char),
}

/// The text typed so far, composed as a 두벌식 keyboard would.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Composer {
    units: Vec<Unit>,
}

impl Composer {
    pub fn new() -> Composer {
        Composer::default()
    }

    /// The composed text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for unit in &self.units {
            match unit {
                Unit::Hangul(s) => s.render(&mut out),
                Unit::Other(c) => out.push(*c),
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// One key: a jamo, a digit, a space or punctuation.
    pub fn press(&mut self, key: char) {
        if is_consonant(key) {
            self.consonant(key);
        } else if is_vowel(key) {
            self.vowel(key);
        } else {
            self.units.push(Unit::Other(key));
        }
    }

    /// Every character of `keys` in turn (a test and demo helper).
    pub fn type_keys(&mut self, keys: &str) {
        keys.chars().for_each(|k| self.press(k));
    }

    /// Takes back one jamo (or one other character).
    pub fn backspace(&mut self) {
        let emptied = match self.units.last_mut() {
            Some(Unit::Hangul(s)) => s.pop(),
            Some(Unit::Other(_)) => true,
            None => false,
        };
        if emptied {
            self.units.pop();
        }
    }

    fn open(&mut self) -> Option<&mut Syllable> {
        match self.units.last_mut() {
            Some(Unit::Hangul(s)) => Some(s),
            _ => None,
        }
    }

    fn start(&mut self, s: Syllable) {
        self.units.push(Unit::Hangul(s));
    }

    fn consonant(&mut self, c: char) {
        if let Some(s) = self.open()
            && s.initial.is_some()
            && !s.vowel.is_empty()
        {
            match s.last.as_slice() {
                [] if can_be_final(c) => {
                    s.last.push(c);
                    return;
                }
                [a] if compound_final(*a, c).is_some() => {
                    s.last.push(c);
                    return;
                }
                _ => {}
            }
        }
        self.start(Syllable {
            initial: Some(c),
            ..Syllable::default()
        });
    }

    fn vowel(&mut self, v: char) {
        if let Some(s) = self.open() {
            if !s.last.is_empty() {
                // A final consonant moves on to start the next syllable: 닭 + ㅏ → 달가.
                let moved = s.last.pop();
                self.start(Syllable {
                    initial: moved,
                    vowel: vec![v],
                    last: Vec::new(),
                });
                return;
            }
            match s.vowel.as_slice() {
                [] if s.initial.is_some() => {
                    s.vowel.push(v);
                    return;
                }
                [a] if compound_vowel(*a, v).is_some() => {
                    s.vowel.push(v);
                    return;
                }
                _ => {}
            }
        }
        self.start(Syllable {
            initial: None,
            vowel: vec![v],
            last: Vec::new(),
        });
    }
}

/// Composes a whole key sequence; `<` stands for backspace (used by tests and the demo).
pub fn compose(keys: &str) -> String {
    let mut c = Composer::new();
    for k in keys.chars() {
        if k == '<' {
            c.backspace();
        } else {
            c.press(k);
        }
    }
    c.text()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Key sequences and what a 두벌식 keyboard shows; `<` is backspace.
    const TABLE: &[(&str, &str)] = &[
        // plain syllables
        ("ㄱ", "ㄱ"),
        ("ㅏ", "ㅏ"),
        ("ㄱㅏ", "가"),
        ("ㄱㅏㅇ", "강"),
        ("ㅎㅏㄴ", "한"),
        ("ㅇㅏㄴㄴㅕㅇ", "안녕"),
        ("ㅇㅏㄴㄴㅕㅇㅎㅏㅅㅔㅇㅛ", "안녕하세요"),
        ("ㅅㅏㄹㅏㅁ", "사람"),
        ("ㄲㅗㅊ", "꽃"),
        ("ㅆㅏㄹ", "쌀"),
        ("ㄸㅏㄹㄱㅣ", "딸기"),
        ("ㅃㅏㅇ", "빵"),
        ("ㅉㅏㄱ", "짝"),
        // a final consonant moves on when a vowel follows
        ("ㄷㅏㄹㄱㅏ", "달가"),
        ("ㅎㅏㄴㄱㅡㄹ", "한글"),
        ("ㄱㅏㄴㅏ", "가나"),
        ("ㅁㅜㄹㅇㅡㄴ", "물은"),
        ("ㅇㅓㄹㅡㄴ", "어른"),
        ("ㄱㅏㅂㅅㅣ", "갑시"),
        ("ㄷㅏㄹㄱㅇㅣ", "닭이"),
        ("ㅇㅣㄹㄱㅓ", "일거"),
        ("ㅇㅏㄴㅈㅏ", "안자"),
        // double final consonants
        ("ㄱㅏㅂㅅ", "값"),
        ("ㄷㅏㄹㄱ", "닭"),
        ("ㅇㅣㄹㄱ", "읽"),
        ("ㅇㅏㄴㅈ", "앉"),
        ("ㅁㅏㄴㅎ", "많"),
        ("ㅅㅏㄹㅁ", "삶"),
        ("ㅇㅕㄹㅂ", "엷"),
        ("ㄷㅗㄹㅅ", "돐"),
        ("ㅎㅏㄹㅌ", "핥"),
        ("ㅇㅡㄹㅍ", "읊"),
        ("ㅅㅣㄹㅎ", "싫"),
        ("ㄴㅓㄱㅅ", "넋"),
        ("ㅇㅓㅂㅅㄷㅏ", "없다"),
        // a consonant that cannot join the final starts a new syllable
        ("ㄱㅏㅂㄱ", "갑ㄱ"),
        ("ㄷㅏㄹㄱㄱ", "닭ㄱ"),
        ("ㄱㅏㄸ", "가ㄸ"),
        ("ㄱㄴ", "ㄱㄴ"),
        // compound vowels
        ("ㄱㅗㅐㄴ", "괜"),
        ("ㅂㅜㅔㄹㄱ", "뷁"),
        ("ㄱㅗㅏ", "과"),
        ("ㅇㅜㅓㄴ", "원"),
        ("ㅎㅗㅣ", "회"),
        ("ㅇㅡㅣㅅㅏ", "의사"),
        ("ㄱㅜㅣ", "귀"),
        ("ㅗㅏ", "ㅘ"),
        ("ㄱㅏㅏ", "가ㅏ"),
        ("ㄱㅗㅐㄴㅊㅏㄶ", "괜차ㄶ"),
        ("ㄱㅗㅐㄴㅊㅏㄴㅎ", "괜찮"),
        // spaces, digits and punctuation
        ("ㅎㅏㄴ ㄱㅡㄹ", "한 글"),
        ("ㄱㅏ1", "가1"),
        ("ㅇㅔ?", "에?"),
        ("ㄴㅔ!", "네!"),
        // backspace takes back one jamo at a time
        ("ㄱㅗㅐㄴ<", "괘"),
        ("ㄱㅗㅐㄴ<<", "고"),
        ("ㄱㅗㅐㄴ<<<", "ㄱ"),
        ("ㄱㅗㅐㄴ<<<<", ""),
        ("ㄷㅏㄹㄱ<", "달"),
        ("ㄱㅏㅂㅅ<ㅅ", "값"),
        ("ㄷㅏㄹㄱㅏ<", "달ㄱ"),
        ("ㄷㅏㄹㄱㅏ<<", "달"),
        ("ㄷㅏㄹㄱㅏ<<<", "다"),
        ("ㅎㅏㄴㄱㅡㄹ<", "한그"),
        ("ㅎㅏㄴㄱㅡㄹ<<<", "한"),
        ("ㅂㅜㅔㄹㄱ<<", "붸"),
        ("ㅂㅜㅔㄹㄱ<<<", "부"),
        ("ㅎㅏㄴ ㄱㅡㄹ<<<", "한 "),
        ("ㅎㅏㄴ ㄱㅡㄹ<<<<", "한"),
        ("ㅎㅏㄴ ㄱㅡㄹ<<<<ㅏ", "하나"),
        ("<", ""),
        ("ㄱㅏ<ㅗ", "고"),
        ("ㄱㅏㄴ<ㅇ", "강"),
    ];

    #[test]
    fn the_key_table_composes_as_a_dubeolsik_keyboard_would() {
        assert!(TABLE.len() >= 60, "only {} sequences", TABLE.len());
        let mut failures = Vec::new();
        for (keys, expected) in TABLE {
            let got = compose(keys);
            if got != *expected {
                failures.push(format!("{keys}: expected {expected:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn backspacing_everything_leaves_nothing() {
        let mut c = Composer::new();
        c.type_keys("ㅂㅜㅔㄹㄱ ㄷㅏㄹㄱㅇㅣ 12!");
        for _ in 0..40 {
            c.backspace();
        }
        assert!(c.is_empty());
        assert_eq!(c.text(), "");
    }
}

/// The keys that type `text` on the 두벌식 keyboard (syllables split into jamo, compound
/// vowels and finals into their keys). Used by the demo screenshots and UI tests.
pub fn keys_for(text: &str) -> Vec<char> {
    fn split_vowel(v: char) -> Vec<char> {
        for a in JUNGSEONG {
            for b in JUNGSEONG {
                if compound_vowel(a, b) == Some(v) {
                    return vec![a, b];
                }
            }
        }
        vec![v]
    }
    fn split_final(f: char) -> Vec<char> {
        for a in CHOSEONG {
            for b in CHOSEONG {
                if compound_final(a, b) == Some(f) {
                    return vec![a, b];
                }
            }
        }
        vec![f]
    }
    let mut keys = Vec::new();
    for c in text.chars() {
        let code = c as u32;
        if (0xAC00..=0xD7A3).contains(&code) {
            let s = code - 0xAC00;
            keys.push(CHOSEONG[(s / 588) as usize]);
            keys.extend(split_vowel(JUNGSEONG[((s % 588) / 28) as usize]));
            let jong = (s % 28) as usize;
            if jong > 0 {
                keys.extend(split_final(JONGSEONG[jong]));
            }
        } else {
            keys.push(c);
        }
    }
    keys
}

#[cfg(test)]
mod keys_tests {
    use super::*;

    #[test]
    fn typing_the_keys_of_a_text_gives_the_text_back() {
        for text in [
            "안녕하세요",
            "값 닭 읽",
            "괜찮아요 뷁",
            "한글 1개?",
            "없어요. 왜요!",
        ] {
            let keys: String = keys_for(text).into_iter().collect();
            assert_eq!(compose(&keys), text, "keys {keys}");
        }
    }
}
