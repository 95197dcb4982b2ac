// `npx tsx bench/profile.ts [kind] [items] [calls]`: where does parseWebhook spend its time on a workload?
// Runs parseWebhook on the generated batch (or, for mailgun, postmark and resend, on `items` single-event requests) under `node --cpu-prof` in a child process, then prints self and
// inclusive time per function and per source file, as shares of parseWebhook's time (start-up and batch
// generation left out). The .cpuprofile stays on disk for Chrome DevTools. Not part of `npm run bench`; for
// whoever optimizes the decoders.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseWebhook, type ParseOptions } from '../src/index.js';
import { BATCH_KINDS, buildBatch, type BatchKind } from './batches.js';
import { generateMailgunRequests } from './generate/mailgun.js';
import { generatePostmarkRequests } from './generate/postmark.js';
import { generateResendRequests } from './generate/resend.js';
import { generateSendgridBatch } from './generate/sendgrid.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules >= 0) return path.slice(inModules + 'node_modules/'.length).replace(/\/dist\/.*$/, '');
  return path.startsWith(ROOT) ? path.slice(ROOT.length) : path;
}

/**
 * Summarizes a CPU profile over the samples taken inside `root` (start-up, batch generation and idle time are left
 * out): self time per function, and inclusive time per function and per source file, as shares of `root`'s time.
 * `JSON.parse` is a builtin without a frame of its own: its time is the self time of the function calling it.
 * @param profile A parsed .cpuprofile.
 * @param root The function whose time is broken down, e.g. `parseWebhook`.
 * @param top How many rows per list.
 */
export function summarizeProfile(profile: CpuProfile, root: string, top = 30): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    // Line numbers are the transpiled module's (tsx), not the .ts file's: shown only for code outside the repo.
    const where = url === '' ? '' : url.startsWith('file://') && !url.includes('node_modules') ? shortUrl(url) : `${shortUrl(url)}:${lineNumber + 1}`;
    return `${functionName || '(anonymous)'}  ${where}`.trim();
  };
  let total = 0;
  // The collector runs without a JS stack, so its samples cannot be put inside `root`: they are counted apart.
  let gcSamples = 0;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const inclusiveByFile = new Map<string, number>();
  for (const sample of profile.samples) {
    const stack: ProfileNode[] = [];
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!);
    const rootAt = stack.findIndex((node) => node.callFrame.functionName === root);
    if (rootAt < 0) {
      if (stack[0]!.callFrame.functionName === '(garbage collector)') gcSamples++;
      continue;
    }
    // Only the frames from the leaf up to `root`: its callers are the same in every sample.
    stack.length = rootAt + 1;
    total++;
    const leaf = name(stack[0]!);
    self.set(leaf, (self.get(leaf) ?? 0) + 1);
    // Each function or file counts once per sample, so recursion or several frames of one file do not inflate it.
    const functions = new Set<string>();
    const files = new Set<string>();
    for (const node of stack) {
      functions.add(name(node));
      if (node.callFrame.url !== '') files.add(shortUrl(node.callFrame.url));
    }
    for (const f of functions) inclusive.set(f, (inclusive.get(f) ?? 0) + 1);
    for (const file of files) inclusiveByFile.set(file, (inclusiveByFile.get(file) ?? 0) + 1);
  }
  const pct = (n: number): string => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
  const list = (map: Map<string, number>): string[] =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, n]) => `  ${pct(n)}  ${key}`);
  return [
    `${total} samples inside ${root} (shares below are of ${root}'s time); ` +
      `garbage collector: ${gcSamples} more samples (${pct(gcSamples)} on top, mostly ${root}'s garbage)`,
    '',
    'self time by function:',
    ...list(self),
    '',
    'inclusive time by function:',
    ...list(inclusive),
    '',
    'inclusive time by file:',
    ...list(inclusiveByFile),
  ].join('\n');
}

// Providers that post one event a request: their workload is `items` requests, each parsed once per call round.
const SINGLE_EVENT_KINDS = ['mailgun', 'postmark', 'resend'] as const;
/** What can be profiled: the batch kinds, SendGrid's batch, and the single-event providers' request sets. */
type ProfileKind = BatchKind | 'sendgrid' | (typeof SINGLE_EVENT_KINDS)[number];
const PROFILE_KINDS: readonly ProfileKind[] = [...BATCH_KINDS, 'sendgrid', ...SINGLE_EVENT_KINDS];

/** The requests of one workload, as the bench posts them. */
function requestsOf(kind: ProfileKind, items: number): { body: string; options?: ParseOptions }[] {
  switch (kind) {
    case 'sendgrid':
      return [{ body: generateSendgridBatch(items).body }];
    case 'mailgun':
      return generateMailgunRequests(items).bodies.map((body) => ({ body }));
    case 'postmark':
      return generatePostmarkRequests(items).bodies.map((body) => ({ body }));
    case 'resend':
      return generateResendRequests(items).requests.map(({ body, headers }) => ({ body, options: { headers } }));
    default:
      return [{ body: buildBatch(kind, items).body }];
  }
}

function child(kind: ProfileKind, items: number, calls: number): void {
  const requests = requestsOf(kind, items);
  let events = 0;
  for (let i = 0; i < calls; i++) {
    for (const { body, options } of requests) events += parseWebhook(body, options).events.length;
  }
  process.stdout.write(`${events}\n`);
}

function parent(kind: ProfileKind, items: number, calls: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'email-webhooks-profile-'));
  const run = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100', '--import', 'tsx', SELF, '--child', kind, String(items), String(calls)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (run.status !== 0) throw new Error(`profiled child exited with ${run.status}`);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  process.stdout.write(`parseWebhook, ${kind} x${items}, ${calls} calls; profile: ${join(dir, file)}\n${summarizeProfile(profile, 'parseWebhook')}\n`);
}

const args = process.argv.slice(2);
// Importable for summarizeProfile: only the script run directly profiles anything.
const isEntry = process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url;
if (!isEntry) {
  // Imported as a module.
} else if (args[0] === '--child') {
  child(args[1] as ProfileKind, Number(args[2]), Number(args[3]));
} else {
  const kind = (args[0] ?? 'lingdong') as ProfileKind;
  if (!PROFILE_KINDS.includes(kind)) throw new Error(`kind must be one of ${PROFILE_KINDS.join(', ')}`);
  parent(kind, Number(args[1] ?? 1000), Number(args[2] ?? 400));
}
