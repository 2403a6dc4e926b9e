import {readFileSync} from 'node:fs';
import net from 'node:net';

/** The ports the kernel hands out for listen(0) and outgoing connections (Linux's default when unreadable). */
function ephemeralRange(): [number, number] {
	try {
		const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
		if (Number.isInteger(low) && Number.isInteger(high)) {
			return [low!, high!];
		}
	} catch {}

	return [32_768, 60_999];
}

async function canListen(port: number): Promise<boolean> {
	const server = net.createServer();
	const listening = await new Promise<boolean>(resolve => {
		server.once('error', () => {
			resolve(false);
		});
		server.listen(port, '127.0.0.1', () => {
			resolve(true);
		});
	});
	if (listening) {
		await new Promise<void>(resolve => {
			server.close(() => {
				resolve();
			});
		});
	}

	return listening;
}

/**
A free loopback port, for a gateway that picks no port of its own or for a port where nothing listens, chosen below the kernel's ephemeral range: a port
from listen(0) could be handed to another test's server (test files run side by side) in the second the gateway
takes to start, and then the test would talk to that server instead.
*/
export async function freePort(): Promise<number> {
	const [low] = ephemeralRange();
	const first = 10_000;
	const last = Math.max(first + 1000, low - 1);
	for (;;) {
		const port = first + Math.floor(Math.random() * (last - first));
		// Tried one after another: a taken port is rare, and each try is a listen.
		if (await canListen(port)) { // eslint-disable-line no-await-in-loop
			return port;
		}
	}
}
