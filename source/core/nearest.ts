/** Edits between two words: insertions, deletions, substitutions, and swaps of two neighbours (`wirte` is one from `write`). */
export function editDistance(a: string, b: string): number {
	const rows = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : (j === 0 ? i : 0))));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, rows[i - 2]![j - 2]! + 1);
			}

			rows[i]![j] = best;
		}
	}

	return rows[a.length]![b.length]!;
}

/**
The candidate nearest to a mistyped word, when one is near enough to be what was meant: at most one edit for a
short word, two from six letters on. Ties go to the earlier candidate.
*/
export function nearest(word: string, candidates: readonly string[]): string | undefined {
	let best: {candidate: string; distance: number} | undefined;
	for (const candidate of candidates) {
		const distance = editDistance(word.toLowerCase(), candidate);
		const allowed = candidate.length >= 6 ? 2 : 1;
		if (distance <= allowed && (best === undefined || distance < best.distance)) {
			best = {candidate, distance};
		}
	}

	return best?.candidate;
}
