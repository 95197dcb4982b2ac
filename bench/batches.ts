import { generateLingdongBatch } from './generate/lingdong.js';
import { generateSendpulseCampaignBatch, generateSendpulseSmtpBatch } from './generate/sendpulse.js';

/**
 * The batch kinds the bench measures. `lingdong-carry` is a Lingdong batch holding one id whose rounding by
 * `JSON.parse` carries into its leading digits (as about a quarter of real 1000-item batches do).
 */
export type BatchKind = 'lingdong' | 'lingdong-carry' | 'sendpulse-smtp' | 'sendpulse-campaign';

/** Every batch kind, in the order of the table. */
export const BATCH_KINDS: readonly BatchKind[] = ['lingdong', 'lingdong-carry', 'sendpulse-smtp', 'sendpulse-campaign'];

/**
 * The batches measured, in table order: what providers send at most (1000 items), and ten times that to check
 * linear scaling. The carry variant is measured at 1000 only: at 10 000 the plain Lingdong batch already holds
 * such ids.
 */
export const BATCH_PLAN: readonly { kind: BatchKind; items: number }[] = [
  { kind: 'lingdong', items: 1000 },
  { kind: 'lingdong', items: 10_000 },
  { kind: 'lingdong-carry', items: 1000 },
  { kind: 'sendpulse-smtp', items: 1000 },
  { kind: 'sendpulse-smtp', items: 10_000 },
  { kind: 'sendpulse-campaign', items: 1000 },
  { kind: 'sendpulse-campaign', items: 10_000 },
];

/** One body to measure, with what decoding it must give. */
export interface Batch {
  kind: BatchKind;
  /** Which decoder reads it. */
  provider: 'lingdong' | 'sendpulse';
  /** How many items it holds. */
  items: number;
  body: string;
  /** UTF-8 size of the body. */
  bytes: number;
  /** Lingdong only: every item's id, exact, in event order. */
  ids?: string[];
  /** Lingdong only: how many ids lie beyond 2^53. */
  unsafeIds?: number;
  /** Lingdong only: ids planted at known places, each a value `JSON.parse` would round. */
  plantedIds?: { index: number; id: string }[];
}

/**
 * Builds one batch. Deterministic: the same kind and size give the same body in any process.
 * @param kind Which provider and dialect.
 * @param items How many items.
 */
export function buildBatch(kind: BatchKind, items: number): Batch {
  if (kind === 'lingdong' || kind === 'lingdong-carry') {
    const batch = generateLingdongBatch(items, { carry: kind === 'lingdong-carry' });
    return { kind, provider: 'lingdong', bytes: Buffer.byteLength(batch.body), ...batch };
  }
  const batch = kind === 'sendpulse-smtp' ? generateSendpulseSmtpBatch(items) : generateSendpulseCampaignBatch(items);
  return { kind, provider: 'sendpulse', bytes: Buffer.byteLength(batch.body), ...batch };
}
