import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The visitor's phone page, a single-page app served by the branch server under /t (it strips the
 * prefix and falls back to index.html, so the ticket's QR link /t/<token> lands here). Everything is
 * rendered in the browser and nothing is prerendered.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    paths: { base: '/t', relative: false },
    // One script and one stylesheet: a phone on the branch's mobile data makes as few requests as possible.
    output: { bundleStrategy: 'single' },
  },
};

export default config;
