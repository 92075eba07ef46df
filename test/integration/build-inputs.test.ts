/** The incremental build's inputs: an app is rebuilt when a shared workspace it uses changes. */
import { describe, expect, it } from 'vitest';
import { APPS, inputFolders } from '../../scripts/build-apps';

describe('build inputs', () => {
  it('every browser app builds from the shared UI workspace and core', () => {
    for (const app of APPS) expect(inputFolders(app)).toEqual(expect.arrayContaining([app, 'core', 'ui']));
  });

  it('the apps that speak build from the clip tool, the others do not', () => {
    expect(inputFolders('display')).toContain('speech');
    expect(inputFolders('kiosk')).toContain('speech');
    for (const app of ['counter', 'phone', 'central']) expect(inputFolders(app)).not.toContain('speech');
  });
});
