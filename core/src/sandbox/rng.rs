//! The sandbox's only source of randomness: `SplitMix64` (Steele, Lea and Flood, "Fast
//! splittable pseudorandom number generators", 2014; Vigna's reference `splitmix64.c`),
//! seeded by the caller and kept in the sandbox's state, so identical runs give identical
//! bytes and a snapshot carries where the sequence is.

use serde::{Deserialize, Serialize};

/// A seeded `SplitMix64` sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::Decode)]
pub struct Rng {
    #[serde(with = "u64_text")]
    state: u64,
}

/// A `u64` written as decimal text (JSON readers such as JavaScript's lose precision past
/// 2^53), read from text or a number.
pub mod u64_text {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    /// Writes `value` as text (serde's `with` passes a reference).
    #[allow(clippy::trivially_copy_pass_by_ref)]
    pub fn serialize<S: Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    /// Reads text or a number.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        #[derive(Deserialize, crate::Decode)]
        #[decode(no_schema)]
        #[serde(untagged)]
        enum TextOrNumber {
            Text(String),
            Number(u64),
        }
        match TextOrNumber::deserialize(deserializer)? {
            TextOrNumber::Text(text) => text
                .parse()
                .map_err(|_| D::Error::custom("expected a whole number from 0 to 2^64 - 1")),
            TextOrNumber::Number(n) => Ok(n),
        }
    }
}

impl Rng {
    /// The sequence of `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`0` when `bound` is `0`), by Lemire's multiply-shift (the
    /// bias is below 2^-32 for the small bounds the sandbox draws).
    pub fn below(&mut self, bound: u64) -> u64 {
        let wide = u128::from(self.next_u64()) * u128::from(bound);
        u64::try_from(wide >> 64).unwrap_or_default()
    }

    /// `count` decimal digits.
    pub fn digits(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| char::from(b'0' + u8::try_from(self.below(10)).unwrap_or_default()))
            .collect()
    }

    /// An id of `prefix` and 24 lowercase hex digits (the shape of Zernio's Mongo ids).
    pub fn id(&mut self, prefix: &str) -> String {
        let high = self.next_u64();
        let low = self.next_u64() >> 32;
        format!("{prefix}{high:016x}{low:08x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_sequence_of_seed_zero() {
        // The first outputs of Vigna's splitmix64.c with x = 0.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn bounded_draws_stay_in_bounds() {
        let mut rng = Rng::new(7);
        assert!((0..1000).all(|_| rng.below(10) < 10));
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.digits(6).len(), 6);
        assert_eq!(rng.id("").len(), 24);
    }
}
