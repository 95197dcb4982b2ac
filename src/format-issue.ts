import type { WebhookIssue } from './result.js';

const PLAIN_KEY = /^[\p{L}\p{N}_$-]{1,64}$/u;
const LONGEST_KEY = 64;

/**
 * Characters that change how the text around them shows rather than showing themselves: C0 and C1 controls
 * (terminal escapes, line breaks), the line and paragraph separators, bidi embeddings, overrides, isolates and
 * marks (U+202A-202E, U+2066-2069, U+200E/F, U+061C, which can make a log line read backwards) and zero-width
 * characters (U+200B-200D, U+2060, U+FEFF, which hide text or split words invisibly).
 */
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** Writes every {@link UNSAFE_CHARACTER} of a text as a `\uXXXX` escape. */
function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_CHARACTER, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Writes one path key: plain names as they are, others quoted with their control characters escaped and cut to
 * 64 characters. Keys come from the body, and the result ends up in error messages, answers and logs.
 */
function formatKey(key: string): string {
  if (PLAIN_KEY.test(key)) return key;
  const cut = key.length > LONGEST_KEY ? `${key.slice(0, LONGEST_KEY)}…` : key;
  return escapeUnsafe(JSON.stringify(cut));
}

/**
 * Writes an issue the way a person reads it: `clicks[3].email: not an email address`. Keys that are not plain
 * names are quoted and escaped, and the message is escaped too, so a body cannot put line breaks, terminal
 * escapes, bidi overrides or zero-width characters into the text.
 * @param issue An issue from a {@link WebhookResult}.
 */
export function formatIssue(issue: WebhookIssue): string {
  let where = '';
  for (const key of issue.path) {
    if (typeof key === 'number') where += `[${key}]`;
    else where += where === '' ? formatKey(key) : `.${formatKey(key)}`;
  }
  const message = escapeUnsafe(issue.message);
  return where === '' ? message : `${where}: ${message}`;
}
