//! Secret masking: at most the last four characters of a secret are ever shown, and at most
//! the last four digits of a phone number.
//!
//! Atlas redacts most secrets itself (`"****7890"`), but nothing guarantees that every
//! deployment, proxy or future field does, so both the proxy and the panel mask again. Phone
//! numbers (a team member's or an SMS alert's `mobileNumber`) Atlas sends in clear.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// What stands in for the hidden part of a secret. Its length never depends on the secret's.
pub const MASK: &str = "********";

/// Below this many characters a secret is hidden whole: four of six characters is most of it.
const MIN_LEN_TO_SHOW_TAIL: usize = 12;
const TAIL_LEN: usize = 4;

/// Field names Atlas documents as secret, across all integration types and API versions.
pub const KNOWN_SECRET_FIELDS: &[&str] = &[
    "serviceKey",
    "apiToken",
    "apiKey",
    "licenseKey",
    "writeToken",
    "readToken",
    "routingKey",
    "url",
    "secret",
    "bodyTemplate",
    "headersTemplate",
    "microsoftTeamsWebhookUrl",
    "password",
];

/// Words that make any field, known or not, a secret, wherever they stand in its name and in
/// any case. The rule fails closed: a setting wrongly hidden costs a look in the Atlas UI, a
/// secret wrongly shown cannot be taken back. The tests list, name by name, why.
const SECRET_WORDS: &[&str] = &[
    "key",
    "token",
    "secret",
    "password",
    "passwd",
    "pass",
    "pwd",
    "passphrase",
    "credential",
    "authorization",
    "cookie",
    "hmac",
    "signature",
    "private",
    "header",
    "url",
    "uri",
    "dsn",
    "connectionstring",
    "auth",
    "jwt",
    "pem",
    "template",
];

/// Field names Atlas documents that hold one of the words above and no secret: shown.
const KNOWN_PLAIN_FIELDS: &[&str] = &[
    // When a team member last signed in: a time, not a credential.
    "lastAuth",
    // An activity feed's API key, by its ID and its public key: who made a change, as a
    // user name says it for a person. The public key is the key's name in the Atlas UI; its
    // private key never appears in an event.
    "apiKeyId",
    "publicKey",
    "targetPublicKey",
];

/// Words that make a field a phone number, wherever they stand in its name and in any case.
const PHONE_WORDS: &[&str] = &["phone", "mobile", "msisdn"];

/// Below this many digits a phone number is hidden whole: four digits would be most of it.
const MIN_DIGITS_TO_SHOW_TAIL: usize = 8;

/// Whether `name`, or `name` without its `_` and `-`, holds one of `words`, in any case.
fn holds_word(name: &str, words: &[&str]) -> bool {
    let holds = |name: &[u8]| {
        words.iter().any(|word| {
            name.windows(word.len())
                .any(|part| part.eq_ignore_ascii_case(word.as_bytes()))
        })
    };
    holds(name.as_bytes())
        // `connection_string`, `private-key`: the words without their separators. Most names
        // have none, and cost no copy.
        || (name.contains(['_', '-'])
            && holds(&name.bytes().filter(|b| !matches!(b, b'_' | b'-')).collect::<Vec<u8>>()))
}

/// Whether a field with this name holds a secret.
pub fn is_secret_field(name: &str) -> bool {
    KNOWN_SECRET_FIELDS.contains(&name)
        || (holds_word(name, SECRET_WORDS) && !KNOWN_PLAIN_FIELDS.contains(&name))
}

/// Whether a field with this name holds a phone number (`mobileNumber`), shown as its last
/// four digits only. A secret field is a secret first.
pub fn is_phone_number_field(name: &str) -> bool {
    !is_secret_field(name) && holds_word(name, PHONE_WORDS)
}

/// Whether a field's value is masked: a secret or a phone number.
pub fn is_masked_field(name: &str) -> bool {
    is_secret_field(name) || holds_word(name, PHONE_WORDS)
}

/// `MASK` followed by at most the last four characters of `secret`.
///
/// The tail is shown only when the secret is long enough for it to be a small part, and only
/// when it is not itself redaction. Masking a masked value gives the same value.
pub fn mask_secret(secret: &str) -> String {
    if secret.is_empty() {
        return String::new();
    }
    let count = secret.chars().count();
    if count < MIN_LEN_TO_SHOW_TAIL {
        return MASK.to_string();
    }
    let tail: String = secret.chars().skip(count - TAIL_LEN).collect();
    if tail.contains('*') || tail.chars().any(char::is_whitespace) {
        return MASK.to_string();
    }
    format!("{MASK}{tail}")
}

/// `MASK` followed by the last four digits of a phone number, and nothing else of it: no
/// country code, no separator, no letter.
///
/// A number of fewer than eight digits is hidden whole. Masking a masked number gives the
/// same value.
pub fn mask_phone_number(number: &str) -> String {
    if number.is_empty() {
        return String::new();
    }
    let already_masked = number
        .strip_prefix(MASK)
        .is_some_and(|tail| tail.len() == TAIL_LEN && tail.bytes().all(|b| b.is_ascii_digit()));
    if already_masked {
        return number.to_string();
    }
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < MIN_DIGITS_TO_SHOW_TAIL {
        return MASK.to_string();
    }
    let tail: String = digits[digits.len() - TAIL_LEN..].iter().collect();
    format!("{MASK}{tail}")
}

/// Masks, in place, every secret and phone number field of a JSON value, at any depth.
///
/// A secret field's string becomes `mask_secret` of it, a phone number field's string (or
/// number) `mask_phone_number` of it; any other non-null value in such a field (an object, a
/// list) is hidden whole.
pub fn mask_secrets_in(value: &mut Value) {
    match value {
        Value::Object(fields) => mask_fields(fields),
        Value::Array(items) => items.iter_mut().for_each(mask_secrets_in),
        _ => {}
    }
}

/// Whether a JSON text has a field to mask (see [`is_masked_field`]) anywhere, every
/// occurrence of a repeated key included; an error if it is not JSON. Read in one pass without
/// building a value: most answers (every team list) have none, and then need no more work.
pub fn json_holds_secret_field(json: &[u8]) -> Result<bool, serde_json::Error> {
    serde_json::from_slice::<SecretScan>(json).map(|scan| scan.0)
}

struct SecretScan(bool);

impl<'de> Deserialize<'de> for SecretScan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SecretScanVisitor)
    }
}

struct SecretScanVisitor;

impl<'de> Visitor<'de> for SecretScanVisitor {
    type Value = SecretScan;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("JSON")
    }

    fn visit_bool<E>(self, _: bool) -> Result<SecretScan, E> {
        Ok(SecretScan(false))
    }

    fn visit_i64<E>(self, _: i64) -> Result<SecretScan, E> {
        Ok(SecretScan(false))
    }

    fn visit_u64<E>(self, _: u64) -> Result<SecretScan, E> {
        Ok(SecretScan(false))
    }

    fn visit_f64<E>(self, _: f64) -> Result<SecretScan, E> {
        Ok(SecretScan(false))
    }

    fn visit_str<E>(self, _: &str) -> Result<SecretScan, E> {
        Ok(SecretScan(false))
    }

    fn visit_unit<E>(self) -> Result<SecretScan, E> {
        Ok(SecretScan(false))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<SecretScan, A::Error> {
        let mut found = false;
        // Read to the end even after a find: the whole text must be JSON.
        while let Some(SecretScan(holds)) = items.next_element()? {
            found |= holds;
        }
        Ok(SecretScan(found))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<SecretScan, A::Error> {
        let mut found = false;
        while let Some(SecretName(secret)) = fields.next_key()? {
            let SecretScan(holds) = fields.next_value()?;
            found |= secret || holds;
        }
        Ok(SecretScan(found))
    }
}

/// A field name, read for whether it names a secret and not kept.
struct SecretName(bool);

impl<'de> Deserialize<'de> for SecretName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(SecretNameVisitor)
    }
}

struct SecretNameVisitor;

impl<'de> Visitor<'de> for SecretNameVisitor {
    type Value = SecretName;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E>(self, name: &str) -> Result<SecretName, E> {
        Ok(SecretName(is_masked_field(name)))
    }
}

/// `mask_secrets_in` for one JSON object's fields.
pub fn mask_fields(fields: &mut Map<String, Value>) {
    for (name, field) in fields.iter_mut() {
        if is_secret_field(name) {
            mask_value(field);
        } else if is_phone_number_field(name) {
            mask_phone_value(field);
        } else {
            mask_secrets_in(field);
        }
    }
}

fn mask_value(value: &mut Value) {
    *value = match value {
        Value::Null => Value::Null,
        Value::String(text) => Value::String(mask_secret(text)),
        _ => Value::String(MASK.to_string()),
    };
}

fn mask_phone_value(value: &mut Value) {
    *value = match value {
        Value::Null => Value::Null,
        Value::String(text) => Value::String(mask_phone_number(text)),
        Value::Number(number) => Value::String(mask_phone_number(&number.to_string())),
        _ => Value::String(MASK.to_string()),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_a_secret_field_at_any_depth() {
        let teams = r#"{"results":[{"id":"a","name":"Ops","note":"apiKey"}],"links":[]}"#;
        assert!(!json_holds_secret_field(teams.as_bytes()).unwrap());
        for text in [
            r#"{"results":[{"type":"SLACK","apiToken":"x"}]}"#,
            r#"{"results":[{"extra":{"list":[{"password":null}]}}]}"#,
            // A repeated key: the parsed value would keep only the masked last one.
            r#"{"results":[{"apiKey":"CLEAR-1234567890","apiKey":"********7890"}]}"#,
            // A name written with escapes is the same name.
            r#"{"results":[{"api\u004bey":"CLEAR-1234567890"}]}"#,
            r#"[{"WEBHOOK_URL":"https://hooks.example/x"}]"#,
        ] {
            assert!(json_holds_secret_field(text.as_bytes()).unwrap(), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_json_even_after_a_secret() {
        for text in [
            "",
            "<html>",
            r#"{"apiKey":"x"} trailing"#,
            r#"{"apiKey":"x""#,
            "[1,]",
        ] {
            assert!(json_holds_secret_field(text.as_bytes()).is_err(), "{text}");
        }
    }

    #[test]
    fn shows_at_most_the_last_four_characters() {
        assert_eq!(mask_secret("a1b2c3d4e5f6g7h8i9j0"), "********i9j0");
        assert_eq!(mask_secret("0123456789abcdef"), "********cdef");
        assert_eq!(
            mask_secret("xoxb-123456789012-abcdefghijkl"),
            "********ijkl"
        );
    }

    #[test]
    fn hides_short_secrets_whole() {
        assert_eq!(mask_secret("abc"), MASK);
        assert_eq!(mask_secret("abcd"), MASK);
        assert_eq!(mask_secret("abcdefghijk"), MASK);
        assert_eq!(mask_secret("abcdefghijkl"), "********ijkl");
    }

    #[test]
    fn empty_stays_empty() {
        assert_eq!(mask_secret(""), "");
    }

    #[test]
    fn keeps_atlas_redaction_and_is_idempotent() {
        assert_eq!(
            mask_secret("****************************7890"),
            "********7890"
        );
        assert_eq!(mask_secret("********7890"), "********7890");
        assert_eq!(
            mask_secret(&mask_secret("a very long secret value")),
            mask_secret("a very long secret value")
        );
        // Fully redacted by Atlas: there is no tail to show.
        assert_eq!(mask_secret("******************"), MASK);
    }

    #[test]
    fn mask_length_does_not_reveal_secret_length() {
        assert_eq!(
            mask_secret(&"x".repeat(20)).len(),
            mask_secret(&"x".repeat(200)).len()
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(
            mask_secret("密钥密钥密钥密钥密钥密钥密钥"),
            "********密钥密钥"
        );
        assert_eq!(mask_secret("ééééééééééé"), MASK);
    }

    #[test]
    fn whitespace_in_the_tail_hides_everything() {
        assert_eq!(mask_secret("line one\nline two\n  "), MASK);
    }

    #[test]
    fn every_documented_secret_field_is_secret() {
        for name in KNOWN_SECRET_FIELDS {
            assert!(is_secret_field(name), "{name}");
        }
    }

    #[test]
    fn unknown_fields_are_secret_by_their_name() {
        for (name, why) in [
            ("signingKey", "a key of any kind"),
            ("APIKEY", "names are matched in any case"),
            ("privateKey", "a private key"),
            ("privateKeyPem", "a private key, by another name"),
            ("accessToken", "a bearer token"),
            ("notificationToken", "an alert notification's token"),
            ("clientSecret", "an OAuth client secret"),
            ("webhookSecret", "a webhook's shared secret"),
            ("adminPassword", "a password"),
            ("passwd", "a password, spelt as Unix does"),
            ("dbPwd", "a password, abbreviated"),
            ("sshPassphrase", "a passphrase"),
            (
                "credentials",
                "credentials of any shape, an object included",
            ),
            ("authorization", "an Authorization header's value"),
            ("proxyAuthorization", "the same, for a proxy"),
            ("cookie", "a session cookie"),
            ("setCookie", "the same, as a server sets it"),
            ("hmac", "a message authentication code, or its key"),
            ("hmacSha256", "the same"),
            ("signature", "a signature a webhook is checked with"),
            ("requestSignature", "the same"),
            ("headers", "request headers may carry Authorization"),
            ("webhookHeadersTemplate", "the same, as a template"),
            ("callbackUrl", "webhook URLs carry their token in the path"),
            ("URL", "the same"),
            ("microsoftTeamsWebhookUrl", "the same"),
            ("payloadTemplate", "templates may embed any of the above"),
            ("endpointUri", "a URI, like a URL, may carry a token"),
            ("sentryDsn", "a DSN holds its key"),
            ("connectionString", "a connection string holds its password"),
            ("basicAuth", "user and password"),
            ("smtpPass", "a password, abbreviated"),
            ("jwt", "a bearer token"),
            ("clientCertPem", "a certificate and, often, its key"),
            (
                "connection_string",
                "snake_case is read without its separators",
            ),
            ("private-key", "so is kebab-case"),
        ] {
            assert!(is_secret_field(name), "{name}: {why}");
        }
        // Shown on purpose: they say what an integration is and who it notifies, and hold
        // no credential.
        for name in [
            "id",
            "type",
            "region",
            "channelName",
            "teamName",
            "accountId",
            "username",
            "emailAddress",
            "enabled",
            "serviceDiscovery",
            "scheme",
            "flowName",
            "orgName",
            "name",
            "roleNames",
            "typeName",
            "delayMin",
            "intervalMin",
            // A team member's: who they are, their roles and when they last signed in.
            "inviterUsername",
            "firstName",
            "lastName",
            "country",
            "orgMembershipStatus",
            "orgRoles",
            "groupRoles",
            "teamIds",
            "createdAt",
            "invitationExpiresAt",
            "lastAuth",
        ] {
            assert!(!is_secret_field(name), "{name}");
        }
    }

    #[test]
    fn alert_notifications_keep_who_they_notify_and_hide_what_they_send_with() {
        // Every secret an alert configuration's notification carries (`GroupAlertsConfig`'s
        // notification types): each is caught by a word of the rule, not by a list that a
        // new notification type would outgrow.
        for (name, word) in [
            ("serviceKey", "key"),
            ("apiToken", "token"),
            ("datadogApiKey", "key"),
            ("opsGenieApiKey", "key"),
            ("victorOpsApiKey", "key"),
            ("victorOpsRoutingKey", "key"),
            ("webhookSecret", "secret"),
            ("webhookUrl", "url: the hook's path is its credential"),
            ("webhookBodyTemplate", "template: it may embed any secret"),
            ("webhookHeadersTemplate", "header"),
            ("microsoftTeamsWebhookUrl", "url"),
            ("notificationToken", "token"),
        ] {
            assert!(is_secret_field(name), "{name}: {word}");
        }
        // An SMS notification's number: its last four digits only.
        assert!(is_phone_number_field("mobileNumber"));
        // Shown: who is notified and how, which the page exists to tell.
        for name in [
            "emailAddress",
            "username",
            "typeName",
            "integrationId",
            "notifierId",
            "channelName",
            "roomName",
            "teamId",
            "teamName",
            "roles",
            "emailEnabled",
            "smsEnabled",
            "delayMin",
            "intervalMin",
            "datadogRegion",
            "opsGenieRegion",
            "eventTypeName",
            "metricName",
            "threshold",
            "operator",
            "units",
            "mode",
            "fieldName",
            "value",
        ] {
            assert!(!is_masked_field(name), "{name}");
        }
        let text = r#"{"results":[{"eventTypeName":"HOST_DOWN","notifications":[
            {"typeName":"WEBHOOK","webhookUrl":"https://hooks.example.com/T0KEN/abcd","webhookSecret":"s3cr3t-s3cr3t-wxyz","webhookBodyTemplate":"{\"key\":\"k-123456789-body\"}","webhookHeadersTemplate":"Authorization: Bearer abcdefghijkl"},
            {"typeName":"SMS","mobileNumber":"+44 7700 900123"},
            {"typeName":"USER","username":"ada@example.com"}]}]}"#;
        assert!(json_holds_secret_field(text.as_bytes()).unwrap());
        let mut page: Value = serde_json::from_str(text).unwrap();
        mask_secrets_in(&mut page);
        let notifications = &page["results"][0]["notifications"];
        assert_eq!(notifications[0]["webhookUrl"], "********abcd");
        assert_eq!(notifications[0]["webhookSecret"], "********wxyz");
        assert_eq!(notifications[0]["webhookBodyTemplate"], "********dy\"}");
        assert_eq!(notifications[0]["webhookHeadersTemplate"], "********ijkl");
        assert_eq!(notifications[1]["mobileNumber"], "********0123");
        assert_eq!(notifications[2]["username"], "ada@example.com");
    }

    #[test]
    fn only_the_documented_time_escapes_its_secret_word() {
        // `lastAuth` holds "auth" and is a time; any other name with the word stays secret.
        assert!(!is_secret_field("lastAuth"));
        for name in [
            "lastAuthToken",
            "LASTAUTH",
            "last_auth",
            "auth",
            "lastAuthorization",
        ] {
            assert!(is_secret_field(name), "{name}");
        }
    }

    #[test]
    fn phone_numbers_are_fields_of_their_own() {
        for (name, why) in [
            (
                "mobileNumber",
                "a team member's, and an SMS alert's recipient",
            ),
            ("phoneNumber", "the same, by another name"),
            ("MOBILE", "names are matched in any case"),
            ("mobile_number", "snake_case is read without its separators"),
            ("msisdn", "a phone number, as carriers name it"),
        ] {
            assert!(is_phone_number_field(name), "{name}: {why}");
            assert!(is_masked_field(name), "{name}");
            assert!(!is_secret_field(name), "{name}");
        }
        // A secret first: its rule shows no more, and hides short values whole.
        assert!(!is_phone_number_field("mobileApiKey"));
        assert!(is_masked_field("mobileApiKey"));
        for name in ["username", "emailAddress", "number", "name", "lastAuth"] {
            assert!(!is_masked_field(name), "{name}");
        }
    }

    #[test]
    fn a_phone_number_shows_its_last_four_digits_only() {
        for (number, masked) in [
            ("+1 (202) 555-0147", "********0147"),
            ("2025550147", "********0147"),
            ("+44 20 7946 0958", "********0958"),
            // Separators and letters are not digits: never shown, never counted.
            ("202-555-01 47 ext", "********0147"),
        ] {
            assert_eq!(mask_phone_number(number), masked, "{number}");
        }
        // Too short for four digits to be a small part of it.
        assert_eq!(mask_phone_number("555-0147"), MASK);
        assert_eq!(mask_phone_number("55-501-47"), MASK);
        assert_eq!(mask_phone_number("call me"), MASK);
        assert_eq!(mask_phone_number(""), "");
    }

    #[test]
    fn masking_a_masked_phone_number_changes_nothing() {
        // The proxy masks, the panel masks again: the same four digits stay.
        for number in ["+1 (202) 555-0147", "5550147", "********0147", "********"] {
            let once = mask_phone_number(number);
            assert_eq!(mask_phone_number(&once), once, "{number}");
        }
    }

    #[test]
    fn masks_phone_numbers_at_any_depth_and_finds_them_in_one_pass() {
        let text = r#"{"results":[{"username":"ada@example.com","lastAuth":"2026-03-01T09:00:00Z","mobileNumber":"+1 202-555-0147"},{"notifications":[{"typeName":"SMS","mobileNumber":2025550199}]},{"mobileNumber":null},{"mobileNumber":{"number":"2025550123"}}]}"#;
        assert!(json_holds_secret_field(text.as_bytes()).unwrap());
        let teams = r#"{"results":[{"id":"a","name":"Mobile apps","note":"mobileNumber"}]}"#;
        assert!(!json_holds_secret_field(teams.as_bytes()).unwrap());
        let mut page: Value = serde_json::from_str(text).unwrap();
        mask_secrets_in(&mut page);
        let masked = page.to_string();
        for clear in ["555-0147", "2025550199", "2025550123"] {
            assert!(!masked.contains(clear), "{clear} leaked in {masked}");
        }
        assert_eq!(page["results"][0]["mobileNumber"], "********0147");
        assert_eq!(
            page["results"][1]["notifications"][0]["mobileNumber"],
            "********0199"
        );
        assert_eq!(page["results"][2]["mobileNumber"], Value::Null);
        assert_eq!(page["results"][3]["mobileNumber"], MASK);
        // Who and when stay as they are.
        assert_eq!(page["results"][0]["username"], "ada@example.com");
        assert_eq!(page["results"][0]["lastAuth"], "2026-03-01T09:00:00Z");
    }

    #[test]
    fn masks_every_secret_in_a_page_at_any_depth() {
        let mut page = json!({
            "results": [
                {"id": "5f1a2b3c4d5e6f7a8b9c0d1e", "type": "PAGER_DUTY", "region": "US", "serviceKey": "clear-service-key-1234"},
                {"type": "WEBHOOK", "url": "https://hooks.example.com/T000/B000/XXXXsecret", "secret": "s3cr3t"},
                {"type": "NEW_THING", "nested": {"innerToken": "clear-inner-token-abcd"}, "extraKey": 1234567890123_u64, "apiKey": null},
                {"type": "CUSTOM", "headersTemplate": {"Authorization": "Bearer clear"}}
            ],
            "totalCount": 4
        });
        mask_secrets_in(&mut page);
        let text = page.to_string();
        for clear in [
            "clear-service-key",
            "XXXXsecret",
            "s3cr3t",
            "clear-inner",
            "1234567890123",
            "Bearer clear",
        ] {
            assert!(!text.contains(clear), "{clear} leaked in {text}");
        }
        assert_eq!(page["results"][0]["serviceKey"], "********1234");
        assert_eq!(page["results"][0]["region"], "US");
        assert_eq!(page["results"][0]["id"], "5f1a2b3c4d5e6f7a8b9c0d1e");
        assert_eq!(page["results"][1]["secret"], MASK);
        assert_eq!(page["results"][2]["nested"]["innerToken"], "********abcd");
        assert_eq!(page["results"][2]["extraKey"], MASK);
        assert_eq!(page["results"][2]["apiKey"], Value::Null);
        assert_eq!(page["results"][3]["headersTemplate"], MASK);
        assert_eq!(page["totalCount"], 4);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the secret, at most its last four characters appear, after a fixed mask.
        #[test]
        fn never_more_than_the_last_four(secret in ".{0,200}") {
            let masked = mask_secret(&secret);
            let chars: Vec<char> = secret.chars().collect();
            if secret.is_empty() {
                prop_assert_eq!(masked, "");
            } else if let Some(tail) = masked.strip_prefix(MASK).filter(|tail| !tail.is_empty()) {
                prop_assert!(tail.chars().count() <= 4);
                let last_four: String = chars[chars.len().saturating_sub(4)..].iter().collect();
                prop_assert_eq!(tail, last_four.as_str());
                prop_assert!(chars.len() >= 12);
            } else {
                prop_assert_eq!(masked, MASK);
            }
        }

        /// Whatever the number, at most its last four digits appear, after a fixed mask.
        #[test]
        fn never_more_than_four_digits_of_a_phone_number(number in ".{0,40}") {
            let masked = mask_phone_number(&number);
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            if number.is_empty() {
                prop_assert_eq!(masked.as_str(), "");
            } else if let Some(tail) = masked.strip_prefix(MASK).filter(|tail| !tail.is_empty()) {
                prop_assert_eq!(tail.len(), 4);
                prop_assert!(digits.ends_with(tail));
            } else {
                prop_assert_eq!(masked.as_str(), MASK);
            }
            prop_assert_eq!(mask_phone_number(&masked), masked.clone());
        }

        #[test]
        fn masking_twice_changes_nothing(secret in ".{0,64}") {
            let once = mask_secret(&secret);
            prop_assert_eq!(mask_secret(&once), once.clone());
        }

        /// No secret-named field keeps a value longer than the mask and four characters.
        #[test]
        fn no_secret_field_survives(name in "[a-zA-Z]{0,6}(Key|Token|Secret|Password|Url|Template)[a-zA-Z]{0,6}", secret in "[ -~]{12,80}") {
            let mut value = serde_json::json!({"results": [{"type": "X", name.clone(): secret.clone(), "nested": {name.clone(): [secret.clone()]}}]});
            mask_secrets_in(&mut value);
            let text = value.to_string();
            let body: String = secret.chars().take(secret.chars().count() - 4).collect();
            prop_assert!(body.len() < 8 || !text.contains(&body), "{} leaked in {}", body, text);
        }
    }
}
