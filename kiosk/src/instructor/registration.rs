//! Registering a learner with consent (개인정보 보호법): the required items need the
//! required consent; gender and phone are kept only with their own consent. The consent
//! text's version is recorded with the profile. Erasure removes the personal data from
//! this kiosk at once (the store redacts earlier profile events) and travels by sync.

use baeumteo_core::event::{Consent, EventBody, LearnerId, LearnerProfile};
use chrono::Datelike;

use super::pin::{hash_pin, valid_pin};
use super::{InstructorError, Invalid};
use crate::store::Store;

/// Version of the consent text in `i18n/*/instructor.ftl` (`instructor-consent-*`).
/// Raise it whenever that text changes.
pub const CONSENT_VERSION: &str = "2026-01";

/// The words read aloud on the consent screen, in the kiosk's default language (Korean):
/// the title, then each consent item in screen order, each ending a sentence.
/// `scripts/narrate-consent` builds the same text from `i18n/ko/instructor.ftl`; a test
/// checks the shipped audio was made from it.
pub fn consent_spoken_text(i18n: &baeumteo_core::i18n::I18n) -> String {
    [
        i18n.instructor_consent_title(),
        i18n.instructor_consent_required(),
        i18n.instructor_consent_gender(),
        i18n.instructor_consent_phone(),
    ]
    .iter()
    .map(|part| {
        if part.ends_with(['.', '?', '!']) {
            part.clone()
        } else {
            format!("{part}.")
        }
    })
    .collect::<Vec<_>>()
    .join(" ")
}

/// The consent narration shipped in `assets/narration/` for `CONSENT_VERSION`, embedded so
/// a kiosk never lacks it.
pub const CONSENT_AUDIO: &[u8] = include_bytes!("../../../assets/narration/consent-2026-01.ogg");

/// The file name of the consent narration of a consent text version.
pub fn consent_audio_name(version: &str) -> String {
    format!("consent-{version}.ogg")
}

/// What the instructor typed and the learner agreed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistrationForm {
    pub name: String,
    pub birth_year: String,
    pub township: String,
    pub gender: String,
    pub phone: String,
    pub icon: String,
    /// Optional 4-digit PIN for sign-in; empty for none.
    pub pin: String,
    pub consent_required: bool,
    pub consent_gender: bool,
    pub consent_phone: bool,
}

impl RegistrationForm {
    /// The profile to record, or what is missing. Optional items without their consent
    /// are dropped, whatever was typed.
    pub fn profile(&self, this_year: i32) -> Result<LearnerProfile, InstructorError> {
        if !self.consent_required {
            return Err(InstructorError::Invalid(Invalid::ConsentMissing));
        }
        let birth_year = self
            .check_typed(this_year)
            .map_err(InstructorError::Invalid)?;
        let (name, township) = (self.name.trim(), self.township.trim());
        let pin_hash = match self.pin.trim() {
            "" => None,
            pin => Some(hash_pin(pin)?),
        };
        let optional = |consent: bool, value: &str| {
            let v = value.trim();
            (consent && !v.is_empty()).then(|| v.to_owned())
        };
        Ok(LearnerProfile {
            name: name.to_owned(),
            birth_year,
            township: township.to_owned(),
            gender: optional(self.consent_gender, &self.gender),
            phone: optional(self.consent_phone, &self.phone),
            icon: if self.icon.is_empty() {
                "flower".into()
            } else {
                self.icon.clone()
            },
            pin_hash,
            consent: Consent {
                version: CONSENT_VERSION.into(),
                required: true,
                gender: self.consent_gender,
                phone: self.consent_phone,
            },
        })
    }
}

/// This year in Korea (birth years are checked against it).
pub fn this_year() -> i32 {
    baeumteo_core::time::kst_date(chrono::Utc::now()).year()
}

impl RegistrationForm {
    /// The typed fields alone, at once (no hashing): the page checks them before it
    /// asks for consent. Returns the birth year.
    pub fn check_typed(&self, this_year: i32) -> Result<u16, Invalid> {
        if self.name.trim().is_empty() {
            return Err(Invalid::NameMissing);
        }
        let birth_year: u16 = match self.birth_year.trim().parse() {
            Ok(y) if (1900..=this_year - 10).contains(&i32::from(y)) => y,
            _ => return Err(Invalid::BirthYear),
        };
        if self.township.trim().is_empty() {
            return Err(Invalid::TownshipMissing);
        }
        match self.pin.trim() {
            "" => {}
            pin if pin.len() == 4 && valid_pin(pin) => {}
            _ => return Err(Invalid::Pin),
        }
        Ok(birth_year)
    }
}

/// The event that registers a new learner. Validates the form and hashes the PIN
/// (argon2, slow on purpose): call it off the UI thread.
pub fn registration_event(form: &RegistrationForm) -> Result<EventBody, InstructorError> {
    Ok(EventBody::LearnerRegistered {
        learner_id: uuid::Uuid::now_v7(),
        profile: form.profile(this_year())?,
    })
}

/// The event that records an edit: a whole new profile, under the current consent text
/// version (the consents given now replace the earlier ones). An empty PIN keeps the PIN
/// the learner had. Hashes a new PIN: call it off the UI thread.
pub fn update_event(
    learner_id: LearnerId,
    previous: &LearnerProfile,
    form: &RegistrationForm,
) -> Result<EventBody, InstructorError> {
    let mut profile = form.profile(this_year())?;
    if form.pin.trim().is_empty() {
        profile.pin_hash = previous.pin_hash.clone();
    }
    Ok(EventBody::LearnerUpdated {
        learner_id,
        profile,
    })
}

/// The form an edit starts from: what the profile holds (never the PIN itself).
pub fn form_of_profile(profile: &LearnerProfile) -> RegistrationForm {
    RegistrationForm {
        name: profile.name.clone(),
        birth_year: profile.birth_year.to_string(),
        township: profile.township.clone(),
        gender: profile.gender.clone().unwrap_or_default(),
        phone: profile.phone.clone().unwrap_or_default(),
        icon: profile.icon.clone(),
        pin: String::new(),
        consent_required: profile.consent.required,
        consent_gender: profile.consent.gender,
        consent_phone: profile.consent.phone,
    }
}

pub fn register(store: &mut Store, form: &RegistrationForm) -> Result<LearnerId, InstructorError> {
    let learner_id = uuid::Uuid::now_v7();
    store.append(EventBody::LearnerRegistered {
        learner_id,
        profile: form.profile(this_year())?,
    })?;
    Ok(learner_id)
}

/// An edit replaces the whole profile. An empty PIN keeps the PIN the learner had.
pub fn update(
    store: &mut Store,
    learner_id: LearnerId,
    previous: &LearnerProfile,
    form: &RegistrationForm,
) -> Result<(), InstructorError> {
    store.append(update_event(learner_id, previous, form)?)?;
    Ok(())
}

/// The erasure request: personal data leaves this kiosk now; anonymous counts stay.
pub fn erase(store: &mut Store, learner_id: LearnerId) -> Result<(), InstructorError> {
    store.append(EventBody::LearnerErased { learner_id })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instructor::directory::Directory;

    fn form() -> RegistrationForm {
        RegistrationForm {
            name: " 박옥순 ".into(),
            birth_year: "1949".into(),
            township: "남면".into(),
            gender: "여".into(),
            phone: "010-1234-5678".into(),
            icon: "tree".into(),
            consent_required: true,
            consent_gender: true,
            consent_phone: false,
            ..Default::default()
        }
    }

    #[test]
    fn registration_records_the_consent_version_and_only_consented_items() {
        let p = form().profile(2026).unwrap();
        assert_eq!(p.name, "박옥순");
        assert_eq!(p.consent.version, CONSENT_VERSION);
        assert_eq!(p.gender.as_deref(), Some("여"));
        assert_eq!(p.phone, None, "phone typed but not consented: not kept");
        assert!(p.consent.required && p.consent.gender && !p.consent.phone);
    }

    #[test]
    fn registration_without_the_required_consent_is_refused() {
        let mut f = form();
        f.consent_required = false;
        assert!(matches!(
            f.profile(2026),
            Err(InstructorError::Invalid(Invalid::ConsentMissing))
        ));
        let mut f = form();
        f.birth_year = "19".into();
        assert!(matches!(
            f.profile(2026),
            Err(InstructorError::Invalid(Invalid::BirthYear))
        ));
    }

    #[test]
    fn erasure_removes_the_personal_data_from_this_kiosk_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let id = register(&mut store, &form()).unwrap();
        assert_eq!(
            Directory::from_events(&store.all_events().unwrap()).name(id),
            Some("박옥순")
        );
        erase(&mut store, id).unwrap();
        let events = store.all_events().unwrap();
        assert_eq!(Directory::from_events(&events).name(id), None);
        let raw = serde_json::to_string(&events).unwrap();
        assert!(!raw.contains("박옥순"), "the name is gone from the log");
    }
}

#[cfg(test)]
mod consent_audio_tests {
    use super::*;
    use sha2::{Digest, Sha256};

    #[test]
    fn the_shipped_consent_audio_was_made_from_the_current_consent_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/narration");
        let manifest: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(".narration-manifest")).unwrap(),
        )
        .unwrap();
        let name = consent_audio_name(CONSENT_VERSION);
        let entry = &manifest["files"][&name];
        let i18n = baeumteo_core::i18n::I18n::new(baeumteo_core::i18n::Locale::Ko);
        assert_eq!(
            entry["text"].as_str(),
            Some(consent_spoken_text(&i18n).as_str()),
            "the consent text changed: raise CONSENT_VERSION and run scripts/narrate-consent"
        );
        assert_eq!(entry["version"].as_str(), Some(CONSENT_VERSION));
        let hash = hex::encode(Sha256::digest(CONSENT_AUDIO));
        assert_eq!(entry["file_sha256"].as_str(), Some(hash.as_str()));
        // Every version in the manifest has its file, as recorded.
        for (file, e) in manifest["files"].as_object().unwrap() {
            let bytes = std::fs::read(dir.join(file)).unwrap();
            assert_eq!(
                e["file_sha256"].as_str(),
                Some(hex::encode(Sha256::digest(&bytes)).as_str())
            );
        }
    }
}
