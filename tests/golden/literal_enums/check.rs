//! Compiles the generated integer and boolean enums and checks listed values, unlisted values
//! kept exactly, and a `uint64` above the signed range.
#[path = "models.rs"]
mod models;

use models::{Accepted, BlockSize, Disk, Offset};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> T {
    let value: T = serde_json::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"));
    assert_eq!(serde_json::to_string(&value).expect("encodes"), text);
    value
}

fn main() {
    let disk: Disk = round_trip(
        r#"{"block_size":4096,"step":-1,"accepted":true,"reads":18446744073709551615,"sizes":[512,1024,"512",2048.0]}"#,
    );
    assert_eq!(disk.block_size, BlockSize::Value4096);
    assert_eq!(disk.step, Some(Offset::Minus1));
    assert_eq!(disk.accepted, Some(Accepted::True));
    assert_eq!(disk.reads, Some(u64::MAX));
    let sizes = disk.sizes.expect("sizes");
    assert_eq!(sizes[0], BlockSize::Value512);
    assert!(sizes[1..].iter().all(|size| matches!(size, BlockSize::Other(_))));
    assert_eq!(sizes[1].to_string(), "1024");
    assert_eq!(BlockSize::Value2048.to_string(), "2048");
    assert!(matches!(round_trip::<Accepted>("false"), Accepted::Other(_)));
}
