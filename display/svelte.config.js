import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * A single-page app served by the branch server under /display (it strips the prefix and falls back to
 * index.html), so every page is rendered in the browser and nothing is prerendered.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    paths: { base: '/display', relative: false },
    output: { bundleStrategy: 'single' },
    // A wall display runs for weeks: notice a new build (then reload, see +page.svelte).
    version: { pollInterval: 5 * 60 * 1000 },
  },
};

export default config;
