//! A kiosk killed with SIGKILL in the middle of a stream of writes loses no committed
//! event and leaves no gap in `seq`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use baeumteo_core::event::EventBody;
use kiosk::store::Store;
use uuid::Uuid;

const CHILD_ENV: &str = "BAEUMTEO_KILL_TEST_STORE";

/// Runs only inside the child process started below: appends events until killed and
/// prints each seq once `append` has returned (that is, once it is committed).
#[test]
fn child_writer() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut store = Store::open_in(std::path::Path::new(&dir)).expect("store opens");
    let learner = Uuid::now_v7();
    for n in 0.. {
        let e = store
            .append(EventBody::StepCompleted {
                learner_id: learner,
                course_id: "c".into(),
                lesson_id: "l".into(),
                step_id: format!("s{n}"),
            })
            .expect("append");
        println!("committed {}", e.seq);
    }
}

#[test]
fn every_committed_event_survives_sigkill_without_a_gap() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "child_writer", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut committed = 0u64;
        let kill_after = 40 + round * 37;
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            if let Some(seq) = line.strip_prefix("committed ") {
                committed = seq.trim().parse().unwrap();
                if committed >= kill_after {
                    // SIGKILL: no destructor, no flush, like a power cut of the process.
                    child.kill().unwrap();
                    break;
                }
            }
        }
        child.wait().unwrap();
        assert!(committed >= kill_after, "the child wrote too little");
        let store = Store::open_in(dir.path()).expect("the store reopens after a kill");
        let seqs: Vec<u64> = store.all_events().unwrap().iter().map(|e| e.seq).collect();
        let last = *seqs.last().unwrap();
        assert!(
            last >= committed,
            "lost committed events: {last} < {committed}"
        );
        assert_eq!(seqs, (1..=last).collect::<Vec<_>>(), "a gap in seq");
    }
}
