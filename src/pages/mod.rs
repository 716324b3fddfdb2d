//! One page per route.

pub mod accounts;
pub mod activity;
pub mod fleet;
pub mod not_found;
pub mod server;
