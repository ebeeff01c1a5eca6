//! The county dashboard in a real browser: headless Chromium (Debian's `chromium`,
//! installed by `scripts/setup`) loads every page of a server holding a simulated
//! county (4 centers, 240 learners, 2025–2026), and its screenshots go to
//! `docs/screenshots/server/`. The DOM Chromium built is checked (Hangul text, charts,
//! tables), and the CSV, XLSX and JSON downloads are compared with each other.
//!
//! Without Chromium the test says so and passes (the HTTP checks still run): CI's
//! machines have it from `scripts/setup`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use baeumteo_core::event::{Event, EventBody};
use baeumteo_core::wire::CenterInfo;
use chrono::{Duration, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sync_server::db::{Database, Incoming, KioskRecord, SqliteDatabase, SyncMeta};
use sync_server::secrets::{enroll_code_hash, new_enroll_code, new_token, token_hash};
use sync_server::testkit::learner_profile;
use sync_server::{AppState, ServerConfig};
use uuid::Uuid;

fn enrolled(db: &dyn Database, center: &CenterInfo) -> KioskRecord {
    let code = new_enroll_code();
    let now = Utc::now();
    db.create_enroll_code(
        &enroll_code_hash(&code),
        center,
        now,
        now + Duration::days(1),
    )
    .expect("code");
    let token = new_token();
    db.enroll(
        &enroll_code_hash(&code),
        Uuid::now_v7(),
        None,
        &token_hash(&token),
        now,
    )
    .expect("enrolled");
    db.kiosk_by_token(&token_hash(&token))
        .expect("kiosk")
        .expect("enrolled kiosk")
}

const COURSES: [&str; 3] = ["smartphone-basics", "kiosk-order", "digital-activist"];

/// A county of four centers; each learner registers, comes to classes of one or two
/// courses some weeks, completes lessons, and now and then earns a certificate.
fn simulated_county(db: &dyn Database) {
    let mut rng = StdRng::seed_from_u64(12);
    let centers = [
        ("강진읍", "강진 디지털배움터"),
        ("마량면", "마량 배움터"),
        ("성전면", "성전 배움터"),
        ("병영면", "병영 배움터"),
    ];
    let start = Utc.with_ymd_and_hms(2025, 1, 6, 1, 0, 0).unwrap();
    for (township, name) in centers {
        let center = CenterInfo {
            center_name: name.into(),
            county: "강진군".into(),
            township: township.into(),
        };
        let kiosk = enrolled(db, &center);
        let mut events: Vec<Event> = Vec::new();
        let mut add = |at, body| {
            let seq = events.len() as u64 + 1;
            events.push(Event {
                id: Uuid::now_v7(),
                kiosk_id: kiosk.kiosk_id,
                seq,
                at,
                body,
            });
        };
        let learners: Vec<Uuid> = (0..60).map(|_| Uuid::now_v7()).collect();
        for (i, l) in learners.iter().enumerate() {
            let gender = [Some("여"), Some("여"), Some("남"), None][i % 4];
            add(
                start,
                EventBody::LearnerRegistered {
                    learner_id: *l,
                    profile: baeumteo_core::event::LearnerProfile {
                        gender: gender.map(str::to_string),
                        township: township.into(),
                        ..learner_profile(format!("학습자 {i}"), rng.random_range(1938..1972))
                    },
                },
            );
        }
        // Two classes a week for 23 months.
        for week in 0..100 {
            for day in [1, 3] {
                let open = start + Duration::weeks(week) + Duration::days(day);
                let session = Uuid::now_v7();
                let course = COURSES[rng.random_range(0..2)];
                add(
                    open,
                    EventBody::SessionOpened {
                        session_id: session,
                        course_id: course.into(),
                        instructor_id: None,
                    },
                );
                let first = rng.random_range(0..40);
                for l in &learners[first..first + rng.random_range(5..20)] {
                    add(
                        open + Duration::minutes(5),
                        EventBody::CheckedIn {
                            session_id: session,
                            learner_id: *l,
                        },
                    );
                    add(
                        open + Duration::minutes(60),
                        EventBody::LessonCompleted {
                            learner_id: *l,
                            course_id: course.into(),
                            lesson_id: format!("l{}", rng.random_range(0..5)),
                        },
                    );
                    add(
                        open + Duration::minutes(110),
                        EventBody::CheckedOut {
                            session_id: session,
                            learner_id: *l,
                        },
                    );
                    if rng.random_bool(0.01) {
                        add(
                            open + Duration::minutes(115),
                            EventBody::CertificationIssued {
                                certificate_no: format!("2026-{}", Uuid::now_v7().simple()),
                                learner_id: *l,
                                course_id: COURSES[2].into(),
                                minutes: 1200,
                                verification_code: "K7QX9M3P".into(),
                                issued_by: None,
                            },
                        );
                    }
                }
                add(
                    open + Duration::minutes(120),
                    EventBody::SessionClosed {
                        session_id: session,
                    },
                );
            }
        }
        for chunk in events.chunks(2000) {
            db.push(
                &kiosk,
                &Incoming::batch(chunk),
                SyncMeta {
                    received_at: Utc::now(),
                    clock_offset_ms: 0,
                },
            )
            .expect("push");
        }
    }
}

struct Server {
    addr: String,
    _runtime: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

fn start() -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = SqliteDatabase::open_in(dir.path()).expect("store");
    simulated_county(&db);
    let courses = Path::new(env!("CARGO_MANIFEST_DIR")).join("../courses");
    let state = AppState::new(Arc::new(db), ServerConfig::default())
        .with_course_titles(sync_server::commands::course_titles(&courses));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    runtime.spawn(sync_server::serve(listener, state, std::future::pending()));
    Server {
        addr,
        _runtime: runtime,
        _dir: dir,
    }
}

/// A GET over plain HTTP/1.1: status and body bytes.
fn get(addr: &str, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("answer");
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers end");
    let head = String::from_utf8_lossy(&answer[..split]).to_string();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    let mut body = answer[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = raw.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 2 + size + 2..];
    }
}

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn browser(chromium: &Path, args: &[String]) -> Vec<u8> {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--lang=ko-KR",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .expect("chromium runs");
    out.stdout
}

#[test]
fn every_dashboard_page_renders_in_chromium_and_the_downloads_agree() {
    let server = start();
    let addr = &server.addr;

    // The downloads of one breakdown say the same thing.
    let query = "?period=2026&by=township,age";
    let (status, json) = get(addr, &format!("/api/v1/statistics{query}"));
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_slice(&json).expect("json");
    let (status, csv) = get(addr, &format!("/statistics.csv{query}"));
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).expect("utf-8");
    assert!(csv.starts_with('\u{feff}'));
    let csv_lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    let lines = json["lines"].as_array().expect("lines");
    assert_eq!(csv_lines.len(), lines.len() + 2, "header, lines, total");
    let shown = |v: &serde_json::Value| v.as_u64().map_or("*".to_string(), |n| n.to_string());
    for (line, row) in csv_lines[1..].iter().zip(lines) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields[2], shown(&row["learners"]), "{line}");
        assert_eq!(fields[3], shown(&row["attendance_minutes"]), "{line}");
    }
    let (status, xlsx) = get(addr, &format!("/statistics.xlsx{query}"));
    assert_eq!(status, 200);
    assert!(xlsx.starts_with(b"PK"), "an XLSX is a zip file");
    let (status, _) = get(addr, "/statistics?township=없는면");
    assert_eq!(status, 400);
    // Open data: the portal's layout, no count of 1 to 4 people.
    let (status, open) = get(addr, "/open-data.csv?period=2026");
    assert_eq!(status, 200);
    let open = String::from_utf8(open).expect("utf-8");
    let mut open_lines = open.trim_start_matches('\u{feff}').lines();
    assert!(
        open_lines.next().is_some_and(
            |h| h.starts_with("기준일자,시도명,시군구명,읍면동명,배움터명,기준연월,학습자수")
        ),
        "{open}"
    );
    let mut open_rows = 0;
    for line in open_lines {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 10, "{line}");
        assert_eq!(fields[2], "강진군");
        if let Ok(n) = fields[6].parse::<u32>() {
            assert!(n == 0 || n >= 5, "{line}");
        }
        open_rows += 1;
    }
    assert_eq!(open_rows, 4 * 12, "a line per center and month");
    let (status, meta) = get(addr, "/open-data.json");
    assert_eq!(status, 200);
    let meta: serde_json::Value = serde_json::from_slice(&meta).expect("metadata");
    assert_eq!(meta["columns"].as_array().map(Vec::len), Some(10));
    assert_eq!(meta["update_cycle"], "월 1회");
    // The committee summary: one A4 page with the Hangul font embedded.
    let (status, pdf) = get(addr, "/summary.pdf?period=2026-Q3");
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/FontFile2") && raw.contains("/MediaBox [0 0 595.28 841.89]"));
    std::fs::write(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots/server/summary.pdf"),
        &pdf,
    )
    .expect("summary saved");
    let (status, font) = get(addr, "/static/font.ttf");
    assert_eq!(status, 200);
    assert!(font.len() > 100_000, "the bundled Hangul font");

    let Some(chromium) = chromium() else {
        eprintln!("chromium is not installed (scripts/setup installs it): browser checks skipped");
        return;
    };
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots/server");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let pages = [
        ("overview", "/?period=2026", 1366, 3000, "한눈에 보기"),
        (
            "statistics-township-age",
            "/statistics?period=2026&by=township,age",
            1366,
            2600,
            "나이대",
        ),
        (
            "statistics-filtered",
            "/statistics?period=2026-Q3&township=마량면&age=70-74&by=month",
            1366,
            1000,
            "마량면",
        ),
        (
            "statistics-error",
            "/statistics?period=2026-Q5",
            1366,
            800,
            "2026-Q3",
        ),
        ("kiosks", "/kiosks", 1366, 700, "강진군"),
        ("overview-tablet", "/?period=2026-Q3", 800, 3000, "읍·면별"),
    ];
    for (name, path, width, height, expect) in pages {
        let url = format!("http://{addr}{path}");
        let dom = String::from_utf8(browser(&chromium, &["--dump-dom".to_string(), url.clone()]))
            .expect("utf-8 DOM");
        assert!(dom.contains(expect), "{name}: {expect} not in the page");
        if name.starts_with("overview") {
            assert_eq!(dom.matches("<svg").count(), 4, "{name}: four charts");
        }
        let file = shots.join(format!("{name}.png"));
        browser(
            &chromium,
            &[
                format!("--window-size={width},{height}"),
                format!("--screenshot={}", file.display()),
                url,
            ],
        );
        assert!(file.exists(), "{name}: screenshot taken");
    }
}
