//! The server's answers to bad or unauthorized requests, over real HTTP: the right 4xx,
//! a JSON reason, and nothing wrong stored.

use std::io::{Read, Write};
use std::time::Duration;

use baeumteo_core::event::{Event, EventBody};
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::wire::{PROTOCOL_VERSION, PushResponse, paths};
use baeumteo_tests::{Backend, TestKiosk, TestServer, test_config, test_sync_options};
use chrono::Utc;
use kiosk::sync::{SyncFailure, SyncStatus, sync_once};
use serde_json::{Value, json};
use uuid::Uuid;

struct Http {
    client: reqwest::blocking::Client,
    base: String,
}

impl Http {
    fn new(server: &TestServer) -> Http {
        Http {
            client: reqwest::blocking::Client::new(),
            base: server.url(),
        }
    }

    fn post(
        &self,
        path: &str,
        token: Option<&str>,
        body: impl Into<reqwest::blocking::Body>,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut req = self.client.post(format!("{}{path}", self.base)).body(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = req.send().expect("request");
        let status = resp.status().as_u16();
        let text = resp.text().unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.post(
            path,
            token,
            body.to_string(),
            &[("content-type", "application/json")],
        )
    }
}

fn enrolled(server: &TestServer) -> (TestKiosk, String) {
    let mut kiosk = TestKiosk::new();
    kiosk.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    let token = kiosk.store.sync_state().unwrap().token.unwrap();
    (kiosk, token)
}

fn event(kiosk_id: Uuid, seq: u64) -> Value {
    serde_json::to_value(Event {
        id: Uuid::now_v7(),
        kiosk_id,
        seq,
        at: Utc::now(),
        body: EventBody::SessionClosed {
            session_id: Uuid::now_v7(),
        },
    })
    .unwrap()
}

fn push_body(events: Vec<Value>) -> Value {
    json!({"protocol": PROTOCOL_VERSION, "kiosk_clock": Utc::now(), "events": events})
}

fn error_code(body: &Value) -> &str {
    body["error"].as_str().unwrap_or("(not a JSON error)")
}

fn malformed_events_are_rejected_one_by_one_and_the_good_ones_kept(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (kiosk, token) = enrolled(&server);
    let id = kiosk.store.kiosk_id();
    let mut wrong_type = event(id, 3);
    wrong_type["seq"] = json!("three");
    let mut unknown_kind = event(id, 3);
    unknown_kind["body"]["type"] = json!("learner_teleported");
    let body = push_body(vec![
        event(id, 1),
        json!("not an event"),
        wrong_type,
        unknown_kind,
        event(id, 0),
        event(id, 2),
    ]);
    let (status, answer) = Http::new(&server).post_json(paths::PUSH, Some(&token), &body);
    assert_eq!(status, 200, "{answer}");
    let answer: PushResponse = serde_json::from_value(answer).unwrap();
    assert_eq!((answer.stored, answer.acked_seq), (2, 2));
    let rejected: Vec<u32> = answer.rejected.iter().map(|r| r.index).collect();
    assert_eq!(rejected, vec![1, 2, 3, 4]);
    assert!(answer.rejected.iter().all(|r| !r.reason.is_empty()));
    assert_eq!(server.kiosk_events(&kiosk.store).len(), 2);
}

fn a_kiosk_cannot_push_events_in_another_kiosks_name_and_nothing_of_the_batch_is_stored(
    backend: Backend,
) {
    let server = TestServer::start_on(backend);
    let (a, token_a) = enrolled(&server);
    let (b, _) = enrolled(&server);
    let body = push_body(vec![
        event(a.store.kiosk_id(), 1),
        event(b.store.kiosk_id(), 1),
    ]);
    let (status, answer) = Http::new(&server).post_json(paths::PUSH, Some(&token_a), &body);
    assert_eq!(
        (status, error_code(&answer)),
        (403, "forbidden"),
        "{answer}"
    );
    assert!(server.kiosk_events(&a.store).is_empty());
    assert!(server.kiosk_events(&b.store).is_empty());
}

fn bad_bodies_get_the_right_4xx_with_a_json_reason_and_store_nothing(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (kiosk, token) = enrolled(&server);
    let http = Http::new(&server);
    let json_ct = [("content-type", "application/json")];
    let t = Some(token.as_str());

    let (s, b) = http.post(paths::PUSH, t, "{not json", &json_ct);
    assert_eq!((s, error_code(&b)), (400, "bad_request"), "{b}");
    let (s, b) = http.post(paths::PUSH, t, push_body(vec![]).to_string(), &[]);
    assert_eq!((s, error_code(&b)), (415, "unsupported_media_type"), "{b}");
    let (s, b) = http.post_json(
        paths::PUSH,
        t,
        &json!({"protocol": PROTOCOL_VERSION, "kiosk_clock": "yesterday", "events": []}),
    );
    assert_eq!((s, error_code(&b)), (422, "bad_request"), "{b}");
    let (s, b) = http.post_json(paths::PUSH, t, &json!({"events": []}));
    assert_eq!((s, error_code(&b)), (400, "bad_request"), "{b}");
    let (s, b) = http.post_json(
        paths::PUSH,
        t,
        &json!({"protocol": 99, "kiosk_clock": Utc::now(), "events": [event(kiosk.store.kiosk_id(), 1)]}),
    );
    assert_eq!((s, error_code(&b)), (400, "unsupported_protocol"), "{b}");

    // Over the body limit, plain and as a small gzip that inflates past it.
    let big = push_body(vec![json!("x".repeat(test_config().max_body_bytes))]);
    let (s, b) = http.post_json(paths::PUSH, t, &big);
    assert_eq!((s, error_code(&b)), (413, "payload_too_large"), "{b}");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(big.to_string().as_bytes()).unwrap();
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 4096);
    let (s, b) = http.post(
        paths::PUSH,
        t,
        bomb,
        &[
            ("content-type", "application/json"),
            ("content-encoding", "gzip"),
        ],
    );
    assert_eq!((s, error_code(&b)), (413, "payload_too_large"), "{b}");
    // Too many events in one push.
    let many: Vec<Value> = (1..=baeumteo_core::wire::MAX_PUSH_EVENTS as u64 + 1)
        .map(|s| event(kiosk.store.kiosk_id(), s))
        .collect();
    let (s, b) = http.post_json(paths::PUSH, t, &push_body(many));
    assert_eq!((s, error_code(&b)), (413, "payload_too_large"), "{b}");

    let (s, b) = http.post_json("/api/v1/nowhere", t, &json!({}));
    assert_eq!((s, error_code(&b)), (404, "not_found"), "{b}");
    let resp = http
        .client
        .get(format!("{}{}", http.base, paths::PUSH))
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 405);

    assert!(server.kiosk_events(&kiosk.store).is_empty());
    assert_eq!(server.running().db.kiosks().unwrap()[0].events, 0);
}

fn a_gzipped_push_is_accepted(backend: Backend) {
    let server = TestServer::start_on(backend);
    let (kiosk, token) = enrolled(&server);
    let body = push_body((1..=3).map(|s| event(kiosk.store.kiosk_id(), s)).collect());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(body.to_string().as_bytes()).unwrap();
    let (s, b) = Http::new(&server).post(
        paths::PUSH,
        Some(&token),
        gz.finish().unwrap(),
        &[
            ("content-type", "application/json"),
            ("content-encoding", "gzip"),
        ],
    );
    assert_eq!((s, b["acked_seq"].as_u64()), (200, Some(3)), "{b}");
}

fn missing_unknown_and_revoked_tokens_are_refused_and_the_instructor_is_told_in_korean(
    backend: Backend,
) {
    let server = TestServer::start_on(backend);
    let (mut kiosk, token) = enrolled(&server);
    let http = Http::new(&server);
    let body = push_body(vec![event(kiosk.store.kiosk_id(), 1)]);
    let (s, b) = http.post_json(paths::PUSH, None, &body);
    assert_eq!((s, error_code(&b)), (401, "unauthorized"), "{b}");
    let (s, b) = http.post_json(paths::PUSH, Some("0123"), &body);
    assert_eq!((s, error_code(&b)), (401, "unauthorized"), "{b}");

    sync_server::commands::revoke_kiosk(&server.store, kiosk.store.kiosk_id()).unwrap();
    let (s, b) = http.post_json(paths::PUSH, Some(&token), &body);
    assert_eq!((s, error_code(&b)), (401, "revoked"), "{b}");
    let (s, b) = http.post_json(
        paths::PULL,
        Some(&token),
        &json!({"protocol": PROTOCOL_VERSION, "cursor": 0, "limit": 10, "kiosk_clock": Utc::now()}),
    );
    assert_eq!((s, error_code(&b)), (401, "revoked"), "{b}");

    kiosk
        .store
        .append(EventBody::SessionClosed {
            session_id: Uuid::now_v7(),
        })
        .unwrap();
    let outcome = sync_once(&mut kiosk.store, &test_sync_options(10, None));
    assert_eq!(outcome, Err(SyncFailure::Revoked));
    let status = SyncStatus::load(&kiosk.store).unwrap();
    assert!(status.revoked);
    assert_eq!(status.events_waiting, 1);
    let lines = status.lines(&I18n::new(Locale::Ko)).join("\n");
    assert!(
        lines.contains("이 키오스크의 등록이 해제되었습니다"),
        "{lines}"
    );
    assert!(server.kiosk_events(&kiosk.store).is_empty());
}

fn a_used_code_cannot_enroll_another_kiosk_and_plain_http_to_a_remote_server_is_refused(
    backend: Backend,
) {
    let server = TestServer::start_on(backend);
    let code = server.enroll_code("영양군", "입암 배움터");
    let mut first = TestKiosk::new();
    first.enroll(&server.url(), &code);
    let mut second = TestKiosk::new();
    let refused = kiosk::sync::enroll(
        &mut second.store,
        &server.url(),
        &code,
        false,
        Duration::from_secs(2),
        false,
    );
    assert!(
        matches!(&refused, Err(SyncFailure::Refused { status: 403, code, .. }) if code == "invalid_code"),
        "{refused:?}"
    );
    let insecure = kiosk::sync::enroll(
        &mut second.store,
        "http://192.0.2.1:8080",
        &code,
        false,
        Duration::from_secs(2),
        false,
    );
    assert!(matches!(insecure, Err(SyncFailure::InsecureUrl { .. })));
    assert!(!second.store.sync_state().unwrap().is_enrolled());
}

fn a_kiosk_over_its_rate_is_told_to_wait_without_affecting_other_kiosks(backend: Backend) {
    let server = TestServer::start_with_on(
        sync_server::ServerConfig {
            kiosk_requests_per_minute: 1,
            kiosk_burst: 2,
            ..test_config()
        },
        backend,
    );
    let (_a, token_a) = enrolled(&server);
    let (_b, token_b) = enrolled(&server);
    let http = Http::new(&server);
    let pull =
        json!({"protocol": PROTOCOL_VERSION, "cursor": 0, "limit": 10, "kiosk_clock": Utc::now()});
    for _ in 0..2 {
        assert_eq!(http.post_json(paths::PULL, Some(&token_a), &pull).0, 200);
    }
    let (s, b) = http.post_json(paths::PULL, Some(&token_a), &pull);
    assert_eq!((s, error_code(&b)), (429, "rate_limited"), "{b}");
    assert_eq!(http.post_json(paths::PULL, Some(&token_b), &pull).0, 200);
}

fn a_stalled_upload_gets_a_408_with_a_json_reason(backend: Backend) {
    let server = TestServer::start_with_on(
        sync_server::ServerConfig {
            request_timeout: Duration::from_millis(300),
            ..test_config()
        },
        backend,
    );
    let (_kiosk, token) = enrolled(&server);
    let mut conn = std::net::TcpStream::connect(server.addr()).unwrap();
    write!(
        conn,
        "POST {} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {token}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{{\"protocol\":",
        paths::PUSH
    )
    .unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut answer = String::new();
    let _ = conn.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"error\":\"timeout\""), "{answer}");
}

#[test]
fn the_openapi_document_describes_every_endpoint() {
    let server = TestServer::start();
    let doc: Value = reqwest::blocking::get(format!("{}{}", server.url(), paths::OPENAPI))
        .unwrap()
        .json()
        .unwrap();
    for path in [
        paths::HEALTH,
        paths::ENROLL,
        paths::PUSH,
        paths::PULL,
        paths::COURSE_PACKAGE,
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["ApiError"].is_object());
}

baeumteo_tests::on_every_backend!(
    malformed_events_are_rejected_one_by_one_and_the_good_ones_kept,
    a_kiosk_cannot_push_events_in_another_kiosks_name_and_nothing_of_the_batch_is_stored,
    bad_bodies_get_the_right_4xx_with_a_json_reason_and_store_nothing,
    a_gzipped_push_is_accepted,
    missing_unknown_and_revoked_tokens_are_refused_and_the_instructor_is_told_in_korean,
    a_used_code_cannot_enroll_another_kiosk_and_plain_http_to_a_remote_server_is_refused,
    a_kiosk_over_its_rate_is_told_to_wait_without_affecting_other_kiosks,
    a_stalled_upload_gets_a_408_with_a_json_reason,
);
