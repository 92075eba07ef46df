/** The incremental build's inputs: an app is rebuilt when a shared workspace it uses changes. */
import { describe, expect, it } from 'vitest';
import { inputFolders } from '../../scripts/build-apps';

/** The apps built on @dawr/ui (the portal has its own pieces). */
const UI_APPS = ['display', 'counter', 'phone', 'central', 'kiosk'];

describe('build inputs', () => {
  it('the apps built on the shared UI workspace build from it and from core', () => {
    for (const app of UI_APPS) expect(inputFolders(app)).toEqual(expect.arrayContaining([app, 'core', 'ui']));
  });

  it("the branch server's bundle builds from its workspaces, and no browser app's", () => {
    expect(inputFolders('server')).toEqual(expect.arrayContaining(['server', 'core', 'db', 'web']));
    expect(inputFolders('server')).not.toContain('ui');
  });

  it('the apps that speak build from the clip tool, the others do not', () => {
    expect(inputFolders('display')).toContain('speech');
    expect(inputFolders('kiosk')).toContain('speech');
    for (const app of ['counter', 'phone', 'central']) expect(inputFolders(app)).not.toContain('speech');
  });
});
