//! The heart of "nothing recorded is ever lost": with a proxy cutting, delaying and
//! stalling connections between kiosk and server, over many seeds, once retries have
//! run the server holds every kiosk event exactly once, and kiosk and server compute
//! the same projections.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use baeumteo_core::projection::Projections;
use baeumteo_tests::{Backend, FaultProxy, TestKiosk, TestServer, add_history, test_sync_options};

const SEEDS: u64 = 200;
const THREADS: usize = 4;

/// Runs one seed; returns how many connections the proxy faulted.
fn run_seed(server: &TestServer, seed: u64) -> Result<u64, String> {
    let proxy = FaultProxy::start(server.addr(), seed, Duration::from_millis(400));
    let mut kiosk = TestKiosk::without_fsync();
    // A few kiosks per county, so pulls carry the others' learners too.
    let code = server.enroll_code(&format!("군 {}", seed / 4), &format!("배움터 {seed}"));
    kiosk.enroll(&proxy.url(), &code);
    // Events recorded before and between sync attempts, the way a day goes.
    let batch = 3 + (seed % 17) as usize;
    let options = test_sync_options(batch, None);
    add_history(
        &mut kiosk,
        1 + (seed % 2) as u32,
        1 + (seed % 3) as u32,
        seed,
    );
    let _ = kiosk::sync::sync_once(&mut kiosk.store, &options);
    add_history(&mut kiosk, 1, 1 + (seed % 2) as u32, seed ^ 0xA5A5);
    kiosk.sync_until_done(&options, 300);

    let on_server = server.kiosk_events(&kiosk.store);
    let on_kiosk = kiosk.own_events();
    if on_server != on_kiosk {
        return Err(format!(
            "seed {seed}: server holds {} events, kiosk {}",
            on_server.len(),
            on_kiosk.len()
        ));
    }
    if Projections::from_events(&on_server) != Projections::from_events(&on_kiosk) {
        return Err(format!("seed {seed}: projections differ"));
    }
    Ok(proxy.faulted.load(Ordering::SeqCst))
}

fn through_cut_delayed_and_stalled_connections_every_event_arrives_exactly_once(backend: Backend) {
    let server = TestServer::start_on(backend);
    let next = AtomicU64::new(0);
    let failures = Mutex::new(Vec::new());
    let faulted = AtomicU64::new(0);
    std::thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                loop {
                    let seed = next.fetch_add(1, Ordering::SeqCst);
                    if seed >= SEEDS {
                        return;
                    }
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        run_seed(&server, seed)
                    }));
                    let failure = match outcome {
                        Ok(Ok(n)) => {
                            faulted.fetch_add(n, Ordering::SeqCst);
                            continue;
                        }
                        Ok(Err(e)) => e,
                        Err(panic) => format!(
                            "seed {seed} panicked: {}",
                            panic
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default()
                        ),
                    };
                    failures.lock().unwrap().push(failure);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} seeds failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The proxy really did get in the way (about half of all connections).
    assert!(
        faulted.load(Ordering::SeqCst) >= SEEDS,
        "too few faults injected"
    );
    // Every kiosk's mark is its last event: nothing waits, nothing is missing.
    for k in server.running().db.kiosks().unwrap() {
        assert_eq!(k.acked_seq, k.events, "kiosk {}", k.kiosk.kiosk_id);
        assert_eq!(k.conflicts, 0);
    }
}

#[test]
fn a_backlog_of_twenty_thousand_events_goes_through_a_cutting_proxy_exactly_once() {
    let server = TestServer::start();
    let mut cut = 0;
    for seed in [11u64, 12, 13] {
        let proxy = FaultProxy::start(server.addr(), seed, Duration::from_millis(400));
        let mut kiosk = TestKiosk::without_fsync();
        let code = server.enroll_code("강진군", &format!("배움터 {seed}"));
        kiosk.enroll(&proxy.url(), &code);
        let mut recorded = 0;
        let mut round = 0;
        while recorded < 20_000 {
            recorded += add_history(&mut kiosk, 20, 30, seed * 100 + round);
            round += 1;
        }
        // Big batches, as a kiosk back online after weeks sends them (the test server
        // takes bodies up to 256 KiB).
        let options = kiosk::sync::SyncOptions {
            push_batch: 2_000,
            push_batch_bytes: 128 * 1024,
            pull_limit: 2_000,
            timeout: Duration::from_secs(5),
            ..test_sync_options(2_000, None)
        };
        kiosk.sync_until_done(&options, 300);
        let on_server = server.kiosk_events(&kiosk.store);
        assert_eq!(on_server.len(), recorded, "seed {seed}");
        assert_eq!(on_server, kiosk.own_events(), "seed {seed}");
        cut += proxy.faulted.load(Ordering::SeqCst);
    }
    assert!(
        cut > 0,
        "the proxy cut, delayed or stalled some connections"
    );
}

// Concurrent pushes from many kiosks through a cutting proxy, on each store.
baeumteo_tests::on_every_backend!(
    through_cut_delayed_and_stalled_connections_every_event_arrives_exactly_once
);
