/**
 * Numbers in a parsed document that may have lost digits (magnitude beyond 2^53, infinities included), in
 * document order, with where they sit, so their exact digits can be put back.
 */
export interface RoundedNumbers {
  /** The object or array holding each number. */
  containers: (Record<string, unknown> | unknown[])[];
  /** Its key (a member name or an array index). */
  keys: (string | number)[];
  /** The number as parsed. */
  values: number[];
}

/** What {@link scanJsonTree} found. */
export interface JsonTreeScan {
  /** The document nests deeper than allowed. */
  tooDeep: boolean;
  /** Numbers that may have lost digits: the first `maxListed` of them. */
  rounded: RoundedNumbers;
  /** How many numbers may have lost digits, listed or not. */
  roundedCount: number;
  /** How many objects the document holds (arrays are not counted). */
  objects: number;
  /**
   * The list of rounded numbers may not be in document order, or has no container to put digits back into:
   * some object has integer-like keys (enumerated first, in numeric order), or the whole document is a number.
   */
  orderUnknown: boolean;
}

const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;

function isRounded(n: number): boolean {
  // Infinity too: an integer literal of 309 digits or more parses to it.
  return n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER;
}

/** What {@link checkJsonTree} found. */
export type JsonTreeCheck = 'exact' | 'too-deep' | 'maybe-rounded';

/** Walks one container for {@link checkJsonTree}. */
function checkContainer(container: Record<string, unknown> | unknown[], depth: number, maxDepth: number): JsonTreeCheck {
  if (depth > maxDepth) return 'too-deep';
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const found = checkValue(container[i], depth, maxDepth);
      if (found !== 'exact') return found;
    }
    return 'exact';
  }
  for (const key in container) {
    const found = checkValue(container[key], depth, maxDepth);
    if (found !== 'exact') return found;
  }
  return 'exact';
}

function checkValue(item: unknown, depth: number, maxDepth: number): JsonTreeCheck {
  if (typeof item === 'object') return item === null ? 'exact' : checkContainer(item as Record<string, unknown>, depth + 1, maxDepth);
  return typeof item === 'number' && isRounded(item) ? 'maybe-rounded' : 'exact';
}

/**
 * The quick first look at a parsed document: whether it nests too deeply, or may hold a number that lost digits.
 * It stops at the first such number, records nothing and allocates nothing, so a body without big numbers (most
 * single-event bodies) costs about half of {@link scanJsonTree}; one with them is handed to that scan, which checks
 * the depth again on its way.
 * @param root The parsed document.
 * @param maxDepth How deep objects and arrays may nest (the top-level value is depth 1).
 * @returns `exact` (nothing to restore, depth fine), `too-deep`, or `maybe-rounded` (depth not fully checked).
 */
export function checkJsonTree(root: unknown, maxDepth: number): JsonTreeCheck {
  return checkValue(root, 0, maxDepth);
}

// The walk is module-level functions over one state object rather than closures made per call: a webhook body is
// small, so what a call sets up costs as much as the walk itself.
interface ScanState {
  scan: JsonTreeScan;
  maxDepth: number;
  maxListed: number;
}

/** Visits one member or element: descends into containers, notes rounded numbers. */
function visitValue(state: ScanState, container: Record<string, unknown> | unknown[], key: string | number, item: unknown, depth: number): boolean {
  // Most values of a webhook body are text: settled by the first test.
  if (typeof item === 'string') return true;
  if (typeof item === 'object') return item === null || visitContainer(state, item as Record<string, unknown>, depth + 1);
  if (typeof item === 'number' && isRounded(item)) {
    const scan = state.scan;
    if (scan.roundedCount++ < state.maxListed) {
      scan.rounded.containers.push(container);
      scan.rounded.keys.push(key);
      scan.rounded.values.push(item);
    }
  }
  return true;
}

function visitContainer(state: ScanState, container: Record<string, unknown> | unknown[], depth: number): boolean {
  if (depth > state.maxDepth) {
    state.scan.tooDeep = true;
    return false;
  }
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      if (!visitValue(state, container, i, container[i], depth)) return false;
    }
    return true;
  }
  state.scan.objects++;
  let first = true;
  for (const key in container) {
    // Integer-like keys are enumerated first, in numeric order: only the first key can tell.
    if (first) {
      first = false;
      const c = key.charCodeAt(0);
      if (c >= 48 && c <= 57 && INTEGER_KEY.test(key)) state.scan.orderUnknown = true;
    }
    if (!visitValue(state, container, key, container[key], depth)) return false;
  }
  return true;
}

/**
 * Walks a parsed document in document order, checking its depth, counting its containers and listing numbers
 * beyond 2^53. Recursive, but it never goes deeper than `maxDepth`, so it cannot overflow the stack.
 * @param root The parsed document.
 * @param maxDepth How deep objects and arrays may nest (the top-level value is depth 1).
 * @param maxListed How many rounded numbers to list at most: past that they are only counted, so a body full of
 *   big numbers costs no more than one that has none (its numbers are then restored by another way).
 */
export function scanJsonTree(root: unknown, maxDepth: number, maxListed = Infinity): JsonTreeScan {
  const rounded: RoundedNumbers = { containers: [], keys: [], values: [] };
  const scan: JsonTreeScan = { tooDeep: false, rounded, roundedCount: 0, objects: 0, orderUnknown: false };
  if (typeof root === 'object' && root !== null) visitContainer({ scan, maxDepth, maxListed }, root as Record<string, unknown>, 1);
  else if (typeof root === 'number' && isRounded(root)) {
    scan.orderUnknown = true;
    scan.roundedCount = 1;
    rounded.values.push(root);
  }
  return scan;
}
