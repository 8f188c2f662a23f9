//! Cached tokens: kept until shortly before they expire, one fetch shared by concurrent calls,
//! and a token the service refuses (401) replaced once before the call is tried again.
#![cfg(feature = "client")]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use codegen_runtime::client::{CachedTokens, FetchFuture, Token, TokenSource};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::Api;

/// A fetch that counts its calls, names each token `t1`, `t2`, ..., and gives it `lifetime`.
fn counting(lifetime: Duration, delay: Duration) -> (Arc<AtomicUsize>, impl Fn() -> FetchFuture) {
    let fetches = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&fetches);
    let fetch = move || -> FetchFuture {
        let number = counter.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move {
            tokio::time::sleep(delay).await;
            Ok((
                Token::new(format!("t{number}")),
                SystemTime::now() + lifetime,
            ))
        })
    };
    (fetches, fetch)
}

#[tokio::test]
async fn a_token_is_kept_until_its_refresh_window() {
    let (fetches, fetch) = counting(Duration::from_secs(3600), Duration::ZERO);
    let tokens = CachedTokens::new(fetch);
    for _ in 0..3 {
        assert_eq!(tokens.token().await.expect("a token").expose(), "t1");
    }
    assert_eq!(fetches.load(Ordering::SeqCst), 1);

    let (fetches, fetch) = counting(Duration::from_secs(60), Duration::ZERO);
    let soon = CachedTokens::new(fetch).refresh_before(Duration::from_secs(300));
    assert_eq!(soon.token().await.expect("a token").expose(), "t1");
    assert_eq!(
        soon.token().await.expect("a token").expose(),
        "t2",
        "a token within five minutes of expiry is refreshed"
    );
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn concurrent_calls_share_one_fetch() {
    let (fetches, fetch) = counting(Duration::from_secs(3600), Duration::from_millis(50));
    let tokens = Arc::new(CachedTokens::new(fetch));
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let tokens = Arc::clone(&tokens);
            tokio::spawn(async move { tokens.token().await.map(|token| token.expose().to_owned()) })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.expect("joins").expect("a token"), "t1");
    }
    assert_eq!(fetches.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_refresh_in_progress_does_not_hold_up_calls_with_a_valid_token() {
    // The second fetch (the refresh) waits until the test opens the gate.
    let gate = Arc::new(tokio::sync::Notify::new());
    let fetches = Arc::new(AtomicUsize::new(0));
    let fetch = {
        let (gate, fetches) = (Arc::clone(&gate), Arc::clone(&fetches));
        move || -> FetchFuture {
            let number = fetches.fetch_add(1, Ordering::SeqCst) + 1;
            let gate = Arc::clone(&gate);
            Box::pin(async move {
                if number > 1 {
                    gate.notified().await;
                }
                let expires = SystemTime::now() + Duration::from_secs(60);
                Ok((Token::new(format!("t{number}")), expires))
            })
        }
    };
    let tokens = Arc::new(CachedTokens::new(fetch).refresh_before(Duration::from_secs(300)));
    assert_eq!(tokens.token().await.expect("a token").expose(), "t1");
    let refresher = {
        let tokens = Arc::clone(&tokens);
        tokio::spawn(async move { tokens.token().await.map(|token| token.expose().to_owned()) })
    };
    while fetches.load(Ordering::SeqCst) < 2 {
        tokio::task::yield_now().await;
    }
    assert_eq!(
        tokens.token().await.expect("a token").expose(),
        "t1",
        "while the refresh waits, other calls get the current token"
    );
    gate.notify_one();
    assert_eq!(refresher.await.expect("joins").expect("a token"), "t2");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_refused_token_is_replaced_once_and_the_call_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(header("authorization", "Bearer t2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!(["rex"])))
        .mount(&server)
        .await;
    let (fetches, fetch) = counting(Duration::from_secs(3600), Duration::ZERO);
    let api = Api::builder()
        .base_url(server.uri())
        .token_source(CachedTokens::new(fetch))
        .build()
        .expect("builds");
    assert_eq!(
        api.pets().await.expect("the second token works"),
        serde_json::json!(["rex"])
    );
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
    assert_eq!(server.received_requests().await.expect("recorded").len(), 2);
}

#[tokio::test]
async fn a_second_refusal_is_the_callers_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let (fetches, fetch) = counting(Duration::from_secs(3600), Duration::ZERO);
    let api = Api::builder()
        .base_url(server.uri())
        .token_source(CachedTokens::new(fetch))
        .build()
        .expect("builds");
    let refused = api.pets().await.expect_err("401 twice");
    assert_eq!(refused.status(), Some(401), "{refused:?}");
    assert_eq!(fetches.load(Ordering::SeqCst), 2, "one refresh, not more");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 2);
}
