//! Enrollment codes and device tokens: random, shown once, stored only as hashes. Both
//! carry enough entropy (60 and 256 bits) that a plain SHA-256 is the right hash; a
//! slow password hash would only slow down every request.

use baeumteo_core::wire::{ENROLL_CODE_ALPHABET, ENROLL_CODE_LEN, normalize_enroll_code};
use rand::Rng;
use sha2::{Digest, Sha256};

/// A fresh code, without separators (see `wire::format_enroll_code` for display).
pub fn new_enroll_code() -> String {
    let mut rng = rand::rng();
    (0..ENROLL_CODE_LEN)
        .map(|_| ENROLL_CODE_ALPHABET[rng.random_range(0..ENROLL_CODE_ALPHABET.len())] as char)
        .collect()
}

pub fn enroll_code_hash(typed: &str) -> String {
    hash(&normalize_enroll_code(typed))
}

/// 256 random bits, hex.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hash(token)
}

fn hash(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_hashes_the_same_however_it_is_typed() {
        let code = new_enroll_code();
        assert_eq!(code.len(), ENROLL_CODE_LEN);
        let typed = baeumteo_core::wire::format_enroll_code(&code).to_lowercase();
        assert_eq!(enroll_code_hash(&typed), enroll_code_hash(&code));
    }

    #[test]
    fn tokens_are_long_and_distinct() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
    }
}
