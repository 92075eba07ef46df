import { type Locator, type Page } from '@playwright/test';

/** The sync panel of the manager's overview (counter app): figures of the link to the centre, and its conflicts. */
export class SyncPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('sync-panel');
  }

  status(): Locator {
    return this.root.getByTestId('sync-status');
  }

  /** Changes waiting to be sent. */
  outbox(): Locator {
    return this.root.getByTestId('sync-outbox');
  }

  lag(): Locator {
    return this.root.getByTestId('sync-lag');
  }

  lastContact(): Locator {
    return this.root.getByTestId('sync-contact');
  }

  oldestUnacked(): Locator {
    return this.root.getByTestId('sync-oldest');
  }

  clockSkew(): Locator {
    return this.root.getByTestId('sync-skew');
  }

  /** The row of the conflict about ticket `number`. */
  conflict(number: string): Locator {
    return this.root.getByTestId(`sync-conflict-${number}`);
  }

  noConflicts(): Locator {
    return this.root.getByTestId('sync-no-conflicts');
  }

  /** Marks the conflict about ticket `number` handled. */
  async resolve(number: string): Promise<void> {
    await this.root.getByTestId(`sync-resolve-${number}`).click();
  }
}
