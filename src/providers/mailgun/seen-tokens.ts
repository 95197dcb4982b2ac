// Mailgun signs only `timestamp + token`, not the body: a captured request can be replayed within the time
// tolerance. Remembering the tokens of verified requests until their timestamps fall out of the tolerance refuses
// such replays, within one process (a deployment of several instances also needs `dedupe`).

/** At most this many tokens are remembered; past it the oldest are forgotten first. */
export const MAX_SEEN_TOKENS = 10_000;

// Token -> the instant (ms) after which its request would be refused as stale anyway. Insertion order is
// roughly expiry order, so expired entries are swept from the front; no timer is ever left running.
const seen = new Map<string, number>();

/**
 * Tells whether a token was already used by a verified request that is still within the tolerance.
 * @param token The request's token.
 * @param now The current time in ms.
 */
export function wasTokenSeen(token: string, now: number): boolean {
  const expiresAt = seen.get(token);
  if (expiresAt === undefined) return false;
  if (expiresAt > now) return true;
  seen.delete(token);
  return false;
}

/**
 * Remembers the token of a verified request.
 * @param token The request's token.
 * @param expiresAt When (ms) the request's timestamp leaves the tolerance (`Infinity` without a time check).
 * @param now The current time in ms.
 */
export function rememberToken(token: string, expiresAt: number, now: number): void {
  for (const [oldest, expiry] of seen) {
    if (expiry > now && seen.size < MAX_SEEN_TOKENS) break;
    seen.delete(oldest);
  }
  seen.set(token, expiresAt);
}
