//! The staff side of the sync server under attack, over real HTTP on loopback: sign-in
//! and sessions, the fleet page, trusted proxies, security headers, the open-redirect
//! guard, per-address throttling and connection timeouts (issue 10, items 6–8).
//!
//! Every request here comes from 127.0.0.1. Distinct clients are simulated the way a
//! real deployment sees them: the server trusts 127.0.0.1 as its reverse proxy, and
//! each "client" is an `X-Forwarded-For` address.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use baeumteo_core::wire::{PROTOCOL_VERSION, paths};
use baeumteo_tests::{
    Backend, TestKiosk, TestServer, on_every_backend, test_config, test_sync_options,
};
use serde_json::json;
use sync_server::ServerConfig;
use uuid::Uuid;

struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    text: String,
}

impl Reply {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// `name=value` of the Set-Cookie header, for sending back.
    fn cookie(&self) -> String {
        self.header("set-cookie")
            .split(';')
            .next()
            .unwrap_or("")
            .to_string()
    }
}

fn client() -> reqwest::blocking::Client {
    // Redirects are looked at, not followed.
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

fn reply(resp: reqwest::blocking::Response) -> Reply {
    Reply {
        status: resp.status().as_u16(),
        headers: resp.headers().clone(),
        text: resp.text().unwrap_or_default(),
    }
}

fn get(server: &TestServer, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = client().get(format!("{}{path}", server.url()));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    reply(req.send().expect("request"))
}

fn post_form(
    server: &TestServer,
    path: &str,
    form: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Reply {
    let mut req = client().post(format!("{}{path}", server.url())).form(form);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    reply(req.send().expect("request"))
}

fn post_json(
    server: &TestServer,
    path: &str,
    body: &serde_json::Value,
    headers: &[(&str, &str)],
) -> Reply {
    let mut req = client()
        .post(format!("{}{path}", server.url()))
        .header("content-type", "application/json")
        .body(body.to_string());
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    reply(req.send().expect("request"))
}

/// `sync-server admin-token --name NAME`, as county staff run it.
fn admin_token(server: &TestServer, name: &str) -> String {
    let lines = sync_server::commands::admin_token(server.store.clone(), name).expect("token made");
    lines.last().expect("the token line").clone()
}

fn sign_in(server: &TestServer, token: &str, headers: &[(&str, &str)]) -> Reply {
    post_form(
        server,
        "/login",
        &[("token", token), ("next", "/")],
        headers,
    )
}

/// A server behind a reverse proxy on its own machine (127.0.0.1, trusted).
fn behind_proxy(config: ServerConfig, backend: Backend) -> TestServer {
    TestServer::start_with_on(
        ServerConfig {
            trusted_proxies: vec!["127.0.0.1".parse().expect("ip")],
            ..config
        },
        backend,
    )
}

fn from(ip: &str) -> [(&str, &str); 1] {
    [("x-forwarded-for", ip)]
}

/// A kiosk enrolled the ordinary way; returns it with its device token.
fn enrolled_kiosk(server: &TestServer) -> (TestKiosk, String) {
    let mut kiosk = TestKiosk::new();
    kiosk.enroll(&server.url(), &server.enroll_code("영양군", "입암 배움터"));
    let token = kiosk
        .store
        .sync_state()
        .expect("sync state")
        .token
        .expect("a token");
    (kiosk, token)
}

fn the_fleet_page_needs_a_sign_in_from_another_machine_or_through_a_proxy(backend: Backend) {
    // On the server's own machine, without a proxy: open, as the statistics are.
    let local = TestServer::start_on(backend);
    let (kiosk, _) = enrolled_kiosk(&local);
    let id = kiosk.store.kiosk_id().to_string();
    let page = get(&local, "/", &[]);
    assert_eq!(page.status, 200);
    assert!(page.text.contains(&id));
    // A proxy on the same machine that was not named in the configuration: its
    // requests come from loopback too, and must not count as local.
    let proxied = get(&local, "/", &from("203.0.113.9"));
    assert_eq!(proxied.status, 401);
    assert!(!proxied.text.contains(&id), "no kiosk id before sign-in");
    assert!(
        proxied
            .text
            .contains("키오스크 목록을 보려면 담당자 로그인이 필요합니다"),
        "{}",
        proxied.text
    );

    // Behind a trusted proxy every request is someone else's.
    let server = behind_proxy(test_config(), backend);
    let (kiosk, _) = enrolled_kiosk(&server);
    let id = kiosk.store.kiosk_id().to_string();
    let refused = get(&server, "/", &from("203.0.113.9"));
    assert_eq!(refused.status, 401);
    assert!(!refused.text.contains(&id));
    assert_eq!(
        get(&server, "/", &[]).status,
        401,
        "even without the header"
    );

    let token = admin_token(&server, "군청 박주무관");
    let login = sign_in(&server, &token, &from("203.0.113.9"));
    assert_eq!(login.status, 303);
    let cookie = login.cookie();
    let page = get(
        &server,
        "/",
        &[("x-forwarded-for", "203.0.113.9"), ("cookie", &cookie)],
    );
    assert_eq!(page.status, 200);
    assert!(page.text.contains(&id));
    let bearer = format!("Bearer {token}");
    let script = get(
        &server,
        "/",
        &[
            ("x-forwarded-for", "203.0.113.9"),
            ("authorization", &bearer),
        ],
    );
    assert_eq!(script.status, 200, "scripts may send the admin token");
}

fn a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(backend: Backend) {
    // A proxy is configured, but this peer (127.0.0.1) is not it: whatever addresses it
    // claims, all its attempts share one bucket.
    let server = TestServer::start_with_on(
        ServerConfig {
            trusted_proxies: vec!["192.0.2.10".parse().expect("ip")],
            sign_in_per_minute: 10,
            ..test_config()
        },
        backend,
    );
    for i in 0..10 {
        let ip = format!("198.51.100.{i}");
        let r = sign_in(&server, &"0".repeat(64), &from(&ip));
        assert_eq!(r.status, 401, "attempt {i}");
    }
    let r = sign_in(&server, &"0".repeat(64), &from("198.51.100.200"));
    assert_eq!(r.status, 429, "a new X-Forwarded-For is not a new client");
    // Nor does the spoofed header make it "not forwarded" or anything else: the
    // fleet page still wants a sign-in.
    assert_eq!(get(&server, "/", &from("127.0.0.1")).status, 401);
}

fn logout_revokes_the_session_on_the_server(backend: Backend) {
    let server = TestServer::start_on(backend);
    let token = admin_token(&server, "군청 박주무관");
    let login = sign_in(&server, &token, &[]);
    assert_eq!(login.status, 303);
    let cookie = login.cookie();
    let registry = "/registry?purpose=%EC%A0%90%EA%B2%80";
    assert_eq!(get(&server, registry, &[("cookie", &cookie)]).status, 200);

    let logout = post_form(&server, "/logout", &[], &[("cookie", &cookie)]);
    assert_eq!(logout.status, 303);
    assert!(
        logout.header("set-cookie").contains("Max-Age=0"),
        "{}",
        logout.header("set-cookie")
    );
    // A copy of the cookie (another tab, a stolen one) opens nothing any more.
    let replayed = get(&server, registry, &[("cookie", &cookie)]);
    assert_eq!(replayed.status, 401);
    assert!(!replayed.text.contains("열람을 기록했습니다"));
}

fn revoking_an_admin_token_ends_its_sessions(backend: Backend) {
    let server = TestServer::start_on(backend);
    let token = admin_token(&server, "군청 박주무관");
    let cookie = sign_in(&server, &token, &[]).cookie();
    let registry = "/registry?purpose=x";
    assert_eq!(get(&server, registry, &[("cookie", &cookie)]).status, 200);
    sync_server::commands::revoke_admin(server.store.clone(), "군청 박주무관").expect("revoked");
    assert_eq!(get(&server, registry, &[("cookie", &cookie)]).status, 401);
}

fn the_session_cookie_is_not_the_admin_token_and_expires_in_eight_hours(backend: Backend) {
    let server = TestServer::start_on(backend);
    let token = admin_token(&server, "군청 박주무관");
    let login = sign_in(&server, &token, &[]);
    assert_eq!(login.status, 303);
    let set_cookie = login.header("set-cookie").to_string();
    let attributes: Vec<&str> = set_cookie.split(';').map(str::trim).collect();
    for wanted in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800"] {
        assert!(attributes.contains(&wanted), "{wanted} in {set_cookie}");
    }
    assert!(
        !attributes.contains(&"Secure"),
        "plain HTTP on loopback: {set_cookie}"
    );
    let (name, id) = login.cookie().split_once('=').map_or_else(
        || panic!("a cookie: {set_cookie}"),
        |(n, v)| (n.to_string(), v.to_string()),
    );
    assert_ne!(id, token);
    assert!(!set_cookie.contains(&token));
    assert_eq!(id.len(), 64, "256 random bits");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    // The server keeps only a hash of the session id.
    assert!(
        !server.stores_in_the_clear(&id),
        "the session id is stored in the clear"
    );
    // The admin token itself in the cookie (what the old dashboard set) opens nothing.
    let raw = format!("{name}={token}");
    assert_eq!(
        get(&server, "/registry?purpose=x", &[("cookie", &raw)]).status,
        401
    );
    let old_name = format!("baeumteo_admin={token}");
    assert_eq!(
        get(&server, "/registry?purpose=x", &[("cookie", &old_name)]).status,
        401
    );

    // The server ends a session at its expiry, whatever the browser does.
    let short = TestServer::start_with_on(
        ServerConfig {
            staff_session_ttl: chrono::Duration::seconds(1),
            ..test_config()
        },
        backend,
    );
    let token = admin_token(&short, "군청 박주무관");
    let cookie = sign_in(&short, &token, &[]).cookie();
    assert_eq!(
        get(&short, "/registry?purpose=x", &[("cookie", &cookie)]).status,
        200
    );
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        get(&short, "/registry?purpose=x", &[("cookie", &cookie)]).status,
        401
    );
}

fn the_cookie_is_secure_when_a_trusted_proxy_says_https_or_the_config_says_so(backend: Backend) {
    let https = [
        ("x-forwarded-for", "203.0.113.9"),
        ("x-forwarded-proto", "https"),
    ];
    let server = behind_proxy(test_config(), backend);
    let token = admin_token(&server, "군청 박주무관");
    let login = sign_in(&server, &token, &https);
    assert!(login.header("set-cookie").contains("; Secure"));
    let logout = post_form(&server, "/logout", &[], &https);
    assert!(logout.header("set-cookie").contains("; Secure"));

    // The same header from a peer that is not a trusted proxy means nothing.
    let untrusted = TestServer::start_on(backend);
    let token = admin_token(&untrusted, "군청 박주무관");
    let login = sign_in(&untrusted, &token, &https);
    assert_eq!(login.status, 303);
    assert!(!login.header("set-cookie").contains("Secure"));

    let configured = TestServer::start_with_on(
        ServerConfig {
            cookie_secure: true,
            ..test_config()
        },
        backend,
    );
    let token = admin_token(&configured, "군청 박주무관");
    assert!(
        sign_in(&configured, &token, &[])
            .header("set-cookie")
            .contains("; Secure")
    );
}

fn every_page_sends_the_security_headers(backend: Backend) {
    let server = TestServer::start_on(backend);
    let token = admin_token(&server, "군청 박주무관");
    let bearer = format!("Bearer {token}");
    let auth = [("authorization", bearer.as_str())];
    let mut replies = vec![
        ("/", get(&server, "/", &[])),
        ("/statistics", get(&server, "/statistics", &[])),
        ("/statistics.csv", get(&server, "/statistics.csv", &[])),
        (
            "/api/v1/statistics",
            get(&server, "/api/v1/statistics", &[]),
        ),
        ("/registry", get(&server, "/registry?purpose=x", &auth)),
        (
            "/registry.csv",
            get(&server, "/registry.csv?purpose=x", &auth),
        ),
        (
            "/api/v1/registry",
            get(&server, "/api/v1/registry?purpose=x", &auth),
        ),
        ("/registry (401)", get(&server, "/registry", &[])),
        ("/login", get(&server, "/login", &[])),
        ("POST /login", sign_in(&server, "wrong", &[])),
        ("/verify", get(&server, "/verify", &[])),
        ("/verify/…", get(&server, "/verify/2026-X-0001?c=AAAA", &[])),
        ("/api/health", get(&server, paths::HEALTH, &[])),
        ("404", get(&server, "/no/such/page", &[])),
    ];
    replies.push(("POST /logout", post_form(&server, "/logout", &[], &[])));
    for (what, r) in &replies {
        let csp = r.header("content-security-policy");
        assert!(csp.contains("default-src 'self'"), "{what}: CSP {csp:?}");
        assert_eq!(r.header("x-frame-options"), "DENY", "{what}");
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{what}");
        assert_eq!(r.header("referrer-policy"), "no-referrer", "{what}");
        assert_eq!(r.header("cache-control"), "no-store", "{what}");
        // Under that policy inline style would be dropped: pages link their sheet.
        assert!(!r.text.contains("<style"), "{what} has inline style");
        assert!(!r.text.contains("style=\""), "{what} has a style attribute");
    }
    for (page, sheet) in [
        ("/", "/static/dashboard.css"),
        ("/verify", "/static/verify.css"),
    ] {
        let html = &replies
            .iter()
            .find(|(w, _)| *w == page)
            .expect("page asked")
            .1
            .text;
        assert!(html.contains(&format!("href=\"{sheet}\"")), "{page}");
        let css = get(&server, sheet, &[]);
        assert_eq!(css.status, 200, "{sheet}");
        assert!(css.header("content-type").starts_with("text/css"));
        assert!(css.text.contains("font-size"), "{sheet} has the look");
        assert_eq!(css.header("x-content-type-options"), "nosniff");
        assert!(
            css.header("content-security-policy")
                .contains("default-src 'self'")
        );
    }
}

fn sign_in_returns_only_to_a_path_of_this_server(backend: Backend) {
    let server = TestServer::start_on(backend);
    let token = admin_token(&server, "군청 박주무관");
    for (next, expected) in [
        ("/registry", "/registry"),
        ("/statistics?from=2026-01", "/statistics?from=2026-01"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/registry\r\nSet-Cookie: x=1", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
    ] {
        let r = post_form(
            &server,
            "/login",
            &[("token", token.as_str()), ("next", next)],
            &[],
        );
        assert_eq!(r.status, 303, "{next:?}: {}", r.text);
        assert_eq!(r.header("location"), expected, "{next:?}");
    }
    // The form carries the same guard.
    let form = get(&server, "/login?next=%2F%09%2Fevil.example", &[]);
    assert!(
        form.text.contains("name=\"next\" value=\"/\""),
        "{}",
        form.text
    );
}

fn eleven_sign_ins_in_a_minute_get_429_with_retry_after_and_another_address_is_not_slowed(
    backend: Backend,
) {
    let server = behind_proxy(
        ServerConfig {
            sign_in_per_minute: 10,
            ..test_config()
        },
        backend,
    );
    let token = admin_token(&server, "군청 박주무관");
    let noisy = from("203.0.113.7");
    for i in 0..10 {
        assert_eq!(sign_in(&server, &"0".repeat(64), &noisy).status, 401, "{i}");
    }
    let refused = sign_in(&server, &"0".repeat(64), &noisy);
    assert_eq!(refused.status, 429);
    let retry: u64 = refused.header("retry-after").parse().expect("Retry-After");
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(
        refused.text.contains("로그인 시도가 너무 많습니다"),
        "{}",
        refused.text
    );
    // Even the right token waits: the limit is on attempts, not on failures.
    assert_eq!(sign_in(&server, &token, &noisy).status, 429);
    // Someone else signs in at once.
    assert_eq!(sign_in(&server, &token, &from("198.51.100.2")).status, 303);
    // The proxy's own address is a different client from those behind it.
    assert_eq!(sign_in(&server, &token, &[]).status, 303);
}

fn certificate_checks_are_throttled_per_address(backend: Backend) {
    let server = behind_proxy(
        ServerConfig {
            verify_per_minute: 5,
            ..test_config()
        },
        backend,
    );
    let noisy = from("203.0.113.7");
    for i in 0..5 {
        let path = format!("/verify/2026-X-{i:04}?c=AAAA{i}");
        assert_eq!(get(&server, &path, &noisy).status, 404);
    }
    let refused = get(&server, "/verify/2026-X-9999?c=BBBB", &noisy);
    assert_eq!(refused.status, 429);
    assert!(refused.header("retry-after").parse::<u64>().is_ok());
    assert!(
        refused.text.contains("확인 요청이 너무 많았습니다"),
        "{}",
        refused.text
    );
    assert_eq!(
        get(&server, "/verify?n=2026-X-1&c=AAAA", &noisy).status,
        429,
        "the form route shares the bucket"
    );
    assert_eq!(
        get(&server, "/verify/2026-X-9999?c=BBBB", &from("198.51.100.2")).status,
        404
    );
    assert_eq!(get(&server, "/verify", &from("198.51.100.2")).status, 200);
}

fn junk_enrollments_from_one_address_do_not_block_a_kiosk_elsewhere(backend: Backend) {
    let server = behind_proxy(
        ServerConfig {
            enroll_per_minute: 20,
            ..test_config()
        },
        backend,
    );
    let noisy = from("203.0.113.7");
    let junk = |headers: &[(&str, &str)]| {
        post_json(
            &server,
            paths::ENROLL,
            &json!({"protocol": PROTOCOL_VERSION, "code": "AAAA-AAAA-AAAA", "kiosk_id": Uuid::now_v7()}),
            headers,
        )
    };
    let mut statuses = Vec::new();
    for _ in 0..25 {
        statuses.push(junk(&noisy).status);
    }
    assert!(
        statuses[..20].iter().all(|s| *s != 429 && *s != 200),
        "{statuses:?}"
    );
    assert!(statuses[20..].iter().all(|s| *s == 429), "{statuses:?}");
    // A real kiosk at another center, and another address's attempt, are unaffected.
    let (_kiosk, _token) = enrolled_kiosk(&server);
    assert_ne!(junk(&from("198.51.100.2")).status, 429);
}

fn an_address_that_guesses_device_tokens_is_refused_before_the_lookup_and_others_are_not(
    backend: Backend,
) {
    let server = behind_proxy(
        ServerConfig {
            bad_tokens_per_minute: 3,
            ..test_config()
        },
        backend,
    );
    let (_kiosk, token) = enrolled_kiosk(&server);
    let pull = json!({"protocol": PROTOCOL_VERSION, "cursor": 0, "limit": 10, "kiosk_clock": chrono::Utc::now()});
    let with = |ip: &str, token: &str| {
        let bearer = format!("Bearer {token}");
        post_json(
            &server,
            paths::PULL,
            &pull,
            &[("x-forwarded-for", ip), ("authorization", &bearer)],
        )
    };
    let guess = || hex::encode(Uuid::new_v4().as_bytes()).repeat(2);
    for _ in 0..3 {
        assert_eq!(with("203.0.113.7", &guess()).status, 401);
    }
    let refused = with("203.0.113.7", &guess());
    assert_eq!(refused.status, 429, "{}", refused.text);
    assert!(refused.header("retry-after").parse::<u64>().is_ok());
    assert_eq!(
        with("203.0.113.7", &token).status,
        429,
        "refused before the token is looked at"
    );
    assert_eq!(with("198.51.100.2", &token).status, 200);
    assert_eq!(with("198.51.100.2", &guess()).status, 401);
}

/// Reads until the server closes the connection; false if it is still open at `until`.
fn closed_by(conn: &mut TcpStream, until: Instant) -> bool {
    let mut buf = [0u8; 4096];
    while Instant::now() < until {
        match conn.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
    }
    false
}

fn a_connection_that_trickles_its_headers_is_closed(backend: Backend) {
    let server = TestServer::start_with_on(
        ServerConfig {
            header_read_timeout: Duration::from_millis(300),
            idle_timeout: Duration::from_secs(60),
            ..test_config()
        },
        backend,
    );
    let mut conn = TcpStream::connect(server.addr()).expect("connect");
    conn.set_read_timeout(Some(Duration::from_millis(50)))
        .expect("timeout");
    conn.write_all(b"GET / HTTP/1.1\r\nhost: x\r\n")
        .expect("write");
    // One header line every 100 ms: never idle, never complete.
    let give_up = Instant::now() + Duration::from_secs(20);
    let mut closed = false;
    while Instant::now() < give_up {
        if conn.write_all(b"x-slow: 1\r\n").is_err() {
            closed = true;
            break;
        }
        if closed_by(&mut conn, Instant::now() + Duration::from_millis(100)) {
            closed = true;
            break;
        }
    }
    assert!(closed, "the server kept a trickling connection open");
}

fn a_connection_that_sends_nothing_or_stays_idle_after_a_request_is_closed(backend: Backend) {
    let server = TestServer::start_with_on(
        ServerConfig {
            header_read_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_millis(300),
            ..test_config()
        },
        backend,
    );
    let mut silent = TcpStream::connect(server.addr()).expect("connect");
    silent
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("timeout");
    assert!(
        closed_by(&mut silent, Instant::now() + Duration::from_secs(20)),
        "a connection that never sent a byte stayed open"
    );

    let mut keep_alive = TcpStream::connect(server.addr()).expect("connect");
    keep_alive
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("timeout");
    write!(
        keep_alive,
        "GET {} HTTP/1.1\r\nhost: x\r\n\r\n",
        paths::HEALTH
    )
    .expect("write");
    let mut first = [0u8; 12];
    keep_alive
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    keep_alive.read_exact(&mut first).expect("an answer");
    assert_eq!(&first, b"HTTP/1.1 200");
    keep_alive
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("timeout");
    assert!(
        closed_by(&mut keep_alive, Instant::now() + Duration::from_secs(20)),
        "an idle keep-alive connection stayed open"
    );
    // The server goes on serving.
    assert_eq!(get(&server, paths::HEALTH, &[]).status, 200);
}

fn a_formula_after_a_tab_in_a_center_name_is_defused_in_the_statistics_csv(backend: Backend) {
    let server = TestServer::start_on(backend);
    let mut kiosk = TestKiosk::new();
    let center = "\t=HYPERLINK(\"http://evil.example\",\"통계\")";
    kiosk.enroll(&server.url(), &server.enroll_code("영양군", center));
    baeumteo_tests::add_history(&mut kiosk, 3, 5, 7);
    kiosk.sync_until_done(&test_sync_options(200, None), 10);
    let csv = get(&server, "/statistics.csv?by=center", &[]);
    assert_eq!(csv.status, 200);
    assert!(
        csv.text.contains("HYPERLINK"),
        "the row is there: {}",
        csv.text
    );
    assert!(
        csv.text.contains("\"'\t=HYPERLINK("),
        "the cell starts with an apostrophe: {}",
        csv.text
    );
    assert!(!csv.text.contains(",\"\t=HYPERLINK("));
}

on_every_backend!(
    the_fleet_page_needs_a_sign_in_from_another_machine_or_through_a_proxy,
    a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored,
    logout_revokes_the_session_on_the_server,
    revoking_an_admin_token_ends_its_sessions,
    the_session_cookie_is_not_the_admin_token_and_expires_in_eight_hours,
    the_cookie_is_secure_when_a_trusted_proxy_says_https_or_the_config_says_so,
    every_page_sends_the_security_headers,
    sign_in_returns_only_to_a_path_of_this_server,
    eleven_sign_ins_in_a_minute_get_429_with_retry_after_and_another_address_is_not_slowed,
    certificate_checks_are_throttled_per_address,
    junk_enrollments_from_one_address_do_not_block_a_kiosk_elsewhere,
    an_address_that_guesses_device_tokens_is_refused_before_the_lookup_and_others_are_not,
    a_connection_that_trickles_its_headers_is_closed,
    a_connection_that_sends_nothing_or_stays_idle_after_a_request_is_closed,
    a_formula_after_a_tab_in_a_center_name_is_defused_in_the_statistics_csv,
);
