//! The derive on small types of its own: round trips, spellings, nulls, generics and errors.

use codegen_runtime::{Extra, Lossless, OtherValue, from_str};

/// How often something is charged.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Lossless)]
#[lossless(rename_all = "camelCase")]
enum Cycle {
    /// Every month.
    #[lossless(position = 1)]
    Monthly,
    /// Once.
    #[lossless(rename = "one_time", position = 2)]
    OneTime,
    /// Anything else.
    #[lossless(other)]
    Other(OtherValue),
}

/// A plan with every kind of field.
#[derive(Clone, Debug, PartialEq, Default, Lossless)]
#[lossless(rename_all = "camelCase")]
struct Plan {
    plan_id: String,
    display_name: Option<String>,
    cycle: Option<Cycle>,
    cycles: Option<Vec<Cycle>>,
    tags: Vec<String>,
    #[lossless(rename = "max-seats")]
    max_seats: Option<u32>,
    extra: Extra,
}

/// A page of items of any type.
#[derive(Clone, Debug, PartialEq, Lossless)]
#[lossless(rename_all = "camelCase")]
struct Page<T> {
    total_count: u32,
    items: Vec<T>,
    #[lossless(extra)]
    rest: Extra,
}

/// A struct wider than one group of 16 slots: its fields are dispatched through nested groups.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Wide {
    f0: String,
    f1: Option<f64>,
    f2: Option<Cycle>,
    f3: String,
    f4: Option<f64>,
    f5: Option<Cycle>,
    f6: String,
    f7: Option<f64>,
    f8: Option<Cycle>,
    f9: String,
    f10: Option<f64>,
    f11: Option<Cycle>,
    f12: String,
    f13: Option<f64>,
    f14: Option<Cycle>,
    f15: String,
    f16: Option<f64>,
    f17: Option<Cycle>,
    f18: String,
    f19: Option<f64>,
    f20: Option<Cycle>,
    f21: String,
    f22: Option<f64>,
    f23: Option<Cycle>,
    f24: String,
    f25: Option<f64>,
    f26: Option<Cycle>,
    f27: String,
    f28: Option<f64>,
    f29: Option<Cycle>,
    f30: String,
    f31: Option<f64>,
    f32: Option<Cycle>,
    f33: String,
    f34: Option<f64>,
    f35: Option<Cycle>,
    f36: String,
    f37: Option<f64>,
    f38: Option<Cycle>,
    f39: String,
    extra: Extra,
}

fn round_trip<T>(text: &str) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let value: T = from_str(text).expect("decodes");
    assert_eq!(serde_json::to_string(&value).expect("encodes"), text);
    value
}

#[test]
fn canonical_bodies_round_trip() {
    let plan: Plan = round_trip(
        r#"{"planId":"p","displayName":"P","cycle":"monthly","cycles":["one_time"],"tags":["a"],"max-seats":3}"#,
    );
    assert_eq!(plan.cycle, Some(Cycle::Monthly));
    assert_eq!(plan.cycles, Some(vec![Cycle::OneTime]));
    assert_eq!(plan.max_seats, Some(3));
    assert!(plan.extra.is_pristine());
}

#[test]
fn spellings_nulls_and_unknown_fields_are_kept() {
    let text = r#"{"PLANID":"p","displayName":null,"cycle":"MONTHLY","cycles":[2,"oneTime","weekly"],"tags":null,"new":{"b":1,"a":2}}"#;
    let plan: Plan = round_trip(text);
    assert_eq!(plan.plan_id, "p");
    assert_eq!(plan.display_name, None);
    assert_eq!(plan.cycle, Some(Cycle::Monthly));
    assert_eq!(
        plan.cycles,
        Some(vec![
            Cycle::OneTime,
            Cycle::OneTime,
            Cycle::Other(OtherValue::text("weekly"))
        ])
    );
    assert!(plan.tags.is_empty());
    assert_eq!(
        plan.extra.get("new").map(|raw| raw.get()),
        Some(r#"{"b":1,"a":2}"#)
    );
}

#[test]
fn generic_structs_take_plain_and_enum_items() {
    let page: Page<Cycle> =
        round_trip(r#"{"totalCount":2,"items":["monthly","one_time"],"more":true}"#);
    assert_eq!(page.items, vec![Cycle::Monthly, Cycle::OneTime]);
    assert_eq!(page.rest.len(), 1);
    let plans: Page<Plan> = round_trip(r#"{"totalCount":1,"items":[{"planId":"x","tags":[]}]}"#);
    assert_eq!(plans.items[0].plan_id, "x");
}

#[test]
fn wide_structs_reach_every_field_through_nested_groups() {
    let mut entries: Vec<String> = (0..40)
        .map(|index| match index % 3 {
            0 => format!(r#""f{index}":"s{index}""#),
            1 => format!(r#""f{index}":{index}"#),
            _ => format!(r#""f{index}":"ONE_TIME""#),
        })
        .collect();
    entries.reverse();
    let text = format!("{{{},\"later\":1}}", entries.join(","));
    let wide: Wide = round_trip(&text);
    assert_eq!(wide.f0, "s0");
    assert_eq!(wide.f39, "s39");
    assert_eq!(wide.f37, Some(37.0));
    assert_eq!(wide.f38, Some(Cycle::OneTime));
    assert_eq!(wide.extra.len(), 1);

    let without_f33 = text.replace(r#""f33":"s33","#, "");
    let missing = from_str::<Wide>(&without_f33).expect_err("must fail");
    assert_eq!(missing.message, "missing field `f33`");
    let twice = text.replace(r#""f36":"s36""#, r#""f36":"s36","F36":"again""#);
    let duplicate = from_str::<Wide>(&twice).expect_err("must fail");
    assert_eq!(duplicate.message, "duplicate field `F36`");
}

#[test]
fn errors_name_the_field() {
    let missing = from_str::<Plan>(r#"{"displayName":"P","tags":[]}"#).expect_err("must fail");
    assert_eq!(missing.message, "missing field `planId`");
    let twice =
        from_str::<Plan>(r#"{"planId":"a","PlanId":"b","tags":[]}"#).expect_err("must fail");
    assert_eq!(twice.message, "duplicate field `PlanId`");
    let wrong = from_str::<Page<Plan>>(r#"{"totalCount":1,"items":[{"planId":1,"tags":[]}]}"#)
        .expect_err("must fail");
    assert_eq!(wrong.path, "items[0].planId");
    assert_eq!(
        from_str::<Plan>("[]").expect_err("must fail").message,
        "invalid type: sequence, expected an object of type `Plan`"
    );
}

#[test]
fn enums_parse_leniently_and_print_canonically() {
    let parsed: Cycle = "ONE_TIME".parse().expect("infallible");
    assert_eq!(parsed, Cycle::OneTime);
    assert_eq!(parsed.to_string(), "one_time");
    assert_eq!(Cycle::Monthly.as_str(), "monthly");
    let unlisted: Cycle = "Weekly".parse().expect("infallible");
    assert_eq!(unlisted.as_str(), "Weekly");
    assert_eq!(
        serde_json::to_string(&unlisted).expect("encodes"),
        r#""Weekly""#
    );
    let number: Cycle = serde_json::from_str("7").expect("decodes");
    assert_eq!(serde_json::to_string(&number).expect("encodes"), "7");
}

#[test]
fn edited_values_are_written_canonically() {
    let mut plan: Plan =
        from_str(r#"{"planId":"p","cycle":"MONTHLY","tags":[]}"#).expect("decodes");
    plan.cycle = Some(Cycle::OneTime);
    assert_eq!(
        serde_json::to_string(&plan).expect("encodes"),
        r#"{"planId":"p","cycle":"one_time","tags":[]}"#
    );
    let built = Plan {
        plan_id: "n".into(),
        ..Plan::default()
    };
    assert_eq!(
        serde_json::to_string(&built).expect("encodes"),
        r#"{"planId":"n","tags":[]}"#
    );
}

#[test]
fn an_enum_field_keeps_an_object_or_array_it_does_not_list_exactly() {
    for text in [
        r#"{"planId":"p","cycle":{"z":1,"a":[2,{"y":1.50,"b":null}]},"tags":[]}"#,
        r#"{"planId":"p","cycle":["b","a",{"z":0,"a":1}],"tags":[]}"#,
    ] {
        let plan: Plan = from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"));
        assert!(matches!(plan.cycle, Some(Cycle::Other(_))), "{text}");
        assert_eq!(serde_json::to_string(&plan).expect("encodes"), text);
    }
}
