//! When and how long to wait before trying a call again.

use std::time::{Duration, SystemTime};

/// How a call is retried after throttling, gateway errors and broken connections.
///
/// A 429 waits for its `Retry-After` (capped by `max_retry_after`), or the back-off when that
/// is longer; 502, 503, 504 and connection failures wait an exponential back-off with jitter.
/// Calls that are not idempotent (POST and PATCH) are not retried unless
/// `retry_non_idempotent` is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The back-off before the first retry; it doubles with each further retry.
    pub initial_backoff: Duration,
    /// The longest back-off.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; a longer one gives up at once with the 429.
    pub max_retry_after: Duration,
    /// Whether calls that are not idempotent are retried too.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The back-off before retry number `retry` (1-based), with "equal jitter": a random
    /// point between half the exponential delay and all of it.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(20);
        let full = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        let half = full / 2;
        half + half.mul_f64(fastrand::f64())
    }

    /// Whether another attempt is allowed after `attempt` attempts.
    pub fn allows_another(&self, attempt: u32, idempotent: bool) -> bool {
        attempt < self.max_attempts && (idempotent || self.retry_non_idempotent)
    }
}

/// Parses a `Retry-After` value: delta seconds, or an HTTP date.
pub(super) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_jitter_and_is_capped() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(700),
            ..RetryPolicy::default()
        };
        for _ in 0..100 {
            let first = policy.backoff(1);
            assert!(
                first >= Duration::from_millis(50) && first <= Duration::from_millis(100),
                "{first:?}"
            );
            let third = policy.backoff(3);
            assert!(
                third >= Duration::from_millis(200) && third <= Duration::from_millis(400),
                "{third:?}"
            );
            let tenth = policy.backoff(10);
            assert!(
                tenth >= Duration::from_millis(350) && tenth <= Duration::from_millis(700),
                "{tenth:?}"
            );
        }
    }

    #[test]
    fn non_idempotent_calls_are_not_retried_unless_asked() {
        let policy = RetryPolicy::default();
        assert!(policy.allows_another(1, true));
        assert!(!policy.allows_another(4, true));
        assert!(!policy.allows_another(1, false));
        assert!(
            RetryPolicy {
                retry_non_idempotent: true,
                ..policy
            }
            .allows_another(1, false)
        );
        assert!(!RetryPolicy::never().allows_another(1, true));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(parse_retry_after("57"), Some(Duration::from_secs(57)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
