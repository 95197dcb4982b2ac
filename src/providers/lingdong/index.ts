import { defineProvider } from '../provider.js';
import { lingdongTestKit } from './build-body.js';
import { countLingdongItems, decodeLingdong } from './decode.js';
import { isLingdongBody } from './detect.js';

/**
 * Lingdong (灵动, Unimarketing): one JSON object of event groups with zone-less China times and ids beyond 2^53.
 * It does not sign its requests: authenticate with a shared secret in the URL.
 */
export const lingdong = defineProvider({
  name: 'lingdong',
  title: 'Lingdong',
  defaultTimeZone: 'Asia/Shanghai',
  detect: isLingdongBody,
  countItems: countLingdongItems,
  decode: decodeLingdong,
  testKit: lingdongTestKit,
});
