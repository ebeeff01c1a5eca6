//! "계속하시겠어요?": after a few minutes without a touch, ask with a long countdown; then
//! sign out. Time is passed in, so the rule is tested without waiting.

use std::time::{Duration, Instant};

/// DESIGN.md: ask after 3 minutes without a touch, then count down 30 seconds.
pub const ASK_AFTER: Duration = Duration::from_secs(180);
pub const COUNTDOWN: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleState {
    /// Someone is using the kiosk (or nobody is signed in).
    Quiet,
    /// The question is showing; this many seconds are left.
    Asking { seconds_left: u32 },
    /// Nobody answered: sign out and go back to the welcome screen.
    SignOut,
}

#[derive(Debug, Clone)]
pub struct IdleWatch {
    ask_after: Duration,
    countdown: Duration,
    last_touch: Instant,
    /// Only a signed-in learner is watched; the welcome screen may stay forever.
    watching: bool,
}

impl IdleWatch {
    pub fn new(now: Instant) -> IdleWatch {
        IdleWatch::with_times(now, ASK_AFTER, COUNTDOWN)
    }

    pub fn with_times(now: Instant, ask_after: Duration, countdown: Duration) -> IdleWatch {
        IdleWatch {
            ask_after,
            countdown,
            last_touch: now,
            watching: false,
        }
    }

    /// Any touch (also "계속하기") starts the quiet time again.
    pub fn touch(&mut self, now: Instant) {
        self.last_touch = now;
    }

    /// Starts watching (sign-in) or stops (sign-out).
    pub fn watch(&mut self, on: bool, now: Instant) {
        self.watching = on;
        self.last_touch = now;
    }

    pub fn is_watching(&self) -> bool {
        self.watching
    }

    pub fn state(&self, now: Instant) -> IdleState {
        if !self.watching {
            return IdleState::Quiet;
        }
        let quiet = now.saturating_duration_since(self.last_touch);
        if quiet < self.ask_after {
            IdleState::Quiet
        } else if quiet < self.ask_after + self.countdown {
            let left = self.ask_after + self.countdown - quiet;
            IdleState::Asking {
                seconds_left: left.as_secs_f64().ceil() as u32,
            }
        } else {
            IdleState::SignOut
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_happens_while_nobody_is_signed_in() {
        let t0 = Instant::now();
        let w = IdleWatch::new(t0);
        assert_eq!(w.state(t0 + Duration::from_secs(3600)), IdleState::Quiet);
    }

    #[test]
    fn after_three_quiet_minutes_it_asks_then_counts_down_then_signs_out() {
        let t0 = Instant::now();
        let mut w = IdleWatch::new(t0);
        w.watch(true, t0);
        assert_eq!(w.state(t0 + Duration::from_secs(179)), IdleState::Quiet);
        assert_eq!(
            w.state(t0 + Duration::from_secs(180)),
            IdleState::Asking { seconds_left: 30 }
        );
        assert_eq!(
            w.state(t0 + Duration::from_millis(200_500)),
            IdleState::Asking { seconds_left: 10 }
        );
        assert_eq!(w.state(t0 + Duration::from_secs(210)), IdleState::SignOut);
    }

    #[test]
    fn a_touch_during_the_question_starts_the_quiet_time_again() {
        let t0 = Instant::now();
        let mut w = IdleWatch::new(t0);
        w.watch(true, t0);
        let asking = t0 + Duration::from_secs(195);
        assert!(matches!(w.state(asking), IdleState::Asking { .. }));
        w.touch(asking);
        assert_eq!(w.state(asking + Duration::from_secs(60)), IdleState::Quiet);
    }

    #[test]
    fn signing_out_stops_watching() {
        let t0 = Instant::now();
        let mut w = IdleWatch::new(t0);
        w.watch(true, t0);
        w.watch(false, t0);
        assert_eq!(w.state(t0 + Duration::from_secs(999)), IdleState::Quiet);
    }
}
