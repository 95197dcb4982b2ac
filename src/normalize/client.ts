import type { EmailClient } from '../events.js';
import { readText } from './text.js';

/**
 * Builds the recipient's mail client from the provider's fields.
 * @param name Client or browser name (Lingdong `client`, SendPulse `browser_name`).
 * @param platform Operating system (`platform`, `open_platform`).
 * @param device Device kind (`device`, `open_device`).
 * @param version Client or browser version (SendPulse `browser_ver`), if the provider sends one.
 * @returns The client, or `undefined` when every part is empty.
 */
export function toEmailClient(name: unknown, platform: unknown, device: unknown, version?: unknown): EmailClient | undefined {
  const client: EmailClient = {};
  let any = false;
  const n = readText(name);
  if (n !== undefined) { client.name = n; any = true; }
  const p = readText(platform);
  if (p !== undefined) { client.platform = p; any = true; }
  const d = readText(device);
  if (d !== undefined) { client.device = d; any = true; }
  const v = readText(version);
  if (v !== undefined) { client.version = v; any = true; }
  return any ? client : undefined;
}
