//! The amount of a BOLT11 Lightning invoice, read from its human-readable
//! part (`lnbc210u…` = 210 µBTC = 21,000 sat) after checking its bech32
//! checksum. Only the prefix and checksum are read: no signature check, no
//! Lightning library (this code ships in the browser build).

use bech32::primitives::decode::UncheckedHrpstring;
use bech32::{Checksum, Fe1024, Fe32};

/// Millisatoshis in one bitcoin.
const MSAT_PER_BTC: u64 = 100_000_000_000;

/// Bech32 as BOLT11 uses it: the BIP-173 checksum without the 90-character
/// (or 1023-character) length limit, since invoices with route hints are long.
enum Bolt11Checksum {}

impl Checksum for Bolt11Checksum {
    type MidstateRepr = u32;
    type CorrectionField = Fe1024;
    const ROOT_GENERATOR: Self::CorrectionField = Fe1024::new([Fe32::P, Fe32::X]);
    const ROOT_EXPONENTS: std::ops::RangeInclusive<usize> = 24..=26;
    const CODE_LENGTH: usize = 7_089;
    const CHECKSUM_LENGTH: usize = 6;
    // The BIP-173 generator polynomial and its shifts.
    const GENERATOR_SH: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    const TARGET_RESIDUE: u32 = 1;
}

/// The amount a BOLT11 invoice asks for, in millisatoshis.
///
/// `None` when the text is not an invoice with an intact checksum, or when the
/// invoice leaves the amount open. A `lightning:` prefix is ignored.
///
/// ```
/// use providers::lnvps::bolt11_amount_msat;
/// // The BOLT11 specification's "cup of coffee" example: 2500 µBTC.
/// let invoice = "lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpuaztrnwngzn3kdzw5hydlzf03qdgm2hdq27cqv3agm2awhz5se903vruatfhq77w3ls4evs3ch9zw97j25emudupq63nyw24cg27h2rspfj9srp";
/// assert_eq!(bolt11_amount_msat(invoice), Some(250_000_000));
/// assert_eq!(bolt11_amount_msat("lnbc210u1pj..."), None);
/// ```
pub fn bolt11_amount_msat(invoice: &str) -> Option<u64> {
    let invoice = strip_scheme(invoice);
    let parsed = UncheckedHrpstring::new(invoice).ok()?;
    parsed.validate_checksum::<Bolt11Checksum>().ok()?;
    hrp_amount_msat(&parsed.hrp().to_lowercase())
}

/// The invoice text without surrounding space and without a `lightning:` prefix.
pub(crate) fn strip_scheme(invoice: &str) -> &str {
    let invoice = invoice.trim();
    match invoice.get(..10) {
        Some(scheme) if scheme.eq_ignore_ascii_case("lightning:") => {
            invoice.get(10..).unwrap_or_default()
        }
        _ => invoice,
    }
}

/// The amount in the prefix of an invoice whose checksum was not (or could
/// not be) checked, such as one cut short in a document. `None` when there is
/// no amount or the prefix is not a Lightning one.
pub(crate) fn prefix_amount_msat(invoice: &str) -> Option<u64> {
    let invoice = strip_scheme(invoice).to_ascii_lowercase();
    let separator = invoice.rfind('1')?;
    hrp_amount_msat(invoice.get(..separator)?)
}

/// Reads `ln` + currency + optional amount + optional multiplier.
fn hrp_amount_msat(hrp: &str) -> Option<u64> {
    let rest = hrp.strip_prefix("ln")?;
    let digits_at = rest.find(|c: char| c.is_ascii_digit())?;
    let (currency, amount) = rest.split_at(digits_at);
    if currency.is_empty() || !currency.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let (digits, multiplier) = match amount.char_indices().last() {
        Some((i, c)) if c.is_ascii_lowercase() => (amount.get(..i)?, Some(c)),
        _ => (amount, None),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u64 = digits.parse().ok()?;
    match multiplier {
        None => value.checked_mul(MSAT_PER_BTC),
        Some('m') => value.checked_mul(MSAT_PER_BTC / 1_000),
        Some('u') => value.checked_mul(MSAT_PER_BTC / 1_000_000),
        Some('n') => value.checked_mul(MSAT_PER_BTC / 1_000_000_000),
        // A pico-bitcoin is a tenth of a millisatoshi: only whole millisatoshis are valid.
        Some('p') if value.is_multiple_of(10) => Some(value / 10),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_constants_are_consistent() {
        Bolt11Checksum::sanity_check();
    }

    #[test]
    fn prefixes_without_an_amount_or_currency_give_none() {
        assert_eq!(hrp_amount_msat("lnbc"), None);
        assert_eq!(hrp_amount_msat("ln2500u"), None);
        assert_eq!(hrp_amount_msat("bc2500u"), None);
        assert_eq!(hrp_amount_msat("lnbcrt50u"), Some(5_000_000));
        assert_eq!(hrp_amount_msat("lnbc99999999999999999999m"), None);
    }
}
