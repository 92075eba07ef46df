import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/** In `vite dev`, socket.io goes to a running branch server (DAWR_SERVER, default port 3000). */
const server = process.env.DAWR_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: { '/socket.io': { target: server, ws: true } } },
});
