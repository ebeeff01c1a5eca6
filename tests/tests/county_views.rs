//! What county staff and the public see on the sync server, over real HTTP: the
//! certificate verification page a certificate's QR code opens, the clock-corrected
//! statistics and their CSV, and the activist registry behind the admin token.

use baeumteo_core::event::{EventBody, LearnerId};
use baeumteo_core::i18n::{I18n, Locale};
use baeumteo_core::wire::{EnrollRequest, EnrollResponse, PROTOCOL_VERSION, PushRequest, paths};
use baeumteo_tests::{Backend, TestKiosk, TestServer, test_sync_options};
use chrono::{DateTime, TimeZone, Utc};
use kiosk::instructor::certification::{certificate_number, new_verification_code};
use kiosk::instructor::commands::certificate_pdf;
use serde_json::{Value, json};
use sync_server::testkit::learner_profile;
use uuid::Uuid;

struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    bytes: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).expect("a JSON body")
    }
}

fn client() -> reqwest::blocking::Client {
    // Redirects are looked at, not followed: sign-in answers with one.
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

fn get(url: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = client().get(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().expect("request");
    Reply {
        status: resp.status().as_u16(),
        headers: resp.headers().clone(),
        bytes: resp.bytes().expect("body").to_vec(),
    }
}

struct Certified {
    kiosk: TestKiosk,
    learner: LearnerId,
    number: String,
    code: String,
}

/// A kiosk of 입암 배움터, enrolled and synced, that issued a certificate to 김순자.
fn certified_kiosk(server: &TestServer) -> Certified {
    let mut kiosk = TestKiosk::new();
    let code = server.enroll_code("영양군", "입암 배움터");
    kiosk.enroll(&server.url(), &code);
    let store = &mut kiosk.store;
    store
        .append(EventBody::CenterConfigured {
            center_name: "입암 배움터".into(),
            county: "영양군".into(),
            township: "입암면".into(),
        })
        .expect("append");
    let learner = Uuid::now_v7();
    store
        .append(EventBody::LearnerRegistered {
            learner_id: learner,
            profile: learner_profile("김순자", 1952),
        })
        .expect("append");
    // Numbered and coded the way the kiosk's sign-off does it.
    let projections = store.projections().expect("projections").projections;
    let number = certificate_number(store, &projections, 2026);
    let verification_code = new_verification_code();
    store
        .append(EventBody::CertificationIssued {
            certificate_no: number.clone(),
            learner_id: learner,
            course_id: "digital-activist".into(),
            minutes: 20 * 60 + 30,
            verification_code: verification_code.clone(),
            issued_by: None,
        })
        .expect("append");
    kiosk.sync_until_done(&test_sync_options(50, None), 5);
    Certified {
        kiosk,
        learner,
        number,
        code: verification_code,
    }
}

/// The text of the QR code printed on the kiosk's PDF of a certificate.
fn qr_payload_of_pdf(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF");
    let (width, pixels) = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .find(|s| s.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image"))
        .map(|s| {
            let width = s
                .dict
                .get(b"Width")
                .and_then(|w| w.as_i64())
                .expect("width") as usize;
            (width, s.decompressed_content().expect("pixels"))
        })
        .expect("the QR image");
    const SCALE: usize = 8;
    let side = width * SCALE;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        pixels[(y / SCALE) * width + x / SCALE]
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("decodes").1
}

fn a_certificate_issued_on_a_kiosk_and_synced_verifies_at_the_url_in_its_pdf_qr_code(
    backend: Backend,
) {
    let server = TestServer::start_on(backend);
    let c = certified_kiosk(&server);
    let pdf = certificate_pdf(&c.kiosk.store, &[], &c.number, &I18n::new(Locale::Ko))
        .expect("the kiosk prints the certificate");
    let url = qr_payload_of_pdf(&pdf);
    assert_eq!(
        url,
        format!("{}/verify/{}?c={}", server.url(), c.number, c.code)
    );

    let page = get(&url, &[]);
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("진짜 증명서입니다"), "{html}");
    assert!(html.contains(&c.number));
    assert!(html.contains("김*자"), "the name is shown masked");
    assert!(
        !html.contains("김순자"),
        "never the whole name on a public page"
    );
    assert!(html.contains("20시간 30분"));
    assert!(html.contains("영양군 입암면 입암 배움터"));
    assert_eq!(
        page.headers.get("cache-control").map(|v| v.as_bytes()),
        Some(&b"no-store"[..])
    );
    // Typed by hand from the paper, in small letters: still found.
    let typed = get(
        &format!(
            "{}/verify/{}?c={}",
            server.url(),
            c.number,
            c.code.to_lowercase()
        ),
        &[],
    );
    assert_eq!(typed.status, 200);
}

fn a_wrong_code_gets_the_same_404_as_an_unknown_number_without_any_detail(backend: Backend) {
    let server = TestServer::start_on(backend);
    let c = certified_kiosk(&server);
    let wrong = get(
        &format!("{}/verify/{}?c=AAAAAAAA", server.url(), c.number),
        &[],
    );
    let unknown = get(
        &format!("{}/verify/2026-000000-0001?c=AAAAAAAA", server.url()),
        &[],
    );
    let no_code = get(&format!("{}/verify/{}", server.url(), c.number), &[]);
    for reply in [&wrong, &unknown, &no_code] {
        assert_eq!(reply.status, 404);
        let html = reply.text();
        assert!(html.contains("확인되지 않는 증명서"), "{html}");
        assert!(!html.contains(&c.number), "the number is not echoed");
        assert!(!html.contains("김") && !html.contains("입암"), "{html}");
    }
    assert_eq!(wrong.bytes, unknown.bytes, "the two cannot be told apart");
}

/// Enrolls a kiosk by hand and pushes a class it recorded with its clock `skew` fast:
/// the class really ran 23:00–23:50 on 31 October, Korean time.
fn push_late_class_with_skewed_clock(server: &TestServer, skew: chrono::Duration) {
    let http = client();
    let kiosk_id = Uuid::now_v7();
    let enrolled: EnrollResponse = http
        .post(format!("{}{}", server.url(), paths::ENROLL))
        .json(&EnrollRequest {
            protocol: PROTOCOL_VERSION,
            code: server.enroll_code("영양군", "석보 배움터"),
            kiosk_id,
            secret: None,
        })
        .send()
        .expect("enroll")
        .json()
        .expect("enrolled");
    let real = |h: u32, m: u32| -> DateTime<Utc> {
        baeumteo_core::time::kst()
            .with_ymd_and_hms(2026, 10, 31, h, m, 0)
            .single()
            .expect("a time")
            .with_timezone(&Utc)
    };
    let (session, learner) = (Uuid::now_v7(), Uuid::now_v7());
    let bodies = [
        (
            real(23, 0),
            EventBody::SessionOpened {
                session_id: session,
                course_id: "smartphone-basics".into(),
                instructor_id: None,
            },
        ),
        (
            real(23, 0),
            EventBody::CheckedIn {
                session_id: session,
                learner_id: learner,
            },
        ),
        (
            real(23, 50),
            EventBody::SessionClosed {
                session_id: session,
            },
        ),
    ];
    let events: Vec<Value> = bodies
        .into_iter()
        .enumerate()
        .map(|(i, (at, body))| {
            json!({
                "id": Uuid::now_v7(),
                "kiosk_id": kiosk_id,
                "seq": i + 1,
                "at": at + skew,
                "body": body,
            })
        })
        .collect();
    let reply = http
        .post(format!("{}{}", server.url(), paths::PUSH))
        .bearer_auth(&enrolled.token)
        .json(&PushRequest {
            protocol: PROTOCOL_VERSION,
            kiosk_clock: Utc::now() + skew,
            events,
        })
        .send()
        .expect("push");
    assert_eq!(reply.status().as_u16(), 200);
}

fn rows_of(stats: &Value, center: &str) -> Vec<Value> {
    stats
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["center_name"] == center)
        .cloned()
        .collect()
}

fn statistics_put_a_late_class_of_a_kiosk_two_hours_fast_in_its_real_month(backend: Backend) {
    let server = TestServer::start_on(backend);
    // Two hours fast, its clock said 01:00 on 1 November.
    push_late_class_with_skewed_clock(&server, chrono::Duration::hours(2));
    let stats = get(&format!("{}/api/v1/statistics/cells", server.url()), &[]);
    assert_eq!(stats.status, 200);
    let rows = rows_of(&stats.json(), "석보 배움터");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["month"], "2026-10");
    assert_eq!(rows[0]["course_id"], "smartphone-basics");
    assert_eq!(rows[0]["sessions_held"], 1);
    assert_eq!(rows[0]["learners"], 1);
    assert_eq!(rows[0]["attendance_minutes"], 50);

    let november = get(
        &format!("{}/api/v1/statistics/cells?from=2026-11", server.url()),
        &[],
    );
    assert_eq!(rows_of(&november.json(), "석보 배움터").len(), 0);
    let bad = get(
        &format!("{}/api/v1/statistics?from=November", server.url()),
        &[],
    );
    assert_eq!(bad.status, 400);

    let page = get(&format!("{}/statistics?by=month,center", server.url()), &[]);
    assert_eq!(page.status, 200);
    // Through a reverse proxy every request comes from loopback: those need sign-in.
    let proxied = [("x-forwarded-for", "203.0.113.9")];
    let url = format!("{}/api/v1/statistics", server.url());
    assert_eq!(get(&url, &proxied).status, 401);
    let token = admin_token(&server, "군청 박주무관");
    let bearer = format!("Bearer {token}");
    let signed_in = get(&url, &[proxied[0], ("authorization", bearer.as_str())]);
    assert_eq!(signed_in.status, 200);
    assert_eq!(
        get(&format!("{}/statistics", server.url()), &proxied).status,
        401
    );
    assert!(page.text().contains("2026-10") && page.text().contains("석보 배움터"));
}

fn the_statistics_csv_starts_with_a_bom_and_has_the_numbers_of_the_json(backend: Backend) {
    let server = TestServer::start_on(backend);
    push_late_class_with_skewed_clock(&server, chrono::Duration::hours(2));
    let _c = certified_kiosk(&server);
    let query = "?by=center,course";
    let csv = get(&format!("{}/statistics.csv{query}", server.url()), &[]);
    assert_eq!(csv.status, 200);
    assert!(csv.bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with BOM");
    let content_type = csv.headers["content-type"].to_str().unwrap_or_default();
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let text = csv.text();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("배움터,과정,학습자 수"),
        "{}",
        lines[0]
    );

    let json = get(&format!("{}/api/v1/statistics{query}", server.url()), &[]).json();
    let rows = json["lines"].as_array().expect("lines");
    // A header, the lines, the total.
    assert_eq!(lines.len(), rows.len() + 2);
    let shown = |v: &Value| match v.as_u64() {
        Some(n) => n.to_string(),
        None => "*".to_string(),
    };
    for (line, row) in lines[1..].iter().zip(rows) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(
            fields[2..],
            [
                shown(&row["learners"]),
                shown(&row["attendance_minutes"]),
                shown(&row["lessons_completed"]),
                shown(&row["certifications"]),
            ],
            "{line}"
        );
    }
    let total: Vec<&str> = lines[lines.len() - 1].split(',').collect();
    assert_eq!(total[0], "합계");
    assert_eq!(total[2], shown(&json["total"]["learners"]));
    // One learner each: no count of 1 to 4 people is shown, in the CSV or the JSON.
    assert!(
        rows.iter()
            .all(|r| r["learners"].as_u64().is_none_or(|n| n == 0)),
        "{rows:?}"
    );
    assert!(rows.iter().any(|r| r["learners"].is_null()), "{rows:?}");
}

/// `sync-server admin-token --name NAME`, as county staff run it.
fn admin_token(server: &TestServer, name: &str) -> String {
    let lines = sync_server::commands::admin_token(&server.store, name).expect("token made");
    lines.last().expect("the token line").clone()
}

fn the_registry_needs_an_admin_token_and_a_purpose_and_every_view_is_logged(backend: Backend) {
    let server = TestServer::start_on(backend);
    let c = certified_kiosk(&server);
    let api = format!("{}/api/v1/registry?purpose=활동비%20정산", server.url());
    assert_eq!(get(&api, &[]).status, 401);
    let forged = format!("Bearer {}", "0".repeat(64));
    assert_eq!(get(&api, &[("authorization", forged.as_str())]).status, 401);
    let html = get(&format!("{}/registry", server.url()), &[]);
    assert_eq!(html.status, 401);
    assert!(!html.text().contains("김순자"));
    let csv = get(&format!("{}/registry.csv?purpose=x", server.url()), &[]);
    assert_eq!(csv.status, 401);

    let token = admin_token(&server, "군청 박주무관");
    let bearer = format!("Bearer {token}");
    let no_purpose = get(
        &format!("{}/api/v1/registry", server.url()),
        &[("authorization", bearer.as_str())],
    );
    assert_eq!(no_purpose.status, 400);
    let registry = get(&api, &[("authorization", bearer.as_str())]);
    assert_eq!(registry.status, 200);
    let entries = registry.json();
    assert_eq!(entries[0]["name"], "김순자");
    assert_eq!(entries[0]["certificate_no"], c.number.as_str());
    assert_eq!(entries[0]["center_name"], "입암 배움터");

    // A browser signs in once; the cookie opens the page.
    let login = client()
        .post(format!("{}/login", server.url()))
        .form(&[("token", token.as_str()), ("next", "/registry")])
        .send()
        .expect("login");
    assert_eq!(login.status().as_u16(), 303);
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("name=value")
        .to_string();
    let page = get(
        &format!("{}/registry?purpose=명부%20점검", server.url()),
        &[("cookie", cookie.as_str())],
    );
    assert_eq!(page.status, 200);
    assert!(page.text().contains("김순자"));
    assert!(
        page.text()
            .contains("군청 박주무관 님의 열람을 기록했습니다. 목적: 명부 점검"),
        "the page says who viewed and why"
    );
    let bad_login = client()
        .post(format!("{}/login", server.url()))
        .form(&[("token", "not-a-token")])
        .send()
        .expect("login");
    assert_eq!(bad_login.status().as_u16(), 401);

    // A revoked token opens nothing any more.
    sync_server::commands::revoke_admin(&server.store, "군청 박주무관").expect("revoked");
    assert_eq!(get(&api, &[("authorization", bearer.as_str())]).status, 401);

    let log = server.running().db.access_log(10).expect("access log");
    let seen: Vec<(&str, &str, &str)> = log
        .iter()
        .map(|e| (e.who.as_str(), e.what.as_str(), e.purpose.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("군청 박주무관", "registry", "명부 점검"),
            ("군청 박주무관", "registry.json", "활동비 정산"),
        ]
    );
}

fn an_erasure_removes_the_name_from_the_registry_and_the_verify_page(backend: Backend) {
    let server = TestServer::start_on(backend);
    let mut c = certified_kiosk(&server);
    c.kiosk
        .store
        .append(EventBody::LearnerErased {
            learner_id: c.learner,
        })
        .expect("append");
    c.kiosk.sync_until_done(&test_sync_options(50, None), 5);

    let token = admin_token(&server, "군청 박주무관");
    let bearer = format!("Bearer {token}");
    let registry = get(
        &format!("{}/api/v1/registry?purpose=점검", server.url()),
        &[("authorization", bearer.as_str())],
    );
    let entries = registry.json();
    assert_eq!(entries[0]["certificate_no"], c.number.as_str());
    assert_eq!(entries[0]["name"], Value::Null);
    assert_eq!(entries[0]["erased"], true);
    let csv = get(
        &format!("{}/registry.csv?purpose=점검", server.url()),
        &[("authorization", bearer.as_str())],
    );
    assert!(!csv.text().contains("김순자"));

    let page = get(
        &format!("{}/verify/{}?c={}", server.url(), c.number, c.code),
        &[],
    );
    assert_eq!(page.status, 200, "the certificate itself was issued");
    let html = page.text();
    assert!(html.contains("본인의 요청으로"), "{html}");
    assert!(!html.contains("김*자") && !html.contains("김순자"));
}

/// The figures of one center as the server holds them, by (month, course).
fn center_figures(server: &TestServer, center: &str) -> Vec<(String, String, [u64; 6])> {
    let json = get(&format!("{}/api/v1/statistics/cells", server.url()), &[]).json();
    rows_of(&json, center)
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_u64().unwrap_or(u64::MAX);
            (
                r["month"].as_str().unwrap_or_default().to_string(),
                r["course_id"].as_str().unwrap_or_default().to_string(),
                [
                    n("sessions_held"),
                    n("learners"),
                    n("attendance_minutes"),
                    n("self_study_minutes"),
                    n("lessons_completed"),
                    n("certifications"),
                ],
            )
        })
        .collect()
}

fn cached_statistics_stay_those_of_a_full_recomputation_across_syncs(backend: Backend) {
    let server = TestServer::start_on(backend);
    let mut kiosk = TestKiosk::new();
    let code = server.enroll_code("영양군", "수비 배움터");
    kiosk.enroll(&server.url(), &code);
    let options = test_sync_options(200, None);
    baeumteo_tests::add_history(&mut kiosk, 10, 45, 11);
    kiosk.sync_until_done(&options, 10);
    let first = center_figures(&server, "수비 배움터");
    assert!(!first.is_empty());
    // More classes: the cached figures of the first request must not linger.
    baeumteo_tests::add_history(&mut kiosk, 8, 45, 12);
    kiosk.sync_until_done(&options, 10);
    let cached = center_figures(&server, "수비 배움터");
    assert_ne!(first, cached);

    // The same figures straight from core over the whole log as the kiosk holds it
    // (its clock is right, so no correction moves an event between months).
    let mut events = kiosk.own_events();
    baeumteo_core::projection::log_order(&mut events);
    let core: Vec<(String, String, [u64; 6])> = baeumteo_core::projection::monthly_summary(&events)
        .into_iter()
        .map(|s| {
            (
                s.month.to_string(),
                s.course_id,
                [
                    s.sessions_held.into(),
                    s.learners.into(),
                    s.attendance_minutes.into(),
                    s.self_study_minutes.into(),
                    s.lessons_completed.into(),
                    s.certifications.into(),
                ],
            )
        })
        .collect();
    let mut cached_sorted = cached.clone();
    cached_sorted.sort();
    let mut core_sorted = core;
    core_sorted.sort();
    assert_eq!(cached_sorted, core_sorted);
}

/// A service session of the certified activist today (Korean time) from `hour`:00.
fn log_service(c: &mut Certified, hour: u32, minutes: u32) -> Uuid {
    let service_id = Uuid::now_v7();
    c.kiosk
        .store
        .append(EventBody::ServiceLogged {
            service_id,
            activist_id: c.learner,
            on: baeumteo_core::time::kst_date(Utc::now()),
            start: chrono::NaiveTime::from_hms_opt(hour, 0, 0).expect("an hour"),
            minutes,
            place: baeumteo_core::event::ServicePlace::SeniorCenter,
            place_name: "덕동 경로당".into(),
            help: "카카오톡 사진 보내기".into(),
            residents: 3,
            learners: vec![],
            replaces: None,
            recorded_by: None,
        })
        .expect("append");
    service_id
}

fn the_registry_and_allowance_show_confirmed_service_and_verify_says_revoked(backend: Backend) {
    let mut config = baeumteo_tests::test_config();
    config.allowance = sync_server::activists::AllowanceTerms {
        hourly_rate: Some(10_000),
        cap_hours: Some(2),
    };
    let server = TestServer::start_with_on(config, backend);
    let mut c = certified_kiosk(&server);
    let confirmed = log_service(&mut c, 8, 90);
    let capped = log_service(&mut c, 10, 60);
    // Recorded, never confirmed: shown as waiting, not paid.
    log_service(&mut c, 12, 45);
    for service_id in [confirmed, capped] {
        c.kiosk
            .store
            .append(EventBody::ServiceConfirmed {
                service_id,
                instructor_id: Uuid::now_v7(),
            })
            .expect("append");
    }
    c.kiosk.sync_until_done(&test_sync_options(50, None), 5);

    let token = admin_token(&server, "군청 박주무관");
    let bearer = format!("Bearer {token}");
    let auth = [("authorization", bearer.as_str())];
    let entries = get(
        &format!("{}/api/v1/registry?purpose=활동비%20정산", server.url()),
        &auth,
    )
    .json();
    assert_eq!(entries[0]["service_month_minutes"], 150);
    assert_eq!(entries[0]["service_month_waiting_minutes"], 45);
    assert_eq!(entries[0]["status"], "active");

    let month = baeumteo_core::projection::YearMonth::of_instant(Utc::now());
    // Without a month, or with a bad one, a 400 that says what is wrong.
    let bad = get(
        &format!("{}/allowance.csv?purpose=정산&month=2026-13", server.url()),
        &auth,
    );
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("YYYY-MM"), "{}", bad.text());
    // Personal data: nothing without the token.
    let anonymous = get(
        &format!("{}/allowance.csv?purpose=정산&month={month}", server.url()),
        &[],
    );
    assert_eq!(anonymous.status, 401);
    let csv = get(
        &format!("{}/allowance.csv?purpose=정산&month={month}", server.url()),
        &auth,
    );
    assert_eq!(csv.status, 200);
    let bytes = csv.bytes.clone();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "a BOM for Excel");
    let text = csv.text();
    // 150 confirmed minutes capped at 2 hours: 120 paid, 20,000 won.
    assert!(
        text.contains(&format!(
            "김순자,영양군,입암면,입암 배움터,{},150,45,120,10000,20000\r\n",
            c.number
        )),
        "{text}"
    );
    let xlsx = get(
        &format!("{}/allowance.xlsx?purpose=정산&month={month}", server.url()),
        &auth,
    );
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.bytes.starts_with(b"PK"), "an XLSX is a zip");

    // Revoked on the kiosk, synced: /verify says so plainly.
    kiosk::instructor::commands::revoke_certificate(
        &mut c.kiosk.store,
        &c.number,
        "다른 분께 잘못 발급",
    )
    .expect("revoke");
    c.kiosk.sync_until_done(&test_sync_options(50, None), 5);
    let page = get(
        &format!("{}/verify/{}?c={}", server.url(), c.number, c.code),
        &[],
    );
    let t = I18n::new(Locale::Ko);
    assert!(
        page.text().contains(&t.verify_revoked_title()),
        "{}",
        page.text()
    );
    assert!(!page.text().contains(&t.verify_genuine()));
    assert!(
        !page.text().contains("다른 분께"),
        "the reason stays off the public page"
    );
    let entries = get(
        &format!("{}/api/v1/registry?purpose=점검", server.url()),
        &auth,
    )
    .json();
    assert_eq!(entries[0]["status"], "revoked");
    assert_eq!(entries[0]["revoked_reason"], "다른 분께 잘못 발급");
}

fn a_revocation_from_a_kiosk_of_another_county_changes_nothing(backend: Backend) {
    let server = TestServer::start_on(backend);
    let c = certified_kiosk(&server);
    let mut stranger = TestKiosk::new();
    let code = server.enroll_code("청송군", "진보 배움터");
    stranger.enroll(&server.url(), &code);
    stranger
        .store
        .append(EventBody::CertificateRevoked {
            certificate_no: c.number.clone(),
            reason: "장난".into(),
            revoked_by: None,
        })
        .expect("append");
    stranger.sync_until_done(&test_sync_options(50, None), 5);
    let page = get(
        &format!("{}/verify/{}?c={}", server.url(), c.number, c.code),
        &[],
    );
    let t = I18n::new(Locale::Ko);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&t.verify_genuine()), "{}", page.text());
}

baeumteo_tests::on_every_backend!(
    the_registry_and_allowance_show_confirmed_service_and_verify_says_revoked,
    a_revocation_from_a_kiosk_of_another_county_changes_nothing,
    a_certificate_issued_on_a_kiosk_and_synced_verifies_at_the_url_in_its_pdf_qr_code,
    a_wrong_code_gets_the_same_404_as_an_unknown_number_without_any_detail,
    statistics_put_a_late_class_of_a_kiosk_two_hours_fast_in_its_real_month,
    the_statistics_csv_starts_with_a_bom_and_has_the_numbers_of_the_json,
    the_registry_needs_an_admin_token_and_a_purpose_and_every_view_is_logged,
    an_erasure_removes_the_name_from_the_registry_and_the_verify_page,
    cached_statistics_stay_those_of_a_full_recomputation_across_syncs,
);
