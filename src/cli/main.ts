#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isWebhookError } from '../errors.js';
import type { EmailEvent, ProviderName } from '../events.js';
import { isValidTimeZone } from '../normalize/time.js';
import { parseWebhook } from '../parse-webhook.js';
import { formatIssue } from '../format-issue.js';
import type { ParseOptions, WebhookResult } from '../result.js';

const USAGE = `Usage: email-webhooks [options] [file ...]

Decodes email provider webhook bodies (Lingdong, SendPulse) and prints their events.
Reads standard input when no file is given.

Options:
  --json               print one JSON object per event (JSON lines), with its "file"
  --provider NAME      lingdong or sendpulse (default: detected from the body)
  --time-zone ZONE     IANA zone of zone-less times (Lingdong default: Asia/Shanghai)
  --strict             fail on the first bad item
  --show-zone ZONE     IANA zone to show times in, in the table (default: UTC)
  -h, --help           show this help

Issues (bad items) go to standard error. Exit status: 0 when every body was read,
1 when a body could not be read at all, 2 on wrong usage.`;

interface CliArguments {
  files: string[];
  json: boolean;
  displayZone: string;
  options: ParseOptions;
}

class UsageError extends Error {}

function parseArguments(argv: string[]): CliArguments | 'help' {
  const args: CliArguments = { files: [], json: false, displayZone: 'UTC', options: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '-h':
      case '--help':
        return 'help';
      case '--json':
        args.json = true;
        break;
      case '--strict':
        args.options.strict = true;
        break;
      case '--provider': {
        const name = value();
        if (name !== 'lingdong' && name !== 'sendpulse') throw new UsageError(`unknown provider: ${name}`);
        args.options.provider = name as ProviderName;
        break;
      }
      case '--time-zone':
        args.options.timeZone = value();
        if (!isValidTimeZone(args.options.timeZone)) throw new UsageError(`unknown time zone: ${args.options.timeZone}`);
        break;
      case '--show-zone':
        args.displayZone = value();
        if (!isValidTimeZone(args.displayZone)) throw new UsageError(`unknown time zone: ${args.displayZone}`);
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option: ${arg}`);
        args.files.push(arg);
    }
  }
  return args;
}

function readStdin(): Uint8Array {
  return readFileSync(0);
}

// Event fields are provider text: control characters could rewrite the terminal, so they are shown escaped.
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function describeEvent(event: EmailEvent): string {
  switch (event.type) {
    case 'bounced':
      return [event.bounce, event.smtp?.code, event.smtp?.enhancedStatus].filter((x) => x !== undefined).join(' ');
    case 'delivered':
      return event.smtp?.code === undefined ? '' : String(event.smtp.code);
    case 'clicked':
      return event.url ?? '';
    case 'unsubscribed':
    case 'complained':
      return event.reason ?? event.source ?? '';
    case 'subscribed':
      return event.source ?? '';
    case 'unknown':
      return event.providerEvent;
    case 'deferred':
    case 'rejected':
      return event.reason ?? '';
    case 'queued':
      return '';
    default:
      return event.geo?.city ?? event.client?.name ?? '';
  }
}

function table(result: WebhookResult, source: string, displayZone: string): string {
  const rows = result.events.map((event) => [
    event.occurredAt === undefined ? '-' : format(new TZDate(event.occurredAt, displayZone), "yyyy-MM-dd'T'HH:mm:ssXXX"),
    event.type,
    event.recipient ?? '-',
    event.id,
    describeEvent(event),
  ]);
  const header = [`occurred at (${displayZone})`, 'type', 'recipient', 'id', 'detail'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => printable(row[column]!).length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => printable(cell).padEnd(widths[column]!)).join('  ').trimEnd();
  const title = `${source}: ${result.provider}, ${result.events.length} event(s), ${result.issues.length} issue(s)`;
  return [title, line(header), ...rows.map(line)].join('\n');
}

function run(argv: string[]): number {
  let args: CliArguments | 'help';
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`email-webhooks: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const sources = args.files.length === 0 ? ['-'] : args.files;
  let status = 0;
  for (const source of sources) {
    let body: Uint8Array;
    try {
      body = source === '-' ? readStdin() : readFileSync(source);
    } catch (error) {
      process.stderr.write(`email-webhooks: ${source}: cannot read: ${(error as Error).message}\n`);
      status = 1;
      continue;
    }
    const name = source === '-' ? 'stdin' : source;
    try {
      const result = parseWebhook(body, args.options);
      if (args.json) {
        // `file`, a key no event has (events have their own `source`), tells where each line came from.
        for (const event of result.events) process.stdout.write(`${JSON.stringify({ file: name, ...event })}\n`);
      } else process.stdout.write(`${table(result, name, args.displayZone)}\n\n`);
      for (const issue of result.issues) process.stderr.write(`${name}: issue: ${printable(formatIssue(issue))}\n`);
    } catch (error) {
      if (!isWebhookError(error)) throw error;
      process.stderr.write(`${name}: ${error.code}: ${printable(error.message)}\n`);
      status = 1;
    }
  }
  return status;
}

process.exitCode = run(process.argv.slice(2));
