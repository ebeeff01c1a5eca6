//! Synthetic data for the server's tests and benches, and for the end-to-end tests in
//! `tests/`: one place for what a made-up learner looks like. The server never calls it.

use baeumteo_core::event::{Consent, LearnerProfile};

/// A learner of 입암면 who gave only the required consent: no gender, phone or PIN.
/// Tests that need more set those fields with `..learner_profile(..)`.
pub fn learner_profile(name: impl Into<String>, birth_year: u16) -> LearnerProfile {
    LearnerProfile {
        name: name.into(),
        birth_year,
        township: "입암면".into(),
        gender: None,
        phone: None,
        icon: "flower".into(),
        pin_hash: None,
        consent: required_consent(),
    }
}

/// The consent every registration gives: the required part of the 2026-01 text only.
pub fn required_consent() -> Consent {
    Consent {
        version: "2026-01".into(),
        required: true,
        gender: false,
        phone: false,
    }
}

pub mod postgres;
