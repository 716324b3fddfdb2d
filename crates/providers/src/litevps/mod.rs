//! litevps (placeholder until the provider module lands).
