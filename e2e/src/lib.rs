//! Browser tests of the panel: the release build in Debian's headless
//! Chromium (through chromedriver), against the sandbox binary on loopback.
//!
//! [`World`] starts once per test binary: the sandbox (request log in
//! `target/e2e/requests/<test file>.jsonl`), a static server for `dist/` with an SPA
//! fallback, and chromedriver. Each test opens its own browser with
//! [`World::browser`]. Fixtures follow the usual split: [`find`] locates (with
//! waits), [`action`] does what a user does, [`check`] reads what a user sees.

pub mod action;
pub mod check;
pub mod find;
pub mod loopback;
pub mod nostr_shim;
pub mod order;
mod static_server;
pub mod tools;
pub mod world;

pub use world::{Browser, World};
