/**
 * The whole path end to end: starts the Express example on a free loopback port, replays every body under
 * `fixtures/` as its provider would post it (Lingdong with `?token=`, SendPulse with Basic credentials in the
 * URL), and prints the events the handler received and each HTTP answer.
 *
 *   npm run demo
 *
 * The bodies under `fixtures/invalid/` are answered 400 (all but `bom.json`: a byte order mark is ignored, so it
 * gets its 200): that is what they are there to show.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmailEvent, WebhookIssue, WebhookResult } from '../src/index.js';
import { startServer } from './express-server.js';

const SECRET = 'demo-secret';
const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

/** Escapes control characters, so a hostile field cannot forge log lines or drive the terminal. */
function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function describeEvent(event: EmailEvent): string {
  const details: string[] = [];
  switch (event.type) {
    case 'bounced':
      details.push(`bounce=${event.bounce}`);
      if (event.smtp) details.push(`smtp=${event.smtp.enhancedStatus ?? event.smtp.code ?? '?'}`);
      break;
    case 'clicked':
      if (event.url !== undefined) details.push(`url=${event.url}`);
      break;
    case 'unknown':
      details.push(`providerEvent=${event.providerEvent}`);
      break;
    case 'unsubscribed':
    case 'complained':
      if (event.source !== undefined) details.push(`source=${event.source}`);
      break;
    default:
      break;
  }
  if ('geo' in event && event.geo?.city !== undefined) details.push(`city=${event.geo.city}`);
  const when = event.occurredAt?.toISOString() ?? 'no time';
  const columns = [event.type.padEnd(12), (event.recipient ?? '-').padEnd(28), when.padEnd(24), `id=${event.id}`];
  return printable([...columns, ...details].join(' '));
}

function describeIssue(issue: WebhookIssue): string {
  return printable(`issue at ${JSON.stringify(issue.path)}: ${issue.message}`);
}

function fixtureFiles(): string[] {
  const files: string[] = [];
  for (const folder of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(join(FIXTURES, folder.name), { withFileTypes: true })) {
      // Sub-folders hold signed examples with their keys, which the providers' tests replay.
      if (file.isFile()) files.push(join(FIXTURES, folder.name, file.name));
    }
  }
  // Provider bodies first, the invalid ones last.
  const rank = (path: string): string => (relative(FIXTURES, path).startsWith('invalid') ? `1${path}` : `0${path}`);
  return files.sort((a, b) => rank(a).localeCompare(rank(b)));
}

async function main(): Promise<void> {
  let received: WebhookResult[] = [];
  const server = await startServer({
    port: 0,
    secret: SECRET,
    onEvents: (result) => {
      received.push(result);
    },
  });
  console.log(`Express example listening at ${server.url}\n`);
  let answered = 0;
  try {
    for (const path of fixtureFiles()) {
      const name = relative(FIXTURES, path);
      const body = readFileSync(path);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      let url = `${server.url}?token=${SECRET}`;
      let how = '?token=…';
      if (name.startsWith('sendpulse')) {
        // SendPulse is given https://hooks:SECRET@host/path; a client turns that into this header.
        url = server.url;
        headers.authorization = `Basic ${Buffer.from(`hooks:${SECRET}`).toString('base64')}`;
        how = 'Basic hooks:…';
      }
      received = [];
      console.log(`POST ${name} (${body.byteLength} bytes, ${how})`);
      const response = await fetch(url, { method: 'POST', headers, body });
      const answer = await response.text();
      answered++;
      for (const result of received) {
        for (const event of result.events) console.log(`  ${result.provider} ${describeEvent(event)}`);
        for (const issue of result.issues) console.log(`  ${result.provider} ${describeIssue(issue)}`);
      }
      console.log(`  -> ${response.status} ${answer}\n`);
    }
  } finally {
    await server.close();
  }
  console.log(`${answered} deliveries answered; server closed.`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('demo failed:', error);
    process.exit(1);
  },
);
