//! The `Authorization: Basic` header.

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine};

/// A Basic credential as decoded, `user:password`: every spelling of one credential is one
/// key. No `Debug`, so that it cannot end up in a log line.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Credential {
    decoded: String,
    colon: usize,
}

impl Credential {
    pub fn user(&self) -> &str {
        &self.decoded[..self.colon]
    }

    pub fn password(&self) -> &str {
        &self.decoded[self.colon + 1..]
    }
}

/// Base64 with or without its padding.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// `Basic <base64 of user:password>`, the scheme in any case, with any spaces around.
pub fn basic_credentials(authorization: &str) -> Option<Credential> {
    let (scheme, encoded) = authorization.trim().split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(LENIENT_BASE64.decode(encoded.trim()).ok()?).ok()?;
    let colon = decoded.find(':')?;
    Some(Credential { decoded, colon })
}
