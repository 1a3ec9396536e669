//! Writing numbers: libphonenumber's `format` for E.164, international, national and RFC 3966,
//! with the territory's number formats (chosen by leading digits and matched whole, then
//! substituted as Python's `re.sub` does).

use super::chars::{is_separator, push_decimal};
use super::program::expand_into;
use super::territory::{self, Format};

/// How to write a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    E164,
    International,
    National,
    Rfc3966,
}

fn choose(mut formats: impl Iterator<Item = Format>, nsn: &[u8]) -> Option<Format> {
    formats.find(|f| {
        f.leading().is_none_or(|l| l.prefix(nsn))
            && f.pattern().is_some_and(|p| p.run(nsn, true).is_some())
    })
}

/// The national significant number in `format`'s groups (Python's `re.sub`: every match,
/// left to right, replaced).
fn apply(format: Format, nsn: &[u8], out: &mut String) {
    let (Some(pattern), template) = (format.pattern(), format.template()) else {
        return;
    };
    let mut pos = 0;
    while pos < nsn.len() {
        let rest = nsn.get(pos..).unwrap_or(&[]);
        match pattern.run(rest, false) {
            Some(found) if found.end > 0 => {
                expand_into(template, rest, &found, |c| out.push(c));
                pos += found.end;
            }
            _ => {
                if let Some(&b) = rest.first() {
                    out.push(char::from(b));
                }
                pos += 1;
            }
        }
    }
}

fn push_code(out: &mut String, code: u16) {
    push_decimal(code, &mut |b| out.push(char::from(b)));
}

/// Writes the number `+country_code nsn` (with `extension`) in `style`.
pub fn format(country_code: u16, nsn: &[u8], extension: Option<&str>, style: Style) -> String {
    let mut out = String::with_capacity(32);
    let digits = |out: &mut String| out.extend(nsn.iter().map(|&b| char::from(b)));
    let Some(main) = territory::main_for_calling_code(country_code) else {
        digits(&mut out);
        return out;
    };
    match style {
        Style::E164 => {
            out.push('+');
            push_code(&mut out, country_code);
            digits(&mut out);
            return out;
        }
        Style::International => {
            out.push('+');
            push_code(&mut out, country_code);
            out.push(' ');
        }
        Style::Rfc3966 => {
            out.push_str("tel:+");
            push_code(&mut out, country_code);
            out.push('-');
        }
        Style::National => {}
    }
    let formats = main.formats(style == Style::National);
    match choose(formats, nsn) {
        None => digits(&mut out),
        Some(f) if style == Style::Rfc3966 => {
            let mut grouped = String::new();
            apply(f, nsn, &mut grouped);
            // Separators become single dashes; a leading run goes.
            let mut pending = false;
            let mut started = false;
            for c in grouped.chars() {
                if is_separator(c) {
                    pending = started;
                } else {
                    if pending {
                        out.push('-');
                        pending = false;
                    }
                    out.push(c);
                    started = true;
                }
            }
            if pending {
                out.push('-');
            }
        }
        Some(f) => apply(f, nsn, &mut out),
    }
    if let Some(ext) = extension {
        out.push_str(match style {
            Style::Rfc3966 => ";ext=",
            _ => main.extension_prefix().unwrap_or(" ext. "),
        });
        out.push_str(ext);
    }
    out
}
