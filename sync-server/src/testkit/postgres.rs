//! A real, throwaway PostgreSQL for tests: one cluster per test binary, started on first
//! use in a temporary folder (`initdb`, then `postgres` on a free port of 127.0.0.1),
//! and one fresh database per test, so tests run in parallel and never see each other's
//! rows. No mock: the tests that name `postgres` are a required part of the suite, and
//! when the cluster cannot start they fail saying why.
//!
//! The server refuses to run as root, and CI runs as root: then the cluster runs as
//! `nobody` (the folder is handed to it). Statics are never dropped, so the cluster is
//! stopped by a small watchdog shell started with it: when the test process is gone
//! (finished, panicked, killed) it stops the postmaster and removes the folder.

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

struct Cluster {
    port: u16,
    /// The certificate authority of the server's TLS certificate (for 127.0.0.1), or
    /// why there is none.
    ca: Result<PathBuf, String>,
    /// Serialises CREATE DATABASE (each copies template1, which must be idle).
    admin: Mutex<postgres::Client>,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
/// Whether the cluster keeps PostgreSQL's durability settings (for benchmarks).
static DURABLE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A fresh, empty database of the test cluster; dropped (with its connections) when
/// this goes out of scope. Declare it before the store that uses it.
pub struct TestDatabase {
    pub url: String,
    name: String,
}

impl TestDatabase {
    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The URL of this database over TLS (required), and the CA file to verify the
    /// server's certificate with.
    pub fn tls(&self) -> Result<(String, PathBuf), String> {
        let ca = match CLUSTER.get() {
            Some(Ok(cluster)) => cluster.ca.clone()?,
            _ => return Err("no cluster".into()),
        };
        Ok((self.url.replace("sslmode=disable", "sslmode=require"), ca))
    }

    /// Whether any row of any table of this database holds `needle` in its text form
    /// (for tests that prove a secret is stored only hashed).
    pub fn contains_text(&self, needle: &str) -> Result<bool, String> {
        let mut client =
            postgres::Client::connect(&self.url, postgres::NoTls).map_err(|e| e.to_string())?;
        let tables = client
            .query(
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'",
                &[],
            )
            .map_err(|e| e.to_string())?;
        for table in tables {
            let table: String = table.get(0);
            let found: bool = client
                .query_one(
                    &format!(
                        "SELECT EXISTS (SELECT 1 FROM {table} t WHERE strpos(t::text, $1) > 0)"
                    ),
                    &[&needle],
                )
                .map_err(|e| e.to_string())?
                .get(0);
            if found {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Runs statements on this database as its owner (for tests that damage a store).
    pub fn execute(&self, sql: &str) -> Result<(), String> {
        let mut client =
            postgres::Client::connect(&self.url, postgres::NoTls).map_err(|e| e.to_string())?;
        client.batch_execute(sql).map_err(|e| e.to_string())
    }

    /// The URL of this database for another role of the cluster.
    pub fn url_as(&self, role: &str) -> String {
        self.url.replacen("postgres@", &format!("{role}@"), 1)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(Ok(cluster)) = CLUSTER.get() {
            let mut admin = cluster.admin.lock().unwrap_or_else(|p| p.into_inner());
            // The name is ours (`test_N_PID`), never from outside.
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// A new database in a cluster with PostgreSQL's default durability (fsync, synchronous
/// commit), for benchmarks; the first call of this or `database` starts the cluster.
pub fn durable_database() -> TestDatabase {
    DURABLE.store(true, Ordering::SeqCst);
    database()
}

/// A new database in the shared test cluster. Panics, with the reason, when no cluster
/// can be started: PostgreSQL is required by the suite (`scripts/setup` installs it).
pub fn database() -> TestDatabase {
    let cluster = match CLUSTER.get_or_init(start) {
        Ok(c) => c,
        Err(why) => panic!(
            "cannot start the test PostgreSQL cluster: {why}\n\
             (install Debian's `postgresql`: run `bash scripts/setup`)"
        ),
    };
    let name = format!(
        "test_{}_{}",
        NEXT.fetch_add(1, Ordering::Relaxed),
        std::process::id()
    );
    let mut admin = cluster.admin.lock().unwrap_or_else(|p| p.into_inner());
    if let Err(e) = admin.batch_execute(&format!("CREATE DATABASE {name}")) {
        panic!("cannot create test database {name}: {e}");
    }
    // Plain connections: the cluster's certificate is signed by a CA only the TLS test
    // trusts (with `prefer`, every other test would fail to verify it).
    TestDatabase {
        url: format!(
            "postgres://postgres@127.0.0.1:{}/{name}?sslmode=disable",
            cluster.port
        ),
        name,
    }
}

/// The newest installed server's programs (Debian keeps them out of PATH).
fn bin_dir() -> Result<PathBuf, String> {
    if let Ok(dir) = std::env::var("BAEUMTEO_PG_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|e| format!("no /usr/lib/postgresql ({e})"))?
        .filter_map(|d| {
            let d = d.ok()?;
            let version: u32 = d.file_name().to_str()?.parse().ok()?;
            let bin = d.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, bin)| bin)
        .ok_or_else(|| "no initdb under /usr/lib/postgresql/*/bin".into())
}

/// The user and group to run the server as: ourselves, or `nobody` when we are root.
fn run_as() -> Result<Option<(u32, u32)>, String> {
    let me = std::fs::metadata("/proc/self")
        .map_err(|e| format!("cannot tell who runs the tests: {e}"))?
        .uid();
    if me != 0 {
        return Ok(None);
    }
    let passwd = std::fs::read_to_string("/etc/passwd").map_err(|e| e.to_string())?;
    passwd
        .lines()
        .find_map(|line| {
            let f: Vec<&str> = line.split(':').collect();
            (f.first() == Some(&"nobody"))
                .then(|| Some((f.get(2)?.parse().ok()?, f.get(3)?.parse().ok()?)))?
        })
        .map(Some)
        .ok_or_else(|| "running as root and no `nobody` user to run PostgreSQL as".into())
}

fn command(program: &Path, user: Option<(u32, u32)>) -> Command {
    let mut c = Command::new(program);
    if let Some((uid, gid)) = user {
        c.uid(uid).gid(gid);
    }
    c.stdin(Stdio::null());
    c
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

fn start() -> Result<Cluster, String> {
    let bin = bin_dir()?;
    let user = run_as()?;
    let dir = std::env::temp_dir().join(format!(
        "baeumteo-pg-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(&dir, Some(uid), Some(gid))
            .map_err(|e| format!("cannot hand {} to nobody: {e}", dir.display()))?;
    }
    let started = start_in(&bin, user, &dir);
    if started.is_err() {
        // No watchdog was left to do it: the folder goes now.
        let _ = std::fs::remove_dir_all(&dir);
    }
    started
}

fn start_in(bin: &Path, user: Option<(u32, u32)>, dir: &Path) -> Result<Cluster, String> {
    let data = dir.join("data");
    let out = command(&bin.join("initdb"), user)
        .args([
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
            "-D",
        ])
        .arg(&data)
        .output()
        .map_err(|e| format!("cannot run initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let tls = make_certificates(dir, user);
    // A port may be taken between finding it free and binding it: try a few.
    let mut last = String::new();
    for _ in 0..5 {
        let port = free_port()?;
        match start_server(bin, user, dir, &data, port, &tls) {
            Ok(cluster) => return Ok(cluster),
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn start_server(
    bin: &Path,
    user: Option<(u32, u32)>,
    dir: &Path,
    data: &Path,
    port: u16,
    tls: &Result<PathBuf, String>,
) -> Result<Cluster, String> {
    let log_path = dir.join(format!("server-{port}.log"));
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    if let Some((uid, gid)) = user {
        let _ = std::os::unix::fs::chown(&log_path, Some(uid), Some(gid));
    }
    let log2 = log.try_clone().map_err(|e| e.to_string())?;
    // Durability is not what tests check: no fsync makes creating databases and
    // committing fast on a shared 2-core machine.
    let fast: &[&str] = if DURABLE.load(Ordering::SeqCst) {
        &[]
    } else {
        &[
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
        ]
    };
    let mut child = command(&bin.join("postgres"), user)
        .arg("-D")
        .arg(data)
        .args(["-p", &port.to_string(), "-k"])
        .arg(dir)
        .args([
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "max_connections=300",
            "-c",
            "shared_buffers=128MB",
        ])
        .args(fast)
        .args(match tls {
            Ok(_) => vec![
                "-c".to_string(),
                "ssl=on".into(),
                "-c".into(),
                format!("ssl_cert_file={}", dir.join("server.crt").display()),
                "-c".into(),
                format!("ssl_key_file={}", dir.join("server.key").display()),
            ],
            Err(_) => vec![],
        })
        .stdout(log)
        .stderr(log2)
        .spawn()
        .map_err(|e| format!("cannot run postgres: {e}"))?;
    watch(child.id(), dir);
    let url = format!("host=127.0.0.1 port={port} user=postgres dbname=postgres");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match postgres::Client::connect(&url, postgres::NoTls) {
            Ok(admin) => {
                return Ok(Cluster {
                    port,
                    ca: tls.clone(),
                    admin: Mutex::new(admin),
                });
            }
            Err(e) => {
                if let Ok(Some(status)) = child.try_wait() {
                    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                    return Err(format!("postgres exited ({status}): {}", log.trim()));
                }
                if Instant::now() > deadline {
                    let _ = child.kill();
                    return Err(format!("postgres did not accept connections in time: {e}"));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

/// A certificate authority and a server certificate for 127.0.0.1 signed by it, made
/// with `openssl` (installed with PostgreSQL on Debian); returns the CA's file.
fn make_certificates(dir: &Path, user: Option<(u32, u32)>) -> Result<PathBuf, String> {
    let run = |args: &[&str]| -> Result<(), String> {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run openssl: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "openssl {}: {}",
                args.first().unwrap_or(&""),
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    run(&[
        &["req", "-x509"][..],
        &ec[..],
        &[
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-subj",
            "/CN=baeumteo test CA",
            "-days",
            "2",
        ][..],
    ]
    .concat())?;
    run(&[
        &["req"][..],
        &ec[..],
        &[
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=127.0.0.1",
        ][..],
    ]
    .concat())?;
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .map_err(|e| e.to_string())?;
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "server.ext",
    ])?;
    // The server reads its key only when it alone may.
    let key = dir.join("server.key");
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(&key, Some(uid), Some(gid)).map_err(|e| e.to_string())?;
    }
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .map_err(|e| e.to_string())?;
    Ok(dir.join("ca.crt"))
}

/// Stops the server and removes its folder once this process is gone, however it ends.
fn watch(server_pid: u32, dir: &Path) {
    let script = format!(
        "while kill -0 {me} 2>/dev/null; do sleep 1; done; \
         kill -INT {server_pid} 2>/dev/null; \
         for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 {server_pid} 2>/dev/null || break; sleep 1; done; \
         kill -KILL {server_pid} 2>/dev/null; rm -rf '{dir}'",
        me = std::process::id(),
        dir = dir.display(),
    );
    // Its output goes nowhere: a test runner reading our pipes must not wait for it.
    let _ = Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn();
}
