// Unpacking the core's wasm in the page: scripts/build-dist.mjs inlines it packed (zlib, base64)
// together with the small decoder module built from scripts/inflate.rs, and its `cyberduty:wasm`
// module calls these. build-dist.mjs also runs both in Node on every build and checks the result
// byte for byte. unpack() is synchronous, so start() and mount() stay synchronous where the browser
// compiles wasm synchronously; unpackAsync() inflates natively (DecompressionStream, Chromium 80,
// Firefox 113, Safari 16.4: several times faster than the decoder, which is the fallback) and
// compiles while it inflates.

/** Bytes of a base64 text (natively where the browser can: Chromium 140, Firefox 133, Safari 18.2). */
export function base64(text) {
  if ('fromBase64' in Uint8Array) return Uint8Array.fromBase64(text);
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The zlib header (2 bytes) before the DEFLATE stream; the decoder reads past its end by up to 4. */
const HEADER = 2;
const SLACK = 4;

/**
 * Unpack `packed` (a zlib stream of `size` bytes of wasm) with the decoder module `decoder`.
 * Returns a view of the decoder's memory: copy it, or hand it to `new WebAssembly.Module` (which
 * copies).
 */
export function unpack(decoder, packed, size) {
  return unpackWith(new WebAssembly.Instance(new WebAssembly.Module(decoder)).exports, packed, size);
}

/**
 * unpack() without blocking: where the browser inflates natively, a Promise of the compiled
 * `WebAssembly.Module` (compiled as it is inflated, off the main thread); elsewhere a Promise of the
 * bytes, unpacked by the decoder compiled asynchronously.
 */
export function unpackAsync(decoder, packed, size) {
  if (typeof DecompressionStream !== 'function') {
    return WebAssembly.instantiate(decoder).then(({ instance }) => unpackWith(instance.exports, packed, size));
  }
  return WebAssembly.compileStreaming(new Response(inflated(packed), { headers: { 'Content-Type': 'application/wasm' } }));
}

/** The bytes of a zlib stream, inflated by the browser (DecompressionStream), as a ReadableStream. */
export function inflated(packed) {
  const stream = new DecompressionStream('deflate');
  const writer = stream.writable.getWriter();
  writer.write(packed);
  writer.close();
  return stream.readable;
}

function unpackWith({ memory, inflate, __heap_base: heapBase }, packed, size) {
  const src = heapBase.value;
  const dst = src + packed.length + SLACK;
  const end = dst + size;
  if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
  new Uint8Array(memory.buffer, src, packed.length).set(packed);
  if (inflate(src + HEADER, dst) !== size) throw new Error('inflate: 解包后的大小不符');
  return new Uint8Array(memory.buffer, dst, size);
}
