/**
 * Numbers in a parsed document that may have lost digits (magnitude beyond 2^53), in document order, with
 * where they sit, so their exact digits can be put back.
 */
export interface RoundedIntegers {
  /** The object or array holding each number. */
  containers: (Record<string, unknown> | unknown[])[];
  /** Its key (a member name or an array index). */
  keys: (string | number)[];
  /** The number as parsed. */
  values: number[];
  /**
   * Some object has integer-like keys, whose enumeration order is not document order: the list may then not be
   * in document order.
   */
  outOfOrder: boolean;
}

/** What {@link scanJsonTree} found. */
export interface JsonTreeScan {
  /** The document nests deeper than allowed. */
  tooDeep: boolean;
  /** Numbers that may have lost digits. */
  rounded: RoundedIntegers;
}

const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;

function isRounded(n: number): boolean {
  return (n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER) && Number.isFinite(n);
}

/**
 * Walks a parsed document in document order, checking its depth and listing numbers beyond 2^53. Recursive, but
 * it never goes deeper than `maxDepth`, so it cannot overflow the stack.
 * @param root The parsed document.
 * @param maxDepth How deep objects and arrays may nest (the top-level value is depth 1).
 */
export function scanJsonTree(root: unknown, maxDepth: number): JsonTreeScan {
  const rounded: RoundedIntegers = { containers: [], keys: [], values: [], outOfOrder: false };
  const scan: JsonTreeScan = { tooDeep: false, rounded };

  function visit(container: Record<string, unknown> | unknown[], depth: number): boolean {
    if (depth > maxDepth) {
      scan.tooDeep = true;
      return false;
    }
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) {
        const item: unknown = container[i];
        if (typeof item === 'object') {
          if (item !== null && !visit(item as Record<string, unknown>, depth + 1)) return false;
        } else if (typeof item === 'number' && isRounded(item)) {
          rounded.containers.push(container);
          rounded.keys.push(i);
          rounded.values.push(item);
        }
      }
      return true;
    }
    let first = true;
    for (const key in container) {
      // Integer-like keys are enumerated first, in numeric order: only the first key can tell.
      if (first) {
        first = false;
        const c = key.charCodeAt(0);
        if (c >= 48 && c <= 57 && INTEGER_KEY.test(key)) rounded.outOfOrder = true;
      }
      const item = container[key];
      if (typeof item === 'object') {
        if (item !== null && !visit(item as Record<string, unknown>, depth + 1)) return false;
      } else if (typeof item === 'number' && isRounded(item)) {
        rounded.containers.push(container);
        rounded.keys.push(key);
        rounded.values.push(item);
      }
    }
    return true;
  }

  if (typeof root === 'object' && root !== null) visit(root as Record<string, unknown>, 1);
  else if (typeof root === 'number' && isRounded(root)) {
    // A bare number as the whole document: no container to put digits back into.
    rounded.outOfOrder = true;
    rounded.values.push(root);
  }
  return scan;
}
