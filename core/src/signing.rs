//! Course packages are signed by the server with an Ed25519 key made at its first start;
//! a kiosk pins the public key when it enrolls and installs only packages whose
//! signature verifies. The sha256 the server announces only catches a damaged
//! download: a server (or anyone in its place) that announces a package could announce
//! any hash, but cannot sign with a key it does not hold.
//!
//! What is signed: the package's bytes, exactly as downloaded. Keys and signatures
//! travel as lowercase hex.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum SignatureError {
    #[error("the pinned course key is not a valid Ed25519 public key")]
    BadKey,
    #[error("the package's signature is malformed")]
    BadSignature,
    #[error("the package's signature does not verify with the server's course key")]
    Mismatch,
}

/// The public key (hex) of a signing key given by its 32 secret bytes.
pub fn public_key_hex(secret: &[u8; 32]) -> String {
    hex::encode(SigningKey::from_bytes(secret).verifying_key().to_bytes())
}

/// The signature (hex) of `package` with the key given by its secret bytes.
pub fn sign_package(secret: &[u8; 32], package: &[u8]) -> String {
    hex::encode(SigningKey::from_bytes(secret).sign(package).to_bytes())
}

/// Checks `signature` (hex) of `package` against the pinned public key (hex).
pub fn verify_package(
    public_key_hex: &str,
    package: &[u8],
    signature_hex: &str,
) -> Result<(), SignatureError> {
    let key: [u8; 32] = hex::decode(public_key_hex.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(SignatureError::BadKey)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| SignatureError::BadKey)?;
    let sig: [u8; 64] = hex::decode(signature_hex.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(SignatureError::BadSignature)?;
    key.verify(package, &Signature::from_bytes(&sig))
        .map_err(|_| SignatureError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_package_verifies_and_a_changed_one_or_another_key_does_not() {
        let (secret, other) = ([7u8; 32], [9u8; 32]);
        let public = public_key_hex(&secret);
        let sig = sign_package(&secret, b"course package");
        assert_eq!(verify_package(&public, b"course package", &sig), Ok(()));
        assert_eq!(
            verify_package(&public, b"course packagE", &sig),
            Err(SignatureError::Mismatch)
        );
        let forged = sign_package(&other, b"course package");
        assert_eq!(
            verify_package(&public, b"course package", &forged),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_package(&public, b"course package", "zz"),
            Err(SignatureError::BadSignature)
        );
        assert_eq!(
            verify_package("", b"course package", &sig),
            Err(SignatureError::BadKey)
        );
    }
}
