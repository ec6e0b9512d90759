//! A small LZMA decoder, compiled on its own (scripts/build-wasm.sh) to a wasm module of under 4 KB
//! that the page uses to unpack the core's wasm: scripts/build-dist.mjs packs that with
//! `xz --format=lzma`, a fifth smaller than gzip, and base64 of packed bytes does not shrink
//! further when the page is served compressed. In wasm it unpacks the core in a few milliseconds,
//! several times faster than the same decoder in JavaScript, and synchronously, so start() and
//! mount() stay synchronous. Under 4 KB, it may be compiled on the main thread even by browsers
//! that refuse that for larger modules.
//!
//! Follows the reference decoder of the LZMA SDK (LzmaSpec.cpp). The input is ours, packed and
//! checked at build time; malformed input traps (out of bounds) rather than being diagnosed.
#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

const IS_MATCH: usize = 0;
const IS_REP: usize = 192;
const IS_REP_G0: usize = 204;
const IS_REP_G1: usize = 216;
const IS_REP_G2: usize = 228;
const IS_REP0_LONG: usize = 240;
const POS_SLOT: usize = 432;
const SPEC_POS: usize = 688;
const ALIGN: usize = 803;
const LEN: usize = 819;
const REP_LEN: usize = 1333;
const LITERAL: usize = 1847;

struct Rc<'a> {
    src: &'a [u8],
    ip: usize,
    range: u32,
    code: u32,
    probs: &'a mut [u16],
}

impl Rc<'_> {
    #[inline(always)]
    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | u32::from(self.src[self.ip]);
            self.ip += 1;
        }
    }
    #[inline(always)]
    fn bit(&mut self, i: usize) -> usize {
        let p = u32::from(self.probs[i]);
        let bound = (self.range >> 11) * p;
        let b = if self.code < bound {
            self.range = bound;
            self.probs[i] = (p + ((2048 - p) >> 5)) as u16;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            self.probs[i] = (p - (p >> 5)) as u16;
            1
        };
        self.normalize();
        b
    }
    fn tree(&mut self, base: usize, bits: u32) -> usize {
        let mut m = 1;
        for _ in 0..bits {
            m = (m << 1) | self.bit(base + m);
        }
        m - (1 << bits)
    }
    fn reverse(&mut self, base: usize, bits: u32) -> usize {
        let (mut m, mut r) = (1, 0);
        for i in 0..bits {
            let b = self.bit(base + m);
            m = (m << 1) | b;
            r |= b << i;
        }
        r
    }
    fn direct(&mut self, bits: u32) -> usize {
        let mut r = 0;
        for _ in 0..bits {
            self.range >>= 1;
            let b = usize::from(self.code >= self.range);
            if b == 1 {
                self.code -= self.range;
            }
            r = (r << 1) | b;
            self.normalize();
        }
        r
    }
    fn length(&mut self, base: usize, pos_state: usize) -> usize {
        if self.bit(base) == 0 {
            self.tree(base + 2 + (pos_state << 3), 3)
        } else if self.bit(base + 1) == 0 {
            8 + self.tree(base + 130 + (pos_state << 3), 3)
        } else {
            16 + self.tree(base + 258, 8)
        }
    }
}

/// Unpack the .lzma stream of `src_len` bytes at `src` (13-byte header: properties, dictionary
/// size, unpacked size) into `dst`, using `probs` (2 × (1847 + 0x300 << (lc + lp)) bytes) for the
/// model; returns the unpacked size.
///
/// # Safety
/// The three regions must lie in this module's memory and not overlap.
#[no_mangle]
pub unsafe extern "C" fn unlzma(
    src: *const u8,
    src_len: usize,
    dst: *mut u8,
    probs: *mut u16,
) -> usize {
    let src = core::slice::from_raw_parts(src, src_len);
    let mut props = usize::from(src[0]);
    let lc = props % 9;
    props /= 9;
    let lp = props % 5;
    let pb = props / 5;
    let size = u32::from_le_bytes([src[5], src[6], src[7], src[8]]) as usize;
    let out = core::slice::from_raw_parts_mut(dst, size);
    let probs = core::slice::from_raw_parts_mut(probs, LITERAL + (0x300 << (lc + lp)));
    probs.fill(1024);
    let mut rc = Rc {
        src,
        ip: 14,
        range: u32::MAX,
        code: 0,
        probs,
    };
    for _ in 0..4 {
        rc.code = (rc.code << 8) | u32::from(rc.src[rc.ip]);
        rc.ip += 1;
    }
    let (pb_mask, lp_mask) = ((1 << pb) - 1, (1 << lp) - 1);
    let (mut state, mut rep0, mut rep1, mut rep2, mut rep3) = (0usize, 0usize, 0, 0, 0);
    let mut pos = 0;
    while pos < size {
        let pos_state = pos & pb_mask;
        if rc.bit(IS_MATCH + (state << 4) + pos_state) == 0 {
            let prev = if pos > 0 {
                usize::from(out[pos - 1])
            } else {
                0
            };
            let base = LITERAL + 0x300 * (((pos & lp_mask) << lc) + (prev >> (8 - lc)));
            let mut symbol = 1;
            if state >= 7 {
                let mut matched = usize::from(out[pos - rep0 - 1]);
                while symbol < 0x100 {
                    let match_bit = (matched >> 7) & 1;
                    matched <<= 1;
                    let b = rc.bit(base + ((1 + match_bit) << 8) + symbol);
                    symbol = (symbol << 1) | b;
                    if match_bit != b {
                        break;
                    }
                }
            }
            while symbol < 0x100 {
                symbol = (symbol << 1) | rc.bit(base + symbol);
            }
            out[pos] = (symbol - 0x100) as u8;
            pos += 1;
            state = if state < 4 {
                0
            } else if state < 10 {
                state - 3
            } else {
                state - 6
            };
            continue;
        }
        let len;
        if rc.bit(IS_REP + state) == 1 {
            if rc.bit(IS_REP_G0 + state) == 0 {
                if rc.bit(IS_REP0_LONG + (state << 4) + pos_state) == 0 {
                    state = if state < 7 { 9 } else { 11 };
                    out[pos] = out[pos - rep0 - 1];
                    pos += 1;
                    continue;
                }
            } else {
                let dist;
                if rc.bit(IS_REP_G1 + state) == 0 {
                    dist = rep1;
                } else {
                    if rc.bit(IS_REP_G2 + state) == 0 {
                        dist = rep2;
                    } else {
                        dist = rep3;
                        rep3 = rep2;
                    }
                    rep2 = rep1;
                }
                rep1 = rep0;
                rep0 = dist;
            }
            len = rc.length(REP_LEN, pos_state);
            state = if state < 7 { 8 } else { 11 };
        } else {
            rep3 = rep2;
            rep2 = rep1;
            rep1 = rep0;
            len = rc.length(LEN, pos_state);
            state = if state < 7 { 7 } else { 10 };
            let slot = rc.tree(POS_SLOT + (len.min(3) << 6), 6);
            rep0 = if slot < 4 {
                slot
            } else {
                let bits = (slot >> 1) as u32 - 1;
                let base = (2 | (slot & 1)) << bits;
                if slot < 14 {
                    base + rc.reverse(SPEC_POS + base - slot, bits)
                } else {
                    base + (rc.direct(bits - 4) << 4) + rc.reverse(ALIGN, 4)
                }
            };
        }
        let end = (pos + len + 2).min(size);
        while pos < end {
            out[pos] = out[pos - rep0 - 1];
            pos += 1;
        }
    }
    size
}
