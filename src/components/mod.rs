//! Reusable pieces of the UI.

pub mod account_status;
pub mod bulk_bar;
pub mod bulk_progress;
pub mod collection;
pub mod dialog;
pub mod error_notice;
pub mod form_fields;
pub mod lightning_invoice;
pub mod metric_chart;
pub mod nav;
pub mod order_entry;
pub mod order_follow;
pub mod order_form;
pub mod orders_in_flight;
pub mod qr;
pub mod request_view;
pub mod sandbox_banner;
pub mod select_box;
pub mod stage_progress;
pub mod status_badge;
pub mod tool;
pub mod topbar;
