import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookAnswer } from './answer.js';

/**
 * Writes an answer to a Node response (Express's `res` is one too). When the request body was not fully
 * received (refused early, over the limit, timed out), the connection is closed after the answer: whatever the
 * client is still sending is not worth reading, and keep-alive would read it.
 * @param request The request being answered.
 * @param response Its response.
 * @param answer What to send.
 */
export function sendNodeAnswer(request: IncomingMessage, response: ServerResponse, answer: WebhookAnswer): void {
  // onEvents may have answered itself, or the client is gone: nothing left to write to.
  if (response.headersSent || response.writableEnded || response.destroyed) return;
  const headers: Record<string, string> = { ...answer.headers };
  if (!request.complete) headers.connection = 'close';
  response.writeHead(answer.status, headers);
  response.end(answer.body);
}
