//! The time limit of one document, shared by every stage that reads it.
//!
//! A [`Deadline`] is started once per document (reading, parsing and
//! normalizing all count against it) and passed down by reference. Stages
//! check it between units of work — pages, operators, lines, placement
//! candidates — and give up when it has passed, so that a hostile or
//! pathological input ends with a timeout error rather than running on.

use std::time::{Duration, Instant};

/// When the time for one document runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    start: Instant,
    limit: Duration,
    /// `None` when `start + limit` is beyond what an `Instant` can hold:
    /// the deadline never passes.
    at: Option<Instant>,
}

impl Deadline {
    /// A deadline `limit` from now.
    pub fn after(limit: Duration) -> Self {
        let start = Instant::now();
        Deadline {
            start,
            limit,
            at: start.checked_add(limit),
        }
    }

    /// A deadline that never passes.
    pub fn never() -> Self {
        Deadline {
            start: Instant::now(),
            limit: Duration::MAX,
            at: None,
        }
    }

    /// The time limit it was started with.
    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// Time since the deadline was started.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Whether the time is up.
    pub fn passed(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() > at)
    }
}

impl Default for Deadline {
    fn default() -> Self {
        Deadline::never()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_after_its_limit_and_never_for_never() {
        let d = Deadline::after(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        assert!(d.passed());
        assert_eq!(d.limit(), Duration::ZERO);
        assert!(!Deadline::after(Duration::from_secs(60)).passed());
        assert!(!Deadline::never().passed());
        assert!(!Deadline::after(Duration::MAX).passed());
    }
}
