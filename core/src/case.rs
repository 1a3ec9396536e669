//! Case mapping without the standard library's Unicode case tables (each would add ~4 KB
//! brotli to the browser builds):
//! - upper case where it is ASCII: what postal-code formats and phone keypad letters need of
//!   `char::to_uppercase`, whose answers can only matter there when they are ASCII;
//! - lower case (`char::to_lowercase`) from a table of runs a tenth of the size, generated
//!   from the standard library and held to it for every character by a test.

/// `c`'s upper case (`char::to_uppercase`) when it is all ASCII (`ß` → `SS`), else `None`.
/// The few non-ASCII characters whose upper case is ASCII are spelled out; a test holds this
/// to `to_uppercase` for every character. `one` holds the answer for an ASCII `c`.
pub(crate) fn ascii_upper(c: char, one: &mut [u8; 1]) -> Option<&[u8]> {
    Some(match c {
        'ı' => b"I",
        'ſ' => b"S",
        'ß' => b"SS",
        'ﬀ' => b"FF",
        'ﬁ' => b"FI",
        'ﬂ' => b"FL",
        'ﬃ' => b"FFI",
        'ﬄ' => b"FFL",
        'ﬅ' | 'ﬆ' => b"ST",
        c if c.is_ascii() => {
            *one = [c.to_ascii_uppercase() as u8];
            one
        }
        _ => return None,
    })
}

/// `c.to_lowercase()` pushed onto `out`: the same characters for every `c`.
pub(crate) fn push_lower(out: &mut String, c: char) {
    if c == '\u{130}' {
        // The one character whose lower case is two (`i` and a combining dot above).
        out.push_str("i\u{307}");
    } else {
        out.push(lower(c));
    }
}

/// `c.to_lowercase()` where that is one character: every `c` but `İ` (U+0130, whose lower
/// case is `i` and a combining dot above), for which this gives `İ` itself.
pub(crate) fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = u32::from(c);
    // The last run starting at or before `c`.
    let at = LOWER_RUNS.partition_point(|run| run >> 15 <= code);
    let Some(run) = at.checked_sub(1).and_then(|i| LOWER_RUNS.get(i)) else {
        return c;
    };
    let (start, len, stride) = (run >> 15, (run >> 8) & 0x7F, ((run >> 7) & 1) + 1);
    let offset = code - start;
    if offset >= len * stride || offset % stride != 0 {
        return c;
    }
    LOWER_DELTAS
        .get((run & 0x7F) as usize)
        .and_then(|delta| code.checked_add_signed(*delta))
        .and_then(char::from_u32)
        .unwrap_or(c)
}

/// The characters with a one-character lower case other than themselves, outside ASCII, as
/// runs with the same difference: from bit 15 the first character, bits 8-14 the run's
/// length, bit 7 set when every second character is in it (else every one), bits 0-6 the
/// difference's index in [`LOWER_DELTAS`]. Sorted. Printed by the `generate` test below
/// from the standard library's `to_lowercase` (Unicode 17.0.0, Rust 1.95: with an older
/// toolchain, lower case here still follows Unicode 17).
#[rustfmt::skip]
#[allow(clippy::unreadable_literal)]
static LOWER_RUNS: [u32; 184] = [
    0x00601733, 0x006C0733, 0x008018AB, 0x009903AB, 0x009C88AB, 0x00A517AB, 0x00BC011F, 0x00BC83AB,
    0x00C08147, 0x00C102AB, 0x00C30144, 0x00C3812B, 0x00C48243, 0x00C5812B, 0x00C7013E, 0x00C78141,
    0x00C80142, 0x00C8812B, 0x00C98143, 0x00CA0145, 0x00CB0148, 0x00CB8146, 0x00CC012B, 0x00CE0148,
    0x00CE8149, 0x00CF814A, 0x00D003AB, 0x00D3014C, 0x00D3812B, 0x00D4814C, 0x00D6012B, 0x00D7014C,
    0x00D7812B, 0x00D8824B, 0x00D982AB, 0x00DB814D, 0x00DC012B, 0x00DE012B, 0x00E2012C, 0x00E2812B,
    0x00E3812C, 0x00E4012B, 0x00E5012C, 0x00E589AB, 0x00EF09AB, 0x00F8812C, 0x00F902AB, 0x00FB0122,
    0x00FB8126, 0x00FC14AB, 0x0110011C, 0x011109AB, 0x011D0151, 0x011D812B, 0x011E811B, 0x011F0150,
    0x0120812B, 0x0121811A, 0x0122013C, 0x0122813D, 0x012305AB, 0x01B802AB, 0x01BB012B, 0x01BF8140,
    0x01C30136, 0x01C40335, 0x01C6013B, 0x01C7023A, 0x01C89133, 0x01D18933, 0x01E7812D, 0x01EC0CAB,
    0x01FA0125, 0x01FB812B, 0x01FC812A, 0x01FD012B, 0x01FE831C, 0x0200103F, 0x02082033, 0x023011AB,
    0x02451BAB, 0x0260012E, 0x026087AB, 0x026830AB, 0x0298A639, 0x0850264F, 0x0863814F, 0x0866814F,
    0x09D05052, 0x09F8062D, 0x0E44812B, 0x0E482B19, 0x0E5E8319, 0x0F004BAB, 0x0F4F0116, 0x0F5030AB,
    0x0F840829, 0x0F8C0629, 0x0F940829, 0x0F9C0829, 0x0FA40629, 0x0FAC84A9, 0x0FB40829, 0x0FC40829,
    0x0FCC0829, 0x0FD40829, 0x0FDC0229, 0x0FDD0224, 0x0FDE0128, 0x0FE40423, 0x0FE60128, 0x0FEC0229,
    0x0FED0221, 0x0FF40229, 0x0FF50220, 0x0FF6012A, 0x0FFC021D, 0x0FFD021E, 0x0FFE0128, 0x10930117,
    0x10950114, 0x10958115, 0x10990132, 0x10B0102F, 0x10C1812B, 0x125B1A30, 0x16003039, 0x1630012B,
    0x16310112, 0x16318118, 0x16320113, 0x163383AB, 0x16368110, 0x16370111, 0x1637810E, 0x1638010F,
    0x1639012B, 0x163A812B, 0x163F020D, 0x164032AB, 0x167582AB, 0x1679012B, 0x532017AB, 0x53400EAB,
    0x539107AB, 0x53991FAB, 0x53BC82AB, 0x53BE810C, 0x53BF05AB, 0x53C5812B, 0x53C68108, 0x53C802AB,
    0x53CB0AAB, 0x53D50104, 0x53D58102, 0x53D60103, 0x53D68106, 0x53D70104, 0x53D8010A, 0x53D88107,
    0x53D90109, 0x53D9814E, 0x53DA08AB, 0x53E20127, 0x53E28105, 0x53E3010B, 0x53E382AB, 0x53E58101,
    0x53E608AB, 0x53EE0100, 0x53FA812B, 0x7F909A33, 0x82002838, 0x82582438, 0x82B80B37, 0x82BE0F37,
    0x82C60737, 0x82CA0237, 0x8640333B, 0x86A81633, 0x8C502033, 0xB7202033, 0xB7501931, 0xF4802234,
];

/// The differences (lower case minus character) of [`LOWER_RUNS`].
#[rustfmt::skip]
static LOWER_DELTAS: [i32; 83] = [
    -42561, -42343, -42319, -42315, -42308, -42307, -42305, -42282, -42280, -42261, -42258, -35384,
    -35332, -10815, -10783, -10782, -10780, -10749, -10743, -10727, -8383, -8262, -7615, -7517,
    -3814, -3008, -195, -163, -130, -128, -126, -121, -112, -100, -97, -86,
    -74, -60, -56, -48, -9, -8, -7, 1, 2, 8, 15, 16,
    26, 27, 28, 32, 34, 37, 38, 39, 40, 48, 63, 64,
    69, 71, 79, 80, 116, 202, 203, 205, 206, 207, 209, 210,
    211, 213, 214, 217, 218, 219, 928, 7264, 10792, 10795, 38864,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `ascii_upper` against the standard library's `to_uppercase`, for every character.
    #[test]
    fn ascii_upper_is_to_uppercase_where_that_is_ascii() {
        let mut one = [0u8];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let std: String = c.to_uppercase().collect();
            let ours = ascii_upper(c, &mut one).map(|b| String::from_utf8(b.to_vec()).unwrap());
            if std.is_ascii() {
                assert_eq!(ours.as_deref(), Some(std.as_str()), "{c:?}");
            } else {
                assert_eq!(ours, None, "{c:?}");
            }
        }
    }

    /// The Unicode version of `LOWER_RUNS` (`char::UNICODE_VERSION` when it was printed).
    const LOWER_UNICODE_VERSION: (u8, u8, u8) = (17, 0, 0);

    /// `lower` and `push_lower` against the standard library's `to_lowercase`, for every
    /// character, when the toolchain's Unicode version is the table's. When the standard
    /// library moves to a new version, this fails: run the `generate` test (`-- --ignored
    /// --nocapture`), paste its tables and set `LOWER_UNICODE_VERSION`.
    #[test]
    fn lower_is_to_lowercase() {
        let (major, minor, update) = LOWER_UNICODE_VERSION;
        let toolchain = char::UNICODE_VERSION;
        if (toolchain.0, toolchain.1, toolchain.2) < (major, minor, update) {
            // An older toolchain (the crate's minimum is older than the table): its standard
            // library is not the oracle of this table. The current toolchain checks it.
            return;
        }
        assert_eq!(
            toolchain,
            (major, minor, update),
            "regenerate the lower-case table"
        );
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let std: String = c.to_lowercase().collect();
            let mut ours = String::new();
            push_lower(&mut ours, c);
            assert_eq!(ours, std, "{c:?}");
            if std.chars().count() == 1 {
                assert_eq!(lower(c).to_string(), std, "{c:?}");
            } else {
                assert_eq!(lower(c), c, "{c:?}");
            }
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::print_stdout,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::format_push_string,
    clippy::collapsible_if,
    clippy::many_single_char_names
)]
mod generate {
    /// Prints the runs of `char::to_lowercase` (one character to one other) as packed rows.
    #[test]
    #[ignore = "generator: prints LOWER_RUNS and LOWER_DELTAS"]
    fn print_lower_runs() {
        let mut maps: Vec<(u32, i32)> = Vec::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c.is_ascii() {
                continue;
            }
            let mut l = c.to_lowercase();
            if let (Some(l), None) = (l.next(), l.next()) {
                if l != c {
                    maps.push((u32::from(c), u32::from(l) as i32 - u32::from(c) as i32));
                }
            }
        }
        let mut runs: Vec<(u32, u32, u32, i32)> = Vec::new();
        let mut i = 0;
        while i < maps.len() {
            let (c, d) = maps[i];
            let mut j = i + 1;
            let mut stride = 0;
            while j < maps.len() && maps[j].1 == d {
                let s = maps[j].0 - maps[j - 1].0;
                if stride == 0 && (s == 1 || s == 2) {
                    stride = s;
                }
                if s != stride {
                    break;
                }
                j += 1;
            }
            runs.push((c, (j - i) as u32, stride.max(1), d));
            i = j;
        }
        let mut deltas: Vec<i32> = runs.iter().map(|r| r.3).collect();
        deltas.sort_unstable();
        deltas.dedup();
        println!(
            "{} maps, {} runs, {} deltas",
            maps.len(),
            runs.len(),
            deltas.len()
        );
        let mut out = String::new();
        for (k, (c, n, s, d)) in runs.iter().enumerate() {
            let di = deltas.binary_search(d).unwrap() as u32;
            assert!(*c < 1 << 17 && *n < 1 << 7 && di < 1 << 7);
            let packed = c << 15 | n << 8 | (s - 1) << 7 | di;
            out.push_str(&format!("0x{packed:08X},"));
            out.push(if k % 8 == 7 { '\n' } else { ' ' });
        }
        println!("{out}");
        let mut out = String::new();
        for (k, d) in deltas.iter().enumerate() {
            out.push_str(&format!("{d},"));
            out.push(if k % 12 == 11 { '\n' } else { ' ' });
        }
        println!("{out}");
    }
}
