// See https://svelte.dev/docs/kit/types#app.d.ts
import type { AlertRecord } from '$lib/alert.svelte';

declare global {
  namespace App {}
  interface Window {
    /** Every turn alert this page raised (a test hook; holds no personal data). */
    __dawrPhoneAlerts?: AlertRecord[];
  }
}

export {};
