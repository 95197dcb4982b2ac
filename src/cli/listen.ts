import { createServer } from 'node:http';
import { nodeWebhook } from '../adapters/node.js';
import { formatIssue } from '../format-issue.js';
import { UsageError, type ParsedArguments } from './arguments.js';
import { displayZoneOf, parseOptionsOf } from './decode.js';
import { eventRow, layOut, printable, tableHeader } from './event-table.js';

/** The options `listen` accepts. */
export const LISTEN_OPTIONS = {
  flags: ['strict'],
  values: ['port', 'host', 'secret', 'provider', 'time-zone', 'show-zone'],
} as const;

/** The port `listen` uses without `--port`. */
export const DEFAULT_LISTEN_PORT = 8025;

// Rows are printed one at a time, so columns get fixed widths wide enough for typical values.
const COLUMN_WIDTHS = [25, 12, 28, 20];

function portOf(args: ParsedArguments): number {
  const text = args.values.get('port') ?? String(DEFAULT_LISTEN_PORT);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new UsageError(`not a port: ${text}`);
  return port;
}

/**
 * `email-webhooks listen`: a local receiver on `http://127.0.0.1:PORT/` that prints each event as a table row as
 * it arrives (issues to standard error). SIGINT (Ctrl-C) or SIGTERM stops it.
 * @param args The parsed command line.
 * @returns Resolves with exit status 0 once stopped.
 */
export async function runListen(args: ParsedArguments): Promise<number> {
  if (args.positional.length > 0) throw new UsageError('listen takes no file');
  const port = portOf(args);
  const host = args.values.get('host') ?? '127.0.0.1';
  const displayZone = displayZoneOf(args);
  const secret = args.values.get('secret');
  const print = (cells: string[]): void => void process.stdout.write(`${layOut([cells], COLUMN_WIDTHS)[0]}\n`);
  const server = createServer(
    nodeWebhook({
      ...parseOptionsOf(args),
      // A receiver on the developer's own machine: without --secret it accepts any request, and says so below.
      secret: secret ?? false,
      onEvents(result) {
        for (const event of result.events) print(eventRow(event, displayZone));
        for (const issue of result.issues) process.stderr.write(`issue: ${printable(formatIssue(issue))}\n`);
      },
      onError(error) {
        process.stderr.write(`refused: ${printable(error instanceof Error ? error.message : String(error))}\n`);
      },
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as { port: number };
  const where = `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`;
  process.stderr.write(
    `email-webhooks: listening on ${where}${secret === undefined ? ' (no --secret: any request is accepted)' : `?token=...`}; Ctrl-C stops\n`,
  );
  print(tableHeader(displayZone));
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stderr.write('email-webhooks: stopped\n');
  return 0;
}
