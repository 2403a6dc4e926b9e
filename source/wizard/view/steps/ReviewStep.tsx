import {Box} from 'ink';
import {Prose} from '../components/Prose.js';
import {FindingList} from '../components/FindingList.js';
import {PlannedChangeView} from '../components/PlannedChangeView.js';
import type {ReviewState} from '../../model/state.js';

export type Props = {
	/** The plan, and how far the write has got. */
	readonly review: ReviewState;
	/** The user chose to write although the probe found the gateway unusable. */
	readonly unusable: boolean;
	/** The rows the diff may take, and how far it is scrolled. */
	readonly rows: number;
	readonly offset: number;
	/** The terminal's width: a diff line wraps in its column. */
	readonly columns: number;
};

/** The exact change, as a diff with secrets masked; nothing is written before Enter. */
export function ReviewStep({review, unusable, rows, offset, columns}: Props) {
	let body;
	switch (review.status) {
		case 'idle':
		case 'planning': {
			body = <Prose>Working out the change…</Prose>;
			break;
		}

		case 'plan-failed': {
			body = <FindingList findings={[review.finding]}/>;
			break;
		}

		case 'writing': {
			body = <Prose>Writing…</Prose>;
			break;
		}

		default: {
			body = (
				<Box flexDirection="column">
					<PlannedChangeView change={review.change} rows={rows} offset={offset} columns={columns}/>
					{review.status === 'write-failed' ? <FindingList findings={[review.finding]}/> : null}
				</Box>
			);
		}
	}

	return (
		<Box flexDirection="column">
			{body}
			{unusable ? <Prose color="red">The probe found the gateway not usable; you chose to write it anyway.</Prose> : null}
		</Box>
	);
}
