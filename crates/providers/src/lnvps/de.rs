//! Lenient field readers for LNVPS bodies: numbers that may arrive as
//! integers, floats or text, times as RFC 3339 text or Unix seconds, and the
//! VM state as an object (the code) or a bare word (older documentation).

use super::vm::VmRunningState;
use crate::model::Timestamp;
use serde::de::Deserializer;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(untagged)]
enum Num {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
}

impl Num {
    fn to_u64(&self) -> Option<u64> {
        match self {
            Num::Unsigned(u) => Some(*u),
            Num::Signed(i) => u64::try_from(*i).ok(),
            Num::Float(f) if f.is_finite() && *f >= 0.0 => Some(f.round() as u64),
            Num::Float(_) => None,
            Num::Text(t) => t.trim().parse().ok(),
        }
    }

    fn to_i64(&self) -> Option<i64> {
        match self {
            Num::Unsigned(u) => i64::try_from(*u).ok(),
            Num::Signed(i) => Some(*i),
            Num::Float(f) if f.is_finite() => Some(f.round() as i64),
            Num::Float(_) => None,
            Num::Text(t) => t.trim().parse().ok(),
        }
    }

    fn to_f64(&self) -> Option<f64> {
        match self {
            Num::Unsigned(u) => Some(*u as f64),
            Num::Signed(i) => Some(*i as f64),
            Num::Float(f) => Some(*f),
            Num::Text(t) => t.trim().parse().ok(),
        }
    }
}

/// An id or count: a number or numeric text. Anything else is an error.
pub fn u64_strict<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Num::deserialize(d)?
        .to_u64()
        .ok_or_else(|| serde::de::Error::custom("expected a non-negative whole number"))
}

/// A number where `null` or junk reads as 0 (LNVPS fills missing values with 0).
pub fn u64_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(opt_u64(d)?.unwrap_or(0))
}

/// An optional number; `null` or junk gives `None`.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(Option::<Num>::deserialize(d)?.and_then(|n| n.to_u64()))
}

/// An optional signed number; `null` or junk gives `None`.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<Num>::deserialize(d)?.and_then(|n| n.to_i64()))
}

/// A float where `null` or junk reads as 0.
pub fn f64_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<Num>::deserialize(d)?
        .and_then(|n| n.to_f64())
        .filter(|f| f.is_finite())
        .unwrap_or(0.0))
}

/// The VM's `status`: an object with `state` and usage, or just the state word.
pub fn running_state<'de, D: Deserializer<'de>>(d: D) -> Result<Option<VmRunningState>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Wire {
        Word(String),
        Object(VmRunningState),
    }
    Ok(match Option::<Wire>::deserialize(d)? {
        Some(Wire::Object(state)) => Some(state),
        Some(Wire::Word(state)) => Some(VmRunningState {
            state,
            ..VmRunningState::default()
        }),
        None => None,
    })
}

/// A time as LNVPS sends it: RFC 3339 text, or Unix seconds (as a number or text).
pub fn time(text: Option<&str>) -> Option<Timestamp> {
    let text = text?.trim();
    Timestamp::parse(text).or_else(|| text.parse::<i64>().ok().map(Timestamp))
}
