import type { EmailEvent } from '../events.js';

/**
 * Escapes control characters: event fields are provider text, and control characters could rewrite the terminal.
 * @param text Any text.
 */
export function printable(text: string): string {
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

/**
 * Writes an instant as `yyyy-MM-ddTHH:mm:ss±hh:mm` in a zone, with `Intl` only.
 * @param instant The instant.
 * @param timeZone An IANA zone.
 */
export function formatInZone(instant: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  });
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  // `longOffset` reads `GMT+08:00`, or `GMT` alone for a zero offset, written `Z` as ISO 8601 does.
  const offset = parts.timeZoneName!.slice(3);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset === '' || offset === '+00:00' ? 'Z' : offset}`;
}

/** The columns of the event table, in order. */
export function tableHeader(displayZone: string): string[] {
  return [`occurred at (${displayZone})`, 'type', 'recipient', 'id', 'detail'];
}

/**
 * One event as table cells.
 * @param event The event.
 * @param displayZone The zone to show its time in.
 */
export function eventRow(event: EmailEvent, displayZone: string): string[] {
  return [
    event.occurredAt === undefined ? '-' : formatInZone(event.occurredAt, displayZone),
    event.type,
    event.recipient ?? '-',
    event.id,
    describeEvent(event),
  ].map(printable);
}

/**
 * Lays out rows in columns as wide as their widest cell (or the given minimum widths).
 * @param rows The rows, header first.
 * @param minWidths Widths to keep at least, for rows printed one at a time.
 */
export function layOut(rows: readonly string[][], minWidths: readonly number[] = []): string[] {
  const widths = rows[0]!.map((_, column) =>
    Math.max(minWidths[column] ?? 0, ...rows.map((row) => row[column]!.length)),
  );
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}
