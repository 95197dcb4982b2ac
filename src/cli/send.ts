import { readFileSync } from 'node:fs';
import { isWebhookError } from '../errors.js';
import { parseWebhook } from '../parse-webhook.js';
import { providerRequest } from '../testing/deliver.js';
import { UsageError, type ParsedArguments } from './arguments.js';
import { parseOptionsOf } from './decode.js';
import { printable } from './event-table.js';

/** The options `send` accepts. */
export const SEND_OPTIONS = { flags: [], values: ['to', 'secret', 'signing-key', 'provider'] } as const;

/**
 * `email-webhooks send FILE --to URL`: posts a saved body the way its provider does (its content type, its
 * headers, its signature with `--signing-key`), the secret as the `token` query parameter, and prints the answer.
 * @param args The parsed command line.
 * @returns 0 on a 2xx answer, 1 otherwise.
 * @throws {UsageError} Without exactly one file or without `--to`.
 */
export async function runSend(args: ParsedArguments): Promise<number> {
  const to = args.values.get('to');
  if (args.positional.length !== 1 || to === undefined) throw new UsageError('send needs one FILE and --to URL');
  if (!URL.canParse(to)) throw new UsageError(`not a URL: ${to}`);
  const file = args.positional[0]!;
  const bytes = readFileSync(file === '-' ? 0 : file);
  let provider = parseOptionsOf(args).provider;
  if (provider === undefined) {
    try {
      provider = parseWebhook(bytes).provider;
    } catch (error) {
      if (!isWebhookError(error)) throw error;
      process.stderr.write(`email-webhooks: ${file}: ${error.code}: ${printable(error.message)} (name it with --provider)\n`);
      return 1;
    }
  }
  const request = await providerRequest(to, {
    provider,
    // Sent exactly as saved: signatures cover these bytes.
    body: new TextDecoder().decode(bytes),
    secret: args.values.get('secret'),
    signingKey: args.values.get('signing-key'),
  });
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    process.stderr.write(`email-webhooks: cannot reach ${to}: ${(error as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${response.status} ${response.statusText}\n${printable(await response.text())}\n`);
  return response.ok ? 0 : 1;
}
