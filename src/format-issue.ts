import type { WebhookIssue } from './result.js';

const PLAIN_KEY = /^[\p{L}\p{N}_$-]{1,64}$/u;
const LONGEST_KEY = 64;

/**
 * Writes one path key: plain names as they are, others quoted with their control characters escaped and cut to
 * 64 characters. Keys come from the body, and the result ends up in error messages, answers and logs.
 */
function formatKey(key: string): string {
  if (PLAIN_KEY.test(key)) return key;
  const cut = key.length > LONGEST_KEY ? `${key.slice(0, LONGEST_KEY)}…` : key;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Writes an issue the way a person reads it: `clicks[3].email: not an email address`. Keys that are not plain
 * names are quoted and escaped, so a body cannot put line breaks or terminal escapes into the text.
 * @param issue An issue from a {@link WebhookResult}.
 */
export function formatIssue(issue: WebhookIssue): string {
  let where = '';
  for (const key of issue.path) {
    if (typeof key === 'number') where += `[${key}]`;
    else where += where === '' ? formatKey(key) : `.${formatKey(key)}`;
  }
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}
