import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The citizens' booking portal, a single-page app served by the hub under /portal (it falls back to index.html).
 * Everything is rendered in the browser; nothing is prerendered. Split into chunks, so a page loads only its own
 * code (later steps load theirs when they come), precompressed (the hub serves .br/.gz): first-load JS stays under
 * 50 KB gzipped on a slow phone connection (no socket library: availability is polled; the QR is drawn by the hub).
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true, precompress: true }),
    paths: { base: '/portal', relative: false },
    output: { bundleStrategy: 'split' },
  },
};

export default config;
