//! A small inflate (raw DEFLATE, RFC 1951) compiled on its own (scripts/build-wasm.sh) to a wasm
//! module of a few KB that the page and embed.js use to unpack the core's wasm synchronously:
//! scripts/build-dist.mjs packs it with zlib and checks the result byte for byte. DEFLATE decodes
//! several times faster than LZMA (a table lookup per symbol instead of a range-coded bit), which
//! is what the page waits for before anything starts; where the browser has
//! `DecompressionStream`, the page uses that instead (scripts/inflate.mjs).
//!
//! Follows zlib's puff.c, with a 10-bit lookup table in front of its canonical decode. The input is
//! ours, packed and checked at build time; malformed input traps or yields garbage rather than
//! being diagnosed.
#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// Bits looked up at once; longer codes (rare) take the canonical decode.
const FAST: u32 = 10;

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
const CL_ORDER: [u8; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Fill `s` with `v` element by element: a plain fill becomes `memory.fill`, which is not
/// WebAssembly 1.0 (wasm-opt --mvp-features refuses it).
fn set<T: Copy>(s: &mut [T], v: T) {
    for x in s {
        // SAFETY: `x` is a valid, aligned reference.
        unsafe { core::ptr::write_volatile(x, v) };
    }
}

/// A Huffman code: counts per length and symbols in canonical order (puff.c), and the lookup
/// table of codes up to FAST bits (entry: symbol << 4 | length; 0 when the code is longer).
struct Huffman {
    count: [u16; 16],
    symbol: [u16; 288],
    fast: [u16; 1 << FAST],
    offs: [u16; 16],
    next: [u32; 16],
}

impl Huffman {
    const fn new() -> Self {
        Huffman {
            count: [0; 16],
            symbol: [0; 288],
            fast: [0; 1 << FAST],
            offs: [0; 16],
            next: [0; 16],
        }
    }

    fn build(&mut self, lengths: &[u8]) {
        set(&mut self.count, 0);
        for &l in lengths {
            self.count[usize::from(l)] += 1;
        }
        self.count[0] = 0;
        let (offs, next) = (&mut self.offs, &mut self.next);
        let mut code = 0u32;
        offs[0] = 0;
        for len in 1..16 {
            offs[len] = offs[len - 1] + self.count[len - 1];
            code = (code + u32::from(self.count[len - 1])) << 1;
            next[len] = code;
        }
        set(&mut self.fast, 0);
        for (sym, &l) in lengths.iter().enumerate() {
            if l == 0 {
                continue;
            }
            let l = usize::from(l);
            self.symbol[usize::from(offs[l])] = sym as u16;
            offs[l] += 1;
            let c = next[l];
            next[l] += 1;
            if l as u32 <= FAST {
                // The stream holds a code's bits first to last from the low bit up: index reversed.
                let mut r = 0usize;
                for i in 0..l {
                    r |= ((c as usize >> i) & 1) << (l - 1 - i);
                }
                let mut i = r;
                while i < 1 << FAST {
                    self.fast[i] = ((sym as u16) << 4) | l as u16;
                    i += 1 << l;
                }
            }
        }
    }
}

struct Bits {
    src: *const u8,
    buf: u32,
    n: u32,
}

impl Bits {
    #[inline(always)]
    fn fill(&mut self) {
        while self.n <= 24 {
            // SAFETY: the caller's input is followed by at least 4 readable bytes (see inflate).
            self.buf |= u32::from(unsafe { *self.src }) << self.n;
            self.src = unsafe { self.src.add(1) };
            self.n += 8;
        }
    }
    #[inline(always)]
    fn take(&mut self, k: u32) -> usize {
        self.fill();
        let v = self.buf & ((1 << k) - 1);
        self.buf >>= k;
        self.n -= k;
        v as usize
    }
    fn decode(&mut self, h: &Huffman) -> usize {
        self.fill();
        let e = h.fast[(self.buf & ((1 << FAST) - 1)) as usize];
        if e != 0 {
            let l = u32::from(e & 15);
            self.buf >>= l;
            self.n -= l;
            return usize::from(e >> 4);
        }
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= self.take(1) as i32;
            let count = i32::from(h.count[len]);
            if code - count < first {
                return usize::from(h.symbol[(index + code - first) as usize]);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        0
    }
}

static mut LIT: Huffman = Huffman::new();
static mut DIST: Huffman = Huffman::new();
/// The code lengths of one block: literal/length codes, then distance codes.
static mut LENGTHS: [u8; 320] = [0; 320];

/// Inflate the raw DEFLATE stream at `src` into `dst`; returns the number of bytes written.
///
/// # Safety
/// `src` must be followed by at least 4 readable bytes past the stream's end, `dst` must have room
/// for the whole output, both in this module's memory and not overlapping.
#[no_mangle]
pub unsafe extern "C" fn inflate(src: *const u8, dst: *mut u8) -> usize {
    let lit = &mut *core::ptr::addr_of_mut!(LIT);
    let dist = &mut *core::ptr::addr_of_mut!(DIST);
    let lengths = &mut *core::ptr::addr_of_mut!(LENGTHS);
    let mut bits = Bits { src, buf: 0, n: 0 };
    let mut pos = 0usize;
    loop {
        let last = bits.take(1);
        match bits.take(2) {
            0 => {
                // Stored: drop to a byte boundary (whole bytes still buffered are given back).
                let skip = bits.n & 7;
                bits.take(skip);
                let len = bits.take(16);
                bits.take(16);
                for _ in 0..len {
                    *dst.add(pos) = bits.take(8) as u8;
                    pos += 1;
                }
            }
            kind => {
                let (nlen, ndist) = if kind == 1 {
                    set(&mut lengths[..144], 8);
                    set(&mut lengths[144..256], 9);
                    set(&mut lengths[256..280], 7);
                    set(&mut lengths[280..288], 8);
                    set(&mut lengths[288..318], 5);
                    (288, 30)
                } else {
                    let nlen = bits.take(5) + 257;
                    let ndist = bits.take(5) + 1;
                    let ncode = bits.take(4) + 4;
                    let cl = &mut lengths[..19];
                    set(cl, 0);
                    for &i in &CL_ORDER[..ncode] {
                        cl[usize::from(i)] = bits.take(3) as u8;
                    }
                    lit.build(cl);
                    let mut i = 0;
                    while i < nlen + ndist {
                        let sym = bits.decode(lit);
                        let (value, times) = match sym {
                            16 => (lengths[i - 1], 3 + bits.take(2)),
                            17 => (0, 3 + bits.take(3)),
                            18 => (0, 11 + bits.take(7)),
                            _ => (sym as u8, 1),
                        };
                        set(&mut lengths[i..i + times], value);
                        i += times;
                    }
                    (nlen, ndist)
                };
                lit.build(&lengths[..nlen]);
                dist.build(&lengths[nlen..nlen + ndist]);
                loop {
                    let sym = bits.decode(lit);
                    if sym < 256 {
                        *dst.add(pos) = sym as u8;
                        pos += 1;
                    } else if sym == 256 {
                        break;
                    } else {
                        let s = sym - 257;
                        let len = usize::from(LEN_BASE[s]) + bits.take(u32::from(LEN_EXTRA[s]));
                        let d = bits.decode(dist);
                        let back = usize::from(DIST_BASE[d]) + bits.take(u32::from(DIST_EXTRA[d]));
                        for _ in 0..len {
                            *dst.add(pos) = *dst.add(pos - back);
                            pos += 1;
                        }
                    }
                }
            }
        }
        if last == 1 {
            return pos;
        }
    }
}
