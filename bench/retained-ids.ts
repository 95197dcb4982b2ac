// Child process of the bench (run with --expose-gc): does keeping only the event ids keep the request bodies
// alive? Decodes several 10 000-item batches, keeps only their ids, drops bodies and results, and prints how much
// heap each further batch leaves behind, against the body's size, as one JSON line. V8 makes a long substring a
// view into its parent, so ids cut out of the body text would each hold their whole body. The first batch is
// not counted: it fills the decoders' bounded caches (time zone offsets) once.
import { parseWebhook } from '../src/index.js';
import { buildBatch, type BatchKind } from './batches.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  process.stderr.write('retained-ids: run with --expose-gc\n');
  process.exit(2);
}

const kind = (process.argv[2] ?? 'lingdong') as BatchKind;
const rounds = Number(process.argv[3] ?? 5);

function collect(): number {
  // V8 keeps the input of the last regular-expression match alive (RegExp.input): point it at a small string.
  /x/.exec('x');
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** Decodes one freshly built body and keeps its ids; the body is referenced from nowhere afterwards. */
function decodeKeepingIds(): { ids: string[]; bodyBytes: number } {
  const body = buildBatch(kind, 10_000).body;
  return { ids: parseWebhook(body).events.map((event) => event.id), bodyBytes: Buffer.byteLength(body) };
}

const kept: string[][] = [decodeKeepingIds().ids];
const afterFirst = collect();
let bodyBytes = 0;
for (let round = 1; round < rounds; round++) {
  const { ids, bodyBytes: bytes } = decodeKeepingIds();
  kept.push(ids);
  bodyBytes += bytes;
}
const perBody = (collect() - afterFirst) / (rounds - 1);
const idsPerBody = kept[1]!.length;
process.stdout.write(
  `${JSON.stringify({ kind, bodyBytes: Math.round(bodyBytes / (rounds - 1)), idsPerBody, retainedPerBody: Math.round(perBody), bytesPerId: Math.round(perBody / idsPerBody) })}\n`,
);
