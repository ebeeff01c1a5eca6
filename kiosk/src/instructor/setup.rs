//! First-run set-up: the center this kiosk serves and its first instructor. Adding and
//! removing instructors later goes through the same functions.

use baeumteo_core::event::{EventBody, InstructorId};

use super::pin::{hash_pin, valid_pin};
use super::{InstructorError, Invalid};
use crate::store::Store;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetupForm {
    pub center_name: String,
    pub county: String,
    pub township: String,
    pub instructor_name: String,
    pub pin: String,
}

pub fn set_up(store: &mut Store, form: &SetupForm) -> Result<InstructorId, InstructorError> {
    let (center, county, township) = (
        form.center_name.trim(),
        form.county.trim(),
        form.township.trim(),
    );
    if center.is_empty() || county.is_empty() || township.is_empty() {
        return Err(InstructorError::Invalid(Invalid::CenterMissing));
    }
    // Check the instructor before writing anything: set-up is all or nothing.
    if form.instructor_name.trim().is_empty() {
        return Err(InstructorError::Invalid(Invalid::NameMissing));
    }
    if !valid_pin(form.pin.trim()) {
        return Err(InstructorError::Invalid(Invalid::Pin));
    }
    let pin_hash = hash_pin(form.pin.trim())?;
    let instructor_id = uuid::Uuid::now_v7();
    let now = chrono::Utc::now();
    store.append_many(vec![
        (
            EventBody::CenterConfigured {
                center_name: center.to_owned(),
                county: county.to_owned(),
                township: township.to_owned(),
            },
            now,
        ),
        (
            EventBody::InstructorAdded {
                instructor_id,
                name: form.instructor_name.trim().to_owned(),
                pin_hash,
            },
            now,
        ),
    ])?;
    Ok(instructor_id)
}

pub fn add_instructor(
    store: &mut Store,
    name: &str,
    pin: &str,
) -> Result<InstructorId, InstructorError> {
    if name.trim().is_empty() {
        return Err(InstructorError::Invalid(Invalid::NameMissing));
    }
    if !valid_pin(pin.trim()) {
        return Err(InstructorError::Invalid(Invalid::Pin));
    }
    let instructor_id = uuid::Uuid::now_v7();
    store.append(EventBody::InstructorAdded {
        instructor_id,
        name: name.trim().to_owned(),
        pin_hash: hash_pin(pin.trim())?,
    })?;
    Ok(instructor_id)
}

pub fn remove_instructor(
    store: &mut Store,
    instructor_id: InstructorId,
) -> Result<(), InstructorError> {
    store.append(EventBody::InstructorRemoved { instructor_id })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instructor::directory::Directory;

    #[test]
    fn set_up_makes_the_center_and_first_instructor_and_ends_first_run() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        assert!(Directory::from_events(&store.all_events().unwrap()).needs_setup());
        let bad = SetupForm {
            center_name: "남면 디지털배움터".into(),
            county: "배움군".into(),
            township: "남면".into(),
            instructor_name: "김강사".into(),
            pin: "12".into(),
        };
        assert!(set_up(&mut store, &bad).is_err());
        assert_eq!(store.event_count().unwrap(), 0, "nothing half-written");
        let good = SetupForm {
            pin: "2580".into(),
            ..bad
        };
        set_up(&mut store, &good).unwrap();
        let d = Directory::from_events(&store.all_events().unwrap());
        assert!(!d.needs_setup());
        assert_eq!(d.center.unwrap().center_name, "남면 디지털배움터");
    }
}
