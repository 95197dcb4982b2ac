// ECDSA signatures travel in two forms: DER (`SEQUENCE { INTEGER r, INTEGER s }`), as SendGrid sends them, and
// raw `r || s` (IEEE P1363), the only form Web Crypto reads and writes. P-256 integers are 32 bytes.

const INTEGER_BYTES = 32;

/**
 * Converts a DER-encoded ECDSA P-256 signature to raw `r || s`.
 * @param der The DER bytes.
 * @returns 64 bytes, or `undefined` when the bytes are not a well-formed P-256 signature.
 */
export function derToRawSignature(der: Uint8Array): Uint8Array | undefined {
  // SEQUENCE, with a short-form length: a P-256 signature is at most 72 bytes.
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const raw = new Uint8Array(INTEGER_BYTES * 2);
  let offset = 2;
  for (let part = 0; part < 2; part++) {
    if (der[offset] !== 0x02) return undefined;
    const length = der[offset + 1]!;
    const start = offset + 2;
    const end = start + length;
    if (length === 0 || end > der.length) return undefined;
    // DER integers are signed: a leading zero byte keeps a high bit positive; strip it, then left-pad to 32.
    let first = start;
    while (first < end - 1 && der[first] === 0) first++;
    const size = end - first;
    if (size > INTEGER_BYTES) return undefined;
    raw.set(der.subarray(first, end), part * INTEGER_BYTES + INTEGER_BYTES - size);
    offset = end;
  }
  return offset === der.length ? raw : undefined;
}

/** One DER INTEGER from 32 unsigned big-endian bytes: minimal, with a zero byte before a set high bit. */
function derInteger(bytes: Uint8Array): number[] {
  let first = 0;
  while (first < bytes.length - 1 && bytes[first] === 0) first++;
  const value = Array.from(bytes.subarray(first));
  if (value[0]! >= 0x80) value.unshift(0);
  return [0x02, value.length, ...value];
}

/**
 * Converts a raw `r || s` ECDSA P-256 signature (as Web Crypto makes it) to DER (as SendGrid sends it).
 * @param raw 64 bytes.
 */
export function rawToDerSignature(raw: Uint8Array): Uint8Array {
  const r = derInteger(raw.subarray(0, INTEGER_BYTES));
  const s = derInteger(raw.subarray(INTEGER_BYTES, INTEGER_BYTES * 2));
  return Uint8Array.from([0x30, r.length + s.length, ...r, ...s]);
}
