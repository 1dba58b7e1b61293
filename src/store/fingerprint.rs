//! Telling bytes apart without keeping them: a file's fingerprint.

/// What the bytes of a file were, in brief: equal fingerprints mean equal bytes (a 64-bit
/// hash and the length), whatever the file's modification time says. The hash is
/// FNV-1a, the same in every build, since a recovery file keeps the fingerprint of the
/// plan it was made from for a later steward to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: usize,
    hash: u64,
}

impl Fingerprint {
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Fingerprint {
            len: bytes.len(),
            hash,
        }
    }

    pub(crate) fn hash(self) -> u64 {
        self.hash
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{:016x}", self.len, self.hash)
    }
}

impl std::str::FromStr for Fingerprint {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (len, hash) = s.split_once(':').ok_or(())?;
        Ok(Fingerprint {
            len: len.parse().map_err(|_| ())?,
            hash: u64::from_str_radix(hash, 16).map_err(|_| ())?,
        })
    }
}
