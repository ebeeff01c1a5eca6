//! Sign-in without typing: name cards filtered by first consonant, in pages, select then
//! confirm, and an optional 4-digit PIN. Plain Rust; the UI renders it.

use crate::ui::paging::Paging;
use std::collections::BTreeSet;

use argon2::password_hash::{PasswordHash, PasswordVerifier};
use baeumteo_core::event::{Event, LearnerId};

/// Consonant filters appear when the list is longer than this.
pub const FILTER_FROM: usize = 8;
pub const PIN_LENGTH: usize = 4;

/// One learner's name card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerCard {
    pub id: LearnerId,
    pub name: String,
    pub icon: String,
    pub pin_hash: Option<String>,
}

/// The learners that can sign in: registered, with edits applied, erased ones gone.
/// Sorted by name (가나다 order).
pub fn roster(events: &[Event]) -> Vec<LearnerCard> {
    // Core's one rule for who a learner is now (arrival order, erasure wins).
    let profiles = baeumteo_core::projection::LearnerProfiles::from_arrivals(events);
    let mut cards: Vec<LearnerCard> = profiles
        .active()
        .map(|(id, profile)| LearnerCard {
            id,
            name: profile.name.clone(),
            icon: profile.icon.clone(),
            pin_hash: profile.pin_hash.clone(),
        })
        .collect();
    cards.sort_by(|a, b| a.name.cmp(&b.name));
    cards
}

/// The first consonant of a name for the ㄱ ㄴ ㄷ filter (ㄲ files under ㄱ, …).
pub fn initial_consonant(name: &str) -> Option<char> {
    const INITIALS: [char; 19] = [
        'ㄱ', 'ㄱ', 'ㄴ', 'ㄷ', 'ㄷ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅂ', 'ㅅ', 'ㅅ', 'ㅇ', 'ㅈ', 'ㅈ', 'ㅊ',
        'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
    ];
    let c = name.chars().next()? as u32;
    if (0xAC00..=0xD7A3).contains(&c) {
        Some(INITIALS[((c - 0xAC00) / 588) as usize])
    } else {
        None
    }
}

/// Checks a PIN against its argon2 hash (slow on purpose: call it off the UI thread).
pub fn pin_matches(hash: &str, pin: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            argon2::Argon2::default()
                .verify_password(pin.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    ChooseName,
    Pin,
    CheckingPin,
}

/// What "이 이름으로 시작" led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    Nothing,
    SignedIn(LearnerId),
    NeedsPin,
}

#[derive(Debug, Clone)]
pub struct SignIn {
    roster: Vec<LearnerCard>,
    filter: Option<char>,
    page: usize,
    per_page: usize,
    selected: Option<LearnerId>,
    pin: String,
    stage: Stage,
    pin_wrong: bool,
}

impl SignIn {
    pub fn new(roster: Vec<LearnerCard>, per_page: usize) -> SignIn {
        SignIn {
            roster,
            filter: None,
            page: 0,
            per_page: per_page.max(1),
            selected: None,
            pin: String::new(),
            stage: Stage::ChooseName,
            pin_wrong: false,
        }
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The consonants that start some name, when the list is long enough to need them.
    pub fn filters(&self) -> Vec<char> {
        if self.roster.len() <= FILTER_FROM {
            return Vec::new();
        }
        let set: BTreeSet<char> = self
            .roster
            .iter()
            .filter_map(|c| initial_consonant(&c.name))
            .collect();
        set.into_iter().collect()
    }

    pub fn filter(&self) -> Option<char> {
        self.filter
    }

    pub fn set_filter(&mut self, filter: Option<char>) {
        self.filter = filter;
        self.page = 0;
    }

    /// Cards per page changes with the text size.
    pub fn set_per_page(&mut self, per_page: usize) {
        self.per_page = per_page.max(1);
        self.page = self.page.min(self.pages() - 1);
    }

    fn filtered(&self) -> Vec<&LearnerCard> {
        self.roster
            .iter()
            .filter(|c| self.filter.is_none() || initial_consonant(&c.name) == self.filter)
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.roster.is_empty()
    }

    /// Which slice of the filtered cards the current page shows.
    pub fn paging(&self) -> Paging {
        Paging::new(self.filtered().len(), self.per_page, self.page)
    }

    pub fn pages(&self) -> usize {
        self.paging().pages
    }

    pub fn page(&self) -> usize {
        self.page
    }

    pub fn next_page(&mut self) {
        if self.page + 1 < self.pages() {
            self.page += 1;
        }
    }

    pub fn previous_page(&mut self) {
        self.page = self.page.saturating_sub(1);
    }

    /// The cards on the current page.
    pub fn visible(&self) -> Vec<LearnerCard> {
        let paging = self.paging();
        self.filtered()[paging.start..paging.end]
            .iter()
            .map(|c| (*c).clone())
            .collect()
    }

    /// Tapping a card only selects it.
    pub fn select(&mut self, index_on_page: usize) {
        if let Some(c) = self.visible().get(index_on_page) {
            self.selected = Some(c.id);
        }
    }

    pub fn selected(&self) -> Option<&LearnerCard> {
        let id = self.selected?;
        self.roster.iter().find(|c| c.id == id)
    }

    pub fn confirm(&mut self) -> Confirmed {
        let Some(card) = self.selected() else {
            return Confirmed::Nothing;
        };
        if card.pin_hash.is_some() {
            self.stage = Stage::Pin;
            self.pin.clear();
            self.pin_wrong = false;
            Confirmed::NeedsPin
        } else {
            Confirmed::SignedIn(card.id)
        }
    }

    pub fn pin_length(&self) -> usize {
        self.pin.chars().count()
    }

    pub fn pin_wrong(&self) -> bool {
        self.pin_wrong
    }

    pub fn pin_digit(&mut self, d: char) {
        if self.stage == Stage::Pin && d.is_ascii_digit() && self.pin_length() < PIN_LENGTH {
            self.pin.push(d);
            self.pin_wrong = false;
        }
    }

    pub fn pin_clear(&mut self) {
        if self.stage == Stage::Pin {
            self.pin.clear();
        }
    }

    /// "확인" with four digits: the hash and PIN to check (off the UI thread).
    pub fn pin_submit(&mut self) -> Option<(String, String)> {
        if self.stage != Stage::Pin || self.pin_length() != PIN_LENGTH {
            return None;
        }
        let hash = self.selected()?.pin_hash.clone()?;
        self.stage = Stage::CheckingPin;
        Some((hash, self.pin.clone()))
    }

    /// The check came back.
    pub fn pin_checked(&mut self, ok: bool) -> Confirmed {
        if self.stage != Stage::CheckingPin {
            return Confirmed::Nothing;
        }
        self.pin.clear();
        if ok {
            self.stage = Stage::ChooseName;
            self.selected
                .map_or(Confirmed::Nothing, Confirmed::SignedIn)
        } else {
            self.stage = Stage::Pin;
            self.pin_wrong = true;
            Confirmed::NeedsPin
        }
    }

    /// "이름 다시 고르기".
    pub fn back_to_names(&mut self) {
        self.stage = Stage::ChooseName;
        self.pin.clear();
        self.pin_wrong = false;
    }
}

#[cfg(test)]
mod tests;
