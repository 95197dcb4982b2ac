// The runtime suite: plain JavaScript over the BUILT package, bundled by run.mjs (with the fixtures inlined) and
// run unchanged in every runtime. It needs nothing but the Fetch API, TextEncoder and Web Crypto.
import { parseWebhook, isWebhookError } from '../../dist/index.js';
import { fetchWebhook } from '../../dist/fetch.js';

const SECRET = 's3cret';

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * What decoding a fixture gives, as canonical text: the result as JSON (instants as ISO strings), or the error
 * code for a body refused whole.
 */
export function describeFixture(bytes) {
  try {
    return JSON.stringify(parseWebhook(bytes));
  } catch (error) {
    if (isWebhookError(error)) return `error ${error.code}`;
    throw error;
  }
}

const TARGET = 'https://hooks.example/webhooks/email';
const withToken = (token) => `${TARGET}?token=${encodeURIComponent(token)}`;

// Each row: a name, the request, the status and error code the Fetch adapter must answer.
function answerTable(goodBody) {
  const post = (url, body) => new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return [
    ['accepted', 'default', post(withToken(SECRET), goodBody), 200, undefined],
    ['wrong secret', 'default', post(withToken('nope'), goodBody), 401, 'unauthorized'],
    ['GET', 'default', new Request(withToken(SECRET)), 405, 'method_not_allowed'],
    ['not JSON', 'default', post(withToken(SECRET), 'not json'), 400, 'invalid_json'],
    ['too large', 'small', post(withToken(SECRET), goodBody), 413, 'payload_too_large'],
    ['onEvents throws', 'failing', post(withToken(SECRET), goodBody), 500, 'handler_failed'],
  ];
}

/**
 * Runs the fixture suite and the answer table.
 * @param cases `{ fixtures: [{ name, base64, expected }], goodBody }`, made by run.mjs on Node 20.
 * @returns `{ fixtures, answers, failures }`: counts checked and what went wrong.
 */
export async function runSuite(cases) {
  const failures = [];
  for (const fixture of cases.fixtures) {
    const got = describeFixture(fromBase64(fixture.base64));
    if (got !== fixture.expected) failures.push(`fixture ${fixture.name}: got ${got.slice(0, 200)}`);
  }
  const seen = [];
  const handlers = {
    default: fetchWebhook({ secret: SECRET, onEvents: (result) => void seen.push(result.events.length) }),
    small: fetchWebhook({ secret: SECRET, maxBodyBytes: 64, onEvents: () => undefined }),
    failing: fetchWebhook({ secret: SECRET, onEvents: () => { throw new Error('database down'); } }),
  };
  const rows = answerTable(cases.goodBody);
  for (const [name, handler, request, status, code] of rows) {
    const response = await handlers[handler](request);
    const body = await response.json();
    const gotCode = body.error === undefined ? undefined : body.error.code;
    if (response.status !== status || gotCode !== code) {
      failures.push(`answer ${name}: got ${response.status} ${gotCode}, want ${status} ${code}`);
    }
  }
  if (seen.length !== 1 || seen[0] !== cases.goodEvents) failures.push(`onEvents saw ${JSON.stringify(seen)}`);
  return { fixtures: cases.fixtures.length, answers: rows.length, failures };
}
