// Every provider's 1000-item workload timed against JSON.parse, interleaved, with the lossless JSON parsers a
// user might reach for (`lossless-json`, `json-bigint`) parsing the same text alone. Batch providers (Lingdong,
// SendPulse, SendGrid) post one body of 1000 items; single-event providers (Mailgun, Postmark, Resend) post 1000
// bodies, so theirs is 1000 calls against 1000 JSON.parse calls. `npm run bench` prints the table; this file also
// runs alone (`npx tsx bench/providers.ts`).
import JSONbig from 'json-bigint';
import { parse as parseLossless } from 'lossless-json';
import { parseWebhook, type ParseOptions } from '../src/index.js';
import { BATCH_KINDS, buildBatch } from './batches.js';
import { generateMailgunRequests } from './generate/mailgun.js';
import { generatePostmarkRequests } from './generate/postmark.js';
import { generateResendRequests } from './generate/resend.js';
import { generateSendgridBatch } from './generate/sendgrid.js';
import { measureInterleaved, pairedRatioMedian, type MeasureBudget } from './measure.js';

/** One workload: the request bodies a provider posts for 1000 events, with the options each needs. */
export interface Workload {
  name: string;
  requests: { body: string; options?: ParseOptions }[];
}

const ITEMS = 1000;

/** Every provider's workload; the generators of providers added later are picked up here. */
export function buildWorkloads(items = ITEMS): Workload[] {
  const workloads: Workload[] = BATCH_KINDS.map((kind) => ({ name: kind, requests: [{ body: buildBatch(kind, items).body }] }));
  workloads.push({ name: 'sendgrid', requests: [{ body: generateSendgridBatch(items).body }] });
  workloads.push({ name: 'mailgun', requests: generateMailgunRequests(items).bodies.map((body) => ({ body })) });
  workloads.push({ name: 'postmark', requests: generatePostmarkRequests(items).bodies.map((body) => ({ body })) });
  workloads.push({
    name: 'resend',
    requests: generateResendRequests(items).requests.map(({ body, headers }) => ({ body, options: { headers } })),
  });
  return workloads;
}

/** One workload's figures: medians in ms, and ratios as medians of per-round ratios. */
export interface ProviderResult {
  name: string;
  requests: number;
  jsonParseMs: number;
  parseWebhookMs: number;
  ratio: number;
  losslessJsonRatio: number;
  jsonBigintRatio: number;
}

const bigintParser = JSONbig({ storeAsString: true });

function over(requests: Workload['requests'], run: (body: string, options?: ParseOptions) => unknown): () => unknown {
  return () => {
    let last: unknown;
    for (let i = 0; i < requests.length; i++) last = run(requests[i]!.body, requests[i]!.options);
    return last;
  };
}

/**
 * Times every workload.
 * @param budget Rounds and time per workload (keep it short: the machine is shared).
 */
export function measureProviders(budget: MeasureBudget, workloads = buildWorkloads()): ProviderResult[] {
  return workloads.map(({ name, requests }) => {
    for (const { body, options } of requests) {
      const { issues } = parseWebhook(body, options);
      if (issues.length > requests.length) throw new Error(`${name}: more issues than items`);
    }
    const { stats, samples } = measureInterleaved(
      [
        { key: 'jsonParse', run: over(requests, (body) => JSON.parse(body)) },
        { key: 'parseWebhook', run: over(requests, (body, options) => parseWebhook(body, options)) },
        { key: 'losslessJson', run: over(requests, (body) => parseLossless(body)) },
        { key: 'jsonBigint', run: over(requests, (body) => bigintParser.parse(body)) },
      ],
      undefined,
      budget,
    );
    return {
      name,
      requests: requests.length,
      jsonParseMs: stats.jsonParse.medianMs,
      parseWebhookMs: stats.parseWebhook.medianMs,
      ratio: pairedRatioMedian(samples.parseWebhook, samples.jsonParse),
      losslessJsonRatio: pairedRatioMedian(samples.losslessJson, samples.jsonParse),
      jsonBigintRatio: pairedRatioMedian(samples.jsonBigint, samples.jsonParse),
    };
  });
}

/** The workloads as a Markdown table. */
export function formatProviders(results: readonly ProviderResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.requests} | ${r.jsonParseMs.toFixed(2)} ms | ${r.parseWebhookMs.toFixed(2)} ms | **${r.ratio.toFixed(2)}x** | ` +
      `${r.losslessJsonRatio.toFixed(2)}x | ${r.jsonBigintRatio.toFixed(2)}x |`,
  );
  return [
    '| 1000 events | requests | JSON.parse | parseWebhook | ratio | `lossless-json` parse alone | `json-bigint` parse alone |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatProviders(measureProviders({ warmupRounds: 10, minRounds: 20, maxRounds: 200, budgetMs: 2500 }))}\n`);
}
