//! The instructor PIN: argon2 hashes only, and a lock of one minute after five wrong
//! tries in a row. The count and the lock are kept in the store, so switching the kiosk
//! off and on does not reset them.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use baeumteo_core::event::InstructorId;
use chrono::{DateTime, Duration, Utc};

use super::InstructorError;
use super::directory::Directory;
use crate::store::Store;

pub const MAX_TRIES: u32 = 5;
pub const LOCK_SECONDS: i64 = 60;

const FAILURES_KEY: &str = "instructor.pin_failures";
const LOCKED_UNTIL_KEY: &str = "instructor.pin_locked_until";

/// A 4- to 8-digit PIN (instructors may choose a longer one).
pub fn valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// The argon2id hash of a PIN, in PHC string form (slow on purpose).
pub fn hash_pin(pin: &str) -> Result<String, InstructorError> {
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
        .map_err(|e| InstructorError::Hash(e.to_string()))?;
    argon2::Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| InstructorError::Hash(e.to_string()))
}

/// Whether `pin` matches `hash`. A malformed hash matches nothing.
pub fn verify_pin(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        argon2::Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

/// What happened to one PIN try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinOutcome {
    Accepted(InstructorId),
    /// Wrong; this many tries are left before the lock.
    Wrong {
        tries_left: u32,
    },
    /// Locked (by this try or before it); try again after this many seconds.
    Locked {
        seconds_left: i64,
    },
}

/// The wrong-try count and lock, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lockout {
    pub failures: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl Lockout {
    /// Seconds of lock left at `now`, if locked. A lock further away than one minute
    /// means the clock went backwards: it counts as one minute from `now`, never longer.
    pub fn seconds_left(&self, now: DateTime<Utc>) -> Option<i64> {
        let until = self.locked_until?;
        let left = (until - now).num_seconds();
        (left > 0).then_some(left.min(LOCK_SECONDS))
    }

    /// Brings a lock that lies beyond one minute back to one minute from `now`.
    fn clamp(&mut self, now: DateTime<Utc>) {
        if let Some(until) = self.locked_until
            && until - now > Duration::seconds(LOCK_SECONDS)
        {
            self.locked_until = Some(now + Duration::seconds(LOCK_SECONDS));
        }
    }

    fn fail(&mut self, now: DateTime<Utc>) -> PinOutcome {
        self.failures += 1;
        if self.failures >= MAX_TRIES {
            self.failures = 0;
            self.locked_until = Some(now + Duration::seconds(LOCK_SECONDS));
            PinOutcome::Locked {
                seconds_left: LOCK_SECONDS,
            }
        } else {
            PinOutcome::Wrong {
                tries_left: MAX_TRIES - self.failures,
            }
        }
    }

    pub fn load(store: &Store) -> Result<Lockout, InstructorError> {
        let failures = store
            .setting(FAILURES_KEY)?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let locked_until = store
            .setting(LOCKED_UNTIL_KEY)?
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&Utc));
        Ok(Lockout {
            failures,
            locked_until,
        })
    }

    fn save(&self, store: &mut Store) -> Result<(), InstructorError> {
        store.set_setting(FAILURES_KEY, &self.failures.to_string())?;
        match self.locked_until {
            Some(t) => store.set_setting(LOCKED_UNTIL_KEY, &t.to_rfc3339())?,
            None => store.remove_setting(LOCKED_UNTIL_KEY)?,
        }
        Ok(())
    }
}

/// The first half of a PIN try, quick enough for the UI thread: either the lock, or the
/// instructors' hashes to check the PIN against (slowly, elsewhere: [`match_pin`]).
pub enum PinCheck {
    Locked { seconds_left: i64 },
    Verify(Vec<(InstructorId, String)>),
}

pub fn begin_try(
    store: &mut Store,
    directory: &Directory,
    now: DateTime<Utc>,
) -> Result<PinCheck, InstructorError> {
    let mut lockout = Lockout::load(store)?;
    lockout.clamp(now);
    if let Some(seconds_left) = lockout.seconds_left(now) {
        lockout.save(store)?;
        return Ok(PinCheck::Locked { seconds_left });
    }
    Ok(PinCheck::Verify(
        directory
            .instructors()
            .map(|i| (i.instructor_id, i.pin_hash.clone()))
            .collect(),
    ))
}

/// The instructor whose PIN this is (argon2: slow on purpose, keep off the UI thread).
pub fn match_pin(pin: &str, candidates: &[(InstructorId, String)]) -> Option<InstructorId> {
    candidates
        .iter()
        .find(|(_, hash)| verify_pin(pin, hash))
        .map(|(id, _)| *id)
}

/// The second half: records the outcome (a success clears the count, a failure adds to
/// it and locks at the fifth).
pub fn finish_try(
    store: &mut Store,
    matched: Option<InstructorId>,
    now: DateTime<Utc>,
) -> Result<PinOutcome, InstructorError> {
    let mut lockout = Lockout::load(store)?;
    lockout.clamp(now);
    if let Some(seconds_left) = lockout.seconds_left(now) {
        // Another try locked the kiosk while this one was being checked.
        return Ok(PinOutcome::Locked { seconds_left });
    }
    let outcome = match matched {
        Some(id) => {
            lockout = Lockout::default();
            PinOutcome::Accepted(id)
        }
        None => lockout.fail(now),
    };
    lockout.save(store)?;
    if !matches!(outcome, PinOutcome::Accepted(_)) {
        tracing::info!(?outcome, "wrong instructor PIN");
    }
    Ok(outcome)
}

/// Checks one PIN try against every current instructor at `now`, and records the
/// outcome. While locked, the PIN is not even looked at.
pub fn try_pin(
    store: &mut Store,
    directory: &Directory,
    pin: &str,
    now: DateTime<Utc>,
) -> Result<PinOutcome, InstructorError> {
    match begin_try(store, directory, now)? {
        PinCheck::Locked { seconds_left } => Ok(PinOutcome::Locked { seconds_left }),
        PinCheck::Verify(candidates) => finish_try(store, match_pin(pin, &candidates), now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::event::EventBody;

    fn store_with_instructor(dir: &std::path::Path) -> (Store, InstructorId) {
        let mut store = Store::open_in(dir).unwrap();
        let id = uuid::Uuid::now_v7();
        store
            .append(EventBody::InstructorAdded {
                instructor_id: id,
                name: "김강사".into(),
                pin_hash: hash_pin("2580").unwrap(),
            })
            .unwrap();
        (store, id)
    }

    fn directory(store: &Store) -> Directory {
        Directory::from_events(&store.all_events().unwrap())
    }

    #[test]
    fn the_right_pin_lets_the_instructor_in() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, id) = store_with_instructor(dir.path());
        let d = directory(&store);
        assert_eq!(
            try_pin(&mut store, &d, "2580", Utc::now()).unwrap(),
            PinOutcome::Accepted(id)
        );
    }

    #[test]
    fn five_wrong_pins_lock_and_the_lock_survives_reopening_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = store_with_instructor(dir.path());
        let d = directory(&store);
        let now = Utc::now();
        for left in (1..MAX_TRIES).rev() {
            assert_eq!(
                try_pin(&mut store, &d, "0000", now).unwrap(),
                PinOutcome::Wrong { tries_left: left }
            );
        }
        assert_eq!(
            try_pin(&mut store, &d, "0000", now).unwrap(),
            PinOutcome::Locked {
                seconds_left: LOCK_SECONDS
            }
        );
        drop(store);

        let mut store = Store::open_in(dir.path()).unwrap();
        let later = now + Duration::seconds(10);
        // Even the right PIN is refused while locked.
        assert_eq!(
            try_pin(&mut store, &d, "2580", later).unwrap(),
            PinOutcome::Locked { seconds_left: 50 }
        );
        let after = now + Duration::seconds(LOCK_SECONDS + 1);
        assert!(matches!(
            try_pin(&mut store, &d, "2580", after).unwrap(),
            PinOutcome::Accepted(_)
        ));
    }

    #[test]
    fn wrong_tries_survive_a_restart_too() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = store_with_instructor(dir.path());
        let d = directory(&store);
        let now = Utc::now();
        for _ in 0..4 {
            try_pin(&mut store, &d, "1111", now).unwrap();
        }
        drop(store);
        let mut store = Store::open_in(dir.path()).unwrap();
        assert!(matches!(
            try_pin(&mut store, &d, "1111", now).unwrap(),
            PinOutcome::Locked { .. }
        ));
    }

    #[test]
    fn a_clock_that_jumps_backwards_never_locks_longer_than_a_minute() {
        let now = Utc::now();
        let mut lockout = Lockout {
            failures: 0,
            locked_until: Some(now + Duration::hours(5)),
        };
        assert_eq!(lockout.seconds_left(now), Some(LOCK_SECONDS));
        lockout.clamp(now);
        assert_eq!(lockout.seconds_left(now + Duration::seconds(61)), None);
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert!(valid_pin("1234"));
        assert!(valid_pin("12345678"));
        assert!(!valid_pin("123"));
        assert!(!valid_pin("12a4"));
    }
}
