//! Token buckets: per kiosk for synced kiosks (many kiosks share one NAT, so not per
//! address), per client address for what anyone can try (sign-in, enrollment, /verify,
//! unknown device tokens).

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimiter<K> {
    per_second: f64,
    burst: f64,
    buckets: Mutex<Buckets<K>>,
}

#[derive(Debug)]
struct Buckets<K> {
    map: HashMap<K, (f64, Instant)>,
    last_prune: Option<Instant>,
}

impl<K: Eq + Hash> RateLimiter<K> {
    pub fn new(per_minute: u32, burst: u32) -> Self {
        RateLimiter {
            per_second: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(Buckets {
                map: HashMap::new(),
                last_prune: None,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Buckets<K>> {
        self.buckets.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The tokens of a bucket last touched at `last` with `tokens`, refilled up to `now`.
    fn refilled(&self, tokens: f64, last: Instant, now: Instant) -> f64 {
        let elapsed = now.saturating_duration_since(last).as_secs_f64();
        (tokens + elapsed * self.per_second).min(self.burst)
    }

    fn wait_for_one(&self, tokens: f64) -> Duration {
        if self.per_second > 0.0 {
            Duration::from_secs_f64((1.0 - tokens) / self.per_second)
        } else {
            Duration::from_secs(3600)
        }
    }

    /// Takes one token for `key`; on refusal, how long until one is available.
    pub fn check(&self, key: K, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.lock();
        self.prune(&mut buckets, now);
        let (tokens, last) = buckets.map.entry(key).or_insert((self.burst, now));
        *tokens = self.refilled(*tokens, *last, now);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(self.wait_for_one(*tokens))
        }
    }

    /// Takes `n` tokens at once (a batch of `n` events), when the bucket holds them; a
    /// batch larger than the whole bucket takes it all once it is full, so it is slowed,
    /// never refused for good. On refusal, how long until enough are available.
    pub fn check_n(&self, key: K, n: u32, now: Instant) -> Result<(), Duration> {
        let need = f64::from(n.max(1)).min(self.burst);
        let mut buckets = self.lock();
        self.prune(&mut buckets, now);
        let (tokens, last) = buckets.map.entry(key).or_insert((self.burst, now));
        *tokens = self.refilled(*tokens, *last, now);
        *last = now;
        if *tokens >= need {
            *tokens -= need;
            Ok(())
        } else if self.per_second > 0.0 {
            Err(Duration::from_secs_f64((need - *tokens) / self.per_second))
        } else {
            Err(Duration::from_secs(3600))
        }
    }

    /// Whether `key` has a token left, without taking it (a key never seen has).
    pub fn peek(&self, key: &K, now: Instant) -> Result<(), Duration> {
        let buckets = self.lock();
        match buckets.map.get(key) {
            Some(&(tokens, last)) => {
                let tokens = self.refilled(tokens, last, now);
                if tokens >= 1.0 {
                    Ok(())
                } else {
                    Err(self.wait_for_one(tokens))
                }
            }
            None => Ok(()),
        }
    }

    /// How many keys are remembered (for tests of the pruning).
    pub fn len(&self) -> usize {
        self.lock().map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets the buckets that have refilled completely: a full bucket is the same as
    /// none, so many addresses trying once each cannot make the map grow without bound.
    /// Runs at most once per refill time, so its cost is spread over many requests.
    fn prune(&self, buckets: &mut Buckets<K>, now: Instant) {
        if self.per_second <= 0.0 {
            return;
        }
        let refill = Duration::from_secs_f64(self.burst / self.per_second);
        match buckets.last_prune {
            Some(at) if now.saturating_duration_since(at) < refill => return,
            _ => {}
        }
        buckets.last_prune = Some(now);
        let before = buckets.map.len();
        buckets
            .map
            .retain(|_, &mut (tokens, last)| self.refilled(tokens, last, now) < self.burst);
        let pruned = before - buckets.map.len();
        if pruned > 0 {
            tracing::debug!(pruned, left = buckets.map.len(), "rate limiter pruned");
        }
    }
}

/// The key of a client address: IPv4 as is, IPv6 by its /64 (one subscriber usually
/// holds a whole /64, so keying on single addresses would let one caller rotate freely).
pub fn address_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_takes_its_events_and_one_larger_than_the_bucket_waits_for_a_full_one() {
        let limiter = RateLimiter::new(60, 100);
        let t = Instant::now();
        assert!(limiter.check_n("k", 80, t).is_ok());
        let wait = limiter.check_n("k", 30, t).unwrap_err();
        assert_eq!(wait, Duration::from_secs(10));
        assert!(
            limiter
                .check_n("k", 30, t + Duration::from_secs(10))
                .is_ok()
        );
        // Larger than the bucket: slowed until it is full, never refused for good.
        assert!(
            limiter
                .check_n("k", 500, t + Duration::from_secs(20))
                .is_err()
        );
        assert!(
            limiter
                .check_n("k", 500, t + Duration::from_secs(200))
                .is_ok()
        );
        assert!(limiter.check_n("other", 100, t).is_ok());
    }

    #[test]
    fn a_kiosk_gets_its_burst_then_waits_while_others_are_unaffected() {
        let limiter = RateLimiter::new(60, 3);
        let t = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check("a", t).is_ok());
        }
        let wait = limiter.check("a", t).unwrap_err();
        assert!(wait <= Duration::from_secs(1));
        assert!(limiter.check("b", t).is_ok());
        assert!(limiter.check("a", t + Duration::from_secs(1)).is_ok());
    }

    #[test]
    fn many_addresses_trying_once_are_forgotten_once_their_buckets_refill() {
        let limiter = RateLimiter::new(10, 10);
        let t = Instant::now();
        for i in 0..10_000u32 {
            assert!(limiter.check(i, t).is_ok());
        }
        assert_eq!(limiter.len(), 10_000);
        // One minute later every bucket is full again: the next call forgets them all
        // but its own.
        assert!(limiter.check(1, t + Duration::from_secs(61)).is_ok());
        assert_eq!(limiter.len(), 1);
    }

    #[test]
    fn peeking_takes_nothing_and_an_exhausted_key_stays_refused_until_it_refills() {
        let limiter = RateLimiter::new(60, 2);
        let t = Instant::now();
        assert!(limiter.peek(&"a", t).is_ok());
        assert!(limiter.peek(&"a", t).is_ok());
        limiter.check("a", t).unwrap();
        limiter.check("a", t).unwrap();
        assert!(limiter.peek(&"a", t).is_err());
        assert!(limiter.peek(&"b", t).is_ok());
        assert!(limiter.peek(&"a", t + Duration::from_secs(1)).is_ok());
    }

    #[test]
    fn ipv6_addresses_of_one_subscriber_share_a_key() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_key(a), address_key(b));
        assert_ne!(address_key(a), address_key(c));
        let mapped: IpAddr = "::ffff:203.0.113.7".parse().unwrap();
        assert_eq!(
            address_key(mapped),
            "203.0.113.7".parse::<IpAddr>().unwrap()
        );
    }
}
