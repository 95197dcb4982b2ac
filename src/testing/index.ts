/**
 * `email-webhooks/testing`: write provider bodies and signatures, and deliver them to your handler, so your tests
 * need no hand-written payloads.
 * @packageDocumentation
 */
export { buildBody, signBody, signHeaders, type ProviderBody } from './build-body.js';
export {
  deliver,
  providerRequest,
  type DeliveryAnswer,
  type DeliveryOptions,
  type FetchHandler,
  type NodeRequestListener,
  type SigningOptions,
} from './deliver.js';
export type { EventSpec } from '../providers/provider.js';
