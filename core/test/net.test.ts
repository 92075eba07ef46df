import { describe, expect, it } from 'vitest';
import { isLoopbackUrl } from '../src/net';

describe('isLoopbackUrl', () => {
  it('recognises every way of naming this machine only', () => {
    for (const url of [
      'http://127.0.0.1:3000',
      'http://127.10.20.30/t/x',
      'http://localhost:3000',
      'http://LOCALHOST.:3000',
      'http://branch.localhost',
      'http://[::1]:3000',
      'http://[::ffff:127.0.0.1]:3000',
      'http://0.0.0.0:3000',
      'http://[::]:3000',
      'http://127.1:3000',
      'http://2130706433/',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
  });

  it('accepts addresses a phone on the network can reach', () => {
    for (const url of ['http://192.168.1.20:3000', 'https://seef.dawr.example', 'http://10.0.0.127:3000', 'http://[fe80::1]:3000', 'http://[::ffff:10.0.0.1]:3000', 'http://localhost.example.com']) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });

  it('leaves a URL that does not parse to other checks', () => {
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});
