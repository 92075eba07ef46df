/**
 * The end of a visitor's session in the browser: speech stopped, storage and display modes cleared, the
 * server told to forget the visit, then a full load of the start screen (so no input keeps its value).
 */
import { speech } from '$lib/speech/speech.svelte';

/** Where the large-text / high-contrast choice is kept for the session (also read by app.html). */
export const DISPLAY_KEY = 'dawr.kiosk.display';

/** Clears everything this browser holds about the visit (speech, storage, display modes). */
export function clearBrowserState(): void {
  speech.reset();
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    /* storage disabled */
  }
  document.documentElement.classList.remove('large', 'contrast');
}

/** Resets the kiosk: browser state, then the server's visit, then the start screen in Arabic. */
export async function resetKiosk(): Promise<void> {
  clearBrowserState();
  try {
    await fetch('/reset', { method: 'POST', redirect: 'manual' });
  } catch {
    // The kiosk server is restarting: its visit is gone with it.
  }
  location.replace('/');
}

/**
 * Drops SvelteKit's own navigation bookkeeping (scroll positions…), which it writes to sessionStorage as the
 * previous page unloads, i.e. after clearBrowserState: called when the start screen loads afresh, so
 * storage is really empty after a reset. Holds no visitor data, but "clear all storage" means all.
 */
export function clearNavigationState(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('sveltekit:')) sessionStorage.removeItem(key);
  } catch {
    /* storage disabled */
  }
}
