import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * A single-page app served by the branch server under /counter (it strips the prefix and falls back to
 * index.html), so every page is rendered in the browser and nothing is prerendered.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    paths: { base: '/counter', relative: false },
    output: { bundleStrategy: 'single' },
  },
};

export default config;
