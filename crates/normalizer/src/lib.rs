//! Normalizer (in progress).
