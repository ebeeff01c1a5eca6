//! Who a learner is now: the one rule for the kiosk's sign-in cards, the instructor's
//! directory and the server's registry and `/verify` page.
//!
//! - Profile events count in the order they arrived where the projection runs: on the
//!   server, the order it stored them; on a kiosk, the order of its log. Never by a
//!   kiosk clock, which may be years off (an edit stamped 2099 must not win forever).
//! - A registration or an edit replaces the whole profile, with one exception: an edit
//!   that keeps the consent to a phone number (or to gender) but carries none keeps the
//!   one known so far. Such an edit comes from another center of the county, which was
//!   never sent the number (see `EventBody::for_other_center`); withdrawing consent
//!   clears it.
//! - An erasure wins whatever arrives before or after it: the learner is gone for good,
//!   only the fact that they were erased stays.

use std::collections::BTreeMap;

use crate::event::{Event, EventBody, LearnerId, LearnerProfile};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LearnerState {
    Active(LearnerProfile),
    Erased,
}

/// Every learner's current profile, folded from profile events in arrival order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearnerProfiles {
    learners: BTreeMap<LearnerId, LearnerState>,
    /// Learners in order of first appearance (a stable order before sorting by name).
    order: Vec<LearnerId>,
}

impl LearnerProfiles {
    /// Folds the profile events among `events`, taken in the order given (arrival
    /// order; see the module's rules). Other events are skipped.
    pub fn from_arrivals<'a>(events: impl IntoIterator<Item = &'a Event>) -> LearnerProfiles {
        let mut p = LearnerProfiles::default();
        for e in events {
            p.apply(&e.body);
        }
        p
    }

    pub fn apply(&mut self, body: &EventBody) {
        match body {
            EventBody::LearnerRegistered {
                learner_id,
                profile,
            }
            | EventBody::LearnerUpdated {
                learner_id,
                profile,
            } => {
                let next = match self.learners.get(learner_id) {
                    Some(LearnerState::Erased) => return,
                    Some(LearnerState::Active(before)) => merged(before, profile),
                    None => {
                        self.order.push(*learner_id);
                        profile.clone()
                    }
                };
                self.learners
                    .insert(*learner_id, LearnerState::Active(next));
            }
            EventBody::LearnerErased { learner_id } => {
                if !self.learners.contains_key(learner_id) {
                    self.order.push(*learner_id);
                }
                self.learners.insert(*learner_id, LearnerState::Erased);
            }
            _ => {}
        }
    }

    /// The current profile; `None` when unknown or erased.
    pub fn profile(&self, id: LearnerId) -> Option<&LearnerProfile> {
        match self.learners.get(&id) {
            Some(LearnerState::Active(p)) => Some(p),
            _ => None,
        }
    }

    pub fn state(&self, id: LearnerId) -> Option<&LearnerState> {
        self.learners.get(&id)
    }

    pub fn is_erased(&self, id: LearnerId) -> bool {
        matches!(self.learners.get(&id), Some(LearnerState::Erased))
    }

    /// The learners not erased, in order of first appearance.
    pub fn active(&self) -> impl Iterator<Item = (LearnerId, &LearnerProfile)> {
        self.order
            .iter()
            .filter_map(|id| match self.learners.get(id) {
                Some(LearnerState::Active(p)) => Some((*id, p)),
                _ => None,
            })
    }
}

/// An edit on top of the profile known so far (see the module's second rule).
fn merged(before: &LearnerProfile, edit: &LearnerProfile) -> LearnerProfile {
    let mut next = edit.clone();
    if next.consent.phone && next.phone.is_none() {
        next.phone = before.phone.clone();
    }
    if next.consent.gender && next.gender.is_none() {
        next.gender = before.gender.clone();
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Consent;
    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    fn profile(name: &str, phone: Option<&str>) -> LearnerProfile {
        LearnerProfile {
            name: name.into(),
            birth_year: 1950,
            township: "마량면".into(),
            gender: Some("여".into()),
            phone: phone.map(Into::into),
            icon: "flower".into(),
            pin_hash: None,
            consent: Consent {
                version: "2026-01".into(),
                required: true,
                gender: true,
                phone: phone.is_some(),
            },
        }
    }

    fn event(kiosk: Uuid, seq: u64, at: &str, body: EventBody) -> Event {
        Event {
            id: Uuid::now_v7(),
            kiosk_id: kiosk,
            seq,
            at: at.parse::<DateTime<Utc>>().unwrap(),
            body,
        }
    }

    #[test]
    fn edits_from_two_kiosks_count_in_arrival_order_not_by_their_clocks() {
        let (a, b, learner) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let registered = event(
            a,
            1,
            "2026-03-01T01:00:00Z",
            EventBody::LearnerRegistered {
                learner_id: learner,
                profile: profile("김순자", None),
            },
        );
        // Kiosk B's clock says 2099; its edit arrived first.
        let edit_b = event(
            b,
            7,
            "2099-01-01T00:00:00Z",
            EventBody::LearnerUpdated {
                learner_id: learner,
                profile: profile("김순희", None),
            },
        );
        let edit_a = event(
            a,
            2,
            "2026-03-02T01:00:00Z",
            EventBody::LearnerUpdated {
                learner_id: learner,
                profile: profile("김순자(마량)", None),
            },
        );
        let p = LearnerProfiles::from_arrivals([&registered, &edit_b, &edit_a]);
        assert_eq!(p.profile(learner).unwrap().name, "김순자(마량)");
        let p = LearnerProfiles::from_arrivals([&registered, &edit_a, &edit_b]);
        assert_eq!(p.profile(learner).unwrap().name, "김순희");
    }

    #[test]
    fn an_erasure_wins_whether_it_arrives_before_or_after_an_edit() {
        let (k, learner) = (Uuid::now_v7(), Uuid::now_v7());
        let reg = event(
            k,
            1,
            "2026-03-01T01:00:00Z",
            EventBody::LearnerRegistered {
                learner_id: learner,
                profile: profile("박말순", Some("010-1111-2222")),
            },
        );
        let edit = event(
            k,
            2,
            "2026-03-02T01:00:00Z",
            EventBody::LearnerUpdated {
                learner_id: learner,
                profile: profile("박말숙", Some("010-1111-2222")),
            },
        );
        let erased = event(
            k,
            3,
            "2026-03-03T01:00:00Z",
            EventBody::LearnerErased {
                learner_id: learner,
            },
        );
        for order in [
            vec![&reg, &edit, &erased],
            vec![&reg, &erased, &edit],
            vec![&erased, &reg, &edit],
        ] {
            let p = LearnerProfiles::from_arrivals(order);
            assert!(p.is_erased(learner));
            assert_eq!(p.profile(learner), None);
            assert_eq!(p.active().count(), 0);
        }
    }

    #[test]
    fn an_edit_from_another_center_keeps_the_phone_it_was_never_sent() {
        let (k, learner) = (Uuid::now_v7(), Uuid::now_v7());
        let reg = EventBody::LearnerRegistered {
            learner_id: learner,
            profile: profile("이영자", Some("010-3333-4444")),
        };
        // Another center edits the name; it holds the profile without phone or gender.
        let elsewhere = EventBody::LearnerUpdated {
            learner_id: learner,
            profile: LearnerProfile {
                name: "이영자(남면)".into(),
                ..profile("이영자", Some("010-3333-4444")).for_other_center()
            },
        };
        let mut p = LearnerProfiles::default();
        p.apply(&reg);
        p.apply(&elsewhere);
        let now = p.profile(learner).unwrap();
        assert_eq!(now.name, "이영자(남면)");
        assert_eq!(now.phone.as_deref(), Some("010-3333-4444"));
        assert_eq!(now.gender.as_deref(), Some("여"));
        // Withdrawing consent clears the number.
        let withdrawn = EventBody::LearnerUpdated {
            learner_id: learner,
            profile: profile("이영자", None),
        };
        p.apply(&withdrawn);
        assert_eq!(p.profile(learner).unwrap().phone, None);
        let _ = k;
    }
}
