//! Lists the offers of a market across all pages, and fetches one offer with `--offer ID`.
//!
//! ```sh
//! PARTNER_CENTER_TOKEN=... cargo run --example catalog -- --country US [--offer ID]
//! ```
//!
//! `PARTNER_CENTER_BASE_URL` points it at another server (a local one, say); it defaults to
//! the public service.

use std::io::Write;

use futures_util::StreamExt as _;
use partner_models::Client;
use partner_models::client::DEFAULT_BASE_URL;

/// What the example was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    /// The service address.
    pub(crate) base_url: String,
    /// The bearer token.
    pub(crate) token: String,
    /// The market, such as `US`.
    pub(crate) country: String,
    /// An offer to fetch after the listing.
    pub(crate) offer: Option<String>,
}

/// Reads the request from the command line and the environment.
pub(crate) fn request_from(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Request, String> {
    let mut country = "US".to_owned();
    let mut offer = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--country" => country = args.next().ok_or("--country needs a value")?,
            "--offer" => offer = Some(args.next().ok_or("--offer needs a value")?),
            other => {
                return Err(format!(
                    "unknown argument `{other}`; usage: catalog [--country CC] [--offer ID]"
                ));
            }
        }
    }
    let token = env("PARTNER_CENTER_TOKEN").ok_or("set PARTNER_CENTER_TOKEN to a bearer token")?;
    let base_url = env("PARTNER_CENTER_BASE_URL").unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
    Ok(Request {
        base_url,
        token,
        country,
        offer,
    })
}

/// Lists the offers (id, name, billing cycles) and fetches the requested one, writing to `out`.
pub(crate) async fn run(
    request: &Request,
    out: &mut impl Write,
) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder()
        .base_url(&request.base_url)
        .bearer_token(&request.token)
        .build()?;
    writeln!(out, "{:<38} {:<60} billing cycles", "id", "name")?;
    let mut offers = client.list_offers(&request.country).into_stream();
    let mut count = 0;
    while let Some(offer) = offers.next().await {
        let offer = offer?;
        let cycles: Vec<String> = offer
            .supported_billing_cycles
            .iter()
            .flatten()
            .map(ToString::to_string)
            .collect();
        let name: String = offer
            .name
            .as_deref()
            .unwrap_or_default()
            .chars()
            .take(60)
            .collect();
        writeln!(
            out,
            "{:<38} {:<60} {}",
            offer.id.as_deref().unwrap_or_default(),
            name,
            cycles.join(",")
        )?;
        count += 1;
    }
    writeln!(out, "{count} offers in {}", request.country)?;
    if let Some(id) = &request.offer {
        let offer = client
            .get_offer(id)
            .country(&request.country)
            .send()
            .await?;
        writeln!(out)?;
        writeln!(
            out,
            "{}: {}",
            offer.id.as_deref().unwrap_or(id),
            offer.name.as_deref().unwrap_or_default()
        )?;
        writeln!(out, "{}", offer.description.as_deref().unwrap_or_default())?;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let request = match request_from(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("error: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(&request, &mut std::io::stdout().lock()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
