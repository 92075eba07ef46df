/** The page's language (from `?lang=`, Arabic by default) and the signed-in centre staff member, shared by every page. */
import { dirOf, tc, type CentralKey, type Lang } from '@dawr/core';
import { logout, me, type Me } from './api';

export class Session {
  lang = $state<Lang>(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'ar');
  /** undefined: not known yet; null: signed out. */
  staff = $state<Me | null | undefined>(undefined);

  constructor(private readonly titleKey: CentralKey) {}

  /** Asks the hub who is signed in. */
  async load(): Promise<void> {
    this.staff = await me(this.lang);
  }

  /** Applies the language to the document (call inside an effect). */
  applyLang(): void {
    document.documentElement.lang = this.lang;
    document.documentElement.dir = dirOf(this.lang);
    document.title = tc(this.lang, this.titleKey);
  }

  toggleLang(): void {
    this.lang = this.lang === 'ar' ? 'en' : 'ar';
  }

  async signOut(): Promise<void> {
    if (this.staff) await logout(this.staff.csrf, this.lang);
    this.staff = null;
  }

  /** A link to another page of the app, keeping the language. */
  href(path: string): string {
    return `/central${path}${this.lang === 'en' ? '?lang=en' : ''}`;
  }
}
