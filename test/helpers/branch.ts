/** Starts a real branch server in-process on a free port with a throwaway data dir. */
import { io, type Socket } from 'socket.io-client';
import type { BranchSnapshot, ClientToServerEvents, ServerToClientEvents } from '@dawr/core';
import { createBranchServer, loadConfig, type BranchServer } from '@dawr/server';
import { tempDir } from './tmp';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents> & {
  /** The snapshot the server pushes on connect (listened for before connecting, so it cannot be missed). */
  firstSnapshot: Promise<BranchSnapshot>;
};

/** 09:00 in Bahrain: inside opening hours whatever the real time is. */
export const OPEN_TIME = '2026-11-24T09:00:00+03:00';

export async function startBranch(env: Record<string, string> = {}): Promise<{
  server: BranchServer;
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}> {
  const tmp = tempDir();
  const server = createBranchServer(
    loadConfig({ DAWR_DATA_DIR: tmp.dir, DAWR_PORT: '0', DAWR_HOST: '127.0.0.1', DAWR_START_TIME: OPEN_TIME, DAWR_LOG_LEVEL: 'silent', ...env }),
  );
  const port = await server.listen();
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    dataDir: tmp.dir,
    stop: async () => {
      await server.close();
      tmp.cleanup();
    },
  };
}

/** Connects as a device and resolves once the handshake is accepted (rejects with its error otherwise). */
export function connect(url: string, token: string, lang: 'ar' | 'en' = 'en'): Promise<Client> {
  const socket = io(url, { auth: { token, lang }, transports: ['websocket'], reconnection: false, forceNew: true }) as Client;
  socket.firstSnapshot = new Promise((resolve) => socket.once('branch:snapshot:v1', resolve));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}
