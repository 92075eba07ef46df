import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The centre's national live picture, a single-page app served by the hub under /central (it falls back to
 * index.html). Everything is rendered in the browser; nothing is prerendered.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    paths: { base: '/central', relative: false },
    output: { bundleStrategy: 'single' },
  },
};

export default config;
