// Unpacking the core's wasm in the page: scripts/build-dist.mjs inlines it packed (.lzma, base64)
// together with the small decoder module built from scripts/unlzma.rs, and its `cyberduty:wasm`
// module calls unpack() from here. build-dist.mjs also runs unpack() in Node on every build and
// checks the result byte for byte. Synchronous, so start() and mount() stay synchronous where the
// browser compiles wasm synchronously; unpackAsync() where it refuses to (the decoder is itself
// over 4 KB, the limit of Chromium before ~115 on the main thread).

/** Bytes of a base64 text. */
export function base64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The model's probabilities for lc + lp <= 4 (the packer uses lc=3, lp=0), in bytes. */
const PROBS_BYTES = 2 * (1847 + (0x300 << 4));

/**
 * Unpack `packed` (.lzma: 13-byte header with the unpacked size, then the stream) with the decoder
 * module `decoder`. Returns a view of the decoder's memory: copy it, or hand it to
 * `new WebAssembly.Module` (which copies).
 */
export function unpack(decoder, packed) {
  return unpackWith(new WebAssembly.Instance(new WebAssembly.Module(decoder)).exports, packed);
}

/** unpack(), with the decoder compiled asynchronously: a Promise of the same bytes. */
export function unpackAsync(decoder, packed) {
  return WebAssembly.instantiate(decoder).then(({ instance }) => unpackWith(instance.exports, packed));
}

function unpackWith({ memory, unlzma, __heap_base: heapBase }, packed) {
  const size = packed[5] + packed[6] * 0x100 + packed[7] * 0x10000 + packed[8] * 0x1000000;
  const src = heapBase.value;
  const dst = src + packed.length;
  const probs = (dst + size + 1) & ~1;
  const end = probs + PROBS_BYTES;
  if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
  new Uint8Array(memory.buffer, src, packed.length).set(packed);
  if (unlzma(src, packed.length, dst, probs) !== size) throw new Error('unlzma: 解包后的大小不符');
  return new Uint8Array(memory.buffer, dst, size);
}
