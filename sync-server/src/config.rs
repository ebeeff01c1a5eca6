//! Limits and settings of a running server. Defaults suit a county's few dozen kiosks;
//! tests shrink the timeouts.

use std::net::IpAddr;
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
    /// Per-kiosk token bucket of events pushed and changes pulled: what costs the server
    /// work. The burst lets a month (or a year) offline through in one sync; a runaway
    /// kiosk is slowed to the sustained rate.
    pub kiosk_events_per_minute: u32,
    pub kiosk_event_burst: u32,
    /// Enrollment attempts per minute from one client address (the codes are guessable
    /// only by brute force, and there is no kiosk yet to key on).
    pub enroll_per_minute: u32,
    /// How long a new enrollment code stays valid.
    pub enroll_code_ttl: chrono::Duration,
    /// Staff sign-in attempts per minute from one client address.
    pub sign_in_per_minute: u32,
    /// `/verify` requests per minute from one client address.
    pub verify_per_minute: u32,
    /// Unknown device tokens one client address may present per minute; beyond that,
    /// every kiosk request from it is refused before its token is even looked up.
    pub bad_tokens_per_minute: u32,
    /// Reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed.
    /// Everyone else's forwarding headers are ignored (anyone can send them).
    pub trusted_proxies: Vec<IpAddr>,
    /// Mark the staff cookie `Secure` whatever the request says (the server is reached
    /// over HTTPS only). Without it, `Secure` is set when a trusted proxy says HTTPS.
    pub cookie_secure: bool,
    /// How long a staff session lasts after sign-in.
    pub staff_session_ttl: chrono::Duration,
    /// A connection must deliver a request's headers within this time (slowloris).
    pub header_read_timeout: Duration,
    /// A connection where nothing moves for this long, with no request being handled,
    /// is closed.
    pub idle_timeout: Duration,
    /// How the county pays its activists' service (rate, monthly cap).
    pub allowance: crate::activists::AllowanceTerms,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body_bytes: 4 * 1024 * 1024,
            request_timeout: Duration::from_secs(60),
            // Requests are up to 2,000 events each; the event bucket is what protects
            // the server.
            kiosk_requests_per_minute: 240,
            kiosk_burst: 120,
            kiosk_events_per_minute: 60_000,
            kiosk_event_burst: 250_000,
            enroll_per_minute: 20,
            enroll_code_ttl: chrono::Duration::days(7),
            sign_in_per_minute: 10,
            verify_per_minute: 30,
            bad_tokens_per_minute: 10,
            trusted_proxies: Vec::new(),
            cookie_secure: false,
            staff_session_ttl: chrono::Duration::hours(8),
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            allowance: crate::activists::AllowanceTerms::default(),
        }
    }
}
