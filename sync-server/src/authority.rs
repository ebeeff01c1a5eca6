//! Who may say what about a learner. A learner belongs to the county of the kiosk that
//! registered them (their home; the registering kiosk's center is their home center):
//!
//! - only kiosks of that county may register the same learner again, edit them
//!   (`learner_updated`), erase them (`learner_erased`) or certify them;
//! - an edit, erasure or certificate for a learner the server has never seen registered
//!   is refused (the registration always travels first from an honest kiosk);
//! - everything else a kiosk records about a learner (check-ins, steps) changes nobody's
//!   identity and is not restricted here.
//!
//! The store applies this rule inside the push transaction, so a registration earlier in
//! the same batch counts. Events refused here are kept aside with the reason (see
//! `db::PushOutcome`).

use baeumteo_core::event::{Event, EventBody, LearnerId};
use baeumteo_core::wire::CenterInfo;

/// Where a learner was registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerHome {
    pub center: CenterInfo,
}

/// What the rule decides for one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    /// Accept, and record the learner's home: the kiosk's center.
    AcceptNewLearner(LearnerId),
    Refuse(String),
}

/// The learner whose identity the event changes (registration, edit, erasure,
/// certificate): the only events this rule looks at.
pub fn learner_in_question(body: &EventBody) -> Option<LearnerId> {
    match body {
        EventBody::LearnerRegistered { learner_id, .. }
        | EventBody::LearnerUpdated { learner_id, .. }
        | EventBody::LearnerErased { learner_id }
        | EventBody::CertificationIssued { learner_id, .. } => Some(*learner_id),
        EventBody::ServiceLogged { activist_id, .. } => Some(*activist_id),
        _ => None,
    }
}

/// Decides `event` from a kiosk of `kiosk_center`, given the learner's home if known.
pub fn judge(event: &Event, kiosk_center: &CenterInfo, home: Option<&LearnerHome>) -> Verdict {
    let Some(learner) = learner_in_question(&event.body) else {
        return Verdict::Accept;
    };
    let what = match &event.body {
        EventBody::LearnerRegistered { .. } => "register",
        EventBody::LearnerUpdated { .. } => "edit",
        EventBody::LearnerErased { .. } => "erase",
        EventBody::ServiceLogged { .. } => "log service for",
        _ => "certify",
    };
    match home {
        // A first registration makes the kiosk's center the learner's home.
        None if matches!(event.body, EventBody::LearnerRegistered { .. }) => {
            Verdict::AcceptNewLearner(learner)
        }
        None => Verdict::Refuse(format!(
            "learner {learner} is not registered on the server; a kiosk may {what} only \
             learners registered in its county"
        )),
        Some(h) if h.center.county == kiosk_center.county => Verdict::Accept,
        Some(h) => Verdict::Refuse(other_county(learner, &h.center, what)),
    }
}

fn other_county(learner: LearnerId, home: &CenterInfo, what: &str) -> String {
    format!(
        "learner {learner} belongs to {}; only kiosks of that county may {what} them",
        if home.county.is_empty() {
            "another county"
        } else {
            &home.county
        }
    )
}

/// The body a kiosk of `to` gets of a profile event of a learner whose home is `home`:
/// in full at the home center, without phone and gender elsewhere in the county.
pub fn shared_body(body: &EventBody, home: Option<&LearnerHome>, to: &CenterInfo) -> EventBody {
    match home {
        Some(h) if h.center == *to => body.clone(),
        _ => body.for_other_center(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::event::{Consent, LearnerProfile};
    use chrono::Utc;
    use uuid::Uuid;

    fn center(county: &str, name: &str) -> CenterInfo {
        CenterInfo {
            center_name: name.into(),
            county: county.into(),
            township: "면".into(),
        }
    }

    fn ev(body: EventBody) -> Event {
        Event {
            id: Uuid::now_v7(),
            kiosk_id: Uuid::now_v7(),
            seq: 1,
            at: Utc::now(),
            body,
        }
    }

    fn profile() -> LearnerProfile {
        LearnerProfile {
            name: "김순자".into(),
            birth_year: 1950,
            township: "마량면".into(),
            gender: Some("여".into()),
            phone: Some("010-1234-5678".into()),
            icon: "flower".into(),
            pin_hash: Some("$argon2id$x".into()),
            consent: Consent {
                version: "2026-01".into(),
                required: true,
                gender: true,
                phone: true,
            },
        }
    }

    #[test]
    fn only_the_home_county_may_edit_erase_or_certify_a_learner() {
        let learner = Uuid::now_v7();
        let home = LearnerHome {
            center: center("강진군", "마량면 디지털배움터"),
        };
        let same_county = center("강진군", "남면 디지털배움터");
        let elsewhere = center("영양군", "입암면 디지털배움터");
        let erase = ev(EventBody::LearnerErased {
            learner_id: learner,
        });
        assert_eq!(judge(&erase, &same_county, Some(&home)), Verdict::Accept);
        assert!(matches!(
            judge(&erase, &elsewhere, Some(&home)),
            Verdict::Refuse(r) if r.contains("강진군")
        ));
        assert!(matches!(
            judge(&erase, &same_county, None),
            Verdict::Refuse(r) if r.contains("not registered")
        ));
        let register = ev(EventBody::LearnerRegistered {
            learner_id: learner,
            profile: profile(),
        });
        assert_eq!(
            judge(&register, &elsewhere, None),
            Verdict::AcceptNewLearner(learner)
        );
        assert!(matches!(
            judge(&register, &elsewhere, Some(&home)),
            Verdict::Refuse(_)
        ));
    }

    #[test]
    fn phone_and_gender_reach_only_the_home_center() {
        let home_center = center("강진군", "마량면 디지털배움터");
        let home = LearnerHome {
            center: home_center.clone(),
        };
        let body = EventBody::LearnerRegistered {
            learner_id: Uuid::now_v7(),
            profile: profile(),
        };
        let EventBody::LearnerRegistered { profile: p, .. } =
            shared_body(&body, Some(&home), &center("강진군", "남면 디지털배움터"))
        else {
            panic!("same kind")
        };
        assert_eq!((p.phone, p.gender), (None, None));
        assert!(
            p.pin_hash.is_some(),
            "sign-in at another center needs the PIN hash"
        );
        assert_eq!(shared_body(&body, Some(&home), &home_center), body);
    }
}
