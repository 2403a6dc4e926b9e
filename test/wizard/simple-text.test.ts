import {styledCharsFromTokens, styledCharsToString as originalStyledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import chalk, {Chalk} from 'chalk';
import realStringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {styledCharsToString} from '../../source/stubs/ansi-tokenize.js';
import {LazySegmenter} from '../../source/stubs/segmenter.js';
import {isSimpleGraphemes, isSimpleText} from '../../source/stubs/simple-text.js';
import stringWidth from '../../source/stubs/string-width.js';

// The wizard's bundle takes these stand-ins for Intl.Segmenter, string-width and ansi-tokenize (tsup.config.ts):
// each must answer exactly what the real one does, on every character it answers for itself.
const bmp = Array.from({length: 0x1_00_00}, (_, code) => String.fromCodePoint(code)).filter(character => !/[\uD800-\uDFFF]/.test(character));
const simple = bmp.filter(character => isSimpleText(character));
const graphemes = bmp.filter(character => isSimpleGraphemes(character));

function segments(segmenter: {segment(text: string): Iterable<Intl.SegmentData>}, text: string): Array<[string, number]> {
	return [...segmenter.segment(text)].map(({segment, index}) => [segment, index]);
}

/** A fixed shuffle, so that each character meets others than its neighbours in code order. */
function shuffled<T>(items: readonly T[]): T[] {
	const result = [...items];
	let seed = 7;
	for (let index = result.length - 1; index > 0; index--) {
		seed = ((seed * 1_103_515_245) + 12_345) % 2_147_483_648;
		const other = seed % (index + 1);
		[result[index], result[other]] = [result[other]!, result[index]!];
	}

	return result;
}

describe('the simple characters', () => {
	test('cover what the wizard draws, and leave out what joins or has no width of its own', () => {
		expect(simple.length).toBeGreaterThan(4000);
		expect(isSimpleText('ccgate · 1/7 Endpoint ❯ → ✗ ✓ • … ↑↓ ─│╭╮')).toBe(true);
		for (const text of ['\r', '\n', '\u001B', '\u00AD', 'e\u0301', '\u200D', '\u200B', '\uFE0F', '가', '\u1100', '😀', '🇫🇷', '中']) {
			expect(isSimpleText(text), JSON.stringify(text)).toBe(false);
		}
	});

	test('string-width: each is as wide as string-width says, ambiguous ones narrow or wide', () => {
		for (const ambiguousIsNarrow of [true, false]) {
			const differing = simple.filter(character => stringWidth(character, {ambiguousIsNarrow}) !== realStringWidth(character, {ambiguousIsNarrow}));
			expect(differing).toEqual([]);
		}
	});

	test('string-width: lines of them, styled, and anything else answer as string-width does', () => {
		const texts = [
			shuffled(simple).join(''),
			chalk.bold.cyan('❯ ccgate · 1/7 Endpoint ') + chalk.dim('↑↓ choose · Enter continue'),
			'',
			'emoji 😀 and 👩‍👩‍👧 and 🇫🇷',
			'CJK 中文 and kana ｶﾞ',
			'combining e\u0301 and a zero-width\u200Bspace',
			'line\r\nbreak\ttab',
		];
		for (const text of texts) {
			expect(stringWidth(text)).toBe(realStringWidth(text));
			expect(stringWidth(text, {countAnsiEscapeCodes: true})).toBe(realStringWidth(text, {countAnsiEscapeCodes: true}));
		}
	});

	test('Intl.Segmenter: each is a grapheme of its own, beside any other of them and control characters', () => {
		const real = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
		const stub = new LazySegmenter(undefined, {granularity: 'grapheme'});
		for (const text of [graphemes.join(''), shuffled(graphemes).join(''), chalk.red('❯ a') + '\n' + chalk.dim('b · c')]) {
			expect(segments(stub, text)).toEqual(segments(real, text));
		}
	});

	test('Intl.Segmenter: other text, and other granularities, are segmented by a real one', () => {
		const texts = ['👩‍👩‍👧 e\u0301 🇫🇷🇩🇪 \r\n 가각 ᄀ하', shuffled(graphemes).join('') + '\u0301👍🏽'];
		for (const options of [undefined, {granularity: 'word'}, {granularity: 'sentence'}] as const) {
			const real = new Intl.Segmenter('en', options);
			const stub = new LazySegmenter('en', options);
			for (const text of [...texts, 'Hello world. Again.']) {
				expect(segments(stub, text)).toEqual(segments(real, text));
			}
		}

		const stub = new LazySegmenter();
		expect(stub.segment('abc').containing(1)).toEqual({segment: 'b', index: 1, input: 'abc'});
		expect(stub.segment('abc').containing(3)).toBeUndefined();
		expect(stub.resolvedOptions().granularity).toBe('grapheme');
	});
});

describe('styledCharsToString', () => {
	test('gives the string the original does, for styles that change, stay and nest', () => {
		const colours = new Chalk({level: 3});
		const texts = [
			'plain text',
			colours.bold('ccgate · 1/7 Endpoint') + '   ' + colours.dim('hint'),
			colours.cyan(`❯ ${colours.inverse(' ')}${colours.dim('placeholder')}`),
			colours.red.bold('a') + colours.red('b') + colours.bold.dim('c') + colours.dim('d') + 'e',
			colours.bgBlue.white('box') + colours.hex('#ff8800')('true colour') + colours.ansi256(202)('256'),
			`${colours.yellow('warn')}${colours.yellow('ing')}`,
			'\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007 after',
		];
		for (const text of texts) {
			const chars = styledCharsFromTokens(tokenize(text));
			expect(styledCharsToString(chars)).toBe(originalStyledCharsToString(chars));
		}

		expect(styledCharsToString([])).toBe('');
	});
});
