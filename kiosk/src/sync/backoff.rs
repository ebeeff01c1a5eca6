//! How long to wait after failed attempts: exponential, capped, with jitter so that the
//! kiosks of a county that lost the network together do not all return at once.

use std::time::Duration;

const BASE: Duration = Duration::from_secs(10);
const CAP: Duration = Duration::from_secs(15 * 60);

/// The wait after `failures` failed attempts in a row (1 = the first failure), with
/// `jitter` in [0, 1): between half and all of `min(CAP, BASE·2^(failures-1))`.
pub fn backoff_delay(failures: u32, jitter: f64) -> Duration {
    let exp = failures.saturating_sub(1).min(16);
    let ceiling = BASE.saturating_mul(1 << exp).min(CAP);
    ceiling.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_per_failure_up_to_the_cap_and_jitter_stays_within_half() {
        let cases = [
            (1, 0.0, 5),
            (1, 0.999, 9),
            (2, 0.0, 10),
            (3, 0.0, 20),
            (7, 0.0, 320),
            (8, 0.0, 450),
            (40, 0.0, 450),
            (40, 0.999, 899),
        ];
        for (failures, jitter, secs) in cases {
            assert_eq!(
                backoff_delay(failures, jitter).as_secs(),
                secs,
                "failures {failures}, jitter {jitter}"
            );
        }
        assert_eq!(backoff_delay(0, 0.0), backoff_delay(1, 0.0));
    }
}
