/** The branch server runs bundled under plain node with the same flags wherever it runs. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/launch';
import { SERVER_NODE_FLAGS } from '../../scripts/server-bundle';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('server bundle', () => {
  it('the systemd unit and npm start run the bundle with SERVER_NODE_FLAGS', () => {
    const flags = SERVER_NODE_FLAGS.join(' ');
    expect(read('deploy/dawr-branch.service')).toMatch(new RegExp(`^ExecStart=/usr/bin/node ${flags} server/build/main\\.js$`, 'm'));
    const pkg = JSON.parse(read('server/package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${flags} build/main.js`);
  });
});
