//! A small deterministic generator (xorshift64) for generated data: the
//! lab's own traffic, the realistic log of the benchmarks, the test
//! corpora. The same seed gives the same data everywhere, so a failing case
//! can be replayed by its seed. Not for anything secret.

pub struct Rng(pub u64);

impl Rng {
    /// A generator from `seed`, scrambled first so that near seeds (1, 2,
    /// 3) give unrelated sequences (and never 0: xorshift never leaves it).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1)
    }

    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }

    pub fn hex(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b"0123456789abcdef"[self.below(16) as usize])).collect()
    }
}
