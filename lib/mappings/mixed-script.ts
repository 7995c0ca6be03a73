// Pure: is a group name written in more than one script ("pаypal": Latin p, y, l with a Cyrillic
// а)? Per UTS #39 §5.1 (Mixed-Script Detection), from the Unicode Script and Script_Extensions
// properties as the JavaScript engine knows them (`\p{Script=…}`, `\p{Script_Extensions=…}`), so
// no script table is written here — only the names of the scripts, to ask the engine about each.

// The Script property values (long names) of Unicode 17. A name the engine does not know (an
// older Unicode) is skipped; mixed-script.test.ts fails if a character of some script matches none.
const SCRIPT_NAMES = [
  'Adlam', 'Ahom', 'Anatolian_Hieroglyphs', 'Arabic', 'Armenian', 'Avestan', 'Balinese', 'Bamum', 'Bassa_Vah', 'Batak',
  'Bengali', 'Beria_Erfe', 'Bhaiksuki', 'Bopomofo', 'Brahmi', 'Braille', 'Buginese', 'Buhid', 'Canadian_Aboriginal', 'Carian',
  'Caucasian_Albanian', 'Chakma', 'Cham', 'Cherokee', 'Chisoi', 'Chorasmian', 'Coptic', 'Cuneiform', 'Cypriot', 'Cypro_Minoan',
  'Cyrillic', 'Deseret', 'Devanagari', 'Dives_Akuru', 'Dogra', 'Duployan', 'Egyptian_Hieroglyphs', 'Elbasan', 'Elymaic',
  'Ethiopic', 'Garay', 'Georgian', 'Glagolitic', 'Gothic', 'Grantha', 'Greek', 'Gujarati', 'Gunjala_Gondi', 'Gurmukhi',
  'Gurung_Khema', 'Han', 'Hangul', 'Hanifi_Rohingya', 'Hanunoo', 'Hatran', 'Hebrew', 'Hiragana', 'Imperial_Aramaic',
  'Inscriptional_Pahlavi', 'Inscriptional_Parthian', 'Javanese', 'Kaithi', 'Kannada', 'Katakana', 'Kawi', 'Kayah_Li',
  'Kharoshthi', 'Khitan_Small_Script', 'Khmer', 'Khojki', 'Khudawadi', 'Kirat_Rai', 'Lao', 'Latin', 'Lepcha', 'Limbu',
  'Linear_A', 'Linear_B', 'Lisu', 'Lycian', 'Lydian', 'Mahajani', 'Makasar', 'Malayalam', 'Mandaic', 'Manichaean', 'Marchen',
  'Masaram_Gondi', 'Medefaidrin', 'Meetei_Mayek', 'Mende_Kikakui', 'Meroitic_Cursive', 'Meroitic_Hieroglyphs', 'Miao', 'Modi',
  'Mongolian', 'Mro', 'Multani', 'Myanmar', 'Nabataean', 'Nag_Mundari', 'Nandinagari', 'New_Tai_Lue', 'Newa', 'Nko', 'Nushu',
  'Nyiakeng_Puachue_Hmong', 'Ogham', 'Ol_Chiki', 'Ol_Onal', 'Old_Hungarian', 'Old_Italic', 'Old_North_Arabian', 'Old_Permic',
  'Old_Persian', 'Old_Sogdian', 'Old_South_Arabian', 'Old_Turkic', 'Old_Uyghur', 'Oriya', 'Osage', 'Osmanya', 'Pahawh_Hmong',
  'Palmyrene', 'Pau_Cin_Hau', 'Phags_Pa', 'Phoenician', 'Psalter_Pahlavi', 'Rejang', 'Runic', 'Samaritan', 'Saurashtra',
  'Sharada', 'Shavian', 'Siddham', 'Sidetic', 'SignWriting', 'Sinhala', 'Sogdian', 'Sora_Sompeng', 'Soyombo', 'Sundanese',
  'Sunuwar', 'Syloti_Nagri', 'Syriac', 'Tagalog', 'Tagbanwa', 'Tai_Le', 'Tai_Tham', 'Tai_Viet', 'Tai_Yo', 'Takri', 'Tamil',
  'Tangsa', 'Tangut', 'Telugu', 'Thaana', 'Thai', 'Tibetan', 'Tifinagh', 'Tirhuta', 'Todhri', 'Tolong_Siki', 'Toto',
  'Tulu_Tigalari', 'Ugaritic', 'Vai', 'Vithkuqi', 'Wancho', 'Warang_Citi', 'Yezidi', 'Yi', 'Zanabazar_Square',
] as const;

interface ScriptTest {
  /** The property value, e.g. "Old_Italic". */
  value: string;
  /** As a person reads it, e.g. "Old Italic". */
  name: string;
  sc: RegExp;
  scx: RegExp;
}

function compile(name: string): ScriptTest | null {
  try {
    return { value: name, name: name.replace(/_/g, ' '), sc: new RegExp(`^\\p{Script=${name}}$`, 'u'), scx: new RegExp(`^\\p{Script_Extensions=${name}}$`, 'u') };
  } catch {
    return null; // a script newer than this engine's Unicode: no character can have it here
  }
}

const SCRIPTS: readonly ScriptTest[] = SCRIPT_NAMES.map(compile).filter((s): s is ScriptTest => s !== null);
/** The Script property values this engine knows (for the completeness test). */
export const KNOWN_SCRIPTS: readonly string[] = SCRIPTS.map((s) => s.value);

// UTS #39 §5.1: Common and Inherited characters (Script_Extensions exactly {Zyyy} or {Zinh})
// count as every script, so digits, "-", "_" and combining accents never make a name mixed.
const COMMON_OR_INHERITED = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;
const ASCII_LETTER = /^[A-Za-z]$/;
const ASCII = /^[\x00-\x7f]$/;

// UTS #39 §5.1, augmented script sets: Han → Han, Japanese, Korean, Han with Bopomofo;
// Hiragana and Katakana → Japanese; Hangul → Korean; Bopomofo → Han with Bopomofo. So 開発チーム
// (Han + Katakana) resolves to Japanese, and 한국어 팀 漢字 to Korean.
const AUGMENT: Readonly<Record<string, readonly string[]>> = {
  Han: ['Japanese', 'Korean', 'Han with Bopomofo'],
  Hiragana: ['Japanese'],
  Katakana: ['Japanese'],
  Hangul: ['Korean'],
  Bopomofo: ['Han with Bopomofo'],
};

interface CharScripts {
  /** The character's Script value, for messages; null when that is Common or Inherited. */
  script: string | null;
  /** Its Script_Extensions as words ("Hiragana or Katakana" for ー), for a character of no one script. */
  label: string;
  /** Its augmented Script_Extensions set, or null for "every script". */
  set: ReadonlySet<string> | null;
}

// One entry per code point ever seen (at most the code space; in practice a few hundred).
const cache = new Map<string, CharScripts>();
const EVERY: CharScripts = { script: null, label: '', set: null };
const LATIN: CharScripts = { script: 'Latin', label: 'Latin', set: new Set(['Latin']) };

function scriptsOf(ch: string): CharScripts {
  if (ASCII.test(ch)) return ASCII_LETTER.test(ch) ? LATIN : EVERY;
  const hit = cache.get(ch);
  if (hit) return hit;
  let found: CharScripts = EVERY;
  if (!COMMON_OR_INHERITED.test(ch)) {
    const set = new Set<string>();
    const extensions: string[] = [];
    let script: string | null = null;
    for (const s of SCRIPTS) {
      if (s.scx.test(ch)) {
        extensions.push(s.name);
        set.add(s.name);
        for (const a of AUGMENT[s.name] ?? []) set.add(a);
      }
      if (script === null && s.sc.test(ch)) script = s.name;
    }
    // An unassigned code point (Script=Unknown) is a script of its own: it mixes with any other.
    if (set.size === 0) set.add('Unknown');
    found = { script: script ?? (extensions.length === 0 ? 'Unknown' : null), label: extensions.join(' or ') || 'Unknown', set };
  }
  cache.set(ch, found);
  return found;
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...a].filter((s) => b.has(s)));
}

export interface MixedScript {
  /** The scripts found, in order of first appearance, each with the characters written in it. */
  scripts: Array<{ script: string; chars: string[] }>;
}

// UTS #39 §5.2, Highly Restrictive: Latin together with Japanese, Korean, or Han with Bopomofo
// is an accepted combination ("AWS開発チーム"), not a lookalike; Latin with any other script is not.
const WITH_LATIN = ['Japanese', 'Korean', 'Han with Bopomofo'] as const;

function add(map: Map<string, Set<string>>, key: string, ch: string): void {
  const chars = map.get(key) ?? new Set<string>();
  chars.add(ch);
  map.set(key, chars);
}

/**
 * UTS #39 §5.1: the resolved script set of a string is the intersection of the augmented
 * Script_Extensions sets of its characters; the string is mixed-script when that set is empty —
 * unless it is Latin plus one of the §5.2 Highly Restrictive sets above.
 * Returns the scripts found when it is mixed, null when it is not (or is all Common/Inherited).
 */
export function mixedScript(text: string): MixedScript | null {
  let resolved: ReadonlySet<string> | 'every' = 'every'; // nothing but Common/Inherited yet
  let resolvedBesideLatin: ReadonlySet<string> | 'every' = 'every'; // of the characters that are not Latin
  const named = new Map<string, Set<string>>();
  const shared = new Map<string, Set<string>>();
  for (const ch of text) {
    const c = scriptsOf(ch);
    const set = c.set;
    if (set === null) continue;
    resolved = resolved === 'every' ? set : intersect(resolved, set);
    if (!set.has('Latin')) resolvedBesideLatin = resolvedBesideLatin === 'every' ? set : intersect(resolvedBesideLatin, set);
    if (c.script !== null) add(named, c.script, ch);
    else add(shared, c.label, ch);
  }
  if (resolved === 'every' || resolved.size > 0) return null;
  const besideLatin = resolvedBesideLatin;
  if (besideLatin !== 'every' && WITH_LATIN.some((s) => besideLatin.has(s))) return null;
  // Characters of several scripts (ー: Hiragana or Katakana) are named only when needed to show two.
  const shown = named.size >= 2 ? named : new Map([...named, ...shared]);
  return { scripts: [...shown].map(([script, chars]) => ({ script, chars: [...chars] })) };
}
