//! Limits and settings of a running server. Defaults suit a county's few dozen kiosks;
//! tests shrink the timeouts.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Largest request body accepted, after gzip decompression.
    pub max_body_bytes: usize,
    /// Whole-request deadline, body reading included (a stalled upload ends here).
    pub request_timeout: Duration,
    /// Per-kiosk token bucket: sustained requests per minute and burst size.
    pub kiosk_requests_per_minute: u32,
    pub kiosk_burst: u32,
    /// Enrollment attempts per minute over all callers (the codes are guessable only by
    /// brute force, and there is no kiosk yet to key on).
    pub enroll_per_minute: u32,
    /// How long a new enrollment code stays valid.
    pub enroll_code_ttl: chrono::Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body_bytes: 4 * 1024 * 1024,
            request_timeout: Duration::from_secs(60),
            kiosk_requests_per_minute: 120,
            kiosk_burst: 60,
            enroll_per_minute: 20,
            enroll_code_ttl: chrono::Duration::days(7),
        }
    }
}
