/** What {@link inspectJsonTree} found. */
export interface JsonTreeReport {
  /** The document nests deeper than allowed. */
  tooDeep: boolean;
  /** Some number is an integer beyond 2^53 that the parser rounded (its digits are lost in this tree). */
  hasUnsafeInteger: boolean;
}

/**
 * Walks a parsed JSON document without recursion, so depth cannot overflow the stack, checking its nesting
 * depth and looking for integers that lost digits.
 * @param root The parsed document.
 * @param maxDepth How deep objects and arrays may nest (the top-level value is depth 1).
 */
export function inspectJsonTree(root: unknown, maxDepth: number): JsonTreeReport {
  const report: JsonTreeReport = { tooDeep: false, hasUnsafeInteger: false };
  if (typeof root !== 'object' || root === null) {
    report.hasUnsafeInteger = typeof root === 'number' && isUnsafeInteger(root);
    return report;
  }
  // Two parallel stacks avoid allocating a pair per container.
  const values: object[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) {
      report.tooDeep = true;
      return report;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object') {
          if (item !== null) { values.push(item); depths.push(depth + 1); }
        } else if (typeof item === 'number' && isUnsafeInteger(item)) report.hasUnsafeInteger = true;
      }
    } else {
      for (const key in value) {
        const item: unknown = (value as Record<string, unknown>)[key];
        if (typeof item === 'object') {
          if (item !== null) { values.push(item); depths.push(depth + 1); }
        } else if (typeof item === 'number' && isUnsafeInteger(item)) report.hasUnsafeInteger = true;
      }
    }
  }
  return report;
}

function isUnsafeInteger(n: number): boolean {
  return (n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER) && Number.isFinite(n);
}
