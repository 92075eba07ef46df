/** A branch (fixtures.ts) for the visitor's phone tests, with a kiosk and counter-3 socket on it to move the queue. */
import { test as base } from './fixtures';
import { PhoneQueue } from './pages/phone-page';

export const test = base.extend<{ queue: PhoneQueue }>({
  queue: async ({ branch }, use) => {
    const queue = await PhoneQueue.open(branch.serverUrl);
    await use(queue);
    queue.close();
  },
});

export { expect } from './fixtures';
