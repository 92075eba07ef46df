/**
 * The ticket's fonts: Noto Sans Arabic for Arabic and Noto Sans for Latin letters and digits, registered
 * once per process with @napi-rs/canvas under our own family names (so `ctx.font` never resolves to
 * whatever the host happens to have installed). The visitor languages' scripts (Nastaliq for Urdu,
 * Devanagari, Malayalam, Bengali, Tamil) are registered the first time a ticket needs them.
 *
 * Where they come from, first found wins: the Debian package fonts-noto-core (TTF), else the woff2 files
 * of @fontsource/noto-sans-arabic and @fontsource/noto-sans that the kiosk ships anyway for its screens.
 * GlobalFonts.registerFromPath accepts .ttf, .woff and .woff2 (all three were tried on this machine).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import type { Script } from '@dawr/core';

/** Family names the layout uses; our own, so no installed font can shadow them. */
export const ARABIC_FAMILY = 'DawrTicketArabic';
export const LATIN_FAMILY = 'DawrTicketLatin';

/** Our family name of each script (Latin and Arabic are the two above). */
export const SCRIPT_FAMILY: Record<Script, string> = {
  latin: LATIN_FAMILY,
  arabic: ARABIC_FAMILY,
  nastaliq: 'DawrTicketNastaliq',
  devanagari: 'DawrTicketDevanagari',
  malayalam: 'DawrTicketMalayalam',
  bengali: 'DawrTicketBengali',
  tamil: 'DawrTicketTamil',
};

/** The family name to draw `script` in: visitor scripts' bold faces have their own (see ensureScriptFont). */
export function scriptFamily(script: Script, bold: boolean): string {
  return bold && script !== 'latin' && script !== 'arabic' ? `${SCRIPT_FAMILY[script]}Bold` : SCRIPT_FAMILY[script];
}

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

/** Debian fonts-noto-core file stem, then @fontsource package and file stem, of each visitor script. */
const SCRIPT_SOURCES: Record<Exclude<Script, 'latin' | 'arabic'>, { system: string; fontsource: [string, string] }> = {
  nastaliq: { system: 'NotoNastaliqUrdu', fontsource: ['noto-nastaliq-urdu', 'noto-nastaliq-urdu-arabic'] },
  devanagari: { system: 'NotoSansDevanagari', fontsource: ['noto-sans-devanagari', 'noto-sans-devanagari-devanagari'] },
  malayalam: { system: 'NotoSansMalayalam', fontsource: ['noto-sans-malayalam', 'noto-sans-malayalam-malayalam'] },
  bengali: { system: 'NotoSansBengali', fontsource: ['noto-sans-bengali', 'noto-sans-bengali-bengali'] },
  tamil: { system: 'NotoSansTamil', fontsource: ['noto-sans-tamil', 'noto-sans-tamil-tamil'] },
};

/** The regular and bold files of a visitor script: fonts-noto-core first, else @fontsource's woff2. */
export function scriptFontFiles(script: Exclude<Script, 'latin' | 'arabic'>): FontFaces | null {
  const src = SCRIPT_SOURCES[script];
  const system = { regular: `${SYSTEM_DIR}/${src.system}-Regular.ttf`, bold: `${SYSTEM_DIR}/${src.system}-Bold.ttf` };
  if (existsSync(system.regular) && existsSync(system.bold)) return system;
  try {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve(`@fontsource/${src.fontsource[0]}/package.json`)), 'files');
    const f = { regular: `${dir}/${src.fontsource[1]}-400-normal.woff2`, bold: `${dir}/${src.fontsource[1]}-700-normal.woff2` };
    return existsSync(f.regular) && existsSync(f.bold) ? f : null;
  } catch {
    return null;
  }
}

const scriptsRegistered = new Map<Script, FontFaces>();

/**
 * Registers the font of `script` (once) beside the Arabic and Latin ones. Throws when it is missing: a
 * ticket in a fallback font could print missing-glyph boxes.
 */
export function ensureScriptFont(script: Script): FontFaces {
  const base = ensureTicketFonts();
  if (script === 'latin') return base.latin;
  if (script === 'arabic') return base.arabic;
  const known = scriptsRegistered.get(script);
  if (known) return known;
  const files = scriptFontFiles(script);
  if (!files) throw new Error(`ticket font for ${script} not found (fonts-noto-core or @fontsource)`);
  // Each weight under its own family name: Noto Nastaliq Urdu's Bold file declares the regular weight, so
  // under one name the last file registered would draw every line bold (the glyph test caught it).
  for (const [file, family] of [[files.regular, scriptFamily(script, false)], [files.bold, scriptFamily(script, true)]] as const) {
    if (!GlobalFonts.registerFromPath(file, family)) throw new Error(`cannot load font ${file}`);
  }
  scriptsRegistered.set(script, files);
  return files;
}
