//! First-run set-up: the center this kiosk serves and its first instructor. Adding and
//! removing instructors later goes through the same functions.
//!
//! Checking and recording are split from hashing: argon2 is slow on purpose, so a screen
//! checks the form at once, hashes the PIN on a worker thread ([`hash_new_pin`]) and
//! then records with the hash ([`record_set_up`], [`record_instructor`]).

use baeumteo_core::event::{EventBody, InstructorId};

use super::directory::Directory;
use super::pin::{hash_pin, match_pin, valid_pin};
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

/// The center half of the form, field by field, so the message names the empty one.
pub fn check_center(center_name: &str, county: &str, township: &str) -> Result<(), Invalid> {
    if center_name.trim().is_empty() {
        return Err(Invalid::CenterNameMissing);
    }
    if county.trim().is_empty() {
        return Err(Invalid::CountyMissing);
    }
    if township.trim().is_empty() {
        return Err(Invalid::CenterTownshipMissing);
    }
    Ok(())
}

/// A new instructor's name and PIN, typed twice (a PIN nobody can read back must not
/// be mistyped).
pub fn check_instructor(name: &str, pin: &str, pin_again: &str) -> Result<(), Invalid> {
    if name.trim().is_empty() {
        return Err(Invalid::InstructorNameMissing);
    }
    if !valid_pin(pin.trim()) {
        return Err(Invalid::InstructorPin);
    }
    if pin.trim() != pin_again.trim() {
        return Err(Invalid::PinMismatch);
    }
    Ok(())
}

/// The slow half of adding an instructor (run it off the UI thread): refuses a PIN that
/// another instructor already uses, since the PIN alone says who signed in; then hashes.
pub fn hash_new_pin(
    pin: &str,
    others: &[(InstructorId, String)],
) -> Result<String, InstructorError> {
    if match_pin(pin.trim(), others).is_some() {
        return Err(InstructorError::Invalid(Invalid::PinTaken));
    }
    hash_pin(pin.trim())
}

/// Records the center and its first instructor in one transaction: all or nothing.
pub fn record_set_up(
    store: &mut Store,
    form: &SetupForm,
    pin_hash: String,
) -> Result<InstructorId, InstructorError> {
    check_center(&form.center_name, &form.county, &form.township)
        .map_err(InstructorError::Invalid)?;
    if form.instructor_name.trim().is_empty() {
        return Err(InstructorError::Invalid(Invalid::InstructorNameMissing));
    }
    let instructor_id = uuid::Uuid::now_v7();
    let now = chrono::Utc::now();
    store.append_many(vec![
        (
            EventBody::CenterConfigured {
                center_name: form.center_name.trim().to_owned(),
                county: form.county.trim().to_owned(),
                township: form.township.trim().to_owned(),
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

/// Checks, hashes and records in one go (command line, tests).
pub fn set_up(store: &mut Store, form: &SetupForm) -> Result<InstructorId, InstructorError> {
    // Check everything before writing anything: set-up is all or nothing.
    check_center(&form.center_name, &form.county, &form.township)
        .map_err(InstructorError::Invalid)?;
    check_instructor(&form.instructor_name, &form.pin, &form.pin)
        .map_err(InstructorError::Invalid)?;
    let pin_hash = hash_pin(form.pin.trim())?;
    record_set_up(store, form, pin_hash)
}

/// Records an instructor whose PIN was checked and hashed already.
pub fn record_instructor(
    store: &mut Store,
    name: &str,
    pin_hash: String,
) -> Result<InstructorId, InstructorError> {
    if name.trim().is_empty() {
        return Err(InstructorError::Invalid(Invalid::InstructorNameMissing));
    }
    let instructor_id = uuid::Uuid::now_v7();
    store.append(EventBody::InstructorAdded {
        instructor_id,
        name: name.trim().to_owned(),
        pin_hash,
    })?;
    Ok(instructor_id)
}

pub fn add_instructor(
    store: &mut Store,
    name: &str,
    pin: &str,
) -> Result<InstructorId, InstructorError> {
    check_instructor(name, pin, pin).map_err(InstructorError::Invalid)?;
    let directory = Directory::from_events(&store.all_events()?);
    let pin_hash = hash_new_pin(pin, &others(&directory))?;
    record_instructor(store, name, pin_hash)
}

/// Every instructor's id and PIN hash (what a new PIN must not match).
pub fn others(directory: &Directory) -> Vec<(InstructorId, String)> {
    directory
        .instructors()
        .map(|i| (i.instructor_id, i.pin_hash.clone()))
        .collect()
}

/// Whether `instructor_id` may be removed by whoever is signed in. The last instructor
/// stays (nobody could open instructor mode again), and nobody removes themselves while
/// signed in: another instructor does it, so a slip of the finger cannot lock a person
/// out of the screen they are using.
pub fn can_remove(
    directory: &Directory,
    instructor_id: InstructorId,
    signed_in: Option<InstructorId>,
) -> Result<(), Invalid> {
    if directory.instructor(instructor_id).is_none() {
        return Err(Invalid::UnknownInstructor);
    }
    if signed_in == Some(instructor_id) {
        return Err(Invalid::RemovingSelf);
    }
    if directory.instructors().count() <= 1 {
        return Err(Invalid::LastInstructor);
    }
    Ok(())
}

/// Removes an instructor, after [`can_remove`] on the log as it is now.
pub fn remove_instructor(
    store: &mut Store,
    instructor_id: InstructorId,
    signed_in: Option<InstructorId>,
) -> Result<(), InstructorError> {
    let directory = Directory::from_events(&store.all_events()?);
    can_remove(&directory, instructor_id, signed_in).map_err(InstructorError::Invalid)?;
    store.append(EventBody::InstructorRemoved { instructor_id })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pin: &str) -> SetupForm {
        SetupForm {
            center_name: "남면 디지털배움터".into(),
            county: "배움군".into(),
            township: "남면".into(),
            instructor_name: "김강사".into(),
            pin: pin.into(),
        }
    }

    fn directory(store: &Store) -> Directory {
        Directory::from_events(&store.all_events().unwrap())
    }

    #[test]
    fn set_up_makes_the_center_and_first_instructor_and_ends_first_run() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        assert!(directory(&store).needs_setup());
        assert!(set_up(&mut store, &form("12")).is_err());
        assert_eq!(store.event_count().unwrap(), 0, "nothing half-written");
        set_up(&mut store, &form("2580")).unwrap();
        let d = directory(&store);
        assert!(!d.needs_setup());
        assert_eq!(d.center.unwrap().center_name, "남면 디지털배움터");
    }

    #[test]
    fn each_missing_center_field_is_named() {
        assert_eq!(
            check_center(" ", "배움군", "남면"),
            Err(Invalid::CenterNameMissing)
        );
        assert_eq!(
            check_center("배움터", "", "남면"),
            Err(Invalid::CountyMissing)
        );
        assert_eq!(
            check_center("배움터", "배움군", "  "),
            Err(Invalid::CenterTownshipMissing)
        );
        assert_eq!(check_center("배움터", "배움군", "남면"), Ok(()));
    }

    #[test]
    fn a_new_pin_must_be_digits_and_typed_the_same_twice() {
        assert_eq!(
            check_instructor("", "2580", "2580"),
            Err(Invalid::InstructorNameMissing)
        );
        assert_eq!(
            check_instructor("김강사", "25a0", "25a0"),
            Err(Invalid::InstructorPin)
        );
        assert_eq!(
            check_instructor("김강사", "123", "123"),
            Err(Invalid::InstructorPin)
        );
        assert_eq!(
            check_instructor("김강사", "2580", "2581"),
            Err(Invalid::PinMismatch)
        );
        assert_eq!(check_instructor("김강사", "2580", "2580"), Ok(()));
    }

    #[test]
    fn record_set_up_refuses_an_empty_center_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let mut f = form("2580");
        f.county = String::new();
        let e = record_set_up(&mut store, &f, "hash".into()).unwrap_err();
        assert!(matches!(
            e,
            InstructorError::Invalid(Invalid::CountyMissing)
        ));
        assert_eq!(store.event_count().unwrap(), 0);
    }

    #[test]
    fn a_pin_another_instructor_uses_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        set_up(&mut store, &form("2580")).unwrap();
        let e = add_instructor(&mut store, "이서포터", "2580").unwrap_err();
        assert!(matches!(e, InstructorError::Invalid(Invalid::PinTaken)));
        add_instructor(&mut store, "이서포터", "1357").unwrap();
        assert_eq!(directory(&store).instructors().count(), 2);
    }

    #[test]
    fn the_last_instructor_and_the_signed_in_one_cannot_be_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let first = set_up(&mut store, &form("2580")).unwrap();
        // Alone: even another session cannot remove the last instructor.
        let e = remove_instructor(&mut store, first, None).unwrap_err();
        assert!(matches!(
            e,
            InstructorError::Invalid(Invalid::LastInstructor)
        ));
        let second = add_instructor(&mut store, "이서포터", "1357").unwrap();
        let e = remove_instructor(&mut store, second, Some(second)).unwrap_err();
        assert!(matches!(e, InstructorError::Invalid(Invalid::RemovingSelf)));
        remove_instructor(&mut store, second, Some(first)).unwrap();
        let d = directory(&store);
        assert_eq!(d.instructors().count(), 1);
        assert!(d.instructor(second).is_none());
        let e = remove_instructor(&mut store, second, Some(first)).unwrap_err();
        assert!(matches!(
            e,
            InstructorError::Invalid(Invalid::UnknownInstructor)
        ));
        let removed = store
            .all_events()
            .unwrap()
            .iter()
            .filter(|e| matches!(e.body, EventBody::InstructorRemoved { .. }))
            .count();
        assert_eq!(removed, 1, "refusals write nothing");
    }
}
