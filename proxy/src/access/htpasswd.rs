//! The users file: `user:hash` lines, bcrypt only, of cost 10 or more.

use std::collections::HashMap;
use std::path::Path;

use super::error::AccessError;
use super::users::printable;

/// The lowest bcrypt cost accepted in the users file.
pub const MIN_BCRYPT_COST: u32 = 10;

/// Reads an htpasswd file: `user:hash` lines, bcrypt only.
pub fn read_htpasswd(file: &Path) -> Result<HashMap<String, String>, AccessError> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file)
        .map_err(|error| AccessError::Unreadable(name.clone(), error))?;
    let mut users = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((user, hash)) = line.split_once(':') else {
            return Err(AccessError::Malformed {
                file: name,
                line: index + 1,
            });
        };
        let bcrypt = ["$2a$", "$2b$", "$2y$"]
            .iter()
            .any(|prefix| hash.starts_with(prefix));
        match cost(hash) {
            Some(cost) if bcrypt && cost < MIN_BCRYPT_COST => {
                return Err(AccessError::WeakBcrypt {
                    file: name,
                    line: index + 1,
                    cost,
                    user: printable(user),
                })
            }
            Some(_) if bcrypt => {}
            _ => {
                return Err(AccessError::NotBcrypt {
                    file: name,
                    line: index + 1,
                })
            }
        }
        users.insert(user.to_string(), hash.to_string());
    }
    if users.is_empty() {
        return Err(AccessError::Empty(name));
    }
    Ok(users)
}

/// The bcrypt cost of a `$2?$NN$...` hash.
pub fn cost(hash: &str) -> Option<u32> {
    hash.get(4..6)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn file(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        file
    }

    #[test]
    fn reads_bcrypt_entries_and_refuses_other_schemes() {
        let good = file("# team\nalice:$2y$10$abcdefghijklmnopqrstuu5Ihl0S0kzJ1N8y4YI6Qf8QyJ0o8JqR6\n\nbob:$2b$12$x\n");
        assert_eq!(read_htpasswd(good.path()).unwrap().len(), 2);
        for bad in [
            "carol:{SHA}abc=",
            "dave:$apr1$salt$hash",
            "erin:plaintext",
            "frank:$1$md5crypt",
            "grace:$2b$x",
        ] {
            let f = file(bad);
            assert!(
                matches!(
                    read_htpasswd(f.path()),
                    Err(AccessError::NotBcrypt { line: 1, .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            read_htpasswd(file("no colon here").path()),
            Err(AccessError::Malformed { .. })
        ));
        assert!(matches!(
            read_htpasswd(file("# nobody\n").path()),
            Err(AccessError::Empty(_))
        ));
    }

    #[test]
    fn refuses_cheap_bcrypt_entries_and_says_how_to_re_create_them() {
        let weak = file(
            "alice:$2y$10$abc\nbob:$2y$05$abcdefghijklmnopqrstuu5Ihl0S0kzJ1N8y4YI6Qf8QyJ0o8JqR6\n",
        );
        let error = read_htpasswd(weak.path()).unwrap_err();
        let name = weak.path().display();
        assert_eq!(
            error.to_string(),
            format!(
                "--users {name}, line 2: bcrypt cost 5 is too low (at least 10); re-create it \
                 with `htpasswd -B -C 12 {name} bob`"
            )
        );
    }
}
