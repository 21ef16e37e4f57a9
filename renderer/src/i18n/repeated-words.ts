// Words a view draws many times a frame (the cards of a board), worked out by i18next once per
// language and values. i18next resolves the key, picks the plural and interpolates on every call
// (16 ms of a 10k board's open for its 30 cards in a CPU profile, most of a card's render), while
// a card's words repeat from card to card (vote counts, scores, hints) or differ only by the
// title put into them.
import type { i18n as I18n, TFunction } from 'i18next';

/** Values of a sentence: what i18next interpolates, `count` picking the plural. */
export type WordValues = Readonly<Record<string, string | number>>;

/** A `t` that takes a key and plain values: i18next's own, or `RepeatedWords.say`. */
export type Say = (key: string, values?: WordValues) => string;

/** Stand for the texts put into a sentence: private-use characters, in no catalogue. */
const slot = (index: number) => String.fromCharCode(0xe000 + index);
const SLOTS = /[\uE000-\uE0FF]/g;
/** A long-lived view with many distinct values starts its cache again past this many sentences. */
const MAX_CACHED = 5_000;

export class RepeatedWords {
  private readonly sentences = new Map<string, string>();

  constructor(private readonly t: TFunction) {}

  /** `t(key, values)` (bound: it can be handed on as a `t`). */
  readonly say: Say = (key, values) => {
    const id = values === undefined ? key : `${key}\u0001${JSON.stringify(values)}`;
    let sentence = this.sentences.get(id);
    if (sentence === undefined) {
      if (this.sentences.size >= MAX_CACHED) this.sentences.clear();
      sentence = this.t(key, values as Record<string, unknown>) as string;
      this.sentences.set(id, sentence);
    }
    return sentence;
  };

  /** `t(key, texts)`, for texts that differ on every call (a title, dates): the sentence around them is worked out once. */
  around(key: string, texts: Readonly<Record<string, string>>): string {
    const names = Object.keys(texts);
    const slots: Record<string, string> = {};
    names.forEach((name, i) => (slots[name] = slot(i)));
    // One pass: a text put in is never read again for the places of the others.
    return this.say(key, slots).replace(SLOTS, (c) => texts[names[c.charCodeAt(0) - 0xe000] as string] ?? c);
  }
}

const byStore = new WeakMap<object, Map<string, RepeatedWords>>();

/**
 * The cache for a language. Kept per i18next instance (by its resource store) and language, not
 * per `t` or per `i18n` object: react-i18next makes a new `t`, and a new copy of the instance,
 * for each component that mounts, so a cache keyed by either started empty for each column.
 */
export function repeatedWords(i18n: I18n, language: string): RepeatedWords {
  let languages = byStore.get(i18n.store);
  if (!languages) {
    languages = new Map();
    byStore.set(i18n.store, languages);
  }
  let words = languages.get(language);
  if (!words) {
    words = new RepeatedWords(i18n.getFixedT(language));
    languages.set(language, words);
  }
  return words;
}
