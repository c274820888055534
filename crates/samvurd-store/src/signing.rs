//! A member's signing key and the public key a score file carries (score-file version 2).
//!
//! Ed25519 (`ed25519-dalek`): small keys, deterministic signatures (no randomness is needed to
//! sign, only to make a key), and a verification that costs about as much as hashing the file.
//! The secret key is made and kept by the app on the member's machine, never in a round file;
//! this module only turns bytes into keys, signs and verifies.
//!
//! A key is named by its fingerprint: the SHA-256 of the 32 public-key bytes. People compare the
//! short form, the first 16 hex digits in four groups (`3F2A-9C1B-77D0-E415`), read aloud on the
//! phone; the master stores the whole fingerprint.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

use crate::score_file::sha256_hex;

/// A member's secret signing key.
#[derive(Clone)]
pub struct MemberKey {
    signing: SigningKey,
}

impl std::fmt::Debug for MemberKey {
    // Never print the secret, not even in a panic message.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("MemberKey")
            .field("fingerprint", &self.public_key().short_fingerprint())
            .finish_non_exhaustive()
    }
}

impl MemberKey {
    /// The key from its 32 secret bytes (fresh random bytes make a new key).
    pub fn from_secret_bytes(secret: &[u8; 32]) -> MemberKey {
        MemberKey { signing: SigningKey::from_bytes(secret) }
    }

    pub fn secret_bytes(&self) -> [u8; 32] {
        self.signing.to_bytes()
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey { verifying: self.signing.verifying_key() }
    }

    /// The signature over `message`, as hex.
    pub(crate) fn sign_hex(&self, message: &[u8]) -> String {
        hex(&self.signing.sign(message).to_bytes())
    }
}

/// A member's public key, as a score file carries it (`ed25519:` and 64 hex digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    verifying: VerifyingKey,
}

pub(crate) const PUBLIC_KEY_PREFIX: &str = "ed25519:";

impl PublicKey {
    /// Reads `ed25519:<64 hex digits>`; `None` for anything else, including a point that is not
    /// on the curve.
    pub fn parse(text: &str) -> Option<PublicKey> {
        let bytes: [u8; 32] = unhex(text.strip_prefix(PUBLIC_KEY_PREFIX)?)?.try_into().ok()?;
        Some(PublicKey { verifying: VerifyingKey::from_bytes(&bytes).ok()? })
    }

    pub fn to_text(&self) -> String {
        format!("{PUBLIC_KEY_PREFIX}{}", hex(self.verifying.as_bytes()))
    }

    /// SHA-256 of the public key's bytes, as 64 hex digits.
    pub fn fingerprint(&self) -> String {
        sha256_hex(self.verifying.as_bytes())
    }

    /// The first 16 hex digits of the fingerprint in groups of four, upper case.
    pub fn short_fingerprint(&self) -> String {
        short_fingerprint(&self.fingerprint())
    }

    /// Whether `signature_hex` is this key's signature over `message`. Strict verification:
    /// no malleable or small-order signatures.
    pub(crate) fn verifies(&self, message: &[u8], signature_hex: &str) -> bool {
        let Some(bytes) = unhex(signature_hex).and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
        else {
            return false;
        };
        self.verifying.verify_strict(message, &Signature::from_bytes(&bytes)).is_ok()
    }
}

/// The readable short form of a full fingerprint (64 hex digits).
pub fn short_fingerprint(fingerprint: &str) -> String {
    let upper = fingerprint.to_ascii_uppercase();
    let digits: Vec<&str> =
        (0..4).filter_map(|group| upper.get(group * 4..group * 4 + 4)).collect();
    digits.join("-")
}

/// Bytes as lowercase hex digits (keys and signatures in files).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Hex digits back to bytes; `None` for an odd length or a non-hex digit.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|index| u8::from_str_radix(text.get(index..index + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_own_message_and_key() {
        let key = MemberKey::from_secret_bytes(&[7; 32]);
        let other = MemberKey::from_secret_bytes(&[8; 32]);
        let signature = key.sign_hex(b"innhold");
        assert!(key.public_key().verifies(b"innhold", &signature));
        assert!(!key.public_key().verifies(b"innhald", &signature));
        assert!(!other.public_key().verifies(b"innhold", &signature));
        assert!(!key.public_key().verifies(b"innhold", "ikke hex"));
    }

    #[test]
    fn a_public_key_reads_back_from_its_text_and_has_a_short_fingerprint_in_four_groups() {
        let key = MemberKey::from_secret_bytes(&[7; 32]).public_key();
        assert_eq!(PublicKey::parse(&key.to_text()), Some(key.clone()));
        assert_eq!(PublicKey::parse("ed25519:00"), None);
        let short = key.short_fingerprint();
        assert_eq!(short.len(), 19);
        assert!(key.fingerprint().to_ascii_uppercase().starts_with(&short.replace('-', "")));
    }
}
