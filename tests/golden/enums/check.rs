//! Compiles the generated enum and checks spellings, integers and unlisted values.
#[path = "models.rs"]
mod models;

use models::{Cycle, Plan};

fn main() {
    let json = r#"{"cycle":"Annual","cycles":["one_time","OneTime",4,"weekly"]}"#;
    let plan: Plan = serde_json::from_str(json).expect("decodes");
    assert_eq!(plan.cycle, Some(Cycle::Annual));
    let cycles = plan.cycles.clone().expect("cycles");
    assert_eq!(&cycles[..3], &[Cycle::OneTime, Cycle::OneTime, Cycle::OneTime]);
    assert_eq!(cycles[3].as_str(), "weekly");
    assert!(matches!(cycles[3], Cycle::Other(_)));
    let back = serde_json::to_string(&plan).expect("encodes");
    assert_eq!(back, json);
    assert_eq!(serde_json::to_string(&Cycle::OneTime).expect("encodes"), "\"one_time\"");
    assert_eq!("ANNUAL".parse::<Cycle>(), Ok(Cycle::Annual));
    assert_eq!(Cycle::Monthly.to_string(), "monthly");
}
