//! cyberpanel (placeholder until the provider module lands).
