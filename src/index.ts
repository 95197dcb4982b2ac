export { parseWebhook } from './parse-webhook.js';
export { detectProvider } from './detect-provider.js';
export { WebhookError, isWebhookError, WEBHOOK_ERROR_STATUS } from './errors.js';
export type { WebhookErrorCode } from './errors.js';
export { formatIssue } from './providers/item-issue.js';
export { PROVIDER_NAMES } from './events.js';
export type {
  ActivityFields,
  BaseEvent,
  BounceKind,
  BouncedEvent,
  ClickedEvent,
  ComplainedEvent,
  DeliveredEvent,
  EmailClient,
  EmailEvent,
  EmailEventOf,
  EmailEventType,
  GeoLocation,
  OpenedEvent,
  ProviderName,
  SmtpReply,
  SubscribedEvent,
  UnknownEvent,
  UnsubscribedEvent,
} from './events.js';
export { DEFAULT_MAX_ITEMS } from './result.js';
export type { ParseOptions, WebhookIssue, WebhookResult } from './result.js';
