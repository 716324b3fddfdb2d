//! BOLT11 amounts: the specification's example invoices (valid and invalid),
//! and how an invoice decides whether a BTC amount is in sats or millisats.

use bech32::{Bech32, Hrp};
use providers::lnvps::{bolt11_amount_msat, btc_unit, money, BtcUnit};

/// "Please send $3 for a cup of coffee to the same peer, within one minute" (BOLT #11).
const COFFEE: &str = "lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpuaztrnwngzn3kdzw5hydlzf03qdgm2hdq27cqv3agm2awhz5se903vruatfhq77w3ls4evs3ch9zw97j25emudupq63nyw24cg27h2rspfj9srp";
/// "Please send 0.0025 BTC for a cup of nonsense" (BOLT #11).
const NONSENSE: &str = "lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpquwpc4curk03c9wlrswe78q4eyqc7d8d0xqzpuyk0sg5g70me25alkluzd2x62aysf2pyy8edtjeevuv4p2d5p76r4zkmneet7uvyakky2zr4cusd45tftc9c5fh0nnqpnl2jfll544esqchsrny";
/// "Now send $24 for an entire list of things (hashed)" (BOLT #11).
const LIST: &str = "lnbc20m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqscc6gd6ql3jrc5yzme8v4ntcewwz5cnw92tz0pc8qcuufvq7khhr8wpald05e92xw006sq94mg8v2ndf4sefvf9sygkshp5zfem29trqq2yxxz7";
/// The same on testnet, with a fallback address (BOLT #11).
const TESTNET: &str = "lntb20m1pvjluezhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqfpp3x9et2e20v6pu37c5d9vax37wxq72un98kmzzhznpurw9sgl2v0nklu2g4d0keph5t7tj9tcqd8rexnd07ux4uv2cjvcqwaxgj7v4uwn5wmypjd5n69z2xm3xgksg28nwht7f6zspwp3f9t";
/// With route hints (BOLT #11).
const ROUTED: &str = "lnbc20m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqsfpp3qjmp7lwpagxun9pygexvgpjdc4jdj85fr9yq20q82gphp2nflc7jtzrcazrra7wwgzxqc8u7754cdlpfrmccae92qgzqvzq2ps8pqqqqqqpqqqqq9qqqvpeuqafqxu92d8lr6fvg0r5gv0heeeqgcrqlnm6jhphu9y00rrhy4grqszsvpcgpy9qqqqqqgqqqqq7qqzqj9n4evl6mr5aj9f58zp6fyjzup6ywn3x6sk8akg5v4tgn2q8g4fhx05wf6juaxu9760yp46454gpg5mtzgerlzezqcqvjnhjh8z3g2qqdhhwkj";
/// "0.00967878534 BTC … amount in pico-BTC" (BOLT #11).
const PICO: &str = "lnbc9678785340p1pwmna7lpp5gc3xfm08u9qy06djf8dfflhugl6p7lgza6dsjxq454gxhj9t7a0sd8dgfkx7cmtwd68yetpd5s9xar0wfjn5gpc8qhrsdfq24f5ggrxdaezqsnvda3kkum5wfjkzmfqf3jkgem9wgsyuctwdus9xgrcyqcjcgpzgfskx6eqf9hzqnteypzxz7fzypfhg6trddjhygrcyqezcgpzfysywmm5ypxxjemgw3hxjmn8yptk7untd9hxwg3q2d6xjcmtv4ezq7pqxgsxzmnyyqcjqmt0wfjjq6t5v4khxxqyjw5qcqp2rzjq0gxwkzc8w6323m55m4jyxcjwmy7stt9hwkwe2qxmy8zpsgg7jcuwz87fcqqeuqqqyqqqqlgqqqqn3qq9qn07ytgrxxzad9hc4xt3mawjjt8znfv8xzscs7007v9gh9j569lencxa8xeujzkxs0uamak9aln6ez02uunw6rd2ht2sqe4hz8thcdagpleym0j";
/// "Same, but all upper case" (BOLT #11): 25 mBTC.
const UPPER: &str = "LNBC25M1PVJLUEZPP5QQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQYPQDQ5VDHKVEN9V5SXYETPDEESSP5ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYGS9Q5SQQQQQQQQQQQQQQQPQSQ67GYE39HFG3ZD8RGC80K32TVY9XK2XUNWM5LZEXNVPX6FD77EN8QAQ424DXGT56CAG2DPT359K3SSYHETKTKPQH24JQNJYW6UQD08SGPTQ44QU";
/// "Please make a donation of any amount" (BOLT #11): no amount.
const DONATION: &str = "lnbc1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq8rkx3yf5tcsyz3d73gafnh3cax9rn449d9p5uxz9ezhhypd0elx87sjle52x86fux2ypatgddc6k63n7erqz25le42c4u4ecky03ylcqca784w";

#[test]
fn spec_examples_give_their_amounts() {
    assert_eq!(bolt11_amount_msat(COFFEE), Some(250_000_000));
    assert_eq!(bolt11_amount_msat(NONSENSE), Some(250_000_000));
    assert_eq!(bolt11_amount_msat(LIST), Some(2_000_000_000));
    assert_eq!(bolt11_amount_msat(TESTNET), Some(2_000_000_000));
    assert_eq!(bolt11_amount_msat(ROUTED), Some(2_000_000_000));
    assert_eq!(bolt11_amount_msat(PICO), Some(967_878_534));
    assert_eq!(bolt11_amount_msat(UPPER), Some(2_500_000_000));
}

#[test]
fn an_invoice_without_an_amount_gives_none() {
    assert_eq!(bolt11_amount_msat(DONATION), None);
}

#[test]
fn the_lightning_scheme_and_spaces_are_ignored() {
    assert_eq!(
        bolt11_amount_msat(&format!("lightning:{COFFEE}")),
        Some(250_000_000)
    );
    assert_eq!(
        bolt11_amount_msat(&format!("LIGHTNING:{COFFEE}\n")),
        Some(250_000_000)
    );
}

#[test]
fn spec_invalid_examples_give_none() {
    // "Bech32 checksum is invalid."
    let bad_checksum = NONSENSE.replace("chsrny", "chsrnt");
    assert_eq!(bolt11_amount_msat(&bad_checksum), None);
    // "Malformed bech32 string (no 1)"
    assert_eq!(
        bolt11_amount_msat(NONSENSE.trim_start_matches("lnbc2500u1")),
        None
    );
    // "Malformed bech32 string (mixed case)"
    assert_eq!(
        bolt11_amount_msat(&NONSENSE.replacen("lnbc2500u", "LNBC2500u", 1)),
        None
    );
    // "Invalid multiplier"
    assert_eq!(
        bolt11_amount_msat("lnbc2500x1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpujr6jxr9gq9pv6g46y7d20jfkegkg4gljz2ea2a3m9lmvvr95tq2s0kvu70u3axgelz3kyvtp2ywwt0y8hkx2869zq5dll9nelr83zzqqpgl2zg"),
        None
    );
    // "Invalid sub-millisatoshi precision."
    assert_eq!(
        bolt11_amount_msat("lnbc2500000001p1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu7hqtk93pkf7sw55rdv4k9z2vj050rxdr6za9ekfs3nlt5lr89jqpdmxsmlj9urqumg0h9wzpqecw7th56tdms40p2ny9q4ddvjsedzcplva53s"),
        None
    );
}

#[test]
fn truncated_documentation_invoices_give_none() {
    assert_eq!(bolt11_amount_msat("lnbc210u1pj..."), None);
    assert_eq!(bolt11_amount_msat(""), None);
    assert_eq!(
        bolt11_amount_msat("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
        None
    );
}

/// A checksum-valid string with the given prefix (the tagged fields do not matter here).
fn invoice_with_prefix(hrp: &str) -> String {
    bech32::encode::<Bech32>(Hrp::parse(hrp).unwrap(), b"lnvps test payload").unwrap()
}

#[test]
fn the_seed_invoice_prefix_is_21000_sat() {
    let invoice = invoice_with_prefix("lnbc210u");
    assert_eq!(bolt11_amount_msat(&invoice), Some(21_000_000));
    // The seed's `"amount": 21000` with this invoice is in satoshis …
    assert_eq!(btc_unit(21_000, Some(&invoice)), BtcUnit::Sats);
    assert_eq!(money(21_000, "BTC", BtcUnit::Sats).to_string(), "21000 sat");
    // … the live server's `"amount": 21000000` with it in millisatoshis.
    assert_eq!(btc_unit(21_000_000, Some(&invoice)), BtcUnit::Millisats);
    assert_eq!(
        money(21_000_000, "BTC", BtcUnit::Millisats).to_string(),
        "21000 sat"
    );
}

#[test]
fn tax_included_invoices_still_decide_the_unit() {
    // 3400 sat + 23 % VAT invoiced as 4182 sat.
    let invoice = invoice_with_prefix("lnbc41820n");
    assert_eq!(bolt11_amount_msat(&invoice), Some(4_182_000));
    assert_eq!(btc_unit(3_400_000, Some(&invoice)), BtcUnit::Millisats);
    assert_eq!(btc_unit(3_400, Some(&invoice)), BtcUnit::Sats);
}

#[test]
fn without_an_invoice_amount_the_seed_units_are_assumed() {
    assert_eq!(btc_unit(3_400_000, None), BtcUnit::Sats);
    assert_eq!(btc_unit(3_400_000, Some(DONATION)), BtcUnit::Sats);
    assert_eq!(btc_unit(0, Some(COFFEE)), BtcUnit::Sats);
}

#[test]
fn millisat_money_keeps_fractions_of_a_sat() {
    let m = money(1_500, "BTC", BtcUnit::Millisats);
    assert_eq!(m.amount.to_string(), "0.00000001500");
    assert_eq!(
        m.minor_units(),
        2,
        "rounded half away from zero to whole sats"
    );
    assert_eq!(
        money(300, "EUR", BtcUnit::Millisats).to_string(),
        "3.00 EUR",
        "fiat is always cents"
    );
}
