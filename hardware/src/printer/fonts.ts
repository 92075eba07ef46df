/**
 * The ticket's fonts: Noto Sans Arabic for Arabic and Noto Sans for Latin letters and digits, registered
 * once per process with @napi-rs/canvas under our own family names (so `ctx.font` never resolves to
 * whatever the host happens to have installed).
 *
 * Where they come from, first found wins: the Debian package fonts-noto-core (TTF), else the woff2 files
 * of @fontsource/noto-sans-arabic and @fontsource/noto-sans that the kiosk ships anyway for its screens.
 * GlobalFonts.registerFromPath accepts .ttf, .woff and .woff2 (all three were tried on this machine).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/** Family names the layout uses; our own, so no installed font can shadow them. */
export const ARABIC_FAMILY = 'DawrTicketArabic';
export const LATIN_FAMILY = 'DawrTicketLatin';

/** One face: regular (400) and bold (700) files of a family. */
export interface FontFaces {
  regular: string;
  bold: string;
}

/** Font files to use instead of the ones found on the system (e.g. from the kiosk's config). */
export interface FontFiles {
  arabic: FontFaces;
  latin: FontFaces;
}

const SYSTEM_DIR = '/usr/share/fonts/truetype/noto';

/** Candidate sets, in order of preference. */
function candidates(): FontFiles[] {
  const list: FontFiles[] = [
    {
      arabic: { regular: `${SYSTEM_DIR}/NotoSansArabic-Regular.ttf`, bold: `${SYSTEM_DIR}/NotoSansArabic-Bold.ttf` },
      latin: { regular: `${SYSTEM_DIR}/NotoSans-Regular.ttf`, bold: `${SYSTEM_DIR}/NotoSans-Bold.ttf` },
    },
  ];
  try {
    // Resolved from this file, so it works from the source tree and from the kiosk's production build.
    const require = createRequire(import.meta.url);
    const ar = path.join(path.dirname(require.resolve('@fontsource/noto-sans-arabic/package.json')), 'files');
    const la = path.join(path.dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files');
    list.push({
      arabic: {
        regular: `${ar}/noto-sans-arabic-arabic-400-normal.woff2`,
        bold: `${ar}/noto-sans-arabic-arabic-700-normal.woff2`,
      },
      latin: { regular: `${la}/noto-sans-latin-400-normal.woff2`, bold: `${la}/noto-sans-latin-700-normal.woff2` },
    });
  } catch {
    // @fontsource not installed: only the system fonts are candidates.
  }
  return list;
}

function allExist(f: FontFiles): boolean {
  return [f.arabic.regular, f.arabic.bold, f.latin.regular, f.latin.bold].every((p) => existsSync(p));
}

let registered: FontFiles | null = null;

/**
 * Registers the ticket fonts (once; later calls return the files already registered). Throws when no
 * complete set is found or a file cannot be loaded: a ticket drawn in a fallback font could print tofu.
 */
export function ensureTicketFonts(override?: FontFiles): FontFiles {
  if (registered) return registered;
  const set = override ?? candidates().find(allExist);
  if (!set) throw new Error('ticket fonts not found (fonts-noto-core or @fontsource/noto-sans[-arabic])');
  const pairs: [string, string][] = [
    [set.arabic.regular, ARABIC_FAMILY],
    [set.arabic.bold, ARABIC_FAMILY],
    [set.latin.regular, LATIN_FAMILY],
    [set.latin.bold, LATIN_FAMILY],
  ];
  for (const [file, family] of pairs) {
    if (!GlobalFonts.registerFromPath(file, family)) throw new Error(`cannot load font ${file}`);
  }
  registered = set;
  return set;
}
