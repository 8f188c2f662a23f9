//! Listing the recorded US catalog through the client from a loopback server, plain and
//! compressed: the bytes on the wire and the time per listing.
//!
//! Run with `cargo bench -p partner-models --bench compression`. Needs the shared material (the
//! recorded 274-offer payload); without it, it says so and does nothing. Before divan starts it
//! prints the body size for each encoding. Each timed iteration is one `list_offers("US").send()`
//! from a client built once, against a wiremock server that answers with the encoding under test
//! (`identity` sends the body as is). `BENCHMARKS.md` has the results.

#[path = "support/input.rs"]
#[allow(dead_code, reason = "only the recorded payload is used here")]
mod input;

use std::io::Write as _;
use std::sync::OnceLock;

use partner_models::Client;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The encodings served, `identity` meaning none.
const ENCODINGS: [&str; 4] = ["identity", "gzip", "br", "zstd"];

/// One loopback server and client per encoding, made once.
struct Setup {
    runtime: tokio::runtime::Runtime,
    clients: Vec<(&'static str, Client, MockServer)>,
}

static SETUP: OnceLock<Option<Setup>> = OnceLock::new();

fn compress(encoding: &str, body: &[u8]) -> Vec<u8> {
    match encoding {
        "gzip" => {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(body).expect("compresses");
            encoder.finish().expect("compresses")
        }
        "br" => {
            let mut out = Vec::new();
            {
                let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
                encoder.write_all(body).expect("compresses");
            }
            out
        }
        "zstd" => zstd::encode_all(body, 3).expect("compresses"),
        _ => body.to_vec(),
    }
}

fn setup() -> Option<&'static Setup> {
    SETUP
        .get_or_init(|| {
            let body = input::load_recorded()?;
            let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
            let clients = ENCODINGS
                .iter()
                .map(|&encoding| {
                    let wire = compress(encoding, &body);
                    println!("{encoding}: {} bytes on the wire", wire.len());
                    runtime.block_on(async {
                        let server = MockServer::start().await;
                        let mut answer = ResponseTemplate::new(200);
                        if encoding != "identity" {
                            answer = answer.insert_header("content-encoding", encoding);
                        }
                        Mock::given(method("GET"))
                            .and(path("/v1/offers"))
                            .respond_with(answer.set_body_raw(wire, "application/json"))
                            .mount(&server)
                            .await;
                        let client = Client::builder()
                            .base_url(server.uri())
                            .bearer_token("bench")
                            .no_proxy()
                            .build()
                            .expect("builds");
                        (encoding, client, server)
                    })
                })
                .collect();
            Some(Setup { runtime, clients })
        })
        .as_ref()
}

#[divan::bench(args = ENCODINGS)]
fn list_recorded_catalog(bencher: divan::Bencher, encoding: &str) {
    let Some(setup) = setup() else {
        return;
    };
    let Some((_, client, _)) = setup.clients.iter().find(|(name, ..)| *name == encoding) else {
        return;
    };
    bencher.bench_local(|| {
        setup.runtime.block_on(async {
            let offers = client.list_offers("US").send().await.expect("lists");
            assert_eq!(offers.items.len(), 274);
            offers
        })
    });
}

fn main() {
    if setup().is_some() {
        divan::main();
    }
}
