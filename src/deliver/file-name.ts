import type { Visit } from '../schema/visit.js';

// Letters that Unicode does not decompose into a base letter plus accent, and simple Greek and
// Cyrillic transliterations, so "Łukasz" files as "lukasz" and "Ελένη" as "eleni", not "patient".
const LATIN: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ð: 'd' };
const GREEK = 'α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:x ο:o π:p ρ:r σ:s ς:s τ:t υ:y φ:f χ:ch ψ:ps ω:o';
const CYRILLIC =
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:i к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya і:i ї:i є:ie ґ:g';
const TABLE = new Map<string, string>([
  ...Object.entries(LATIN),
  ...[GREEK, CYRILLIC].flatMap((t) => t.split(' ').map((pair) => pair.split(':') as [string, string])),
]);

/** Lower-case ASCII words joined by dashes ("Zoë O'Brien" -> "zoe-o-brien"). */
export function slug(text: string, max = 40): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\u03bf\u03c5/g, 'ou')
    .replace(/./gu, (ch) => TABLE.get(ch) ?? ch)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s || 'patient';
}

/** `<date>_<name slug>_<treatment>.pdf`: no path separators can come from the name. */
export function handoutFileName(visit: Visit): string {
  return `${visit.treatedAt.toFormat('yyyy-MM-dd')}_${slug(visit.patient.name)}_${visit.treatment}.pdf`;
}
