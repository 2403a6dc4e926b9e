import {Text} from 'ink';
import {useEffect, useState} from 'react';
import {Prose} from './Prose.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export type Props = {
	/** Date.now() when the work began; not known yet, now. */
	readonly since: number | undefined;
	/** What is under way, such as "Probing http://…". */
	readonly label: string;
};

/** A spinner, the label, and the seconds gone since `since`, redrawn ten times a second. */
export function Spinner({since, label}: Props) {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => {
			setNow(Date.now());
		}, 100);
		return () => {
			clearInterval(timer);
		};
	}, []);
	const elapsed = Math.max(now - (since ?? now), 0);
	return <Prose><Text color="cyan">{frames[Math.floor(elapsed / 100) % frames.length]}</Text> {label} {(elapsed / 1000).toFixed(1)} s</Prose>;
}
