/** What this browser remembers for the counter app: device token, language and chosen counter. */
import type { Lang } from '@dawr/core';
import { deviceToken as rememberedToken, recall, remember, urlLang } from '@dawr/ui/remember';

const TOKEN_KEY = 'dawr.counter.token';
const LANG_KEY = 'dawr.counter.lang';
const COUNTER_KEY = 'dawr.counter.counterId';

/**
 * The enrolment token: `?token=…` in the URL (remembered, so that a reload without the
 * query still works), else the remembered one; null when the device has none.
 */
export function deviceToken(url: URL): string | null {
  return rememberedToken(url, TOKEN_KEY);
}

/** `?lang=ar|en` in the URL (remembered), else the remembered language, else Arabic. */
export function initialLang(url: URL): Lang {
  return urlLang(url, LANG_KEY);
}

export function rememberLang(lang: Lang): void {
  remember(LANG_KEY, lang);
}

export function rememberedCounter(): string | null {
  return recall(COUNTER_KEY);
}

export function rememberCounter(counterId: string | null): void {
  remember(COUNTER_KEY, counterId);
}

/** Forgets the remembered device token (a refused one), so that staff can sign in on this browser. */
export function forgetToken(): void {
  remember(TOKEN_KEY, null);
}
