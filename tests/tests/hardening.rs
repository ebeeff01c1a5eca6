//! The attacks of issue 10 against a real server on loopback, each named after what it
//! proves: a kiosk cannot be taken over with a used code, one poisoned event cannot take
//! the county's pages down, a kiosk may change only its own county's learners, personal
//! data reaches only the kiosks that need it, and junk input is refused per event.

use std::io::{Read, Write};
use std::net::TcpListener;

use baeumteo_core::event::{Consent, Event, EventBody, LearnerId, LearnerProfile};
use baeumteo_core::wire::{
    Change, EnrollResponse, PROTOCOL_VERSION, PullResponse, PushResponse, paths,
};
use baeumteo_tests::{Backend, TestKiosk, TestServer, test_sync_options};
use chrono::{DateTime, Utc};
use kiosk::sync::{SyncClient, SyncFailure, sync_once};
use serde_json::{Value, json};
use sync_server::testkit::learner_profile;
use uuid::Uuid;

fn http() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

fn post(server: &TestServer, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
    let mut req = http()
        .post(format!("{}{path}", server.url()))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().expect("request");
    let status = resp.status().as_u16();
    let text = resp.text().unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn get(url: &str, token: Option<&str>) -> (u16, String) {
    let mut req = http().get(url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().expect("request");
    (resp.status().as_u16(), resp.text().unwrap_or_default())
}

fn enroll_body(code: &str, kiosk_id: Uuid, secret: Option<&str>) -> Value {
    json!({"protocol": PROTOCOL_VERSION, "code": code, "kiosk_id": kiosk_id, "secret": secret})
}

fn push_body(kiosk_clock: &str, events: Vec<Value>) -> Value {
    json!({"protocol": PROTOCOL_VERSION, "kiosk_clock": kiosk_clock, "events": events})
}

fn pull(server: &TestServer, token: &str, cursor: Value) -> (u16, Value) {
    post(
        server,
        paths::PULL,
        Some(token),
        &json!({"protocol": PROTOCOL_VERSION, "cursor": cursor, "limit": 500,
                "kiosk_clock": Utc::now()}),
    )
}

/// A kiosk enrolled at a center, with its device token.
fn kiosk_at(server: &TestServer, county: &str, center: &str) -> (TestKiosk, String) {
    let mut kiosk = TestKiosk::new();
    kiosk.enroll(&server.url(), &server.enroll_code(county, center));
    let token = kiosk.store.sync_state().unwrap().token.unwrap();
    (kiosk, token)
}

fn raw_event(kiosk_id: Uuid, seq: u64, at: &str, body: EventBody) -> Value {
    let mut v = serde_json::to_value(Event {
        id: Uuid::now_v7(),
        kiosk_id,
        seq,
        at: Utc::now(),
        body,
    })
    .unwrap();
    v["at"] = json!(at);
    v
}

fn profile_with_phone(name: &str) -> LearnerProfile {
    LearnerProfile {
        phone: Some("010-1234-5678".into()),
        gender: Some("여".into()),
        pin_hash: Some("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into()),
        consent: Consent {
            version: "2026-01".into(),
            required: true,
            gender: true,
            phone: true,
        },
        ..learner_profile(name, 1950)
    }
}

/// A learner registered and synced by `kiosk`.
fn register(kiosk: &mut TestKiosk, name: &str) -> LearnerId {
    let learner = Uuid::now_v7();
    kiosk
        .store
        .append(EventBody::LearnerRegistered {
            learner_id: learner,
            profile: profile_with_phone(name),
        })
        .unwrap();
    kiosk.sync_until_done(&test_sync_options(50, None), 5);
    learner
}

fn admin_token(server: &TestServer) -> String {
    let lines =
        sync_server::commands::admin_token(&server.store, "군청 박주무관").expect("token made");
    lines.last().expect("a line").trim().to_string()
}

fn now_text() -> String {
    Utc::now().to_rfc3339()
}

fn a_used_enrollment_code_never_issues_a_second_token(backend: Backend) {
    let server = TestServer::start_on(backend);
    let code = server.enroll_code("영양군", "입암 배움터");
    let mut real = TestKiosk::new();
    real.enroll(&server.url(), &code);
    // The attacker knows the code and reads the kiosk id off the fleet page.
    let id = real.store.kiosk_id();
    for secret in [None, Some("x".repeat(64))] {
        let (status, body) = post(
            &server,
            paths::ENROLL,
            None,
            &enroll_body(&code, id, secret.as_deref()),
        );
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["error"], "invalid_code");
    }
    // The real kiosk is not locked out.
    real.store
        .append(EventBody::SessionClosed {
            session_id: Uuid::now_v7(),
        })
        .unwrap();
    sync_once(&mut real.store, &test_sync_options(50, None)).expect("still syncs");
}

fn a_kiosk_whose_enrollment_answer_was_lost_redeems_its_code_again_with_its_secret(
    backend: Backend,
) {
    let server = TestServer::start_on(backend);
    let code = server.enroll_code("영양군", "입암 배움터");
    let (id, secret) = (Uuid::now_v7(), "s".repeat(64));
    let first: EnrollResponse = serde_json::from_value(
        post(
            &server,
            paths::ENROLL,
            None,
            &enroll_body(&code, id, Some(&secret)),
        )
        .1,
    )
    .expect("enrolled");
    let (status, again) = post(
        &server,
        paths::ENROLL,
        None,
        &enroll_body(&code, id, Some(&secret)),
    );
    assert_eq!(status, 200, "{again}");
    let again: EnrollResponse = serde_json::from_value(again).unwrap();
    assert_ne!(again.token, first.token);
    assert_eq!(again.course_key, first.course_key);
    // The lost token no longer works; the new one does.
    assert_eq!(pull(&server, &first.token, json!(0)).0, 401);
    assert_eq!(pull(&server, &again.token, json!(0)).0, 200);
}

fn an_event_from_year_10000_is_refused_and_the_registry_stays_up(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (mut kiosk, token) = kiosk_at(&server, "영양군", "입암 배움터");
    let learner = register(&mut kiosk, "김순자");
    let seq = kiosk.store.last_seq().unwrap() + 1;
    let poisoned = raw_event(
        kiosk.store.kiosk_id(),
        seq,
        "+10000-01-01T00:00:00Z",
        EventBody::CertificationIssued {
            certificate_no: "2026-POISON-0001".into(),
            learner_id: learner,
            course_id: "digital-activist".into(),
            minutes: 1200,
            verification_code: "AAAAAAAA".into(),
            issued_by: None,
        },
    );
    let (status, body) = post(
        &server,
        paths::PUSH,
        Some(&token),
        &push_body(&now_text(), vec![poisoned]),
    );
    assert_eq!(status, 200, "{body}");
    let answer: PushResponse = serde_json::from_value(body).unwrap();
    assert_eq!(answer.stored, 0);
    assert_eq!(answer.rejected.len(), 1);
    assert!(
        answer.rejected[0].reason.contains("time"),
        "{:?}",
        answer.rejected
    );
    // The seq counts as held: the kiosk's later events are not blocked.
    assert_eq!(answer.acked_seq, seq);
    let admin = admin_token(&server);
    let base = server.url();
    for url in [
        format!("{base}/api/v1/registry?purpose=점검"),
        format!("{base}/registry.csv?purpose=점검"),
        format!("{base}/api/v1/statistics"),
    ] {
        let (status, body) = get(&url, Some(&admin));
        assert_eq!(status, 200, "{url}: {body}");
        assert!(!body.contains("POISON"), "{url}");
    }
    assert_eq!(
        get(&format!("{base}/verify/2026-POISON-0001?c=AAAAAAAA"), None).0,
        404
    );
}

fn an_event_far_ahead_or_a_kiosk_clock_of_year_one_cannot_panic_the_statistics(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (kiosk, token) = kiosk_at(&server, "영양군", "입암 배움터");
    let id = kiosk.store.kiosk_id();
    let session = EventBody::SessionOpened {
        session_id: Uuid::now_v7(),
        course_id: "smartphone-basics".into(),
        instructor_id: None,
    };
    // A clock of year 1 would make every correction overflow: refused whole, with why.
    let (status, body) = post(
        &server,
        paths::PUSH,
        Some(&token),
        &push_body(
            "0001-01-01T00:00:00Z",
            vec![raw_event(id, 1, "+10000-01-01T00:00:00Z", session.clone())],
        ),
    );
    assert_eq!(status, 422, "{body}");
    assert!(body["reason"].as_str().unwrap().contains("kiosk_clock"));
    // Far ahead with a sane clock: refused per event.
    let (status, body) = post(
        &server,
        paths::PUSH,
        Some(&token),
        &push_body(
            &now_text(),
            vec![raw_event(id, 1, "2099-01-01T00:00:00Z", session)],
        ),
    );
    assert_eq!(status, 200, "{body}");
    assert!(
        body["rejected"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("after")
    );
    let admin = admin_token(&server);
    for _ in 0..2 {
        let (status, body) = get(&format!("{}/api/v1/statistics", server.url()), Some(&admin));
        assert_eq!(status, 200, "{body}");
    }
}

fn a_kiosk_of_another_county_cannot_rename_or_erase_a_learner(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (mut home, _) = kiosk_at(&server, "영양군", "입암 배움터");
    let learner = register(&mut home, "김순자");
    let (thief, thief_token) = kiosk_at(&server, "봉화군", "봉화 배움터");
    let rename = raw_event(
        thief.store.kiosk_id(),
        1,
        &now_text(),
        EventBody::LearnerUpdated {
            learner_id: learner,
            profile: learner_profile("도둑맞은이름", 1950),
        },
    );
    let erase = raw_event(
        thief.store.kiosk_id(),
        2,
        &now_text(),
        EventBody::LearnerErased {
            learner_id: learner,
        },
    );
    let (status, body) = post(
        &server,
        paths::PUSH,
        Some(&thief_token),
        &push_body(&now_text(), vec![rename, erase]),
    );
    assert_eq!(status, 200, "{body}");
    let answer: PushResponse = serde_json::from_value(body).unwrap();
    assert_eq!((answer.stored, answer.rejected.len()), (0, 2));
    assert!(answer.rejected.iter().all(|r| r.reason.contains("영양군")));
    // The home county still sees the learner as registered, by name.
    let admin = admin_token(&server);
    let events = server.kiosk_events(&home.store);
    assert!(serde_json::to_string(&events).unwrap().contains("김순자"));
    assert!(server.kiosk_events(&thief.store).is_empty());
    let (status, _) = get(
        &format!("{}/api/v1/registry?purpose=점검", server.url()),
        Some(&admin),
    );
    assert_eq!(status, 200);
}

fn phone_numbers_stay_at_the_home_center_and_pin_hashes_in_the_county(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (mut home, _) = kiosk_at(&server, "영양군", "입암 배움터");
    register(&mut home, "김순자");
    let (_, same_center) = kiosk_at(&server, "영양군", "입암 배움터");
    let (_, other_center) = kiosk_at(&server, "영양군", "석보 배움터");
    let (_, other_county) = kiosk_at(&server, "봉화군", "봉화 배움터");
    let profile_pulled_by = |token: &str| -> Option<LearnerProfile> {
        let (status, body) = pull(&server, token, json!(0));
        assert_eq!(status, 200, "{body}");
        let answer: PullResponse = serde_json::from_value(body).unwrap();
        answer.changes.into_iter().find_map(|c| match c {
            Change::Event {
                event:
                    Event {
                        body: EventBody::LearnerRegistered { profile, .. },
                        ..
                    },
                ..
            } => Some(profile),
            _ => None,
        })
    };
    let full = profile_pulled_by(&same_center).expect("the home center gets the learner");
    assert_eq!(full.phone.as_deref(), Some("010-1234-5678"));
    let elsewhere = profile_pulled_by(&other_center).expect("the county gets the learner");
    assert_eq!((elsewhere.phone, elsewhere.gender), (None, None));
    assert!(
        elsewhere.pin_hash.is_some(),
        "sign-in at another center needs it"
    );
    assert_eq!(elsewhere.name, "김순자");
    assert!(profile_pulled_by(&other_county).is_none());
}

fn seq_and_cursor_beyond_the_storable_range_are_refused_without_a_5xx(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (kiosk, token) = kiosk_at(&server, "영양군", "입암 배움터");
    let id = kiosk.store.kiosk_id();
    let body = EventBody::SessionClosed {
        session_id: Uuid::now_v7(),
    };
    let (status, answer) = post(
        &server,
        paths::PUSH,
        Some(&token),
        &push_body(
            &now_text(),
            vec![
                raw_event(id, 1 << 63, &now_text(), body.clone()),
                raw_event(id, 1, &now_text(), body),
            ],
        ),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["stored"], 1);
    assert_eq!(answer["rejected"][0]["index"], 0);
    let (status, answer) = pull(&server, &token, json!(1u64 << 63));
    assert_eq!(status, 422, "{answer}");
}

fn control_characters_and_bidi_overrides_are_stripped_from_pushed_names(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (home, token) = kiosk_at(&server, "영양군", "입암 배움터");
    let (_, neighbour) = kiosk_at(&server, "영양군", "입암 배움터");
    let registration = raw_event(
        home.store.kiosk_id(),
        1,
        &now_text(),
        EventBody::LearnerRegistered {
            learner_id: Uuid::now_v7(),
            profile: learner_profile("김\u{202E}순\u{0}자\u{7}", 1950),
        },
    );
    let (status, body) = post(
        &server,
        paths::PUSH,
        Some(&token),
        &push_body(&now_text(), vec![registration.clone()]),
    );
    assert_eq!((status, body["stored"].as_u64()), (200, Some(1)), "{body}");
    // The same raw event retried is a duplicate, not a conflict.
    let (_, again) = post(
        &server,
        paths::PUSH,
        Some(&token),
        &push_body(&now_text(), vec![registration]),
    );
    assert_eq!(
        (
            again["duplicates"].as_u64(),
            again["conflicts"].as_array().map(Vec::len)
        ),
        (Some(1), Some(0))
    );
    let (_, pulled) = pull(&server, &neighbour, json!(0));
    let name = pulled["changes"][0]["event"]["body"]["profile"]["name"].clone();
    assert_eq!(name, "김순자");
}

/// A server that answers every request with a chunked body of `size` bytes, with no
/// Content-Length, as a hostile or broken server would.
fn chunked_server(size: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(1) {
            let Ok(mut stream) = stream else { return };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/x-tar\r\ntransfer-encoding: chunked\r\n\r\n",
            );
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < size {
                let n = chunk.len().min(size - sent);
                if stream
                    .write_all(format!("{n:x}\r\n").as_bytes())
                    .and_then(|()| stream.write_all(&chunk[..n]))
                    .and_then(|()| stream.write_all(b"\r\n"))
                    .is_err()
                {
                    return; // the kiosk hung up: what we want
                }
                sent += n;
            }
            let _ = stream.write_all(b"0\r\n\r\n");
        }
    });
    format!("http://{addr}")
}

#[test]
fn a_course_download_stops_at_the_announced_size_whatever_the_headers_say() {
    let url = chunked_server(64 * 1024 * 1024);
    let client = SyncClient::new(&url, false, std::time::Duration::from_secs(10))
        .unwrap()
        .with_token("t");
    match client.course_package("clean", 2, 100_000) {
        Err(SyncFailure::Course { detail, .. }) => assert!(detail.contains("larger"), "{detail}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn the_kiosk_refuses_a_pulled_event_it_could_not_read_back_and_keeps_its_log_readable() {
    let mut kiosk = TestKiosk::new();
    let far: DateTime<Utc> = "+10000-01-01T00:00:00Z".parse().unwrap();
    let poisoned = Event {
        id: Uuid::now_v7(),
        kiosk_id: Uuid::now_v7(),
        seq: 1,
        at: far,
        body: EventBody::LearnerErased {
            learner_id: Uuid::now_v7(),
        },
    };
    assert!(kiosk.store.insert_foreign(&poisoned).is_err());
    assert!(kiosk.store.all_events().is_ok());
}

baeumteo_tests::on_every_backend!(
    a_used_enrollment_code_never_issues_a_second_token,
    a_kiosk_whose_enrollment_answer_was_lost_redeems_its_code_again_with_its_secret,
    an_event_from_year_10000_is_refused_and_the_registry_stays_up,
    an_event_far_ahead_or_a_kiosk_clock_of_year_one_cannot_panic_the_statistics,
    a_kiosk_of_another_county_cannot_rename_or_erase_a_learner,
    phone_numbers_stay_at_the_home_center_and_pin_hashes_in_the_county,
    seq_and_cursor_beyond_the_storable_range_are_refused_without_a_5xx,
    control_characters_and_bidi_overrides_are_stripped_from_pushed_names,
);
