use argon2::password_hash::{PasswordHasher, SaltString};
use baeumteo_core::event::{Consent, EventBody, LearnerProfile};
use chrono::Utc;
use uuid::Uuid;

use super::*;

fn cheap_hash(pin: &str) -> String {
    let params = argon2::Params::new(8, 1, 1, None).unwrap();
    let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
    a.hash_password(pin.as_bytes(), &salt).unwrap().to_string()
}

fn profile(name: &str, pin: Option<&str>) -> LearnerProfile {
    LearnerProfile {
        name: name.into(),
        birth_year: 1950,
        township: "남면".into(),
        gender: None,
        phone: None,
        icon: "sun".into(),
        pin_hash: pin.map(cheap_hash),
        consent: Consent {
            version: "2026-01".into(),
            required: true,
            gender: false,
            phone: false,
        },
    }
}

fn event(seq: u64, body: EventBody) -> Event {
    Event {
        id: Uuid::now_v7(),
        kiosk_id: Uuid::nil(),
        seq,
        at: Utc::now(),
        body,
    }
}

fn registered(name: &str) -> (LearnerId, Event) {
    let id = Uuid::now_v7();
    (
        id,
        event(
            0,
            EventBody::LearnerRegistered {
                learner_id: id,
                profile: profile(name, None),
            },
        ),
    )
}

fn names(cards: &[LearnerCard]) -> Vec<&str> {
    cards.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn the_roster_applies_edits_drops_erased_learners_and_sorts_by_name() {
    let (a, ea) = registered("최영희");
    let (b, eb) = registered("김순자");
    let (_, ec) = registered("박말순");
    let events = vec![
        ea,
        eb,
        ec,
        event(
            4,
            EventBody::LearnerUpdated {
                learner_id: a,
                profile: profile("강영희", None),
            },
        ),
        event(5, EventBody::LearnerErased { learner_id: b }),
    ];
    assert_eq!(names(&roster(&events)), vec!["강영희", "박말순"]);
}

#[test]
fn initial_consonants_group_double_consonants_with_their_plain_one() {
    assert_eq!(initial_consonant("김순자"), Some('ㄱ'));
    assert_eq!(initial_consonant("꽃님"), Some('ㄱ'));
    assert_eq!(initial_consonant("홍길동"), Some('ㅎ'));
    assert_eq!(initial_consonant("Anna"), None);
}

fn many() -> Vec<LearnerCard> {
    let names = [
        "김순자",
        "김영수",
        "나옥순",
        "도말자",
        "박정희",
        "박춘자",
        "서복순",
        "이영자",
        "이순남",
        "정옥자",
        "최말순",
        "한영희",
    ];
    names
        .iter()
        .map(|n| LearnerCard {
            id: Uuid::now_v7(),
            name: n.to_string(),
            icon: "sun".into(),
            pin_hash: None,
        })
        .collect()
}

#[test]
fn filters_appear_only_for_a_long_list_and_narrow_it_to_one_consonant() {
    let short = SignIn::new(many().into_iter().take(5).collect(), 8);
    assert!(short.filters().is_empty());
    let mut s = SignIn::new(many(), 8);
    assert_eq!(
        s.filters(),
        vec!['ㄱ', 'ㄴ', 'ㄷ', 'ㅂ', 'ㅅ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅎ']
    );
    s.set_filter(Some('ㅂ'));
    assert_eq!(names(&s.visible()), vec!["박정희", "박춘자"]);
}

#[test]
fn pages_hold_per_page_cards_and_stop_at_both_ends() {
    let mut s = SignIn::new(many(), 8);
    assert_eq!(s.pages(), 2);
    s.previous_page();
    assert_eq!(s.page(), 0);
    s.next_page();
    s.next_page();
    assert_eq!(s.page(), 1);
    assert_eq!(s.visible().len(), 4);
    s.set_per_page(4);
    assert_eq!(s.pages(), 3);
}

#[test]
fn selecting_is_separate_from_confirming() {
    let mut s = SignIn::new(many(), 8);
    assert_eq!(s.confirm(), Confirmed::Nothing);
    s.select(2);
    let id = s.selected().unwrap().id;
    assert_eq!(s.confirm(), Confirmed::SignedIn(id));
}

#[test]
fn a_learner_with_a_pin_signs_in_only_with_the_right_four_digits() {
    let id = Uuid::now_v7();
    let card = LearnerCard {
        id,
        name: "김순자".into(),
        icon: "sun".into(),
        pin_hash: Some(cheap_hash("1234")),
    };
    let mut s = SignIn::new(vec![card], 8);
    s.select(0);
    assert_eq!(s.confirm(), Confirmed::NeedsPin);
    for d in "129".chars() {
        s.pin_digit(d);
    }
    assert!(s.pin_submit().is_none(), "three digits are not a PIN");
    s.pin_digit('9');
    s.pin_digit('5');
    assert_eq!(s.pin_length(), 4);
    let (hash, pin) = s.pin_submit().unwrap();
    assert_eq!(s.pin_checked(pin_matches(&hash, &pin)), Confirmed::NeedsPin);
    assert!(s.pin_wrong());
    assert_eq!(s.pin_length(), 0);
    for d in "1234".chars() {
        s.pin_digit(d);
    }
    let (hash, pin) = s.pin_submit().unwrap();
    assert_eq!(
        s.pin_checked(pin_matches(&hash, &pin)),
        Confirmed::SignedIn(id)
    );
}

#[test]
fn a_malformed_hash_never_matches() {
    assert!(!pin_matches("not a hash", "1234"));
}
