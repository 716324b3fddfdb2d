//! One page per route.

pub mod accounts;
pub mod activity;
pub mod billing;
pub mod costs;
pub mod fleet;
pub mod not_found;
pub mod order;
pub mod order_forms;
pub mod order_lnvps;
pub mod server;
pub mod tools;
