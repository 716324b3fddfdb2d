//! hostkey (placeholder until the provider module lands).
