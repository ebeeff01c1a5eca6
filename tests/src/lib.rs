//! Shared pieces of the end-to-end tests (in `tests/tests/`): a real sync server on
//! 127.0.0.1:0 in-process, real kiosk stores, and a fault-injecting TCP proxy that sits
//! between them and cuts, delays and stalls connections, reproducibly from a seed.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use baeumteo_core::event::Event;
use baeumteo_core::wire::CenterInfo;
use chrono::{NaiveDate, Utc};
use kiosk::simulate::{CourseShape, SimPlan, StepShape, simulate};
use kiosk::store::Store;
use kiosk::sync::{SyncFailure, SyncOptions, enroll, sync_once};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sync_server::ServerConfig;
use sync_server::background::BackgroundServer;
use sync_server::db::Location;
use sync_server::secrets::{enroll_code_hash, new_enroll_code};
use sync_server::testkit::postgres::TestDatabase;

/// Limits for tests: generous rates (many kiosks, many retries), short deadlines.
pub fn test_config() -> ServerConfig {
    ServerConfig {
        max_body_bytes: 256 * 1024,
        request_timeout: Duration::from_secs(3),
        kiosk_requests_per_minute: 1_000_000,
        kiosk_burst: 1_000_000,
        enroll_per_minute: 1_000_000,
        ..ServerConfig::default()
    }
}

/// Which store a test server runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The SQLite store in the server's data folder.
    Sqlite,
    /// A fresh database of the test binary's PostgreSQL cluster
    /// (`sync_server::testkit::postgres`).
    Postgres,
}

/// A test run once per backend: `sqlite::NAME` and `postgres::NAME`, each calling the
/// function `NAME(Backend)` of the enclosing module.
#[macro_export]
macro_rules! on_every_backend {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                super::$name($crate::Backend::Sqlite)
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                super::$name($crate::Backend::Postgres)
            })*
        }
    };
}

/// A sync server with its data folder (and its PostgreSQL database, if on one).
pub struct TestServer {
    // Dropped in this order: the server first, then the database it used.
    pub server: Option<BackgroundServer>,
    pub dir: tempfile::TempDir,
    /// Where the store is, for `sync_server::commands`.
    pub store: Location,
    _database: Option<TestDatabase>,
}

impl TestServer {
    pub fn start() -> TestServer {
        Self::start_with(test_config())
    }

    pub fn start_with(config: ServerConfig) -> TestServer {
        Self::start_with_on(config, Backend::Sqlite)
    }

    pub fn start_on(backend: Backend) -> TestServer {
        Self::start_with_on(test_config(), backend)
    }

    pub fn start_with_on(config: ServerConfig, backend: Backend) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let (store, database) = match backend {
            Backend::Sqlite => (Location::Sqlite(dir.path().to_path_buf()), None),
            Backend::Postgres => {
                let db = sync_server::testkit::postgres::database();
                (Location::postgres(db.url.clone()), Some(db))
            }
        };
        let server = BackgroundServer::start_on(&store, "127.0.0.1:0".parse().unwrap(), config)
            .expect("server starts");
        TestServer {
            server: Some(server),
            dir,
            store,
            _database: database,
        }
    }

    /// A server on a store that already exists (a database filled by `migrate`).
    pub fn start_on_location(store: Location) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let server =
            BackgroundServer::start_on(&store, "127.0.0.1:0".parse().unwrap(), test_config())
                .expect("server starts");
        TestServer {
            server: Some(server),
            dir,
            store,
            _database: None,
        }
    }

    pub fn running(&self) -> &BackgroundServer {
        self.server.as_ref().expect("server running")
    }

    pub fn addr(&self) -> SocketAddr {
        self.running().addr
    }

    pub fn url(&self) -> String {
        self.running().url()
    }

    /// Stops the server at once, as a crash would, and starts it again on the same data
    /// (on a new port; point the proxy at it).
    pub fn restart(&mut self) {
        if let Some(s) = self.server.take() {
            s.stop();
        }
        self.server = Some(
            BackgroundServer::start_on(&self.store, "127.0.0.1:0".parse().unwrap(), test_config())
                .expect("server restarts"),
        );
    }

    /// What `sync-server enroll-code` does.
    pub fn enroll_code(&self, county: &str, center_name: &str) -> String {
        let code = new_enroll_code();
        let now = Utc::now();
        self.running()
            .db
            .create_enroll_code(
                &enroll_code_hash(&code),
                &CenterInfo {
                    center_name: center_name.into(),
                    county: county.into(),
                    township: "입암면".into(),
                },
                now,
                now + chrono::Duration::days(7),
            )
            .expect("code stored");
        code
    }

    /// Whether the server's store holds `needle` anywhere in the clear: in a file of
    /// its data folder, or in any row of its PostgreSQL database.
    pub fn stores_in_the_clear(&self, needle: &str) -> bool {
        if let Some(db) = &self._database {
            return db.contains_text(needle).expect("database readable");
        }
        std::fs::read_dir(self.dir.path())
            .expect("data dir")
            .any(|entry| {
                let bytes = std::fs::read(entry.expect("entry").path()).unwrap_or_default();
                bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
            })
    }

    pub fn kiosk_events(&self, kiosk: &Store) -> Vec<Event> {
        self.running()
            .db
            .kiosk_events(kiosk.kiosk_id())
            .expect("server events")
    }
}

/// A kiosk's store in its own folder.
pub struct TestKiosk {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl TestKiosk {
    pub fn new() -> TestKiosk {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_in(dir.path()).expect("store opens");
        TestKiosk { dir, store }
    }

    /// A kiosk whose store skips fsync: for tests of the protocol under network faults
    /// (power cuts are not what they simulate), where thousands of fsyncs would only
    /// make CI slow.
    pub fn without_fsync() -> TestKiosk {
        let kiosk = TestKiosk::new();
        kiosk
            .store
            .conn()
            .pragma_update(None, "synchronous", "OFF")
            .expect("pragma");
        kiosk
    }

    pub fn courses_dir(&self) -> PathBuf {
        self.dir.path().join("courses")
    }

    /// Enrolls, retrying while the way is faulty.
    pub fn enroll(&mut self, url: &str, code: &str) {
        for _ in 0..100 {
            match enroll(
                &mut self.store,
                url,
                code,
                false,
                Duration::from_millis(300),
                false,
            ) {
                Ok(_) => return,
                Err(f) if f.is_transient() => continue,
                Err(f) => panic!("enrollment failed: {f}"),
            }
        }
        panic!("enrollment did not get through in 100 tries");
    }

    /// Syncs until an attempt finishes cleanly with nothing waiting; returns the number
    /// of attempts.
    pub fn sync_until_done(&mut self, options: &SyncOptions, max_attempts: u32) -> u32 {
        let mut last = None;
        for attempt in 1..=max_attempts {
            match sync_once(&mut self.store, options) {
                Ok(_) if self.store.events_waiting().expect("store") == 0 => return attempt,
                Ok(_) => {}
                Err(f) if f.is_transient() => last = Some(f),
                Err(f) => panic!("sync failed for good on attempt {attempt}: {f}"),
            }
        }
        panic!("sync did not finish in {max_attempts} attempts; last failure: {last:?}");
    }

    /// This kiosk's own events, in seq order.
    pub fn own_events(&self) -> Vec<Event> {
        self.store.events_after(0, usize::MAX >> 1).expect("events")
    }
}

impl Default for TestKiosk {
    fn default() -> Self {
        Self::new()
    }
}

/// Sync options for tests: short deadlines, small batches.
pub fn test_sync_options(push_batch: usize, courses_dir: Option<PathBuf>) -> SyncOptions {
    SyncOptions {
        push_batch,
        pull_limit: 7,
        timeout: Duration::from_millis(300),
        courses_dir,
        ..SyncOptions::default()
    }
}

/// Course shapes for generated histories (the simulator only needs ids and quizzes).
pub fn sample_shapes() -> Vec<CourseShape> {
    let steps = |n: usize| {
        (0..n)
            .map(|i| StepShape {
                step_id: format!("s{i}"),
                quiz: (i + 1 == n).then_some((3, 1)),
            })
            .collect::<Vec<_>>()
    };
    vec![
        CourseShape {
            course_id: "smartphone-basics".into(),
            lessons: vec![("touch".into(), steps(4)), ("call".into(), steps(5))],
        },
        CourseShape {
            course_id: "kiosk-order".into(),
            lessons: vec![("menu".into(), steps(3)), ("pay".into(), steps(4))],
        },
    ]
}

/// Appends a generated activity history to a kiosk.
pub fn add_history(kiosk: &mut TestKiosk, learners: u32, days: u32, seed: u64) -> usize {
    let plan = SimPlan {
        learners,
        days,
        seed,
        until: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
    };
    let history = simulate(&plan, &sample_shapes(), "입암면");
    let n = history.len();
    kiosk.store.append_many(history).expect("history appended");
    n
}

/// Whether a failure is one the fault proxy may cause (and a retry will get past).
pub fn is_fault_failure(f: &SyncFailure) -> bool {
    f.is_transient()
}

/// What the proxy does to one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Pass,
    /// Close both sides after this many request bytes.
    CutRequest(usize),
    /// Close both sides after this many response bytes.
    CutResponse(usize),
    /// Forward everything, pausing before each chunk.
    Delay(Duration),
    /// After this many request bytes, forward nothing for a while, then close.
    StallRequest(usize, Duration),
    /// After this many response bytes, forward nothing for a while, then close.
    StallResponse(usize, Duration),
}

impl Fault {
    /// A fault for connection `n` of a seed: about half the connections pass untouched.
    pub fn pick(seed: u64, n: u64, stall: Duration) -> Fault {
        let mut rng = StdRng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ n);
        match rng.random_range(0..100) {
            0..50 => Fault::Pass,
            50..67 => Fault::CutRequest(rng.random_range(0..1500)),
            67..84 => Fault::CutResponse(rng.random_range(0..1200)),
            84..94 => Fault::Delay(Duration::from_millis(rng.random_range(1..5))),
            94..97 => Fault::StallRequest(rng.random_range(0..1500), stall),
            _ => Fault::StallResponse(rng.random_range(0..1200), stall),
        }
    }
}

/// A TCP proxy in front of the server that injects [`Fault`]s chosen from a seed, one per
/// connection, in connection order.
pub struct FaultProxy {
    pub addr: SocketAddr,
    /// Connections go to these in turn (one: a plain proxy; more: a load balancer).
    upstream: Arc<Mutex<Vec<SocketAddr>>>,
    enabled: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    pub connections: Arc<AtomicU64>,
    /// Connections that got a fault other than `Pass`.
    pub faulted: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl FaultProxy {
    pub fn start(upstream: SocketAddr, seed: u64, stall: Duration) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("proxy binds");
        let addr = listener.local_addr().expect("proxy addr");
        let upstream = Arc::new(Mutex::new(vec![upstream]));
        let enabled = Arc::new(AtomicBool::new(true));
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(AtomicU64::new(0));
        let faulted = Arc::new(AtomicU64::new(0));
        let thread = {
            let (upstream, enabled, stop, connections, faulted) = (
                upstream.clone(),
                enabled.clone(),
                stop.clone(),
                connections.clone(),
                faulted.clone(),
            );
            std::thread::spawn(move || {
                for client in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(client) = client else { continue };
                    let n = connections.fetch_add(1, Ordering::SeqCst);
                    let fault = if enabled.load(Ordering::SeqCst) {
                        Fault::pick(seed, n, stall)
                    } else {
                        Fault::Pass
                    };
                    if fault != Fault::Pass {
                        faulted.fetch_add(1, Ordering::SeqCst);
                    }
                    let to = {
                        let all = upstream.lock().unwrap_or_else(|p| p.into_inner());
                        all[n as usize % all.len()]
                    };
                    std::thread::spawn(move || relay(client, to, fault));
                }
            })
        };
        FaultProxy {
            addr,
            upstream,
            enabled,
            stop,
            connections,
            faulted,
            thread: Some(thread),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set_upstream(&self, addr: SocketAddr) {
        *self.upstream.lock().unwrap_or_else(|p| p.into_inner()) = vec![addr];
    }

    /// Sends new connections to each of `addrs` in turn, as a round-robin load balancer
    /// in front of several servers would.
    pub fn set_upstreams(&self, addrs: &[SocketAddr]) {
        if !addrs.is_empty() {
            *self.upstream.lock().unwrap_or_else(|p| p.into_inner()) = addrs.to_vec();
        }
    }

    /// Turns fault injection on or off for new connections.
    pub fn set_faults(&self, on: bool) {
        self.enabled.store(on, Ordering::SeqCst);
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[derive(Clone, Copy)]
enum OnBudget {
    Cut,
    Stall(Duration),
}

fn relay(client: TcpStream, upstream: SocketAddr, fault: Fault) {
    let Ok(server) = TcpStream::connect(upstream) else {
        let _ = client.shutdown(Shutdown::Both);
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (Ok(client2), Ok(server2)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let (up, down) = match fault {
        Fault::Pass => ((None, OnBudget::Cut, None), (None, OnBudget::Cut, None)),
        Fault::CutRequest(n) => ((Some(n), OnBudget::Cut, None), (None, OnBudget::Cut, None)),
        Fault::CutResponse(n) => ((None, OnBudget::Cut, None), (Some(n), OnBudget::Cut, None)),
        Fault::Delay(d) => (
            (None, OnBudget::Cut, Some(d)),
            (None, OnBudget::Cut, Some(d)),
        ),
        Fault::StallRequest(n, d) => (
            (Some(n), OnBudget::Stall(d), None),
            (None, OnBudget::Cut, None),
        ),
        Fault::StallResponse(n, d) => (
            (None, OnBudget::Cut, None),
            (Some(n), OnBudget::Stall(d), None),
        ),
    };
    let upward = std::thread::spawn(move || pump(client, server, up));
    pump(server2, client2, down);
    let _ = upward.join();
}

/// Copies `from` to `to` until EOF, or until `budget` bytes have passed, then cuts or
/// stalls-then-cuts both connections.
fn pump(
    mut from: TcpStream,
    mut to: TcpStream,
    (budget, on_budget, delay): (Option<usize>, OnBudget, Option<Duration>),
) {
    let mut left = budget;
    let mut buf = [0u8; 4096];
    let cut = |from: &TcpStream, to: &TcpStream| {
        let _ = from.shutdown(Shutdown::Both);
        let _ = to.shutdown(Shutdown::Both);
    };
    loop {
        if left == Some(0) {
            if let OnBudget::Stall(d) = on_budget {
                std::thread::sleep(d);
            }
            cut(&from, &to);
            return;
        }
        let want = left.map_or(buf.len(), |l| l.min(buf.len()));
        let n = match from.read(&mut buf[..want]) {
            Ok(0) => {
                let _ = to.shutdown(Shutdown::Write);
                return;
            }
            Ok(n) => n,
            Err(_) => {
                cut(&from, &to);
                return;
            }
        };
        if let Some(d) = delay {
            std::thread::sleep(d);
        }
        if to.write_all(&buf[..n]).is_err() {
            cut(&from, &to);
            return;
        }
        if let Some(l) = left.as_mut() {
            *l -= n;
        }
    }
}
