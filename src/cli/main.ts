#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { listProviderNames } from '../providers/registry.js';
import { parseArguments, UsageError, type OptionSpec } from './arguments.js';
import { DECODE_OPTIONS, runDecode } from './decode.js';
import { DEFAULT_LISTEN_PORT, LISTEN_OPTIONS, runListen } from './listen.js';
import { runSend, SEND_OPTIONS } from './send.js';

const USAGE = `Usage:
  email-webhooks [decode] [options] [FILE ...]   decode bodies and print their events
  email-webhooks send FILE --to URL [options]    post a body the way its provider does
  email-webhooks listen [options]                a local receiver printing events as they arrive

Providers: ${listProviderNames()}. Options take a value as --name value or --name=value.

decode (reads standard input when FILE is - or, from a pipe, when no FILE is given):
  --json               events as JSON lines on standard output (with their "file"); issues as JSON lines on
                       standard error
  --provider NAME      do not detect the provider from the body
  --time-zone ZONE     IANA zone of zone-less times (Lingdong default: Asia/Shanghai)
  --strict             fail on the first bad item
  --show-zone ZONE     IANA zone to show times in, in the table (default: UTC)

send:
  --to URL             where to post (required)
  --secret S           sent as the token query parameter
  --signing-key K      sign the body as the provider does (signing providers only)
  --provider NAME      do not detect the provider from the body

listen:
  --port N             default ${DEFAULT_LISTEN_PORT}; 0 picks a free port
  --host H             default 127.0.0.1
  --secret S           require ?token=S (without it, any request is accepted)
  --provider, --time-zone, --strict, --show-zone   as for decode

  -h, --help           show this help
  --version            show the version

Exit status: 0 on success, 1 when a body could not be read or a send was refused, 2 on wrong usage.`;

type Command = (args: ReturnType<typeof parseArguments>) => number | Promise<number>;

const COMMANDS: Record<string, { options: OptionSpec; run: Command }> = {
  decode: { options: DECODE_OPTIONS, run: runDecode },
  send: { options: SEND_OPTIONS, run: runSend },
  listen: { options: LISTEN_OPTIONS, run: runListen },
};

/** The version in the package's own package.json, looked for from here upwards (dist/ or src/cli/). */
function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'email-webhooks' && manifest.version !== undefined) return manifest.version;
    } catch {
      // Not there: try one level up.
    }
  }
  return 'unknown';
}

async function main(argv: string[]): Promise<number> {
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]);
  const name = named ? argv[0]! : 'decode';
  const command = COMMANDS[name]!;
  try {
    const args = parseArguments(named ? argv.slice(1) : argv, {
      flags: [...command.options.flags, 'help', 'version'],
      values: command.options.values,
    });
    if (args.flags.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.flags.has('version')) {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    // Without a file, decode would wait on a terminal for a body nobody is typing: show what to do instead.
    if (name === 'decode' && args.positional.length === 0 && process.stdin.isTTY) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    return await command.run(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`email-webhooks: ${error.message}\n\nRun email-webhooks --help for the options.\n`);
    return 2;
  }
}

// A promise chain, not top-level await: the bundle is also built as CommonJS.
void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
