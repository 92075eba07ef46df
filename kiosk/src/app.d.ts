import type { Lang } from '@dawr/core';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Locals {
      /** The visitor's language, from `?lang=` (Arabic unless it says `en`). */
      lang: Lang;
    }
    interface PageData {
      lang: Lang;
    }
  }
}

export {};
