//! BOLT11 Lightning invoices, as a mainnet node issues them: bech32 with
//! checksum, `lnbc` plus the amount in the human-readable part, a 35-bit
//! timestamp, the tagged fields `p` (payment hash), `s` (payment secret),
//! `d` (description), `x` (expiry), `c` (final CLTV delta) and `9` (features),
//! and a recoverable secp256k1 signature over the SHA-256 of the
//! human-readable part followed by the data part.

use bech32::primitives::iter::Fe32IterExt;
use bech32::{Bech32, Fe32, Hrp};
use secp256k1::{Message, Secp256k1, SecretKey, SignOnly};
use sha2::{Digest, Sha256};

/// Invoice expiry in seconds (LNVPS: 600).
pub(super) const EXPIRY_SECS: u64 = 600;
/// The final hop's CLTV delta the node asks for.
const MIN_FINAL_CLTV: u64 = 80;
/// Feature bits: var_onion_optin (8) and payment_secret (14) required, basic_mpp (17) optional.
const FEATURES: u64 = (1 << 8) | (1 << 14) | (1 << 17);

/// What one invoice says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Invoice {
    /// Amount in satoshis.
    pub(super) amount_sats: u64,
    /// Creation time, Unix seconds.
    pub(super) timestamp: u64,
    /// SHA-256 of the preimage.
    pub(super) payment_hash: [u8; 32],
    /// The secret that binds the payment to this invoice.
    pub(super) payment_secret: [u8; 32],
    /// What the payer's wallet shows.
    pub(super) description: String,
}

/// The Lightning node that signs invoices.
pub(super) struct Node {
    secp: Secp256k1<SignOnly>,
    key: SecretKey,
}

impl Node {
    /// A node whose key derives from `seed`.
    pub(super) fn new(seed: u64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed ^ 0x4c4e_5650_535f_4e44);
        let key = loop {
            let mut bytes = [0u8; 32];
            rng.fill(&mut bytes);
            if let Ok(key) = SecretKey::from_byte_array(&bytes) {
                break key;
            }
        };
        Self {
            secp: Secp256k1::signing_only(),
            key,
        }
    }

    /// The invoice as a lowercase BOLT11 string.
    pub(super) fn encode(&self, invoice: &Invoice) -> String {
        let hrp_text = format!("lnbc{}", amount_hrp(invoice.amount_sats));
        let mut data = Words::default();
        data.push_number(invoice.timestamp, 7);
        data.push_field('p', &Words::from_bytes(&invoice.payment_hash));
        data.push_field('s', &Words::from_bytes(&invoice.payment_secret));
        data.push_field('d', &Words::from_bytes(invoice.description.as_bytes()));
        data.push_field('x', &Words::minimal(EXPIRY_SECS));
        data.push_field('c', &Words::minimal(MIN_FINAL_CLTV));
        data.push_field('9', &Words::minimal(FEATURES));

        let mut preimage = hrp_text.as_bytes().to_vec();
        preimage.extend(data.to_bytes_padded());
        let digest: [u8; 32] = Sha256::digest(&preimage).into();
        let signature = self
            .secp
            .sign_ecdsa_recoverable(&Message::from_digest(digest), &self.key);
        let (recovery, compact) = signature.serialize_compact();
        let mut signature_bytes = compact.to_vec();
        signature_bytes.push(u8::try_from(i32::from(recovery)).unwrap_or(0));
        data.0.extend(Words::from_bytes(&signature_bytes).0);

        match Hrp::parse(&hrp_text) {
            Ok(hrp) => data
                .0
                .into_iter()
                .filter_map(|w| Fe32::try_from(w).ok())
                .with_checksum::<Bech32>(&hrp)
                .chars()
                .collect(),
            Err(_) => String::new(),
        }
    }
}

/// The amount part of the human-readable part: the largest unit that keeps
/// it a whole number (`210u` for 21 000 sat, `25m` for 2 500 000 sat).
fn amount_hrp(sats: u64) -> String {
    if sats.is_multiple_of(100_000) {
        format!("{}m", sats / 100_000)
    } else if sats.is_multiple_of(100) {
        format!("{}u", sats / 100)
    } else {
        format!("{}n", sats * 10)
    }
}

/// A sequence of 5-bit words (values 0–31).
#[derive(Debug, Default, Clone)]
struct Words(Vec<u8>);

impl Words {
    /// Bytes regrouped into 5-bit words, the last padded with zero bits.
    fn from_bytes(bytes: &[u8]) -> Self {
        let mut words = Vec::with_capacity(bytes.len() * 8 / 5 + 1);
        let mut acc: u32 = 0;
        let mut bits = 0;
        for &byte in bytes {
            acc = (acc << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                words.push(((acc >> bits) & 31) as u8);
            }
        }
        if bits > 0 {
            words.push(((acc << (5 - bits)) & 31) as u8);
        }
        Words(words)
    }

    /// `value` big-endian in as few words as it needs (at least one).
    fn minimal(value: u64) -> Self {
        let mut words = Vec::new();
        let mut rest = value;
        loop {
            words.push((rest & 31) as u8);
            rest >>= 5;
            if rest == 0 {
                break;
            }
        }
        words.reverse();
        Words(words)
    }

    /// `value` big-endian in exactly `count` words.
    fn push_number(&mut self, value: u64, count: u32) {
        for i in (0..count).rev() {
            self.0.push(((value >> (5 * i)) & 31) as u8);
        }
    }

    /// A tagged field: its type letter, its length in words, its words.
    fn push_field(&mut self, tag: char, value: &Words) {
        let tag_word = Fe32::from_char(tag).map(|fe| fe.to_u8()).unwrap_or(0);
        self.0.push(tag_word);
        self.push_number(value.0.len() as u64, 2);
        self.0.extend_from_slice(&value.0);
    }

    /// The words as bytes, zero bits appended to fill the last byte.
    fn to_bytes_padded(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.0.len() * 5 / 8 + 1);
        let mut acc: u32 = 0;
        let mut bits = 0;
        for &word in &self.0 {
            acc = (acc << 5) | u32::from(word);
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                bytes.push(((acc >> bits) & 0xff) as u8);
            }
        }
        if bits > 0 {
            bytes.push(((acc << (8 - bits)) & 0xff) as u8);
        }
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_use_the_largest_whole_unit() {
        assert_eq!(amount_hrp(21_000), "210u");
        assert_eq!(amount_hrp(2_500_000), "25m");
        assert_eq!(amount_hrp(1_234), "12340n");
    }

    #[test]
    fn words_round_trip_to_padded_bytes() {
        let words = Words::from_bytes(&[0xff, 0x01]);
        assert_eq!(words.0, vec![31, 28, 0, 16]);
        assert_eq!(words.to_bytes_padded(), vec![0xff, 0x01, 0x00]);
        assert_eq!(Words::minimal(600).0, vec![18, 24]);
    }
}
