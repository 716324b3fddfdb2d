//! NIP-98 events made by the core, checked with the `nostr` crate against
//! every rule LNVPS applies (lnvps.md §1): kind, `u`, `method`, `payload`,
//! `created_at`, padded standard base64, the `Nostr ` prefix, signature and
//! id, one event per request, and which calls `Session::lnvps` signs.

mod lnvps_fakes;

use base64::Engine;
use futures::executor::block_on;
use lnvps_fakes::{event_of, session, tag, FakeClock, FakeTransport};
use nostr::prelude::{Event, Kind};
use providers::lnvps::{Api, NewSshKey, UpgradeRequest, VmSize};
use providers::nip98;
use providers::{ApiRequest, ApiResponse, KeySigner, ProviderError, Signer};
use sha2::{Digest, Sha256};

const NOW: u64 = 1_704_067_200;

fn api() -> Api {
    Api::new(None).unwrap()
}

/// Signs `request` at `created_at` with `signer`, through the core's functions.
fn sign(signer: &KeySigner, request: &ApiRequest, created_at: u64) -> (Event, String) {
    let public_key = block_on(signer.public_key()).unwrap();
    let event =
        block_on(signer.sign(nip98::unsigned_event(public_key, request, created_at))).unwrap();
    let header = nip98::header_value(&event);
    (event, header)
}

fn ok(body: &str) -> ApiResponse {
    let mut r = http::Response::new(body.as_bytes().to_vec());
    *r.status_mut() = http::StatusCode::OK;
    r
}

#[test]
fn kind_is_27235_with_empty_content() {
    let signer = KeySigner::generate();
    let (event, _) = sign(&signer, api().list_vms().request(), NOW);
    assert_eq!(event.kind, Kind::HttpAuth);
    assert_eq!(event.kind.as_u16(), 27_235);
    assert_eq!(event.content, "");
    assert_eq!(event.pubkey, signer.keys().public_key());
}

#[test]
fn signature_and_id_verify() {
    let signer = KeySigner::generate();
    let (event, header) = sign(&signer, api().create_vm(&seed_order()).request(), NOW);
    event.verify().unwrap();
    let decoded = decode(&header);
    decoded.verify().unwrap();
    assert_eq!(decoded, event);
}

#[test]
fn a_tampered_event_does_not_verify() {
    let signer = KeySigner::generate();
    let (event, _) = sign(&signer, api().list_vms().request(), NOW);
    let mut json: serde_json::Value = serde_json::to_value(&event).unwrap();
    json["created_at"] = serde_json::json!(NOW + 1);
    let tampered: Event = serde_json::from_value(json).unwrap();
    assert!(tampered.verify().is_err());
}

#[test]
fn u_is_the_absolute_request_url() {
    let signer = KeySigner::generate();
    for request in [
        api().list_vms().request().clone(),
        api().vm(123).request().clone(),
        api()
            .renew(123, &providers::lnvps::Renewal::lightning())
            .unwrap()
            .request()
            .clone(),
    ] {
        let (event, _) = sign(&signer, &request, NOW);
        let u = tag(&event, "u").unwrap();
        assert_eq!(u, request.uri().to_string());
        assert!(u.starts_with("https://api.lnvps.net/api/v1/vm"), "{u}");
    }
    let (event, _) = sign(
        &signer,
        api()
            .renew(123, &providers::lnvps::Renewal::lightning())
            .unwrap()
            .request(),
        NOW,
    );
    assert_eq!(
        tag(&event, "u").unwrap(),
        "https://api.lnvps.net/api/v1/vm/123/renew?method=lightning"
    );
}

#[test]
fn method_tag_matches_the_request() {
    let signer = KeySigner::generate();
    let size = VmSize {
        cpu: 1,
        memory: 1 << 30,
        disk: 10 << 30,
    };
    for (request, method) in [
        (api().list_vms().request().clone(), "GET"),
        (api().create_vm(&seed_order()).request().clone(), "POST"),
        (
            api()
                .power(1, providers::PowerAction::Start)
                .request()
                .clone(),
            "PATCH",
        ),
        (api().delete_ssh_key(1).request().clone(), "DELETE"),
        (
            api()
                .upgrade_quote(
                    1,
                    size,
                    &UpgradeRequest {
                        cpu: Some(2),
                        ..UpgradeRequest::default()
                    },
                    None,
                )
                .unwrap()
                .request()
                .clone(),
            "POST",
        ),
    ] {
        let (event, _) = sign(&signer, &request, NOW);
        assert_eq!(tag(&event, "method").as_deref(), Some(method));
        assert_eq!(request.method().as_str(), method);
    }
}

#[test]
fn payload_is_the_sha256_of_the_body() {
    let signer = KeySigner::generate();
    let key = NewSshKey {
        name: "my-key".into(),
        key_data: "ssh-ed25519 AAAAC3...".into(),
    };
    let request = api().add_ssh_key(&key).unwrap().request().clone();
    let (event, _) = sign(&signer, &request, NOW);
    let expected = hex::encode(Sha256::digest(request.body()));
    let payload = tag(&event, "payload").unwrap();
    assert_eq!(payload, expected);
    assert_eq!(payload, payload.to_lowercase());
    assert_eq!(payload.len(), 64);
}

#[test]
fn no_payload_without_a_body() {
    let signer = KeySigner::generate();
    for request in [
        api().list_vms().request().clone(),
        api()
            .power(1, providers::PowerAction::Stop)
            .request()
            .clone(),
    ] {
        assert!(request.body().is_empty());
        let (event, _) = sign(&signer, &request, NOW);
        assert_eq!(tag(&event, "payload"), None);
    }
}

#[test]
fn created_at_is_the_given_time() {
    let signer = KeySigner::generate();
    let (event, _) = sign(&signer, api().list_vms().request(), NOW);
    assert_eq!(event.created_at.as_secs(), NOW);
}

#[test]
fn header_is_nostr_and_padded_standard_base64() {
    let signer = KeySigner::generate();
    let (event, header) = sign(&signer, api().create_vm(&seed_order()).request(), NOW);
    let encoded = header
        .strip_prefix("Nostr ")
        .expect("exactly `Nostr ` then the event");
    assert!(!encoded.starts_with(' '));
    assert!(
        !encoded.contains(['-', '_']),
        "standard alphabet, not URL-safe"
    );
    assert_eq!(encoded.len() % 4, 0, "padded");
    let json = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    assert_eq!(
        base64::engine::general_purpose::STANDARD.encode(&json),
        encoded,
        "round-trips"
    );
    let decoded: Event = serde_json::from_slice(&json).unwrap();
    assert_eq!(decoded.id, event.id);
    for key in [
        "id",
        "pubkey",
        "created_at",
        "kind",
        "tags",
        "content",
        "sig",
    ] {
        assert!(
            serde_json::from_slice::<serde_json::Value>(&json)
                .unwrap()
                .get(key)
                .is_some(),
            "{key}"
        );
    }
}

#[test]
fn two_requests_get_two_event_ids() {
    let signer = KeySigner::generate();
    let request = api().list_vms().request().clone();
    let (first, _) = sign(&signer, &request, NOW);
    let (second, _) = sign(&signer, &request, NOW);
    assert_ne!(
        first.id, second.id,
        "the same request in the same second must not replay"
    );
    let (other, _) = sign(&signer, api().vm(1).request(), NOW);
    assert_ne!(first.id, other.id);
}

#[test]
fn the_seed_example_event() {
    // {"kind":27235,"created_at":1704067200,"tags":[["u","https://api.lnvps.net/api/v1/vm"],["method","POST"]],"content":""}
    let signer = KeySigner::generate();
    let (event, _) = sign(
        &signer,
        api().create_vm(&seed_order()).request(),
        1_704_067_200,
    );
    assert_eq!(event.kind.as_u16(), 27_235);
    assert_eq!(event.created_at.as_secs(), 1_704_067_200);
    assert_eq!(
        tag(&event, "u").as_deref(),
        Some("https://api.lnvps.net/api/v1/vm")
    );
    assert_eq!(tag(&event, "method").as_deref(), Some("POST"));
    assert_eq!(event.content, "");
}

fn seed_order() -> providers::lnvps::NewVm {
    providers::lnvps::NewVm {
        template_id: 1,
        image_id: 1,
        ssh_key_id: 1,
        ref_code: None,
    }
}

fn decode(header: &str) -> Event {
    let json = base64::engine::general_purpose::STANDARD
        .decode(header.strip_prefix("Nostr ").unwrap())
        .unwrap();
    serde_json::from_slice(&json).unwrap()
}

// ── Through the session ───────────────────────────────────────────────────

#[test]
fn the_session_signs_private_calls_with_its_clock() {
    let transport = FakeTransport::new(vec![ok(r#"{"data":[]}"#)]);
    let clock = FakeClock::at(NOW + 42);
    let signer = KeySigner::generate();
    let public_key = signer.keys().public_key();
    let s = session(&transport, &clock, signer);
    block_on(s.lnvps(|a| Ok(a.list_vms()))).unwrap();
    let request = transport.request(0);
    let event = event_of(&request);
    event.verify().unwrap();
    assert_eq!(event.created_at.as_secs(), NOW + 42);
    assert_eq!(event.pubkey, public_key);
    assert_eq!(tag(&event, "u").unwrap(), request.uri().to_string());
    assert_eq!(tag(&event, "method").as_deref(), Some("GET"));
}

#[test]
fn the_session_signs_the_exact_body_it_sends() {
    let transport = FakeTransport::new(vec![ok(
        r#"{"data":{"id":1,"name":"k","created":"2024-01-01T00:00:00Z"}}"#,
    )]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    let key = NewSshKey {
        name: "k".into(),
        key_data: "ssh-ed25519 AAAA".into(),
    };
    block_on(s.lnvps(|a| a.add_ssh_key(&key))).unwrap();
    let request = transport.request(0);
    assert_eq!(
        tag(&event_of(&request), "payload").unwrap(),
        hex::encode(Sha256::digest(request.body()))
    );
}

#[test]
fn every_request_of_a_session_has_a_fresh_event() {
    let transport = FakeTransport::new(vec![ok(r#"{"data":[]}"#), ok(r#"{"data":[]}"#)]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    block_on(s.lnvps(|a| Ok(a.list_vms()))).unwrap();
    block_on(s.lnvps(|a| Ok(a.list_vms()))).unwrap();
    assert_ne!(
        event_of(&transport.request(0)).id,
        event_of(&transport.request(1)).id
    );
}

#[test]
fn public_calls_go_unsigned() {
    let transport = FakeTransport::new(vec![
        ok(r#"{"data":[]}"#),
        ok(r#"{"data":[]}"#),
        ok(r#"{"data":[]}"#),
    ]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    block_on(s.lnvps(|a| Ok(a.images(None)))).unwrap();
    block_on(s.lnvps(|a| Ok(a.templates()))).unwrap();
    block_on(s.lnvps(|a| Ok(a.payment_methods()))).unwrap();
    for i in 0..3 {
        assert!(
            transport
                .request(i)
                .headers()
                .get("authorization")
                .is_none(),
            "request {i}"
        );
    }
}

#[test]
fn u_follows_a_base_url_override() {
    let transport = FakeTransport::new(vec![ok(r#"{"data":[]}"#)]);
    let clock = FakeClock::at(NOW);
    let s = providers::driver::Session::new(
        lnvps_fakes::account(Some("http://127.0.0.1:8080/lnvps")),
        &transport,
        KeySigner::generate(),
        &clock,
    );
    block_on(s.lnvps(|a| Ok(a.list_vms()))).unwrap();
    assert_eq!(
        tag(&event_of(&transport.request(0)), "u").as_deref(),
        Some("http://127.0.0.1:8080/lnvps/api/v1/vm")
    );
}

#[test]
fn a_refusing_signer_sends_nothing() {
    let transport = FakeTransport::new(vec![]);
    let clock = FakeClock::at(NOW);
    let s = providers::driver::Session::new(
        lnvps_fakes::account(None),
        &transport,
        providers::signer::NoSigner,
        &clock,
    );
    let e = block_on(s.lnvps(|a| Ok(a.list_vms()))).unwrap_err();
    assert_eq!(
        e,
        ProviderError::Signer {
            message: "no Nostr signer is configured".into()
        }
    );
    assert!(transport.requests.borrow().is_empty());
}
