import type { IncomingMessage } from 'node:http';

/**
 * One header of a Node request as a single string (Node gives repeated headers as arrays).
 * @param req The request.
 * @param name Lower-case header name.
 */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
