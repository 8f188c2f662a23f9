//! The connection under every generated client: compressed answers, proxies from the builder and
//! from the environment, and one connection reused across calls.
#![cfg(feature = "client")]

mod support;

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use codegen_runtime::client::Error;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::{Api, serve_pets};

/// Compresses a body the way a server does for one `content-encoding`.
type Compressor = fn(&[u8]) -> Vec<u8>;

fn pets_json() -> Vec<u8> {
    let pets: Vec<serde_json::Value> = (0..200)
        .map(|id| serde_json::json!({"id": id, "name": format!("pet {id}"), "tag": "dog"}))
        .collect();
    serde_json::to_vec(&pets).expect("serializes")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compresses");
    encoder.finish().expect("compresses")
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        encoder.write_all(bytes).expect("compresses");
    }
    out
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).expect("compresses")
}

#[tokio::test]
async fn compressed_answers_are_offered_and_decoded() {
    let plain = pets_json();
    let expected: serde_json::Value = serde_json::from_slice(&plain).expect("json");
    let encodings: [(&str, Compressor); 3] = [("gzip", gzip), ("br", brotli), ("zstd", zstd)];
    for (encoding, compress) in encodings {
        let server = MockServer::start().await;
        let body = compress(&plain);
        assert!(
            body.len() * 4 < plain.len(),
            "{encoding} compresses the list"
        );
        Mock::given(method("GET"))
            .and(path("/pets"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("content-encoding", encoding)
                    .set_body_raw(body, "application/json"),
            )
            .mount(&server)
            .await;
        let api = Api::builder()
            .base_url(server.uri())
            .build()
            .expect("builds");
        let pets = api
            .pets()
            .await
            .unwrap_or_else(|error| panic!("{encoding}: {error}"));
        assert_eq!(pets, expected, "{encoding}");
        let requests = server.received_requests().await.expect("recorded");
        let offered = requests[0]
            .headers
            .get("accept-encoding")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        for wanted in ["gzip", "br", "zstd"] {
            assert!(
                offered.contains(wanted),
                "accept-encoding {offered:?} lacks {wanted}"
            );
        }
    }
}

#[tokio::test]
async fn a_proxy_from_the_builder_carries_every_call() {
    let proxy = MockServer::start().await;
    serve_pets(&proxy, serde_json::json!([])).await;
    let api = Api::builder()
        .base_url("http://pets.invalid")
        .proxy(proxy.uri())
        .build()
        .expect("builds");
    assert_eq!(
        api.pets().await.expect("through the proxy"),
        serde_json::json!([])
    );
    let requests = proxy.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0]
            .headers
            .get("host")
            .and_then(|v| v.to_str().ok()),
        Some("pets.invalid"),
        "the proxy is asked for the service's host"
    );

    let refused = Api::builder()
        .base_url("http://pets.invalid")
        .proxy("not a url")
        .build()
        .expect_err("bad proxy");
    assert!(
        refused
            .to_string()
            .starts_with("invalid proxy url `not a url`"),
        "{refused}"
    );
}

/// Set in the child processes of `proxy_environment_variables_are_honoured`.
const CHILD_PROXY: &str = "CODEGEN_RUNTIME_TEST_CHILD_PROXY";

/// The child's half: calls a host that does not exist, so only a proxy can answer.
#[tokio::test]
async fn proxy_environment_child() {
    let Some(expect) = std::env::var_os(CHILD_PROXY) else {
        return;
    };
    let direct = Api::builder()
        .base_url("http://pets.invalid")
        .no_proxy()
        .build()
        .expect("builds");
    assert!(
        matches!(direct.pets().await, Err(Error::Transport { .. })),
        "no_proxy ignores the environment"
    );
    let mut api = Api::builder().base_url("http://pets.invalid");
    if expect == "explicit-direct" {
        let proxy = std::env::var("HTTP_PROXY").expect("the parent sets HTTP_PROXY");
        api = api.proxy(proxy);
    }
    let answer = api.build().expect("builds").pets().await;
    match expect.to_str() {
        Some("proxied") => assert_eq!(answer.expect("the proxy answers"), serde_json::json!([])),
        Some("direct" | "explicit-direct") => assert!(
            matches!(answer, Err(Error::Transport { .. })),
            "NO_PROXY sends it straight to a host that does not exist: {answer:?}"
        ),
        other => panic!("unexpected {CHILD_PROXY}={other:?}"),
    }
}

#[tokio::test]
async fn proxy_environment_variables_are_honoured() {
    if std::env::var_os(CHILD_PROXY).is_some() {
        return;
    }
    let proxy = MockServer::start().await;
    serve_pets(&proxy, serde_json::json!([])).await;
    let run = |expect: &str, no_proxy: &str| {
        let exe = std::env::current_exe().expect("test binary");
        std::process::Command::new(exe)
            .args(["--exact", "proxy_environment_child", "--nocapture"])
            .env(CHILD_PROXY, expect)
            .env("HTTP_PROXY", proxy.uri())
            .env_remove("http_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .env("NO_PROXY", no_proxy)
            .env_remove("no_proxy")
            .output()
            .expect("runs the child")
    };
    let proxied = run("proxied", "");
    assert!(
        proxied.status.success(),
        "{}",
        String::from_utf8_lossy(&proxied.stdout)
    );
    assert_eq!(proxy.received_requests().await.expect("recorded").len(), 1);
    let direct = run("direct", "pets.invalid");
    assert!(
        direct.status.success(),
        "{}",
        String::from_utf8_lossy(&direct.stdout)
    );
    assert_eq!(
        proxy.received_requests().await.expect("recorded").len(),
        1,
        "NO_PROXY kept the second call away from the proxy"
    );
    let explicit = run("explicit-direct", "pets.invalid");
    assert!(
        explicit.status.success(),
        "{}",
        String::from_utf8_lossy(&explicit.stdout)
    );
    assert_eq!(
        proxy.received_requests().await.expect("recorded").len(),
        1,
        "NO_PROXY is honoured for a proxy set on the builder too"
    );
}

#[tokio::test]
async fn one_connection_serves_consecutive_calls() {
    let server = MockServer::start().await;
    serve_pets(&server, serde_json::json!([1])).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let front = listener.local_addr().expect("address");
    let target = *server.address();
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&connections);
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    let api = Api::builder()
        .base_url(format!("http://{front}"))
        .no_proxy()
        .build()
        .expect("builds");
    for _ in 0..5 {
        assert_eq!(api.pets().await.expect("answers"), serde_json::json!([1]));
    }
    assert_eq!(
        connections.load(Ordering::SeqCst),
        1,
        "five calls, one connection"
    );
}

/// Serves one TLS connection that offers `h2` and `http/1.1` through ALPN, answers `[]`, and
/// reports the protocol the client chose.
async fn serve_tls_once(
    listener: tokio::net::TcpListener,
    certified: rcgen::CertifiedKey<rcgen::KeyPair>,
) -> Option<Vec<u8>> {
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .ok()?
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .ok()?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let (tcp, _) = listener.accept().await.ok()?;
    let tls = acceptor.accept(tcp).await.ok()?;
    let chosen = tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec);
    let service = hyper::service::service_fn(|_request| async {
        Ok::<_, std::convert::Infallible>(
            hyper::Response::builder()
                .header("content-type", "application/json")
                .body(http_body_util::Full::new(bytes::Bytes::from_static(b"[]")))
                .expect("a response"),
        )
    });
    let builder =
        hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new());
    let _ = builder
        .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
        .await;
    chosen
}

#[tokio::test]
async fn http2_is_chosen_when_the_server_offers_it() {
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("a certificate");
    let pem = certified.cert.pem();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let port = listener.local_addr().expect("address").port();
    let server = tokio::spawn(serve_tls_once(listener, certified));
    let api = Api::builder()
        .base_url(format!("https://localhost:{port}"))
        .root_certificate_pem(pem)
        .no_proxy()
        .build()
        .expect("builds");
    assert_eq!(
        api.pets().await.expect("answers over TLS"),
        serde_json::json!([])
    );
    drop(api);
    let chosen = server.await.expect("the server ran");
    assert_eq!(chosen.as_deref(), Some(&b"h2"[..]), "ALPN chose HTTP/2");

    let refused = Api::builder()
        .base_url("https://localhost")
        .root_certificate_pem("not a certificate")
        .build()
        .expect_err("bad pem");
    assert!(
        refused.to_string().starts_with("invalid root certificate"),
        "{refused}"
    );
}
