import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** One batch the simulated provider must get acknowledged. */
export interface SimulatedBatch {
  /** The body, as the provider posts it. */
  body: string;
  /** The ids of its events, as the receiver decodes them. */
  ids: readonly string[];
}

/** How the simulated provider behaves. */
export interface SimulatorOptions {
  /** The receiving instances (`http://127.0.0.1:PORT/path?token=...`); one is picked at random per request. */
  urls: readonly string[];
  /** Deliveries of one batch at most, first included. The provider gives up after that. */
  maxAttempts: number;
  /** The first backoff; it doubles after each failed attempt. */
  backoffMs: number;
  /** The client gives up on a request after a time drawn from this range, as providers do. */
  clientTimeoutMs: readonly [number, number];
  /** Batches in flight at once. */
  concurrency: number;
  /** Chance that a batch acknowledged with 200 is delivered once more anyway (at-least-once delivery). */
  redeliverAfterSuccess: number;
  /** The random source. */
  random: () => number;
  /**
   * Says, right when a 200 arrives, which of the batch's ids have no recorded effect yet: a 200 for unfinished
   * work.
   */
  unfinished(ids: readonly string[]): Promise<string[]>;
}

/** What happened, counted. */
export interface SimulationReport {
  requests: number;
  /** Answers by status; `timeout` for requests the client gave up on. */
  answers: Record<string, number>;
  /** `duplicates` summed over the 200 bodies. */
  duplicatesAcknowledged: number;
  /** Batches given up after `maxAttempts` failures. */
  exhausted: number;
  /** Ids acknowledged with a 200 before their effect was recorded. */
  acknowledgedUnfinished: string[];
}

interface Answer {
  status: number | 'timeout' | 'error';
  json?: { duplicates?: number; error?: { code?: string } };
}

function post(url: string, body: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false });
    const timer = setTimeout(() => {
      request.destroy();
      resolve({ status: 'timeout' });
    }, timeoutMs);
    request.on('response', (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        clearTimeout(timer);
        let json: Answer['json'];
        try {
          json = JSON.parse(Buffer.concat(parts).toString('utf8')) as Answer['json'];
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, json });
      });
      response.on('error', () => {});
    });
    request.on('error', () => {
      clearTimeout(timer);
      resolve({ status: 'error' });
    });
    request.end(body);
  });
}

/**
 * Delivers every batch as a provider with retries would: any answer but 200 (or no answer in time) is retried
 * with exponential backoff, up to `maxAttempts` deliveries; some acknowledged batches are delivered again.
 * @param batches What to deliver.
 * @param options The provider's behaviour.
 */
export async function simulateProvider(
  batches: readonly SimulatedBatch[],
  options: SimulatorOptions,
): Promise<SimulationReport> {
  const report: SimulationReport = {
    requests: 0,
    answers: {},
    duplicatesAcknowledged: 0,
    exhausted: 0,
    acknowledgedUnfinished: [],
  };
  const count = (key: string): void => {
    report.answers[key] = (report.answers[key] ?? 0) + 1;
  };

  const deliver = async (batch: SimulatedBatch): Promise<boolean> => {
    for (let attempt = 0; attempt < options.maxAttempts; attempt++) {
      if (attempt > 0) await sleep(options.backoffMs * 2 ** (attempt - 1));
      const url = options.urls[Math.floor(options.random() * options.urls.length)]!;
      report.requests++;
      const [shortest, longest] = options.clientTimeoutMs;
      const answer = await post(url, batch.body, shortest + options.random() * (longest - shortest));
      const code = answer.json?.error?.code;
      count(code === undefined ? String(answer.status) : `${answer.status} ${code}`);
      if (answer.status === 200) {
        report.duplicatesAcknowledged += answer.json?.duplicates ?? 0;
        report.acknowledgedUnfinished.push(...(await options.unfinished(batch.ids)));
        return true;
      }
    }
    report.exhausted++;
    return false;
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      if ((await deliver(batch)) && options.random() < options.redeliverAfterSuccess) await deliver(batch);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return report;
}
