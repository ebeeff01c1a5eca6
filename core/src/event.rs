//! The append-only log of facts. A kiosk never updates or deletes an event; a
//! correction is a new event. Everything else (progress, hours, certification status)
//! is a projection computed from these.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A kiosk's identity: made once when its store is created, before any enrollment.
pub type KioskId = Uuid;
pub type LearnerId = Uuid;
pub type InstructorId = Uuid;
pub type SessionId = Uuid;
pub type ServiceId = Uuid;

/// One recorded fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// UUIDv7: unique everywhere, roughly time-ordered.
    pub id: Uuid,
    pub kiosk_id: KioskId,
    /// Gap-free per kiosk, starting at 1. Order within a kiosk comes from here, never
    /// from `at`: kiosk clocks are often wrong.
    pub seq: u64,
    /// The kiosk's wall clock when the event was recorded (not to be trusted blindly).
    pub at: DateTime<Utc>,
    pub body: EventBody,
}

/// Which optional items the person agreed to give, and under which consent text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// Version of the consent text shown, e.g. "2026-01".
    pub version: String,
    /// Consent to the required items (name, birth year, township).
    pub required: bool,
    pub gender: bool,
    pub phone: bool,
}

/// The personal data of a learner. Only what 개인정보 보호법 lets us keep with consent;
/// never a resident registration number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerProfile {
    pub name: String,
    pub birth_year: u16,
    /// 읍·면
    pub township: String,
    /// Present only with consent.
    pub gender: Option<String>,
    /// Present only with consent.
    pub phone: Option<String>,
    /// The picture the learner chose for their name card (an icon id, never a photo).
    pub icon: String,
    /// argon2 hash of the optional 4-digit PIN.
    pub pin_hash: Option<String>,
    pub consent: Consent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventBody {
    /// First-run set-up (or a later change) of the center this kiosk serves.
    CenterConfigured {
        center_name: String,
        county: String,
        township: String,
    },
    InstructorAdded {
        instructor_id: InstructorId,
        name: String,
        /// argon2 hash of the instructor PIN.
        pin_hash: String,
    },
    InstructorRemoved {
        instructor_id: InstructorId,
    },
    LearnerRegistered {
        learner_id: LearnerId,
        profile: LearnerProfile,
    },
    /// A full replacement of the profile (an edit).
    LearnerUpdated {
        learner_id: LearnerId,
        profile: LearnerProfile,
    },
    /// An erasure request: personal data goes everywhere; anonymous counts stay.
    LearnerErased {
        learner_id: LearnerId,
    },
    SessionOpened {
        session_id: SessionId,
        course_id: String,
        instructor_id: Option<InstructorId>,
    },
    /// Closing checks out everyone still checked in, at this event's time.
    SessionClosed {
        session_id: SessionId,
    },
    CheckedIn {
        session_id: SessionId,
        learner_id: LearnerId,
    },
    CheckedOut {
        session_id: SessionId,
        learner_id: LearnerId,
    },
    StepCompleted {
        learner_id: LearnerId,
        course_id: String,
        lesson_id: String,
        step_id: String,
    },
    /// A failed try on a practice step (missed gesture, wrong hotspot). Never a penalty;
    /// it lets the instructor see who is stuck.
    StepMissed {
        learner_id: LearnerId,
        course_id: String,
        lesson_id: String,
        step_id: String,
    },
    QuizAnswered {
        learner_id: LearnerId,
        course_id: String,
        lesson_id: String,
        step_id: String,
        /// Index of the chosen answer.
        choice: u32,
        correct: bool,
    },
    LessonCompleted {
        learner_id: LearnerId,
        course_id: String,
        lesson_id: String,
    },
    /// The learner pressed "도움 요청".
    HelpRequested {
        learner_id: Option<LearnerId>,
        course_id: Option<String>,
        lesson_id: Option<String>,
        step_id: Option<String>,
    },
    /// An instructor came to help.
    HelpAnswered {
        learner_id: Option<LearnerId>,
    },
    /// Activity of a (trainee) 디지털 지역활동가: helping at a center, outreach, …
    ActivistHoursLogged {
        learner_id: LearnerId,
        on: NaiveDate,
        minutes: u32,
        activity: String,
        /// The certification-track course the hours count towards, if any.
        course_id: Option<String>,
    },
    CertificationIssued {
        certificate_no: String,
        learner_id: LearnerId,
        course_id: String,
        /// Hours counted towards the certificate, in minutes.
        minutes: u32,
        /// Short code printed on the certificate and checked by `/verify`.
        verification_code: String,
        issued_by: Option<InstructorId>,
    },
    /// A certificate withdrawn (issued in error, to the wrong person, or revoked). It stays
    /// in the history; `/verify` says it was revoked and when.
    CertificateRevoked {
        certificate_no: String,
        reason: String,
        revoked_by: Option<InstructorId>,
    },
    /// A service session of a certified 디지털 지역활동가 (helping residents), recorded by
    /// the activist or by an instructor on their behalf. A correction is a new
    /// `ServiceLogged` naming the one it `replaces`; nothing is edited in place.
    ServiceLogged {
        service_id: ServiceId,
        activist_id: LearnerId,
        /// The day and start of the session, in the center's local time.
        on: NaiveDate,
        start: NaiveTime,
        minutes: u32,
        place: ServicePlace,
        /// The place's name (which 경로당, which village), and for `Other` what it was.
        place_name: String,
        /// What kind of help was given (free text chosen from suggestions).
        help: String,
        /// How many residents were helped, registered or not.
        residents: u32,
        /// Registered learners among them, when known.
        learners: Vec<LearnerId>,
        replaces: Option<ServiceId>,
        /// The instructor who recorded it on the activist's behalf, if one did.
        recorded_by: Option<InstructorId>,
    },
    /// An instructor confirms a service session (recorded → confirmed); only confirmed
    /// sessions count towards the allowance.
    ServiceConfirmed {
        service_id: ServiceId,
        instructor_id: InstructorId,
    },
}

/// Where a service session took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServicePlace {
    /// 디지털배움터 (assisting in a class).
    Center,
    /// 경로당.
    SeniorCenter,
    /// 마을회관.
    VillageHall,
    /// 가정 방문.
    HomeVisit,
    /// 공공 키오스크 안내.
    PublicKiosk,
    /// 기타, with a name.
    Other,
}

impl ServicePlace {
    pub const ALL: [ServicePlace; 6] = [
        ServicePlace::Center,
        ServicePlace::SeniorCenter,
        ServicePlace::VillageHall,
        ServicePlace::HomeVisit,
        ServicePlace::PublicKiosk,
        ServicePlace::Other,
    ];

    /// The stable name used in files and messages (`service-place-<name>` in Fluent).
    pub fn name(self) -> &'static str {
        match self {
            ServicePlace::Center => "center",
            ServicePlace::SeniorCenter => "senior-center",
            ServicePlace::VillageHall => "village-hall",
            ServicePlace::HomeVisit => "home-visit",
            ServicePlace::PublicKiosk => "public-kiosk",
            ServicePlace::Other => "other",
        }
    }
}

impl EventBody {
    /// The learner this event is about, if any (erasure needs to find them all).
    pub fn learner_id(&self) -> Option<LearnerId> {
        use EventBody::*;
        match self {
            LearnerRegistered { learner_id, .. }
            | LearnerUpdated { learner_id, .. }
            | LearnerErased { learner_id }
            | CheckedIn { learner_id, .. }
            | CheckedOut { learner_id, .. }
            | StepCompleted { learner_id, .. }
            | StepMissed { learner_id, .. }
            | QuizAnswered { learner_id, .. }
            | LessonCompleted { learner_id, .. }
            | ActivistHoursLogged { learner_id, .. }
            | CertificationIssued { learner_id, .. } => Some(*learner_id),
            ServiceLogged { activist_id, .. } => Some(*activist_id),
            HelpRequested { learner_id, .. } | HelpAnswered { learner_id } => *learner_id,
            CenterConfigured { .. }
            | InstructorAdded { .. }
            | InstructorRemoved { .. }
            | SessionOpened { .. }
            | SessionClosed { .. }
            | CertificateRevoked { .. }
            | ServiceConfirmed { .. } => None,
        }
    }

    /// The learner and course of a learning activity on a lesson (a step done or
    /// missed, a quiz answered, a lesson completed): what counts as studying.
    pub fn lesson_activity(&self) -> Option<(LearnerId, &str)> {
        use EventBody::*;
        match self {
            StepCompleted {
                learner_id,
                course_id,
                ..
            }
            | StepMissed {
                learner_id,
                course_id,
                ..
            }
            | QuizAnswered {
                learner_id,
                course_id,
                ..
            }
            | LessonCompleted {
                learner_id,
                course_id,
                ..
            } => Some((*learner_id, course_id)),
            _ => None,
        }
    }

    /// The snake_case name used in the wire format and in the store's `kind` column.
    pub fn kind(&self) -> &'static str {
        use EventBody::*;
        match self {
            CenterConfigured { .. } => "center_configured",
            InstructorAdded { .. } => "instructor_added",
            InstructorRemoved { .. } => "instructor_removed",
            LearnerRegistered { .. } => "learner_registered",
            LearnerUpdated { .. } => "learner_updated",
            LearnerErased { .. } => "learner_erased",
            SessionOpened { .. } => "session_opened",
            SessionClosed { .. } => "session_closed",
            CheckedIn { .. } => "checked_in",
            CheckedOut { .. } => "checked_out",
            StepCompleted { .. } => "step_completed",
            StepMissed { .. } => "step_missed",
            QuizAnswered { .. } => "quiz_answered",
            LessonCompleted { .. } => "lesson_completed",
            HelpRequested { .. } => "help_requested",
            HelpAnswered { .. } => "help_answered",
            ActivistHoursLogged { .. } => "activist_hours_logged",
            CertificationIssued { .. } => "certification_issued",
            CertificateRevoked { .. } => "certificate_revoked",
            ServiceLogged { .. } => "service_logged",
            ServiceConfirmed { .. } => "service_confirmed",
        }
    }
}

impl LearnerProfile {
    /// What an erasure leaves of a profile: only what the anonymous statistics count
    /// (birth year for the age band, township). Name, phone, gender, PIN and icon go.
    pub fn redacted(&self) -> LearnerProfile {
        LearnerProfile {
            name: String::new(),
            birth_year: self.birth_year,
            township: self.township.clone(),
            gender: None,
            phone: None,
            icon: String::new(),
            pin_hash: None,
            consent: self.consent.clone(),
        }
    }

    pub fn is_redacted(&self) -> bool {
        self.name.is_empty()
    }

    /// What a kiosk of another center of the county gets: what sign-in needs (name,
    /// picture, PIN hash), never the phone number or gender, which stay with the
    /// learner's home center and the server.
    pub fn for_other_center(&self) -> LearnerProfile {
        LearnerProfile {
            phone: None,
            gender: None,
            ..self.clone()
        }
    }
}

impl EventBody {
    /// The body as sent to a kiosk of another center (see
    /// [`LearnerProfile::for_other_center`]); other events unchanged.
    pub fn for_other_center(&self) -> EventBody {
        match self {
            EventBody::LearnerRegistered {
                learner_id,
                profile,
            } => EventBody::LearnerRegistered {
                learner_id: *learner_id,
                profile: profile.for_other_center(),
            },
            EventBody::LearnerUpdated {
                learner_id,
                profile,
            } => EventBody::LearnerUpdated {
                learner_id: *learner_id,
                profile: profile.for_other_center(),
            },
            other => other.clone(),
        }
    }

    /// The same event with the learner's personal data removed, for events that carry
    /// any; `None` when there is nothing personal in it. Used on the kiosk and the
    /// server when a `LearnerErased` arrives: the one exception to "never rewrite".
    pub fn redacted(&self) -> Option<EventBody> {
        match self {
            EventBody::LearnerRegistered {
                learner_id,
                profile,
            } => Some(EventBody::LearnerRegistered {
                learner_id: *learner_id,
                profile: profile.redacted(),
            }),
            EventBody::LearnerUpdated {
                learner_id,
                profile,
            } => Some(EventBody::LearnerUpdated {
                learner_id: *learner_id,
                profile: profile.redacted(),
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_round_trips_through_json_with_its_type_tag() {
        let e = Event {
            id: Uuid::now_v7(),
            kiosk_id: Uuid::now_v7(),
            seq: 7,
            at: Utc::now(),
            body: EventBody::LessonCompleted {
                learner_id: Uuid::now_v7(),
                course_id: "smartphone-basics".into(),
                lesson_id: "touch".into(),
            },
        };
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains(r#""type":"lesson_completed""#));
        assert_eq!(e.body.kind(), "lesson_completed");
        let back: Event = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn redaction_removes_every_personal_item_and_keeps_the_anonymous_ones() {
        let profile = LearnerProfile {
            name: "김순자".into(),
            birth_year: 1948,
            township: "남면".into(),
            gender: Some("여".into()),
            phone: Some("010-1234-5678".into()),
            icon: "flower".into(),
            pin_hash: Some("$argon2id$...".into()),
            consent: Consent {
                version: "2026-01".into(),
                required: true,
                gender: true,
                phone: true,
            },
        };
        let body = EventBody::LearnerRegistered {
            learner_id: Uuid::now_v7(),
            profile,
        };
        let Some(EventBody::LearnerRegistered { profile: r, .. }) = body.redacted() else {
            panic!("a registration carries personal data");
        };
        assert!(r.is_redacted());
        assert_eq!((r.phone, r.gender, r.pin_hash), (None, None, None));
        assert_eq!((r.birth_year, r.township.as_str()), (1948, "남면"));
        let check_in = EventBody::CheckedIn {
            session_id: Uuid::now_v7(),
            learner_id: Uuid::now_v7(),
        };
        assert_eq!(check_in.redacted(), None);
    }
}
