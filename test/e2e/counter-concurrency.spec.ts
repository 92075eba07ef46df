import { CounterPage, drainCounter, issueTickets } from './pages/counter-page';
import { expect, test } from './fixtures';

test('two clerks pressing "Call next" at the same moment never get the same ticket', async ({ browser, branch }) => {
  await drainCounter(branch.serverUrl, 1);
  await drainCounter(branch.serverUrl, 2);
  const [ctxA, ctxB] = await Promise.all([browser.newContext(), browser.newContext()]);
  const a = new CounterPage(await ctxA.newPage(), branch.serverUrl);
  const b = new CounterPage(await ctxB.newPage(), branch.serverUrl);
  await Promise.all([a.sitAt('clerk', 'dawr-clerk', 1), b.sitAt('manager', 'dawr-manager', 2)]);

  // Three rounds: each time exactly two tickets wait, and both counters call at once.
  for (let round = 0; round < 3; round++) {
    const issued = (await issueTickets(branch.serverUrl, 2)).map((t) => t.number);
    const before = await Promise.all([a.current().innerText(), b.current().innerText()]);
    await expect(a.page.getByTestId('call-next')).toBeEnabled();
    await expect(b.page.getByTestId('call-next')).toBeEnabled();
    await Promise.all([a.page.getByTestId('call-next').click(), b.page.getByTestId('call-next').click()]);
    await expect(a.current()).not.toHaveText(before[0]!);
    await expect(b.current()).not.toHaveText(before[1]!);
    const called = [(await a.current().innerText()).trim(), (await b.current().innerText()).trim()];
    expect(called[0]).not.toBe(called[1]);
    expect(called.sort()).toEqual(issued.sort());
  }
  await Promise.all([ctxA.close(), ctxB.close()]);
});
