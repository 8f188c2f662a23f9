//! A downstream crate's test, as a user of `partner-models` writes one with its `mock` feature:
//! the code under test calls the real client, and the test names operations and typed answers,
//! never paths or headers.

use futures_util::StreamExt as _;
use partner_models::client::mock::MockServer;
use partner_models::client::{Error, RetryPolicy};
use partner_models::{
    Client, ErrorCode, KeyValuePair, Link, Offer, PartnerCenterError, ResourceCollection,
    ResourceLinks,
};

/// The code under test: the names of a market's offers in one category.
async fn offer_names(client: &Client, country: &str, category: &str) -> Result<Vec<String>, Error> {
    let page = client
        .list_offers(country)
        .offer_category_id(category)
        .send()
        .await?;
    Ok(page
        .items
        .into_iter()
        .filter_map(|offer| offer.name)
        .collect())
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("test")
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("builds")
}

fn offer(name: &str) -> Offer {
    Offer {
        name: Some(name.to_owned()),
        ..Offer::default()
    }
}

#[tokio::test]
async fn a_typed_answer_for_an_operation_and_its_parameters() {
    let server = MockServer::start().await;
    let client = client(&server);
    let page = ResourceCollection {
        items: vec![offer("Office"), offer("Teams")],
        ..ResourceCollection::default()
    };
    client
        .list_offers("US")
        .offer_category_id("OnlineServices")
        .mock()
        .respond(&page)
        .times(1)
        .mount(&server)
        .await;
    let names = offer_names(&client, "US", "OnlineServices")
        .await
        .expect("the mocked answer decodes");
    assert_eq!(names, ["Office", "Teams"]);
    let other = offer_names(&client, "DE", "OnlineServices").await;
    assert!(
        matches!(other, Err(Error::UnexpectedStatus { status: 404, .. })),
        "another country is another request: {other:?}"
    );
    let fewer = client.list_offers("US").send().await;
    assert!(
        matches!(fewer, Err(Error::UnexpectedStatus { status: 404, .. })),
        "without the category it is another request: {fewer:?}"
    );
    let more = client
        .list_offers("US")
        .offer_category_id("OnlineServices")
        .size(5)
        .send()
        .await;
    assert!(
        matches!(more, Err(Error::UnexpectedStatus { status: 404, .. })),
        "with one more parameter it is another request: {more:?}"
    );
}

#[tokio::test]
async fn errors_throttling_and_recorded_json() {
    let server = MockServer::start().await;
    let client = client(&server);
    let body = PartnerCenterError {
        code: Some(ErrorCode::Integer(400013)),
        description: Some("Product not found".to_owned()),
        ..PartnerCenterError::default()
    };
    client
        .get_product("gone")
        .mock()
        .fail(404, &body)
        .mount(&server)
        .await;
    client
        .get_offer("busy")
        .mock()
        .throttle(std::time::Duration::from_secs(7))
        .mount(&server)
        .await;
    client
        .get_offer("recorded")
        .mock()
        .respond_json(r#"{"id":"recorded","name":"From a recording","futureField":1}"#)
        .mount(&server)
        .await;

    let gone = client.get_product("gone").send().await.expect_err("404");
    let Error::Api { status, body, .. } = &gone else {
        panic!("{gone:?}");
    };
    assert_eq!(
        (*status, body.code.clone()),
        (404, Some(ErrorCode::Integer(400013)))
    );

    let busy = client.get_offer("busy").send().await.expect_err("429");
    let Error::Throttled { retry_after, .. } = &busy else {
        panic!("{busy:?}");
    };
    assert_eq!(*retry_after, Some(std::time::Duration::from_secs(7)));

    let recorded = client.get_offer("recorded").send().await.expect("decodes");
    assert_eq!(recorded.name.as_deref(), Some("From a recording"));
    assert_eq!(
        recorded.extra.get("futureField").map(|value| value.get()),
        Some("1"),
        "unknown fields of a recorded answer are kept"
    );
}

/// A page of offers whose `links.next` leads to `next` with a continuation token.
fn page(names: &[&str], next: Option<(&str, &str)>) -> ResourceCollection<Offer> {
    let links = next.map(|(uri, token)| ResourceLinks {
        next: Some(Link {
            uri: Some(uri.to_owned()),
            method: Some("GET".to_owned()),
            headers: Some(vec![KeyValuePair {
                key: "MS-ContinuationToken".to_owned(),
                value: token.to_owned(),
                ..KeyValuePair::default()
            }]),
            ..Link::default()
        }),
        ..ResourceLinks::default()
    });
    ResourceCollection {
        items: names.iter().map(|name| offer(name)).collect(),
        links,
        ..ResourceCollection::default()
    }
}

#[tokio::test]
async fn a_paged_collection_is_served_where_each_page_links() {
    let server = MockServer::start().await;
    let client = client(&server);
    let pages = [
        page(&["A", "B"], Some(("/offers?country=US&seek=2", "token-2"))),
        page(&["C"], Some(("/v1/offers?country=US&seek=3", "token-3"))),
        page(&["D"], None),
    ];
    client
        .list_offers("US")
        .mock()
        .mount_pages(&pages, &server)
        .await;
    let names: Vec<String> = client
        .list_offers("US")
        .into_stream()
        .map(|offer| offer.expect("every page decodes").name.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(names, ["A", "B", "C", "D"]);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 3, "one request per page");
    assert_eq!(
        requests[2]
            .headers
            .get("MS-ContinuationToken")
            .and_then(|value| value.to_str().ok()),
        Some("token-3")
    );
}
