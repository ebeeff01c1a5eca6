//! The installed server as an operator runs it: the real binary with a configuration
//! file, JSON logs, the health check, a backup while it serves, a restore refused under
//! it, a clean stop on SIGTERM, and a restore afterwards.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn server() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sync-server"))
}

fn run(config: &Path, data: &Path, args: &[&str]) -> Output {
    server()
        .arg("--config")
        .arg(config)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("sync-server runs")
}

fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    answer
}

#[test]
fn an_operator_backs_up_while_serving_and_restores_only_once_the_server_stopped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("sync-server.toml");
    std::fs::write(
        &config,
        "log_format = \"json\"\n[county]\nname = \"영양군\"\n",
    )
    .expect("config");
    let data = dir.path().join("data");
    let mut child = server()
        .arg("--config")
        .arg(&config)
        .arg("--data-dir")
        .arg(&data)
        .args(["--listen", "127.0.0.1:0", "serve"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("server starts");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .expect("log line");
        let json: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        if json["message"] == "sync server listening" {
            break json["addr"].as_str().expect("addr").to_string();
        }
    };
    // Keep reading the log, or the server would block on a full pipe.
    let drain = std::thread::spawn(move || lines.count());

    let health = get(&addr, "/api/health");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains("\"database\":\"ok\""), "{health}");
    assert!(
        health.contains(&format!("\"version\":\"{}\"", env!("CARGO_PKG_VERSION"))),
        "{health}"
    );

    let code = run(&config, &data, &["enroll-code", "--center", "입암 배움터"]);
    assert!(code.status.success(), "{code:?}");
    assert!(
        String::from_utf8_lossy(&code.stdout).contains("영양군"),
        "the county comes from the configuration file: {code:?}"
    );
    let backup = dir.path().join("backup.sqlite3");
    let backup = backup.to_str().expect("utf8");
    let made = run(&config, &data, &["backup", "--out", backup]);
    assert!(made.status.success(), "{made:?}");
    let restore = ["restore", "--from", backup, "--force"];
    let refused = run(&config, &data, &restore);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("is running"),
        "{refused:?}"
    );

    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(term.success());
    assert!(
        child.wait().expect("wait").success(),
        "a clean stop on SIGTERM"
    );
    drain.join().expect("log reader");

    let unforced = run(&config, &data, &restore[..3]);
    assert!(!unforced.status.success());
    assert!(
        String::from_utf8_lossy(&unforced.stderr).contains("--force"),
        "{unforced:?}"
    );
    let restored = run(&config, &data, &restore);
    assert!(restored.status.success(), "{restored:?}");
    assert!(run(&config, &data, &["list-kiosks"]).status.success());
}
