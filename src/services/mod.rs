//! Browser-side services the views use: time, transports, signing, storage,
//! the encrypted vault, the desktop app's native side and the theme.

pub mod clock;
pub mod demo;
pub mod desktop;
pub mod download;
pub mod echarts;
pub mod fetch;
pub mod signer;
pub mod storage;
pub mod theme;
pub mod transport;
pub mod vault;
