//! Class sessions: open today's class, check learners in and out, close (which checks
//! out everyone still in). Who is present is the attendance projection's answer.

use baeumteo_core::event::{EventBody, InstructorId, LearnerId, SessionId};
use baeumteo_core::projection::Attendance;

use super::InstructorError;
use crate::store::Store;

/// The open session of `course_id`, or a new one. Opening twice gives the same class.
pub fn open_session(
    store: &mut Store,
    attendance: &Attendance,
    course_id: &str,
    instructor_id: Option<InstructorId>,
) -> Result<SessionId, InstructorError> {
    if let Some((id, _)) = attendance
        .open_sessions()
        .into_iter()
        .find(|(_, c)| *c == course_id)
    {
        return Ok(id);
    }
    let session_id = uuid::Uuid::now_v7();
    store.append(EventBody::SessionOpened {
        session_id,
        course_id: course_id.to_owned(),
        instructor_id,
    })?;
    Ok(session_id)
}

/// Checks a learner in; tapping a name card that is in already changes nothing.
/// Returns whether an event was recorded.
pub fn check_in(
    store: &mut Store,
    attendance: &Attendance,
    session_id: SessionId,
    learner_id: LearnerId,
) -> Result<bool, InstructorError> {
    if !attendance.is_open(session_id) {
        return Err(InstructorError::NoSuchSession(session_id));
    }
    if attendance.class_list(session_id).contains(&learner_id) {
        return Ok(false);
    }
    store.append(EventBody::CheckedIn {
        session_id,
        learner_id,
    })?;
    Ok(true)
}

/// Checks a learner out (leaving early, or the instructor correcting a wrong tap).
pub fn check_out(
    store: &mut Store,
    attendance: &Attendance,
    session_id: SessionId,
    learner_id: LearnerId,
) -> Result<bool, InstructorError> {
    if !attendance.class_list(session_id).contains(&learner_id) {
        return Ok(false);
    }
    store.append(EventBody::CheckedOut {
        session_id,
        learner_id,
    })?;
    Ok(true)
}

/// Ends the class; everyone still in is checked out at this moment.
pub fn close_session(
    store: &mut Store,
    attendance: &Attendance,
    session_id: SessionId,
) -> Result<(), InstructorError> {
    if !attendance.is_open(session_id) {
        return Err(InstructorError::NoSuchSession(session_id));
    }
    store.append(EventBody::SessionClosed { session_id })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attendance(store: &Store) -> Attendance {
        store.projections().unwrap().projections.attendance
    }

    #[test]
    fn a_class_of_fifteen_checks_in_and_closing_checks_everyone_out() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let a = attendance(&store);
        let s = open_session(&mut store, &a, "smartphone-basics", None).unwrap();
        let a = attendance(&store);
        let again = open_session(&mut store, &a, "smartphone-basics", None).unwrap();
        assert_eq!(again, s, "opening again gives the same class");
        let learners: Vec<LearnerId> = (0..15).map(|_| uuid::Uuid::now_v7()).collect();
        for l in &learners {
            let a = attendance(&store);
            assert!(check_in(&mut store, &a, s, *l).unwrap());
        }
        let a = attendance(&store);
        assert!(!check_in(&mut store, &a, s, learners[0]).unwrap());
        assert_eq!(attendance(&store).class_list(s).len(), 15);
        let a = attendance(&store);
        assert!(check_out(&mut store, &a, s, learners[3]).unwrap());
        assert_eq!(attendance(&store).class_list(s).len(), 14);
        let a = attendance(&store);
        close_session(&mut store, &a, s).unwrap();
        let a = attendance(&store);
        assert!(!a.is_open(s));
        assert!(a.class_list(s).is_empty());
        assert_eq!(a.attendees(s).len(), 15);
        assert!(check_in(&mut store, &a, s, learners[0]).is_err());
    }
}
