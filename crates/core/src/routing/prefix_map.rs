//! A longest-prefix-match table: one hash map per prefix length, probed
//! from the longest length present down to the shortest.
//!
//! A lookup costs at most one probe per distinct prefix length in the table
//! (33 for IPv4, 129 for IPv6, usually a handful), whatever the number of
//! routes, where a scan of a route table costs one comparison per route.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::net::IpAddr;

use ipnet::IpNet;

/// A map from prefixes to values that finds the longest prefix holding an
/// address.
///
/// ```
/// use routecraft_core::routing::PrefixMap;
/// let mut table = PrefixMap::new();
/// table.insert("10.0.0.0/16".parse().unwrap(), "wide");
/// table.insert("10.0.0.0/24".parse().unwrap(), "narrow");
/// let (prefix, value) = table.longest_match("10.0.0.5".parse().unwrap()).unwrap();
/// assert_eq!((prefix.to_string().as_str(), *value), ("10.0.0.0/24", "narrow"));
/// assert_eq!(table.longest_match("10.0.1.5".parse().unwrap()).map(|m| *m.1), Some("wide"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrefixMap<T> {
    /// Levels sorted by family (IPv4 first), then by length, longest first.
    levels: Vec<Level<T>>,
    len: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Level<T> {
    v6: bool,
    prefix_len: u8,
    /// The lowest and the highest key of the level, so that an address
    /// outside every prefix of a level skips it without a probe: plans
    /// keep Azure's and on-premises prefixes in ranges of their own, and
    /// most lengths are used by one of them only.
    low: u128,
    high: u128,
    entries: HashMap<u128, T, BuildHasherDefault<AddressHasher>>,
}

impl<T> Level<T> {
    fn new(v6: bool, prefix_len: u8, key: u128) -> Level<T> {
        Level {
            v6,
            prefix_len,
            low: key,
            high: key,
            entries: HashMap::default(),
        }
    }
}

/// A hasher for masked addresses and identifiers: keys come from the
/// design being resolved, not from input an attacker picks to collide, so
/// a multiply-and-fold beats SipHash here.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct AddressHasher(u64);

impl Hasher for AddressHasher {
    /// The splitmix64 finaliser, so that low bits depend on every input
    /// bit: masked prefixes end in zeros, and buckets are chosen by low bits.
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(23) ^ value).wrapping_add(0x9e37_79b9_7f4a_7c15);
    }

    fn write_u128(&mut self, value: u128) {
        self.write_u64(value as u64);
        self.write_u64((value >> 64) as u64);
    }
}

impl<T> Default for PrefixMap<T> {
    fn default() -> Self {
        PrefixMap {
            levels: Vec::new(),
            len: 0,
        }
    }
}

/// The bits of an address as a number, and whether it is IPv6.
fn bits(addr: IpAddr) -> (bool, u128) {
    match addr {
        IpAddr::V4(a) => (false, u128::from(u32::from(a))),
        IpAddr::V6(a) => (true, u128::from(a)),
    }
}

/// The network bits of `addr` kept to `prefix_len`, the rest cleared.
fn masked(value: u128, v6: bool, prefix_len: u8) -> u128 {
    let width: u32 = if v6 { 128 } else { 32 };
    let keep = u32::from(prefix_len).min(width);
    if keep == 0 {
        return 0;
    }
    let shift = width - keep;
    value
        .checked_shr(shift)
        .and_then(|v| v.checked_shl(shift))
        .unwrap_or(0)
}

impl<T> PrefixMap<T> {
    /// An empty map.
    pub fn new() -> PrefixMap<T> {
        PrefixMap::default()
    }

    /// The number of prefixes held.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Tells whether the map holds no prefix.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Inserts a value for a prefix, returning the value it replaces.
    /// Host bits of the prefix are ignored.
    pub fn insert(&mut self, prefix: IpNet, value: T) -> Option<T> {
        let (v6, value_bits) = bits(prefix.network());
        let prefix_len = prefix.prefix_len();
        let key = masked(value_bits, v6, prefix_len);
        let at = self.levels.iter().position(|l| {
            (l.v6, std::cmp::Reverse(l.prefix_len)) >= (v6, std::cmp::Reverse(prefix_len))
        });
        let level = match at {
            Some(i)
                if self
                    .levels
                    .get(i)
                    .is_some_and(|l| l.v6 == v6 && l.prefix_len == prefix_len) =>
            {
                i
            }
            Some(i) => {
                self.levels.insert(i, Level::new(v6, prefix_len, key));
                i
            }
            None => {
                self.levels.push(Level::new(v6, prefix_len, key));
                self.levels.len() - 1
            }
        };
        let level = self.levels.get_mut(level)?;
        level.low = level.low.min(key);
        level.high = level.high.max(key);
        let replaced = level.entries.insert(key, value);
        if replaced.is_none() {
            self.len += 1;
        }
        replaced
    }

    /// The value stored for exactly this prefix.
    pub fn get(&self, prefix: &IpNet) -> Option<&T> {
        let (v6, value_bits) = bits(prefix.network());
        let prefix_len = prefix.prefix_len();
        self.levels
            .iter()
            .find(|l| l.v6 == v6 && l.prefix_len == prefix_len)
            .and_then(|l| l.entries.get(&masked(value_bits, v6, prefix_len)))
    }

    /// The value stored for exactly this prefix, to change it.
    pub fn get_mut(&mut self, prefix: &IpNet) -> Option<&mut T> {
        let (v6, value_bits) = bits(prefix.network());
        let prefix_len = prefix.prefix_len();
        self.levels
            .iter_mut()
            .find(|l| l.v6 == v6 && l.prefix_len == prefix_len)
            .and_then(|l| l.entries.get_mut(&masked(value_bits, v6, prefix_len)))
    }

    /// The longest prefix holding `addr`, with its value.
    pub fn longest_match(&self, addr: IpAddr) -> Option<(IpNet, &T)> {
        self.matches(addr).next()
    }

    /// Every prefix holding `addr`, longest first.
    pub fn matches(&self, addr: IpAddr) -> impl Iterator<Item = (IpNet, &T)> + '_ {
        let (v6, value_bits) = bits(addr);
        self.levels
            .iter()
            .filter(move |l| l.v6 == v6)
            .filter_map(move |l| {
                let key = masked(value_bits, v6, l.prefix_len);
                if key < l.low || key > l.high {
                    return None;
                }
                let value = l.entries.get(&key)?;
                let prefix = IpNet::new(addr, l.prefix_len).ok()?.trunc();
                Some((prefix, value))
            })
    }
}

impl<T> FromIterator<(IpNet, T)> for PrefixMap<T> {
    fn from_iter<I: IntoIterator<Item = (IpNet, T)>>(iter: I) -> Self {
        let mut map = PrefixMap::new();
        for (prefix, value) in iter {
            map.insert(prefix, value);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so that failures reproduce.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 17
        }
    }

    fn linear_scan(table: &[(IpNet, usize)], addr: IpAddr) -> Option<(IpNet, usize)> {
        table
            .iter()
            .filter(|(p, _)| p.contains(&addr))
            .max_by_key(|(p, _)| p.prefix_len())
            .copied()
    }

    #[test]
    fn agrees_with_a_linear_scan_on_random_tables() {
        let mut rng = Lcg(7);
        for round in 0..50 {
            let mut table: Vec<(IpNet, usize)> = Vec::new();
            let mut map = PrefixMap::new();
            for i in 0..(20 + round * 10) {
                // Addresses crowd into 10.0.0.0/12 so that prefixes nest.
                let raw = 0x0a00_0000 | (rng.next() as u32 & 0x000f_ffff);
                let len = (rng.next() % 33) as u8;
                let prefix = IpNet::new(IpAddr::from(raw.to_be_bytes()), len)
                    .unwrap()
                    .trunc();
                if map.insert(prefix, i).is_none() {
                    table.push((prefix, i));
                } else if let Some(entry) = table.iter_mut().find(|(p, _)| *p == prefix) {
                    entry.1 = i;
                }
            }
            for _ in 0..200 {
                let raw = 0x0a00_0000 | (rng.next() as u32 & 0x000f_ffff);
                let addr = IpAddr::from(raw.to_be_bytes());
                let found = map.longest_match(addr).map(|(p, v)| (p, *v));
                assert_eq!(found, linear_scan(&table, addr), "round {round}, {addr}");
            }
            assert_eq!(map.len(), table.len());
        }
    }

    #[test]
    fn keeps_ipv4_and_ipv6_apart() {
        let mut map = PrefixMap::new();
        map.insert("0.0.0.0/0".parse().unwrap(), 4);
        map.insert("::/0".parse().unwrap(), 6);
        assert_eq!(
            map.longest_match("2001:db8::1".parse().unwrap())
                .map(|m| *m.1),
            Some(6)
        );
        assert_eq!(
            map.longest_match("192.0.2.1".parse().unwrap())
                .map(|m| *m.1),
            Some(4)
        );
    }

    #[test]
    fn lists_every_match_longest_first() {
        let map: PrefixMap<u8> = [("10.0.0.0/8", 8), ("10.1.0.0/16", 16), ("0.0.0.0/0", 0)]
            .into_iter()
            .map(|(p, v)| (p.parse().unwrap(), v))
            .collect();
        let lens: Vec<u8> = map
            .matches("10.1.2.3".parse().unwrap())
            .map(|m| *m.1)
            .collect();
        assert_eq!(lens, [16, 8, 0]);
    }
}
