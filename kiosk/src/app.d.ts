import type { VisitorLang } from '@dawr/core';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Locals {
      /** The visitor's language, from `?lang=` (Arabic unless it names another visitor language). */
      lang: VisitorLang;
    }
    interface PageData {
      lang: VisitorLang;
    }
  }
}

export {};
