import { readFileSync } from 'node:fs';
import { isWebhookError } from '../errors.js';
import { formatIssue } from '../format-issue.js';
import { isValidTimeZone } from '../normalize/time.js';
import { parseWebhook } from '../parse-webhook.js';
import { findProvider, listProviderNames } from '../providers/registry.js';
import type { ParseOptions, WebhookResult } from '../result.js';
import { UsageError, type ParsedArguments } from './arguments.js';
import { eventRow, layOut, printable, tableHeader } from './event-table.js';

/** The options `decode` accepts. */
export const DECODE_OPTIONS = { flags: ['json', 'strict'], values: ['provider', 'time-zone', 'show-zone'] } as const;

/**
 * The parse options of a command line: `--provider` (checked against the registry), `--time-zone`, `--strict`.
 * @param args The parsed command line.
 * @throws {UsageError} On an unknown provider or time zone.
 */
export function parseOptionsOf(args: ParsedArguments): ParseOptions {
  const options: ParseOptions = {};
  const provider = args.values.get('provider');
  if (provider !== undefined) {
    if (findProvider(provider) === undefined) {
      throw new UsageError(`unknown provider: ${provider} (one of: ${listProviderNames()})`);
    }
    options.provider = provider;
  }
  const timeZone = args.values.get('time-zone');
  if (timeZone !== undefined) {
    if (!isValidTimeZone(timeZone)) throw new UsageError(`unknown time zone: ${timeZone}`);
    options.timeZone = timeZone;
  }
  if (args.flags.has('strict')) options.strict = true;
  return options;
}

/**
 * The zone to show times in: `--show-zone`, default UTC.
 * @throws {UsageError} On an unknown zone.
 */
export function displayZoneOf(args: ParsedArguments): string {
  const zone = args.values.get('show-zone') ?? 'UTC';
  if (!isValidTimeZone(zone)) throw new UsageError(`unknown time zone: ${zone}`);
  return zone;
}

function table(result: WebhookResult, source: string, displayZone: string): string {
  const rows = layOut([tableHeader(displayZone), ...result.events.map((event) => eventRow(event, displayZone))]);
  const title = `${source}: ${result.provider}, ${result.events.length} event(s), ${result.issues.length} issue(s)`;
  return [title, ...rows].join('\n');
}

/**
 * `email-webhooks [decode] FILE...`: decodes each body and prints its events as a table, or as JSON lines with
 * `--json` (issues then go to standard error as JSON lines too).
 * @param args The parsed command line; `-` or no file reads standard input.
 * @returns The exit status: 0 when every body was read, 1 when one could not be.
 */
export function runDecode(args: ParsedArguments): number {
  const options = parseOptionsOf(args);
  const displayZone = displayZoneOf(args);
  const json = args.flags.has('json');
  const sources = args.positional.length === 0 ? ['-'] : args.positional;
  let status = 0;
  for (const source of sources) {
    const name = source === '-' ? 'stdin' : source;
    let body: Uint8Array;
    try {
      body = readFileSync(source === '-' ? 0 : source);
    } catch (error) {
      process.stderr.write(`email-webhooks: ${source}: cannot read: ${(error as Error).message}\n`);
      status = 1;
      continue;
    }
    try {
      const result = parseWebhook(body, options);
      if (json) {
        // `file`, a key no event has (events have their own `source`), tells where each line came from.
        for (const event of result.events) process.stdout.write(`${JSON.stringify({ file: name, ...event })}\n`);
        for (const issue of result.issues) process.stderr.write(`${JSON.stringify({ file: name, issue })}\n`);
      } else {
        process.stdout.write(`${table(result, name, displayZone)}\n\n`);
        for (const issue of result.issues) process.stderr.write(`${name}: issue: ${printable(formatIssue(issue))}\n`);
      }
    } catch (error) {
      if (!isWebhookError(error)) throw error;
      if (json) process.stderr.write(`${JSON.stringify({ file: name, error: { code: error.code, message: error.message } })}\n`);
      else process.stderr.write(`${name}: ${error.code}: ${printable(error.message)}\n`);
      status = 1;
    }
  }
  return status;
}
