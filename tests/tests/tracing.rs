//! Each attempt of a call is a `tracing` span with operation, attempt, request id and status,
//! and nothing recorded ever contains the bearer token.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use partner_models::Client;
use partner_models::client::RetryPolicy;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tracing-secret-token";

/// The fields of one span or event, as text.
type Fields = BTreeMap<String, String>;

/// Records every span (name and fields) and every event's fields.
#[derive(Clone, Default)]
struct Recorder {
    spans: Arc<Mutex<Vec<(String, Fields)>>>,
    events: Arc<Mutex<Vec<Fields>>>,
}

struct Collect<'a>(&'a mut Fields);

impl Visit for Collect<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut fields = Fields::new();
        attributes.record(&mut Collect(&mut fields));
        let mut spans = self.spans.lock().expect("not poisoned");
        spans.push((attributes.metadata().name().to_owned(), fields));
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().expect("not poisoned");
        if let Some((_, fields)) = usize::try_from(span.into_u64())
            .ok()
            .and_then(|index| spans.get_mut(index - 1))
        {
            values.record(&mut Collect(fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::new();
        event.record(&mut Collect(&mut fields));
        self.events.lock().expect("not poisoned").push(fields);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn every_attempt_is_a_span_with_its_context_and_no_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id":"A"}"#, "application/json"))
        .mount(&server)
        .await;
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let policy = RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        ..RetryPolicy::default()
    };
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .retry_policy(policy)
        .build()
        .expect("builds");
    client
        .get_offer("A")
        .send()
        .await
        .expect("the retry succeeds");

    let spans = recorder.spans.lock().expect("not poisoned").clone();
    let calls: Vec<&Fields> = spans
        .iter()
        .filter(|(name, _)| name == "partner_center.call")
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(calls.len(), 2, "one span per attempt: {spans:?}");
    for (attempt, (fields, status)) in calls.iter().zip(["503", "200"]).enumerate() {
        assert_eq!(
            fields.get("operation").map(String::as_str),
            Some("getOffer")
        );
        assert_eq!(fields.get("method").map(String::as_str), Some("GET"));
        assert_eq!(fields.get("attempt"), Some(&(attempt + 1).to_string()));
        assert_eq!(fields.get("status").map(String::as_str), Some(status));
        assert_eq!(fields.get("request_id").map(String::len), Some(36));
    }
    assert_eq!(calls[0].get("request_id"), calls[1].get("request_id"));
    let everything = format!(
        "{spans:?} {:?}",
        recorder.events.lock().expect("not poisoned")
    );
    assert!(
        !everything.contains(TOKEN),
        "the token leaked into tracing: {everything}"
    );
}
