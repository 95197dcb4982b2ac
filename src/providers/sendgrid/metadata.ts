import { metadataText, setMetadataEntry } from '../../normalize/metadata.js';
import { isItem } from '../item.js';

/**
 * The fields SendGrid itself writes into an event (from its Event Webhook reference, and those django-anymail
 * has seen in real events). Every other top-level key is one of the sender's custom args.
 */
const SENDGRID_FIELDS: ReadonlySet<string> = new Set([
  'email', 'timestamp', 'event', 'smtp-id', 'sg_event_id', 'sg_message_id', 'sg_template_id', 'sg_template_name',
  'sg_content_type', 'sg_machine_open', 'sg_user_id', 'category', 'asm_group_id', 'response', 'attempt', 'reason',
  'status', 'type', 'bounce_classification', 'ip', 'tls', 'cert_err', 'pool', 'useragent', 'url', 'url_offset',
  'marketing_campaign_id', 'marketing_campaign_name', 'marketing_campaign_version', 'marketing_campaign_split_id',
  'mc_stats', 'phase_id', 'post_type', 'send_at', 'newsletter', 'nlvx_campaign_id', 'nlvx_campaign_split_id',
  'nlvx_user_id', 'singlesend_id', 'singlesend_name', 'template_id', 'template_name', 'template_version_id',
  'template_hash', 'unique_args',
]);

/**
 * The custom args of a SendGrid event: its top-level keys that are not SendGrid's own fields (SendGrid merges
 * them into the event), plus the entries of a `unique_args` object where one is sent. Values are written as text
 * by {@link metadataText}.
 * @param item The event as received.
 * @returns The custom args, or `undefined` when there are none.
 */
export function readCustomArgs(item: Record<string, unknown>): Record<string, string> | undefined {
  let metadata: Record<string, string> | undefined;
  if (isItem(item.unique_args)) metadata = addCustomArgs(undefined, item.unique_args, false);
  return addCustomArgs(metadata, item, true);
}

/** Adds the entries of `source` (only those that are not SendGrid fields when `skipOwn`) to `metadata`. */
function addCustomArgs(
  metadata: Record<string, string> | undefined,
  source: Record<string, unknown>,
  skipOwn: boolean,
): Record<string, string> | undefined {
  for (const key in source) {
    if (skipOwn && SENDGRID_FIELDS.has(key)) continue;
    const text = metadataText(source[key]);
    if (text === undefined) continue;
    metadata ??= {};
    setMetadataEntry(metadata, key, text);
  }
  return metadata;
}
