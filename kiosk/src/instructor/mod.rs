//! Instructor mode in plain Rust, tested without a window: PIN and lockout, first-run
//! set-up, learner registration with consent, class sessions and attendance, activist
//! certification. The rules (hours, eligibility, stuck) are `baeumteo_core::projection`'s;
//! this module records facts and asks those rules.

pub mod certification;
pub mod commands;
pub mod demo;
pub mod directory;
pub mod pin;
pub mod registration;
pub mod session;
pub mod setup;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum InstructorError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the PIN could not be hashed: {0}")]
    Hash(String),
    #[error("{0}")]
    Invalid(Invalid),
    #[error("no learner {0}")]
    UnknownLearner(uuid::Uuid),
    #[error("no open class session {0}")]
    NoSuchSession(uuid::Uuid),
    #[error("no course {0}")]
    UnknownCourse(String),
    #[error("{name} has not met every requirement of {course}")]
    NotEligible { name: String, course: String },
    #[error("{name} already holds certificate {certificate_no}")]
    AlreadyCertified {
        name: String,
        certificate_no: String,
    },
    #[error(transparent)]
    Certificate(#[from] crate::certificate::CertificateError),
}

/// What is wrong with a form; each has a Fluent message for the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    NameMissing,
    BirthYear,
    TownshipMissing,
    ConsentMissing,
    Pin,
    CenterMissing,
    // Set-up and instructor management name the field in question.
    CenterNameMissing,
    CountyMissing,
    CenterTownshipMissing,
    InstructorNameMissing,
    InstructorPin,
    PinMismatch,
    PinTaken,
    UnknownInstructor,
    LastInstructor,
    RemovingSelf,
    ServerMissing,
    CodeMissing,
}

impl Invalid {
    /// The Fluent message id that explains it.
    pub fn message_id(self) -> &'static str {
        match self {
            Invalid::NameMissing => "instructor-invalid-name",
            Invalid::BirthYear => "instructor-invalid-birth-year",
            Invalid::TownshipMissing => "instructor-invalid-township",
            Invalid::ConsentMissing => "instructor-invalid-consent",
            Invalid::Pin => "instructor-invalid-pin",
            Invalid::CenterMissing => "instructor-invalid-center",
            Invalid::CenterNameMissing => "setup-invalid-center-name",
            Invalid::CountyMissing => "setup-invalid-county",
            Invalid::CenterTownshipMissing => "setup-invalid-township",
            Invalid::InstructorNameMissing => "setup-invalid-instructor-name",
            Invalid::InstructorPin => "setup-invalid-pin",
            Invalid::PinMismatch => "setup-invalid-pin-mismatch",
            Invalid::PinTaken => "setup-invalid-pin-taken",
            Invalid::UnknownInstructor => "setup-invalid-unknown-instructor",
            Invalid::LastInstructor => "setup-invalid-last-instructor",
            Invalid::RemovingSelf => "setup-invalid-removing-self",
            Invalid::ServerMissing => "setup-invalid-server",
            Invalid::CodeMissing => "setup-invalid-code",
        }
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message_id())
    }
}
