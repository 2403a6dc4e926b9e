/** A row of a diff as drawn, and the line of the diff it is part of (whose mark colours it). */
export type DiffRow = {readonly text: string; readonly line: string};

/**
A diff's lines as rows of this width: a line too long wraps, its further rows under its text, each after the same +,
- or space that marks the line (without colour, too, a row says which side it is on), so that a changed line is
read whole in its column: cut at the terminal's edge, a - and a + line could look the same.
*/
export function diffRows(diff: string, columns: number): DiffRow[] {
	const width = Math.max(columns, 2);
	return diff.replace(/\n$/, '').split('\n').flatMap(line => {
		const characters = [...line];
		if (characters.length <= width) {
			return [{text: line, line}];
		}

		const mark = /^[-+ ]/.test(line) && !line.startsWith('+++') && !line.startsWith('---') ? line[0]! : '';
		const marked = mark.length;
		const rows: DiffRow[] = [{text: characters.slice(0, width).join(''), line}];
		for (let start = width; start < characters.length; start += width - marked) {
			rows.push({text: mark + characters.slice(start, start + width - marked).join(''), line});
		}

		return rows;
	});
}
