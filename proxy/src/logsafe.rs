//! Text from outside (a request's path, an upstream's words) as it may appear in a log line:
//! anything but printable ASCII is written as an escape, so that no line separator, bidi
//! override or terminal control can forge or disguise a line in a log viewer.

use std::fmt;

/// Displays its text with every character outside printable ASCII as `\u{…}`, and `\` as `\\`.
pub struct LogSafe<'a>(pub &'a str);

impl fmt::Display for LogSafe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '\\' => f.write_str("\\\\")?,
                ' '..='~' => fmt::Write::write_char(f, c)?,
                _ => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::LogSafe;

    #[test]
    fn only_printable_ascii_goes_through() {
        let hostile = "/a\u{2028}b\u{85}c\u{202e}d\u{9b}e\u{a0}f\r\ng\u{1b}[31mh\\i é";
        assert_eq!(
            LogSafe(hostile).to_string(),
            r"/a\u{2028}b\u{85}c\u{202e}d\u{9b}e\u{a0}f\u{d}\u{a}g\u{1b}[31mh\\i \u{e9}"
        );
        assert_eq!(
            LogSafe("/api/atlas/v2?x=1").to_string(),
            "/api/atlas/v2?x=1"
        );
    }
}
