import {isSimpleGraphemes} from './simple-text.js';

/**
`Intl.Segmenter` in the wizard's bundle (tsup.config.ts puts it in that name's place). The first real one costs
tens of milliseconds of ICU set-up, and Ink's libraries make four as they load, before anything is drawn. Graphemes
of text whose characters are each one of their own (./simple-text.ts: what the wizard draws, and most of what is
typed) are its characters; anything else goes to a real `Intl.Segmenter`, made the first time it is needed.
*/
export class LazySegmenter {
	static supportedLocalesOf(locales: string | readonly string[], options?: Intl.SegmenterOptions): string[] {
		return globalThis.Intl.Segmenter.supportedLocalesOf(locales, options);
	}

	readonly #locales: string | readonly string[] | undefined;
	readonly #options: Intl.SegmenterOptions | undefined;
	#real: Intl.Segmenter | undefined;

	constructor(locales?: string | readonly string[], options?: Intl.SegmenterOptions) {
		this.#locales = locales;
		this.#options = options;
	}

	segment(input: string): Intl.Segments {
		const text = String(input);
		if ((this.#options?.granularity ?? 'grapheme') !== 'grapheme' || !isSimpleGraphemes(text)) {
			return this.#segmenter().segment(text);
		}

		const at = (index: number): Intl.SegmentData => ({segment: text[index]!, index, input: text});
		const segments: Intl.Segments = {
			[Symbol.iterator]: () => Array.from({length: text.length}, (_, index) => at(index)).values(),
			containing(position = 0) {
				const index = Math.trunc(Number(position) || 0);
				return index >= 0 && index < text.length ? at(index) : undefined;
			},
		};
		return segments;
	}

	resolvedOptions(): Intl.ResolvedSegmenterOptions {
		return this.#segmenter().resolvedOptions();
	}

	#segmenter(): Intl.Segmenter {
		this.#real ??= new globalThis.Intl.Segmenter(this.#locales, this.#options);
		return this.#real;
	}
}
