// Words a view draws many times a frame (the cards of a board), worked out by i18next once per
// language and values. i18next resolves the key, picks the plural and interpolates on every call
// (16 ms of a 10k board's open for its 30 cards in a CPU profile, most of a card's render), while
// a card's words repeat from card to card (vote counts, scores, hints) or differ only by the
// title put into them.
import type { i18n as I18n, TFunction } from 'i18next';

/** Values of a sentence: what i18next interpolates, `count` picking the plural. */
export type WordValues = Readonly<Record<string, string | number>>;

/** Stands for the text put into a sentence (a private-use character, in no catalogue). */
const SLOT = '\uE000';
/** A long-lived view with many distinct values starts its cache again past this many sentences. */
const MAX_CACHED = 5_000;

export class RepeatedWords {
  private readonly sentences = new Map<string, string>();

  constructor(private readonly t: TFunction) {}

  /** `t(key, values)` (bound: it can be handed on as a `t`). */
  readonly say = (key: string, values?: WordValues): string => {
    const id = values === undefined ? key : `${key}\u0001${JSON.stringify(values)}`;
    let sentence = this.sentences.get(id);
    if (sentence === undefined) {
      if (this.sentences.size >= MAX_CACHED) this.sentences.clear();
      sentence = this.t(key, values as Record<string, unknown>) as string;
      this.sentences.set(id, sentence);
    }
    return sentence;
  };

  /** `t(key, { [name]: text })`, for text that differs on every call (a title): the sentence around it is worked out once. */
  around(key: string, name: string, text: string): string {
    return this.say(key, { [name]: SLOT }).split(SLOT).join(text);
  }
}

const byInstance = new WeakMap<I18n, Map<string, RepeatedWords>>();

/**
 * The cache for a language. Kept per i18next instance and language, not per `t`: react-i18next
 * makes a new `t` for each component that mounts, so a board opened again would start empty.
 */
export function repeatedWords(i18n: I18n, language: string): RepeatedWords {
  let languages = byInstance.get(i18n);
  if (!languages) {
    languages = new Map();
    byInstance.set(i18n, languages);
  }
  let words = languages.get(language);
  if (!words) {
    words = new RepeatedWords(i18n.getFixedT(language));
    languages.set(language, words);
  }
  return words;
}
