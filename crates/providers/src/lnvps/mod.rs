//! lnvps (placeholder until the provider module lands).
