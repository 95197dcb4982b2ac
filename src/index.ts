export { parseWebhook, detectProvider } from './parse-webhook.js';
export { verifyWebhook, DEFAULT_SIGNATURE_TOLERANCE_SECONDS } from './verify-webhook.js';
export type { SigningKeys, VerifyWebhookOptions, WebhookRequest } from './verify-webhook.js';
export { resolveParseOptions } from './options.js';
export type { ResolvedParseOptions } from './options.js';
export { WebhookError, isWebhookError, WEBHOOK_ERROR_STATUS } from './errors.js';
export type { WebhookErrorCode } from './errors.js';
export { formatIssue } from './format-issue.js';
export { defineProvider } from './providers/provider.js';
export type {
  DecodeContext,
  EventSpec,
  HeaderReader,
  Provider,
  ProviderBody,
  ProviderTestKit,
  SignatureCheckOptions,
  SignatureScheme,
  SignedRequest,
} from './providers/provider.js';
export { BUILT_IN_PROVIDERS, PROVIDER_NAMES } from './providers/registry.js';
export type { BuiltInProviderName } from './providers/registry.js';
export type { RequestHeaders } from './headers.js';
export type {
  ActivityFields,
  BaseEvent,
  BounceKind,
  BouncedEvent,
  ClickedEvent,
  ComplainedEvent,
  DeferredEvent,
  DeliveredEvent,
  EmailClient,
  EmailEvent,
  EmailEventOf,
  EmailEventType,
  GeoLocation,
  OpenedEvent,
  ProviderName,
  QueuedEvent,
  RejectedEvent,
  SmtpReply,
  SubscribedEvent,
  UnknownEvent,
  UnsubscribedEvent,
} from './events.js';
export { DEFAULT_MAX_ITEMS } from './result.js';
export type { ParseOptions, WebhookIssue, WebhookResult } from './result.js';
export { memoryStore, DEFAULT_MEMORY_STORE_MAX_ENTRIES, dedupeKey, isDedupeStore } from './dedupe/index.js';
export type { ClaimOutcome, DedupeStore, MemoryStoreOptions } from './dedupe/index.js';
