//! Who is who on this kiosk: the center, its instructors and its learners' profiles,
//! read from the log in the order it arrived here (`Store::all_events`). Learners'
//! profiles follow core's one rule (`LearnerProfiles`); erased learners are gone.

use std::collections::BTreeMap;

use baeumteo_core::event::{Event, EventBody, InstructorId, LearnerId, LearnerProfile};
use baeumteo_core::projection::LearnerProfiles;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Center {
    pub center_name: String,
    pub county: String,
    pub township: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instructor {
    pub instructor_id: InstructorId,
    pub name: String,
    pub pin_hash: String,
}

#[derive(Debug, Clone, Default)]
pub struct Directory {
    pub center: Option<Center>,
    instructors: BTreeMap<InstructorId, Instructor>,
    learners: LearnerProfiles,
}

impl Directory {
    /// `events` in arrival order (as `Store::all_events` gives them).
    pub fn from_events(events: &[Event]) -> Directory {
        let mut d = Directory::default();
        for e in events {
            d.learners.apply(&e.body);
            match &e.body {
                EventBody::CenterConfigured {
                    center_name,
                    county,
                    township,
                } => {
                    d.center = Some(Center {
                        center_name: center_name.clone(),
                        county: county.clone(),
                        township: township.clone(),
                    })
                }
                EventBody::InstructorAdded {
                    instructor_id,
                    name,
                    pin_hash,
                } => {
                    d.instructors.insert(
                        *instructor_id,
                        Instructor {
                            instructor_id: *instructor_id,
                            name: name.clone(),
                            pin_hash: pin_hash.clone(),
                        },
                    );
                }
                EventBody::InstructorRemoved { instructor_id } => {
                    d.instructors.remove(instructor_id);
                }
                _ => {}
            }
        }
        d
    }

    pub fn instructors(&self) -> impl Iterator<Item = &Instructor> {
        self.instructors.values()
    }

    pub fn instructor(&self, id: InstructorId) -> Option<&Instructor> {
        self.instructors.get(&id)
    }

    pub fn learner(&self, id: LearnerId) -> Option<&LearnerProfile> {
        self.learners.profile(id)
    }

    /// Learners by name, in Korean dictionary order.
    pub fn learners(&self) -> Vec<(LearnerId, &LearnerProfile)> {
        let mut v: Vec<_> = self.learners.active().collect();
        v.sort_by(|a, b| a.1.name.cmp(&b.1.name).then(a.0.cmp(&b.0)));
        v
    }

    /// The learner's name, or `None` once erased.
    pub fn name(&self, id: LearnerId) -> Option<&str> {
        self.learners.profile(id).map(|p| p.name.as_str())
    }

    /// A kiosk needs first-run set-up until it knows its center and one instructor.
    pub fn needs_setup(&self) -> bool {
        self.center.is_none() || self.instructors.is_empty()
    }
}
