/**
 * Providers that do not sign their requests (Lingdong, SendPulse) allow only a shared secret in the URL they post
 * to: `?token=SECRET` or HTTP Basic credentials (`https://hooks:SECRET@host/path`). Signing providers are checked
 * by `signature.ts` instead, or as well.
 *
 * This file must run in Workers and browsers too, so it uses Web Crypto rather than `node:crypto`.
 */

const encoder = new TextEncoder();

/**
 * The secrets a request presents: the `token` query parameter and the HTTP Basic password, where present.
 * @param target The request URL or request target (`/hook?token=...`).
 * @param authorization The `Authorization` header, if any.
 */
export function presentedSecrets(target: string, authorization: string | undefined): string[] {
  const secrets = tokenReadings(target);
  const password = basicPassword(authorization);
  if (password !== undefined) secrets.push(password);
  return secrets;
}

/**
 * The readings of the first `token` query parameter. Form decoding (`URLSearchParams`) turns `+` into a space,
 * but providers paste the URL as given, so a secret with `+` arrives raw or as `%2B`, and both must match: a
 * `+` is read as itself, and as a space too in case the client form-encoded a space. Every reading is compared
 * in constant time, so offering two costs nothing in safety.
 * @param target The request URL or request target.
 */
export function tokenReadings(target: string): string[] {
  const queryStart = target.indexOf('?');
  if (queryStart === -1) return [];
  const hashStart = target.indexOf('#', queryStart);
  const query = target.slice(queryStart + 1, hashStart === -1 ? undefined : hashStart);
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    if (percentDecode(name) !== 'token') continue;
    const raw = equals === -1 ? '' : pair.slice(equals + 1);
    const readings = [percentDecode(raw)];
    if (raw.includes('+')) readings.push(percentDecode(raw.replace(/\+/g, ' ')));
    return readings;
  }
  return [];
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape (`%zz`) is compared as sent; it matches only a secret written that way.
    return text;
  }
}

/**
 * The password of `Authorization: Basic base64(user:password)`; the user name is not checked, so any name works.
 * @param authorization The header value.
 */
export function basicPassword(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization);
  if (match === null) return undefined;
  let binary: string;
  try {
    binary = atob(match[1]!.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  // atob yields one char per byte; credentials are UTF-8 (RFC 7617 `charset="UTF-8"`).
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const credentials = new TextDecoder().decode(bytes);
  const colon = credentials.indexOf(':');
  return colon === -1 ? undefined : credentials.slice(colon + 1);
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/**
 * Compares two byte strings in time that depends only on their length, never on where they differ.
 * @param a First bytes.
 * @param b Second bytes, of the same length in every call made here (two SHA-256 digests).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

/**
 * Builds the check of a request's presented secrets against the configured ones. Both sides are hashed first so
 * each comparison runs over 32 bytes: neither a secret's length nor the position of the first wrong character
 * shows in the timing.
 * @param secrets The accepted secrets (several during a rotation), at least one.
 * @returns Resolves `true` when any presented secret matches any accepted one.
 */
export function createSecretCheck(secrets: readonly string[]): (presented: readonly string[]) => Promise<boolean> {
  let expected: Promise<Uint8Array[]> | undefined;
  return async (presented) => {
    expected ??= Promise.all(secrets.map(sha256));
    const wanted = await expected;
    let matched = false;
    // Every candidate is compared with every secret, so timing does not tell which one (if any) matched.
    for (const candidate of presented) {
      const digest = await sha256(candidate);
      for (const want of wanted) {
        if (constantTimeEqual(digest, want)) matched = true;
      }
    }
    return matched;
  };
}
