//! Round trips that keep the order keys arrived in and the integers of floating-point fields.

use codegen_runtime::{Extra, Lossless, OrderedMap, RawJson, from_str};

/// A type with three declared fields, declared in an order the wire need not follow.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Tagged {
    name: String,
    tag: Option<String>,
    id: u32,
    extra: Extra,
}

/// A measurement with every shape of `number` field.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Reading {
    value: f64,
    low: Option<f64>,
    samples: Vec<f64>,
    spread: Option<Vec<f32>>,
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

fn encode<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("encodes")
}

#[test]
fn canonical_order_records_nothing() {
    let tagged: Tagged = round_trip(r#"{"name":"n","tag":"t","id":7}"#);
    assert!(tagged.extra.is_pristine());
    let skipped: Tagged = round_trip(r#"{"name":"n","id":7,"x":{},"y":1}"#);
    assert_eq!(skipped.extra.len(), 2);
}

#[test]
fn reordered_keys_are_written_in_arrival_order() {
    let tagged: Tagged = round_trip(r#"{"id":7,"x":{},"tag":"t","name":"n"}"#);
    assert_eq!((tagged.name.as_str(), tagged.id), ("n", 7));
    round_trip::<Tagged>(r#"{"tag":"t","name":"n","id":7}"#);
    round_trip::<Tagged>(r#"{"name":"n","id":7,"tag":null}"#);
    round_trip::<Tagged>(r#"{"ID":7,"Name":"n"}"#);
}

#[test]
fn interleaved_unknown_fields_stay_in_place() {
    round_trip::<Tagged>(r#"{"name":"n","x":1,"tag":"t","y":[2],"id":7,"z":null}"#);
    round_trip::<Tagged>(r#"{"a":0,"name":"n","b":1,"id":7}"#);
    round_trip::<Tagged>(r#"{"name":"n","a":0,"b":1,"tag":"t","id":7}"#);
}

#[test]
fn fields_changed_after_reading_follow_the_recorded_order() {
    let mut tagged: Tagged = from_str(r#"{"id":7,"x":1,"name":"n"}"#).expect("decodes");
    tagged.tag = Some("new".into());
    tagged
        .extra
        .insert("later", RawJson::from_text("true").expect("valid"));
    // A field absent on arrival comes after the recorded ones, then unknown fields added since.
    assert_eq!(
        encode(&tagged),
        r#"{"id":7,"x":1,"name":"n","tag":"new","later":true}"#
    );
    tagged.tag = None;
    tagged.extra.remove("x");
    assert_eq!(encode(&tagged), r#"{"id":7,"name":"n","later":true}"#);

    let mut dropped: Tagged = from_str(r#"{"tag":"t","name":"n","id":7}"#).expect("decodes");
    dropped.tag = None;
    assert_eq!(encode(&dropped), r#"{"name":"n","id":7}"#);
    dropped.extra.forget_spellings();
    dropped.tag = Some("t".into());
    assert_eq!(encode(&dropped), r#"{"name":"n","tag":"t","id":7}"#);
}

#[test]
fn integers_in_number_fields_stay_integers() {
    let reading: Reading =
        round_trip(r#"{"value":5,"low":-3,"samples":[1,2.5,3.0,-0.0,4],"spread":[1,0.5]}"#);
    assert_eq!(reading.value, 5.0);
    assert_eq!(reading.samples, vec![1.0, 2.5, 3.0, -0.0, 4.0]);
    round_trip::<Reading>(r#"{"value":5.0,"low":2.0,"samples":[],"spread":null}"#);
    round_trip::<Reading>(r#"{"value":1.5,"low":null,"samples":null}"#);
    // An exponent is not remembered: the value did not arrive as an integer.
    let exponent: Reading = from_str(r#"{"value":1e3,"samples":[]}"#).expect("decodes");
    assert_eq!(encode(&exponent), r#"{"value":1000.0,"samples":[]}"#);
    round_trip::<Reading>(r#"{"value":9007199254740992,"samples":[-9007199254740992]}"#);
    let pristine: Reading = round_trip(r#"{"value":0.25,"samples":[0.5]}"#);
    assert!(pristine.extra.is_pristine());
}

/// Lists whose items may be `null`: a nullable `number` as a list item.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Gaps {
    values: Vec<Option<f64>>,
    low: Option<Vec<Option<f32>>>,
    extra: Extra,
}

#[test]
fn integers_and_nulls_in_lists_of_nullable_numbers_are_kept() {
    let gaps: Gaps = round_trip(r#"{"values":[5,null,1.5,5.0,-2],"low":[null,3]}"#);
    assert_eq!(
        gaps.values,
        vec![Some(5.0), None, Some(1.5), Some(5.0), Some(-2.0)]
    );
    round_trip::<Gaps>(r#"{"values":null,"low":null}"#);
    round_trip::<Gaps>(r#"{"values":[]}"#);
    let mut changed: Gaps = from_str(r#"{"values":[1,null,3]}"#).expect("decodes");
    changed.values[0] = None;
    changed.values[1] = Some(2.0);
    assert_eq!(encode(&changed), r#"{"values":[null,2.0,3]}"#);
    let error = from_str::<Gaps>(r#"{"values":[1,"2"]}"#).expect_err("must fail");
    assert_eq!(error.path, "values[1]");
}

#[test]
fn integers_beyond_two_to_the_53_are_written_as_floats() {
    let big: Reading = from_str(r#"{"value":9007199254740993,"samples":[]}"#).expect("decodes");
    assert_eq!(encode(&big), r#"{"value":9007199254740992.0,"samples":[]}"#);
}

#[test]
fn numbers_set_by_the_user_are_written_as_floats() {
    let mut reading: Reading =
        from_str(r#"{"value":5,"low":2,"samples":[1,2],"spread":[3]}"#).expect("decodes");
    reading.value = 6.0;
    reading.samples[1] = 2.0;
    reading.samples.push(7.0);
    reading.spread = Some(vec![4.0]);
    assert_eq!(
        encode(&reading),
        r#"{"value":6.0,"low":2,"samples":[1,2,7.0],"spread":[4.0]}"#
    );
    reading.low = Some(2.5);
    reading.samples.remove(0);
    assert_eq!(
        encode(&reading),
        r#"{"value":6.0,"low":2.5,"samples":[2.0,7.0],"spread":[4.0]}"#
    );
}

#[test]
fn numbers_still_refuse_what_is_not_a_number() {
    let error = from_str::<Reading>(r#"{"value":"5","samples":[]}"#).expect_err("must fail");
    assert_eq!(error.path, "value");
}

/// A type with more fields than one word of the arrival bitmask holds.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Wide {
    f0: Option<u8>,
    f1: Option<u8>,
    f2: Option<u8>,
    f3: Option<u8>,
    f4: Option<u8>,
    f5: Option<u8>,
    f6: Option<u8>,
    f7: Option<u8>,
    f8: Option<u8>,
    f9: Option<u8>,
    f10: Option<u8>,
    f11: Option<u8>,
    f12: Option<u8>,
    f13: Option<u8>,
    f14: Option<u8>,
    f15: Option<u8>,
    f16: Option<u8>,
    f17: Option<u8>,
    f18: Option<u8>,
    f19: Option<u8>,
    f20: Option<u8>,
    f21: Option<u8>,
    f22: Option<u8>,
    f23: Option<u8>,
    f24: Option<u8>,
    f25: Option<u8>,
    f26: Option<u8>,
    f27: Option<u8>,
    f28: Option<u8>,
    f29: Option<u8>,
    f30: Option<u8>,
    f31: Option<u8>,
    f32: Option<u8>,
    f33: Option<u8>,
    f34: Option<u8>,
    f35: Option<u8>,
    f36: Option<u8>,
    f37: Option<u8>,
    f38: Option<u8>,
    f39: Option<u8>,
    f40: Option<u8>,
    f41: Option<u8>,
    f42: Option<u8>,
    f43: Option<u8>,
    f44: Option<u8>,
    f45: Option<u8>,
    f46: Option<u8>,
    f47: Option<u8>,
    f48: Option<u8>,
    f49: Option<u8>,
    f50: Option<u8>,
    f51: Option<u8>,
    f52: Option<u8>,
    f53: Option<u8>,
    f54: Option<u8>,
    f55: Option<u8>,
    f56: Option<u8>,
    f57: Option<u8>,
    f58: Option<u8>,
    f59: Option<u8>,
    f60: Option<u8>,
    f61: Option<u8>,
    f62: Option<u8>,
    f63: Option<u8>,
    f64: Option<u8>,
    f65: Option<u8>,
    f66: Option<u8>,
    f67: Option<u8>,
    f68: Option<u8>,
    f69: Option<u8>,
    extra: Extra,
}

#[test]
fn wide_structs_keep_the_fields_before_the_first_key_out_of_order() {
    round_trip::<Wide>(r#"{"f1":1,"f66":66,"u":0,"f0":0,"f69":69}"#);
    round_trip::<Wide>(r#"{"f3":3,"f64":64,"f65":65,"f2":2}"#);
    let mut wide: Wide = from_str(r#"{"f68":68,"f67":67}"#).expect("decodes");
    wide.f5 = Some(5);
    wide.f69 = Some(69);
    assert_eq!(encode(&wide), r#"{"f68":68,"f67":67,"f5":5,"f69":69}"#);
}

/// Exchange rates: maps whose values are numbers.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Rates {
    rates: OrderedMap<f64>,
    scores: Option<OrderedMap<Option<f32>>>,
    extra: Extra,
}

#[test]
fn integers_in_map_values_stay_integers() {
    let rates: Rates = round_trip(
        r#"{"rates":{"eur":5,"usd":1.5,"gbp":5.0,"chf":-3,"eur":7},"scores":{"a":null,"b":2,"c":0.5}}"#,
    );
    assert_eq!(rates.rates.get("eur"), Some(&7.0));
    round_trip::<OrderedMap<f64>>(r#"{"a":5,"b":9007199254740992,"c":1e-7}"#);
    round_trip::<Vec<OrderedMap<f32>>>(r#"[{"a":5},{},{"b":0.5,"c":6}]"#);
    // An exponent, and an integer the float cannot hold, are not remembered.
    let far: OrderedMap<f64> = from_str(r#"{"a":1e3,"b":9007199254740993}"#).expect("decodes");
    assert_eq!(encode(&far), r#"{"a":1000.0,"b":9007199254740992.0}"#);
    let single: OrderedMap<f32> = from_str(r#"{"a":16777217}"#).expect("decodes");
    assert_eq!(encode(&single), r#"{"a":16777216.0}"#);
    // Other value types are untouched.
    round_trip::<OrderedMap<i64>>(r#"{"a":5,"b":-1}"#);
    round_trip::<OrderedMap<RawJson>>(r#"{"a":5,"b":5.0,"c":[1,2.0]}"#);
}

#[test]
fn map_values_set_by_the_user_are_written_as_floats() {
    let mut rates: OrderedMap<f64> = from_str(r#"{"a":1,"b":2,"c":3}"#).expect("decodes");
    rates.insert("a", 4.0);
    rates.insert("d", 5.0);
    assert_eq!(encode(&rates), r#"{"a":4.0,"b":2,"c":3,"d":5.0}"#);
    rates.remove("a");
    assert_eq!(encode(&rates), r#"{"b":2,"c":3,"d":5.0}"#);
    if let Some(value) = rates.get_mut("c") {
        *value = 3.5;
    }
    assert_eq!(encode(&rates), r#"{"b":2,"c":3.5,"d":5.0}"#);
    // What arrived as an integer does not change what the map holds or compares equal to.
    let plain: OrderedMap<f64> = from_str(r#"{"b":2.0,"c":3.5,"d":5.0}"#).expect("decodes");
    assert_eq!(rates, plain);
}

/// A type with two declared fields, to receive the `Extra` of a `Tagged`.
#[derive(Clone, Debug, PartialEq, Lossless)]
struct Pair {
    left: u8,
    right: u8,
    extra: Extra,
}

#[test]
fn an_order_recorded_for_another_type_is_not_followed() {
    let tagged: Tagged = from_str(r#"{"id":7,"x":1,"name":"n"}"#).expect("decodes");
    let pair = Pair {
        left: 1,
        right: 2,
        extra: tagged.extra,
    };
    // Tagged's record names three fields; Pair has two, so it writes in its canonical order.
    assert_eq!(encode(&pair), r#"{"left":1,"right":2,"x":1}"#);
}

#[test]
fn the_order_is_kept_beside_spellings_and_nulls() {
    round_trip::<Tagged>(r#"{"tag":null,"x":1,"ID":7,"Name":"n"}"#);
    round_trip::<Tagged>(r#"{"Id":7,"tag":"t","name":"n"}"#);
    round_trip::<Reading>(r#"{"samples":[1,0.5],"value":2,"low":null}"#);
    let mut tagged: Tagged = from_str(r#"{"id":7,"name":"n"}"#).expect("decodes");
    tagged.id = 8;
    tagged.name = "m".into();
    assert_eq!(encode(&tagged), r#"{"id":8,"name":"m"}"#);
    tagged.tag = Some("t".into());
    assert_eq!(encode(&tagged), r#"{"id":8,"name":"m","tag":"t"}"#);
}
