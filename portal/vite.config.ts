import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/** In `vite dev`, the API goes to a running hub (DAWR_HUB, default port 4000). */
const hub = process.env.DAWR_HUB ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: { '/api': { target: hub } } },
});
