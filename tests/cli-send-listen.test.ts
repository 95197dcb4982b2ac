import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const version = (JSON.parse(spawnSync('cat', ['package.json'], { cwd: root, encoding: 'utf8' }).stdout) as { version: string }).version;

function cli(args: string[]) {
  const run = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

let listener: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (listener?.exitCode === null) listener.kill('SIGKILL');
  listener = undefined;
});

/** Starts `listen` on a free port and resolves with its URL once it says it is listening. */
async function startListener(args: string[]): Promise<{ url: string; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(tsx, ['src/cli/main.ts', 'listen', '--port=0', ...args], { cwd: root });
  listener = child;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /listening on (http:\/\/\S+\/)/.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.on('exit', () => reject(new Error(`listen exited: ${stderr}`)));
  });
  return { url, output: () => stdout, exited };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('email-webhooks send and listen', () => {
  it('listen prints each event sent to it as a row, and stops cleanly on SIGINT', async () => {
    const { url, output, exited } = await startListener(['--secret', 's3cret', '--show-zone=Asia/Shanghai']);
    const sent = cli(['send', 'fixtures/lingdong/article.json', `--to=${url}`, '--secret', 's3cret']);
    expect(sent.stderr).toBe('');
    expect(sent.status).toBe(0);
    expect(sent.stdout).toMatch(/^200 OK\n\{"provider":"lingdong","events":7,/);
    await waitFor(() => output().includes('22201603016582230'));
    expect(output()).toMatch(/^occurred at \(Asia\/Shanghai\)\s+type\s+recipient\s+id\s+detail\n/);
    expect(output()).toMatch(/2014-02-20T18:08:05\+08:00\s+bounced\s+hg007@example\.com\s+2201602002317593\s+hard 5\.1\.2\n/);

    const refused = cli(['send', 'fixtures/sendpulse/opened.json', '--to', url, '--secret=wrong']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/^401 Unauthorized\n\{"error":\{"code":"unauthorized"/);

    listener!.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('send names the provider it cannot detect, and needs --to', () => {
    const unknown = cli(['send', 'fixtures/invalid/unknown-shape.json', '--to', 'http://127.0.0.1:9/']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown_provider: .*\(name it with --provider\)\n$/);
    expect(cli(['send', 'fixtures/sendpulse/opened.json']).stderr).toContain('send needs one FILE and --to URL');
  });

  it('--version, --opt=value, issues as JSON lines', () => {
    expect(cli(['--version'])).toMatchObject({ status: 0, stdout: `${version}\n` });
    const json = cli(['--json', '--provider=sendpulse', 'fixtures/sendpulse/partial-bad.json']);
    expect(json.status).toBe(0);
    const issues = json.stderr.trim().split('\n').map((line) => JSON.parse(line) as { file: string; issue: { path: unknown[] } });
    expect(issues[0]).toMatchObject({ file: 'fixtures/sendpulse/partial-bad.json', issue: { path: [1, 'recipient'] } });
    expect(cli(['--provider=no-such', 'x.json']).stderr).toContain('unknown provider: no-such (one of: lingdong, sendpulse');
    expect(cli(['--json=yes']).status).toBe(2);
  });

  // `script` (util-linux) gives the CLI a terminal as standard input, as when someone types the command alone.
  it.runIf(existsSync('/usr/bin/script'))('shows the usage instead of waiting when standard input is a terminal', () => {
    const run = spawnSync('script', ['-qec', `${tsx} src/cli/main.ts`, '/dev/null'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('email-webhooks send FILE --to URL [options]');
  });
});
