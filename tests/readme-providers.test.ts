import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROVIDERS } from '../src/index.js';

// The docs read the registry too: a provider added to it without its column and its set-up notes fails here.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has a column per registered provider in the events table, in registry order', () => {
    const header = readme.split('\n').find((line) => line.startsWith('| `type` |'));
    expect(header).toBe(`| \`type\` | ${BUILT_IN_PROVIDERS.map((p) => p.title).join(' | ')} | extra fields |`);
  });

  it('has set-up notes for every provider added after the first two', () => {
    for (const provider of BUILT_IN_PROVIDERS.slice(2)) expect(readme).toContain(`### Setting up ${provider.title}`);
  });
});
