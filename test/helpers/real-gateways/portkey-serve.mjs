/*
What Portkey's gateway gets for `@hono/node-server`: the copy named by CCGATE_HONO_NODE_SERVER (the pinned
1.12.2 by default, or the aliased newer one whose streaming breaks Portkey), listening on 127.0.0.1 only.
*/
const {serve: honoServe} = await import(process.env.CCGATE_HONO_NODE_SERVER ?? '@hono/node-server');

export function serve(options, listener) {
	return honoServe({...options, hostname: '127.0.0.1'}, listener);
}
