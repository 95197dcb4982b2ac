import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureBytes } from './helpers/fixtures.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

function cli(args: string[], input?: Uint8Array) {
  // A zone far from UTC shows that output does not depend on the machine's zone.
  const env = { ...process.env, TZ: 'America/Los_Angeles' };
  const run = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, env, input, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('email-webhooks CLI', () => {
  it('prints a table of events for files, issues to stderr', () => {
    const run = cli(['fixtures/lingdong/article.json', 'fixtures/sendpulse/partial-bad.json']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('fixtures/lingdong/article.json: lingdong, 7 event(s), 0 issue(s)');
    expect(run.stdout).toContain('222016111000001234');
    expect(run.stdout).toMatch(/2014-02-20T10:08:05Z\s+bounced\s+hg007@example\.com\s+2201602002317593\s+hard/);
    expect(run.stderr).toContain('fixtures/sendpulse/partial-bad.json: issue: [1].recipient: missing');
  });

  it('shows times in another zone on request', () => {
    const run = cli(['--show-zone', 'Asia/Shanghai', 'fixtures/lingdong/article.json']);
    expect(run.stdout).toMatch(/2014-02-20T18:08:05\+08:00\s+bounced/);
  });

  it('prints JSON lines with --json, reading stdin', () => {
    const run = cli(['--json'], fixtureBytes('lingdong/article.json'));
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(7);
    expect(lines.map((line) => line.file)).toEqual(Array(7).fill('stdin'));
    expect(lines[4]).toMatchObject({ type: 'opened', id: '222016111000001234', occurredAt: '2014-02-20T10:08:05.000Z' });
    // An event's own `source` is kept.
    expect(lines[5]).toMatchObject({ type: 'unsubscribed', source: 'esp' });
  });

  it('exits 1 on an unreadable body and 2 on wrong usage', () => {
    const bad = cli(['fixtures/sendpulse/batch-trailing-comma.json']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('invalid_json: body is not valid JSON');
    expect(cli(['--provider', 'no-such-provider']).status).toBe(2);
    expect(cli(['--time-zone', 'Mars/Olympus', 'fixtures/lingdong/article.json']).status).toBe(2);
    expect(cli(['--help']).stdout).toContain('Usage:\n  email-webhooks [decode]');
  });
});
